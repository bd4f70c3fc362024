"""The backup commands, the original ``main.py``'s job: ``scan``, ``mark``, ``upload``, ``run``, ``status``, ``demo``.

``run`` is scan + upload in one process (what Task Scheduler starts); ``status`` only reads status.csv, every
other command takes its writers' lock first.  Before anything is sent, ``upload`` prints the estimate.  When the
window holds the lock, ``run`` hands its backup to the window and reports the window's outcome
(``core/homelink/handoff.py``).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from glacier_gui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    TerminalProgress,
    open_table,
    progress_enabled,
    read_table,
    say_paused,
    settings_from_args,
    transfer_line,
)
from glacier_gui.cli.estimate import print_plan
from glacier_gui.core.album.scan import ScanResult, scan_units
from glacier_gui.core.cost import UnknownPriceError, load_prices
from glacier_gui.core.homelink import handoff
from glacier_gui.core.homelink.link import home_link, link_line, pause_on_signals
from glacier_gui.core.ledger.status import COLUMNS, State, StatusTable
from glacier_gui.core.lock import StatusInUse, StatusLock
from glacier_gui.core.progress import CancelToken, TransferProgress
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.objects import list_objects
from glacier_gui.core.settings import Settings, default_data_dir
from glacier_gui.core.textfmt import clip, format_size, pad
from glacier_gui.core.upload import backup
from glacier_gui.core.upload.engine import UploadReport
from glacier_gui.core.upload.estimate import plan_upload

log = logging.getLogger(__name__)


# ---- arguments ------------------------------------------------------------------------------------------
def add_upload_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", action="append", metavar="UNIT", help="a unit such as 2022/0601_運動会 (repeatable)")


def add_status_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def add_mark_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--upload",
        nargs="+",
        action="extend",
        required=True,
        metavar="UNIT",
        help="the units to mark, e.g. 2022/0601_運動会 (several after one --upload, or --upload again: they add up)",
    )


# ---- scan -----------------------------------------------------------------------------------------------
def run_scan(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    table = open_table(settings, args.data_dir, held)
    _scan_and_save(args, settings, table)
    return _written(table, EXIT_OK)


def _scan_and_save(args: argparse.Namespace, settings: Settings, table: StatusTable) -> backup.ScanSummary:
    summary = _scan(args, settings, table)
    _save(table)
    _print_scan(summary, table)
    return summary


def _scan(args: argparse.Namespace, settings: Settings, table: StatusTable) -> backup.ScanSummary:
    latest: dict[str, Any] = {}

    def render() -> str:
        p = latest.get("p")
        return f"scanning: {p.folders} folders, {p.files} files, {format_size(p.bytes)}  {p.current}" if p else ""

    with TerminalProgress(render, progress_enabled(args)):
        return backup.scan_into(settings, table, progress=lambda p: latest.__setitem__("p", p))


def _print_scan(summary: backup.ScanSummary, table: StatusTable) -> None:
    states = ", ".join(f"{n} {s}" for s, n in sorted(summary.states.items()))
    print(f"{len(summary.scan.units)} units, {summary.files} files, {format_size(summary.size)} ({states})")
    problems = sum(1 for u in summary.scan.units if u.errors) + len(summary.scan.errors)
    if problems:
        print(f"{problems} unit(s) had unreadable files or folders: see 'glacier-gui status' and the log")
    warnings = summary.scan.all_warnings()
    if warnings:
        print(f"{len(warnings)} warning(s):")
        for line in warnings[:WARNINGS_SHOWN]:
            print(f"  {line}")
        if len(warnings) > WARNINGS_SHOWN:
            print(f"  ... and {len(warnings) - WARNINGS_SHOWN} more: every one is in the log")
    print(f"status file: {table.path}")


WARNINGS_SHOWN = 20  # the log has them all


def _save(table: StatusTable) -> None:
    backup.save_table(table)  # a save that cannot replace status.csv is logged (on stderr) once


def _written(table: StatusTable, code: int) -> int:
    """*code*, or exit status 1 when status.csv itself could not be written: nothing is lost (the change waits
    in a pending file, see the warning), but the file the user reads and edits is not up to date."""
    return EXIT_FAILED if table.unsaved else code


# ---- upload, run ----------------------------------------------------------------------------------------
def run_upload(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    table = open_table(settings, args.data_dir, held)
    return _written(table, _upload(args, settings, table, None))


def run_run(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    try:
        table = open_table(settings, args.data_dir, held)
    except StatusInUse as in_use:  # the window is open (02:00, Task Scheduler): it runs the backup for us
        handed = handoff.hand_off(args.data_dir, settings.status_path(args.data_dir), lambda: _lock(settings, args))
        if handed is None:  # held by something other than a window (a command in a terminal)
            raise in_use from None
        if isinstance(handed, handoff.Outcome):
            line = handoff.outcome_line(handed)
            log.info("%s", line)
            print(line)
            return EXIT_OK if handed.ok else EXIT_FAILED
        held.callback(handed.release)  # the window closed before it finished: this run goes on with its lock
        table = read_table(settings, args.data_dir)
    summary = _scan_and_save(args, settings, table)
    return _written(table, _upload(args, settings, table, summary))


def _lock(settings: Settings, args: argparse.Namespace) -> StatusLock:
    return StatusLock(settings.status_path(args.data_dir), fallback_dir=args.data_dir).acquire()


def _upload(args: argparse.Namespace, settings: Settings, table: StatusTable, scan: backup.ScanSummary | None) -> int:
    units = getattr(args, "unit", None)
    refused = [] if units else _refused_uploads(table)
    if units:
        for unit in units:
            table.require(unit)
    elif not table.units_to_upload():
        if not refused:
            print(
                "no unit is in state Upload or Check_FileUpload: mark some with 'glacier-gui mark --upload UNIT' "
                "(or pass --unit)"
            )
        return EXIT_FAILED if refused else EXIT_OK
    client = make_client(settings)
    found = _scan_for_upload(settings, table, units, scan)
    progress = TransferProgress()
    cancel = CancelToken()
    link = home_link()

    def render() -> str:
        extra = link_line(link.state())
        return transfer_line(progress) + (f"  {extra}" if extra else "")

    try:
        with (
            pause_on_signals(link, functools.partial(say_paused, what="sent")),
            TerminalProgress(render, progress_enabled(args)),
        ):
            report = backup.upload_marked(
                settings, table, args.data_dir, client, units=units, progress=progress, cancel=cancel, scan=found
            )
    except KeyboardInterrupt:
        cancel.cancel()
        raise
    code = _print_upload(report)
    return EXIT_FAILED if refused else code


def _refused_uploads(table: StatusTable) -> list[str]:
    """Rows marked for upload whose unit is refused: said again (the load logged them), they fail the run."""
    marked = {State.UPLOAD, State.CHECK_FILE_UPLOAD}
    rows = [r for r in table.refused_rows() if r.raw is not None and r.raw.get("status", "").strip() in marked]
    for row in rows:
        if row.damaged:  # the message names the line and the likely cause
            print(f"FAIL {row.unit}: not uploaded: {row.refused}")
        else:
            print(f"FAIL {row.unit}: not uploaded: it is not a folder inside the album (status.csv row left as it is)")
    return [r.unit for r in rows]


def _scan_for_upload(
    settings: Settings, table: StatusTable, units: list[str] | None, scan: backup.ScanSummary | None
) -> ScanResult:
    """The file lists of the units about to be sent, and the estimate printed before anything goes out."""
    wanted = units or table.units_to_upload()
    known = scan.scan.by_key() if scan is not None else {}
    missing = [u for u in wanted if u not in known]
    if missing:
        known.update(
            scan_units(
                backup.readable_root(settings, table), missing, settings.level, backup.skip_rules(settings)
            ).by_key()
        )
    result = ScanResult([known[u] for u in wanted], [])
    try:
        print_plan(
            plan_upload(
                result.units,
                load_prices(),
                settings.effective_region,
                settings.storage_class,
                settings.part_size,
                settings.pack_below,
                thumbnail_class=settings.thumbnail_target,
            )
        )
    except (UnknownPriceError, OSError, ValueError) as exc:
        log.info("no estimate: %s", exc)
    return result


def _print_upload(report: UploadReport) -> int:
    verb = "would upload" if report.dry_run else "uploaded"
    for r in report.units:
        mark = "OK  " if r.ok else "FAIL"
        detail = f"{verb} {r.files_uploaded} files ({format_size(r.bytes_uploaded)}), {r.requests} requests"
        if r.files_skipped:
            detail += f", {r.files_skipped} already in S3"
        if r.parts_resumed:
            detail += f", {r.parts_resumed} parts resumed"
        if r.volumes:
            detail += f", packed into {r.volumes} tar volume(s)"
        for warning in r.warnings:
            detail += f" (warning: {warning})"
        if r.versions:
            detail += f", {r.versions} changed file(s) kept beside the older version (.versions/)"
        print(f"{mark} {r.unit}: {detail}" + (f" - {r.error}" if r.error else ""))
    t = report.totals()
    prefix = "dry run: " if report.dry_run else ""
    print(
        f"{prefix}{len(report.units)} units, {len(report.failed)} failed; {verb} {t['files_uploaded']} files, "
        f"{format_size(t['bytes_uploaded'])}, {t['requests']} requests"
    )
    return EXIT_FAILED if report.failed else EXIT_OK


# ---- status, mark ---------------------------------------------------------------------------------------
def run_status(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    table = read_table(settings, args.data_dir)  # reading needs no lock
    if args.json:
        rows = [{c: getattr(r, c) for c in COLUMNS} | {"status": str(r.status), "refused": r.refused} for r in table]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    print_table(table)
    return EXIT_OK


UNIT_COLUMN = 28  # terminal columns, not characters: 運 takes two


def print_table(table: StatusTable) -> None:
    if not len(table):
        print(f"{table.path}: no units yet; run 'glacier-gui scan'")
        return
    print(
        f"{'status':<17}{'unit':<{UNIT_COLUMN}}{'files':>7}{'size':>11}  {'last modified':<19} "
        f"{'in S3':>7}{'S3 size':>11}"
    )
    for r in table:
        size = format_size(r.local_total_size) if r.local_total_size is not None else ""
        aws = format_size(r.aws_total_size) if r.aws_total_size is not None else ""
        print(
            f"{r.status:<17}{pad(clip(r.unit, UNIT_COLUMN - 1), UNIT_COLUMN)}{_num(r.local_file_count):>7}"
            f"{size:>11}  {r.local_last_modified[:19]:<19} {_num(r.aws_file_count):>7}{aws:>11}"
            + (f"  ! {r.last_error}" if r.last_error else "")
        )


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def run_mark(args: argparse.Namespace, held: ExitStack) -> int:
    settings = settings_from_args(args)
    table = open_table(settings, args.data_dir, held)
    changed = table.mark_upload(args.upload)
    _save(table)
    print(f"{len(changed)} unit(s) set to Upload" + (f": {', '.join(changed)}" if changed else ""))
    return _written(table, EXIT_OK)


# ---- demo -----------------------------------------------------------------------------------------------
def run_demo(args: argparse.Namespace, held: ExitStack) -> int:
    # moto (the local endpoint) is heavy to import: only the demo needs it.
    from glacier_gui.core.demo import DEMO_CREDENTIALS, demo_endpoint, demo_settings, make_sample_album

    explicit = args.data_dir if args.data_dir != default_data_dir() else None
    work = Path(explicit or tempfile.mkdtemp(prefix="glacier_gui_demo_"))
    album = make_sample_album(work)
    print(f"demo album: {album}")
    with demo_endpoint() as endpoint:
        settings = demo_settings(album, endpoint, work)
        print(f"local S3 endpoint: {endpoint.url} (bucket {endpoint.bucket}, nothing leaves this machine)")
        table = backup.open_status(settings, work)
        print("\n$ glacier-gui scan")
        summary = backup.scan_into(settings, table)
        _save(table)
        _print_scan(summary, table)
        print("\n$ glacier-gui mark --upload <every Check unit>")
        changed = table.mark_upload(table.units_in(State.CHECK, State.CHECK_FILE_UPLOAD))
        _save(table)
        print(f"{len(changed)} unit(s) set to Upload")
        print("\n$ glacier-gui upload")
        client = make_client(settings, credentials=DEMO_CREDENTIALS)
        found = _scan_for_upload(settings, table, None, summary)
        progress = TransferProgress()
        with TerminalProgress(lambda: transfer_line(progress), progress_enabled(args)):
            report = backup.upload_marked(settings, table, work, client, progress=progress, scan=found)
        code = _print_upload(report)
        print("\n$ glacier-gui status")
        print_table(table)
        classes = {o.storage_class for o in list_objects(client, endpoint.bucket, "")}
        print(f"\nstorage classes in the bucket: {', '.join(sorted(classes))}")
    return code
