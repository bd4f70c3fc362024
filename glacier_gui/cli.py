"""The command line: ``glacier-gui [scan|upload|run|status|mark|demo] [options]``; no sub-command opens the window.

Exit status: 0 all went well, 1 some unit failed, 2 bad input (one line on stderr, never a traceback).
Settings: a flag beats ``--config FILE``, which beats the saved settings, which beat the defaults.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from glacier_gui import APP_NAME, __version__
from glacier_gui.core import backup
from glacier_gui.core.lock import StatusInUse, StatusLock
from glacier_gui.core.progress import Cancelled, CancelToken, TransferProgress
from glacier_gui.core.s3.client import RemoteError, explain, make_client
from glacier_gui.core.scan import ScanResult, scan_units
from glacier_gui.core.settings import STORAGE_CLASSES, Settings, SettingsError, default_data_dir, resolve_settings
from glacier_gui.core.status import State, StatusFileError, StatusTable
from glacier_gui.core.textfmt import format_duration, format_size, format_usd, parse_size
from glacier_gui.core.upload import UploadReport

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad input: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not the usage block
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _common_options() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    g = p.add_argument_group("settings (a flag beats --config, which beats saved settings)")
    g.add_argument("--root", dest="album_root", metavar="PATH", help="album root folder (a UNC path is fine)")
    g.add_argument("--level", type=int, metavar="N", help="folder depth of a backup unit (default 2)")
    g.add_argument("--status-file", metavar="PATH", help="status.csv location (default: in the data dir)")
    g.add_argument("--bucket", metavar="NAME")
    g.add_argument("--prefix", metavar="P", help="key prefix in the bucket, e.g. backup/")
    g.add_argument("--endpoint-url", metavar="URL", help="S3-compatible endpoint (tests, other services)")
    g.add_argument("--region", metavar="R")
    g.add_argument("--profile", metavar="P", help="AWS profile from ~/.aws/config")
    g.add_argument("--storage-class", metavar="C", choices=STORAGE_CLASSES, help="default DEEP_ARCHIVE")
    g.add_argument("--concurrency", type=int, metavar="N")
    g.add_argument("--part-size", dest="part_size_mib", type=int, metavar="MIB", help="multipart part size")
    g.add_argument(
        "--pack-below",
        type=_size_arg,
        metavar="SIZE",
        help="pack files smaller than SIZE (e.g. 1MiB) into tar volumes; 0 turns it off",
    )
    g.add_argument("--dry-run", action="store_const", const=True, help="plan and report; send nothing")
    g.add_argument(
        "--allow-overwrite",
        action="store_const",
        const=True,
        help="replace objects that already exist with a different version",
    )
    g.add_argument(
        "--skip-file",
        dest="skip_files",
        action="append",
        metavar="PATTERN",
        help="file name pattern to skip (repeatable; replaces the saved list)",
    )
    g.add_argument(
        "--skip-folder",
        dest="skip_folders",
        action="append",
        metavar="PATTERN",
        help="folder name pattern to skip (repeatable; replaces the saved list)",
    )
    g.add_argument("--config", type=Path, metavar="FILE", help="JSON file of settings")
    g.add_argument("--data-dir", type=Path, metavar="DIR", help="settings, logs, journals (default: per user)")
    g.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    return p


SETTING_FLAGS = (
    "album_root",
    "level",
    "status_file",
    "bucket",
    "prefix",
    "endpoint_url",
    "region",
    "profile",
    "storage_class",
    "concurrency",
    "part_size_mib",
    "pack_below",
    "dry_run",
    "allow_overwrite",
    "skip_files",
    "skip_folders",
)


def _size_arg(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# Sub-commands added by other modules (restore, verify, estimate, ...): name -> (configure, run).
EXTRA_COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {}


def build_parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = _Parser(prog="glacier-gui", description="Back up an album to S3 Glacier Deep Archive, folder by folder.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the window on the embedded demo")
    parser.add_argument("--screenshot", type=Path, metavar="FILE", help="render the window to a PNG and exit")
    parser.add_argument("--smoke-test", action="store_true", help="check the installation and exit")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", dest="top_data_dir")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.add_parser("scan", parents=[common], help="scan the album and update status.csv")
    up = sub.add_parser("upload", parents=[common], help="upload the units in state Upload (or --unit)")
    up.add_argument("--unit", action="append", metavar="UNIT", help="a unit such as 2022/0601_運動会 (repeatable)")
    sub.add_parser("run", parents=[common], help="scan, then upload the Upload units (the original main.py)")
    st = sub.add_parser("status", parents=[common], help="print the status table")
    st.add_argument("--json", action="store_true", help="print JSON instead of a table")
    mk = sub.add_parser("mark", parents=[common], help="set units to Upload (what you did in Excel)")
    mk.add_argument("--upload", nargs="+", required=True, metavar="UNIT")
    sub.add_parser("demo", parents=[common], help="run the whole flow on a sample album and a local endpoint")
    for name, (configure, _run) in EXTRA_COMMANDS.items():
        configure(sub.add_parser(name, parents=[common]))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _register_extras()
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed as one line
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
    if args.command is None:
        return _open_window(args)
    data_dir = (args.data_dir or args.top_data_dir or default_data_dir()).expanduser()
    args.data_dir = data_dir
    from glacier_gui.core.logs import setup_logging

    setup_logging(data_dir, console_level=logging.WARNING)
    try:
        if args.command in EXTRA_COMMANDS:
            return EXTRA_COMMANDS[args.command][1](args)
        return COMMANDS[args.command](args)
    except (UsageError, SettingsError, StatusFileError, RemoteError, KeyError, ValueError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        print(f"glacier-gui: error: {message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Cancelled:
        print("glacier-gui: cancelled", file=sys.stderr)
        return EXIT_FAILED
    except StatusInUse as exc:
        print(f"glacier-gui: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("glacier-gui: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    finally:
        while _held_locks:
            _held_locks.pop().release()


def _register_extras() -> None:
    """Import optional command modules; each adds itself to EXTRA_COMMANDS."""
    import importlib

    for module in ("glacier_gui.cli_restore", "glacier_gui.cli_estimate"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise


def _open_window(args: argparse.Namespace) -> int:
    if args.smoke_test:  # checks the installation (above all the frozen exe) without a screen; see smoke.py
        from glacier_gui.smoke import run_smoke_test

        return run_smoke_test(args.top_data_dir)
    try:
        from glacier_gui.gui.app import run_app
    except ImportError as exc:
        print(f"glacier-gui: the window cannot open ({exc}); the CLI works: glacier-gui --help", file=sys.stderr)
        return EXIT_BAD_INPUT
    return int(run_app(args))


# ---- helpers ------------------------------------------------------------------------------------------
def settings_from_args(args: argparse.Namespace) -> Settings:
    overrides = {name: getattr(args, name, None) for name in SETTING_FLAGS}
    return resolve_settings(args.data_dir, args.config, overrides)


_held_locks: list[StatusLock] = []


def open_table(settings: Settings, data_dir: Path) -> StatusTable:
    """Load status.csv for writing: first take the writers' lock (released when the command ends)."""
    lock = StatusLock(settings.status_path(data_dir)).acquire()
    _held_locks.append(lock)
    return backup.open_status(settings, data_dir)


def client_for(settings: Settings) -> Any:
    return make_client(settings)


def _progress_bar(args: argparse.Namespace) -> bool:
    return not args.no_progress and sys.stderr.isatty()


class TerminalProgress:
    """Redraws one status line on stderr twice a second from a snapshot; never per chunk."""

    def __init__(self, render: Callable[[], str], enabled: bool) -> None:
        self._render = render
        self._enabled = enabled
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TerminalProgress:
        if self._enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._enabled:
            self._stop.set()
            self._thread.join()
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            sys.stderr.write("\r\033[K" + self._render()[:150])
            sys.stderr.flush()


def upload_line(progress: TransferProgress) -> str:
    s = progress.snapshot()
    width = 24
    done = int(width * s.bytes_done / s.bytes_total) if s.bytes_total else 0
    eta = s.eta_seconds
    return (
        f"[{'#' * done}{'.' * (width - done)}] {s.files_done}/{s.files_total} files "
        f"{format_size(s.bytes_done)}/{format_size(s.bytes_total)} {format_size(int(s.bytes_per_second))}/s "
        f"ETA {format_duration(eta) if eta is not None else '--'} units {s.units_done}/{s.units_total}"
    )


# ---- commands -----------------------------------------------------------------------------------------
def cmd_scan(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    _scan_and_save(args, settings, open_table(settings, args.data_dir))
    return EXIT_OK


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

    with TerminalProgress(render, _progress_bar(args)):
        return backup.scan_into(settings, table, progress=lambda p: latest.__setitem__("p", p))


def _print_scan(summary: backup.ScanSummary, table: StatusTable) -> None:
    states = ", ".join(f"{n} {s}" for s, n in sorted(summary.states.items()))
    print(f"{len(summary.scan.units)} units, {summary.files} files, {format_size(summary.size)} ({states})")
    problems = sum(1 for u in summary.scan.units if u.errors) + len(summary.scan.errors)
    if problems:
        print(f"{problems} unit(s) had unreadable files or folders: see 'glacier-gui status' and the log")
    print(f"status file: {table.path}")


def _save(table: StatusTable) -> None:
    message = backup.save_table(table)
    if message:
        print(f"glacier-gui: warning: {message}", file=sys.stderr)


def cmd_upload(
    args: argparse.Namespace,
    scan: backup.ScanSummary | None = None,
    table: StatusTable | None = None,
    settings: Settings | None = None,
) -> int:
    settings = settings or settings_from_args(args)
    table = table if table is not None else open_table(settings, args.data_dir)
    units = getattr(args, "unit", None)
    if units:
        for unit in units:
            table.require(unit)
    elif not table.units_to_upload():
        print(
            "no unit is in state Upload or Check_FileUpload: mark some with 'glacier-gui mark --upload UNIT' "
            "(or pass --unit)"
        )
        return EXIT_OK
    client = client_for(settings)
    found = _scan_for_upload(settings, table, units, scan)
    progress = TransferProgress()
    cancel = CancelToken()
    try:
        with TerminalProgress(lambda: upload_line(progress), _progress_bar(args)):
            report = backup.upload_marked(
                settings, table, args.data_dir, client, units=units, progress=progress, cancel=cancel, scan=found
            )
    except KeyboardInterrupt:
        cancel.cancel()
        raise
    return _print_upload(report)


def _scan_for_upload(
    settings: Settings, table: StatusTable, units: list[str] | None, scan: backup.ScanSummary | None
) -> ScanResult:
    """The file lists of the units about to be sent, and the estimate printed before anything goes out."""
    from glacier_gui.cli_estimate import print_plan
    from glacier_gui.core.cost import UnknownPriceError, load_prices
    from glacier_gui.core.plan import plan_upload

    wanted = units or table.units_to_upload()
    known = scan.scan.by_key() if scan is not None else {}
    missing = [u for u in wanted if u not in known]
    if missing:
        known.update(scan_units(settings.require_root(), missing, settings.level, backup.skip_rules(settings)).by_key())
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
        if r.overwrites:
            fee = format_usd(r.early_deletion_fee)
            detail += f", {r.overwrites} object(s) replaced (early-deletion fee about {fee})"
        print(f"{mark} {r.unit}: {detail}" + (f" - {r.error}" if r.error else ""))
    t = report.totals()
    prefix = "dry run: " if report.dry_run else ""
    print(
        f"{prefix}{len(report.units)} units, {len(report.failed)} failed; {verb} {t['files_uploaded']} files, "
        f"{format_size(t['bytes_uploaded'])}, {t['requests']} requests"
    )
    return EXIT_FAILED if report.failed else EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    table = open_table(settings, args.data_dir)
    summary = _scan_and_save(args, settings, table)
    return cmd_upload(args, scan=summary, table=table, settings=settings)


def cmd_status(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    table = backup.open_status(settings, args.data_dir)
    if args.json:
        print(json.dumps([vars(r) | {"status": str(r.status)} for r in table], ensure_ascii=False, indent=1))
        return EXIT_OK
    print_table(table)
    return EXIT_OK


def print_table(table: StatusTable) -> None:
    if not len(table):
        print(f"{table.path}: no units yet; run 'glacier-gui scan'")
        return
    header = f"{'status':<17}{'unit':<28}{'files':>7}{'size':>11}  {'last modified':<19} {'in S3':>7}{'S3 size':>11}"
    print(header)
    for r in table:
        size = format_size(r.local_total_size) if r.local_total_size is not None else ""
        aws = format_size(r.aws_total_size) if r.aws_total_size is not None else ""
        print(
            f"{r.status:<17}{_clip(r.unit, 27):<28}{_num(r.local_file_count):>7}{size:>11}  "
            f"{r.local_last_modified[:19]:<19} {_num(r.aws_file_count):>7}{aws:>11}"
            + (f"  ! {r.last_error}" if r.last_error else "")
        )


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_mark(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    table = open_table(settings, args.data_dir)
    changed = table.mark_upload(args.upload)
    _save(table)
    print(f"{len(changed)} unit(s) set to Upload" + (f": {', '.join(changed)}" if changed else ""))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
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
        with TerminalProgress(lambda: upload_line(progress), _progress_bar(args)):
            report = backup.upload_marked(settings, table, work, client, progress=progress, scan=found)
        code = _print_upload(report)
        print("\n$ glacier-gui status")
        print_table(table)
        classes = {o["StorageClass"] for o in client.list_objects_v2(Bucket=endpoint.bucket).get("Contents", [])}
        print(f"\nstorage classes in the bucket: {', '.join(sorted(classes))}")
    return code


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "scan": cmd_scan,
    "upload": cmd_upload,
    "run": cmd_run,
    "status": cmd_status,
    "mark": cmd_mark,
    "demo": cmd_demo,
}

__all__ = ["main", "build_parser", "EXTRA_COMMANDS", "explain"]
