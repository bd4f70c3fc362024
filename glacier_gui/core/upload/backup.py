"""The original script's jobs over the core parts: scan into status.csv, upload the marked units.

These are what the CLI's sub-commands and the GUI's workers call.  They take settings, the status table, a
progress object and a cancel token, update the table's rows and save it through its single writer (the
table's own lock), and return reports.  They never print: callers show the results.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glacier_gui.core.album.root import check_root
from glacier_gui.core.album.scan import ScanProgress, ScanResult, SkipRules, scan_album, scan_units
from glacier_gui.core.clock import format_time, utc_now
from glacier_gui.core.homelink.link import home_link
from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.status import State, StatusLockedError, StatusTable, load_status
from glacier_gui.core.progress import Cancelled, CancelToken, TransferProgress
from glacier_gui.core.s3.client import layout_for
from glacier_gui.core.s3.outage import GaveUpWaiting, OutageGate
from glacier_gui.core.s3.transfer import Transfer
from glacier_gui.core.setting_checks import parse_duration
from glacier_gui.core.settings import Settings
from glacier_gui.core.thumbs.fill import retry_pending
from glacier_gui.core.upload.engine import PreflightFailed, UnitResult, UploadOptions, UploadReport, upload_units
from glacier_gui.core.upload.plan import abort_orphan_uploads

log = logging.getLogger(__name__)


@dataclass
class ScanSummary:
    scan: ScanResult
    states: dict[str, int]  # rows per state after the merge

    @property
    def files(self) -> int:
        return sum(u.file_count for u in self.scan.units)

    @property
    def size(self) -> int:
        return sum(u.total_size for u in self.scan.units)


def skip_rules(settings: Settings) -> SkipRules:
    return SkipRules(settings.skip_files, settings.skip_folders, follow_symlinks=settings.symlinks == "follow")


def open_status(settings: Settings, data_dir: Path) -> StatusTable:
    """Load the status table named by the settings (an empty one when there is no file yet)."""
    return load_status(settings.status_path(data_dir), settings.album_root, settings.level, fallback_dir=data_dir)


def readable_root(settings: Settings, table: StatusTable) -> Path:
    """The album root, proven readable: :class:`~glacier_gui.core.album.root.RootUnreadable` when it cannot be
    listed once the table has rows (the NAS is off: nothing may change), the setting's own error for a root that
    is unset or, before any scan, not a folder (a path to correct)."""
    if settings.album_root and any(not r.refused for r in table.rows):
        root = Path(settings.album_root)
        check_root(root)
        return root
    return settings.require_root()


def scan_into(
    settings: Settings,
    table: StatusTable,
    progress: Callable[[ScanProgress], None] | None = None,
    cancel: CancelToken | None = None,
) -> ScanSummary:
    """Scan the album and merge the result into *table* (new -> Check, changed -> Check, gone -> NotExists).

    The computer is kept awake meanwhile (``keep_awake``): the first scan of a big album on a NAS takes long
    enough for the PC to fall asleep in the middle of it.  Raises
    :class:`~glacier_gui.core.album.root.RootUnreadable`, and leaves *table* as it was, when the album root cannot
    be read."""
    root = readable_root(settings, table)
    link = home_link()
    link.apply(settings)
    with link.awake("Scanning the album"):
        result = scan_album(root, settings.level, skip_rules(settings), progress, cancel)
    states = table.merge_scan(result, settings.album_root)
    for error in result.errors:
        log.warning("%s", error)
    for unit in result.units:
        for error in unit.errors[:5]:
            log.warning("%s: %s", unit.key, error)
        if unit.loose and unit.files:
            log.info("%s: %d file(s) sit above the unit level; they form their own unit", unit.key, unit.file_count)
    return ScanSummary(result, states)


def save_table(table: StatusTable) -> str | None:
    """Save; a locked file is not fatal (the change is kept in the pending file): returns the message then.

    The warning is logged once for a stretch of saves that cannot replace status.csv (an upload saves after each
    unit), again only after one succeeded; ``table.unsaved`` says whether the last one did.
    """
    said = table.unsaved
    try:
        with table.lock:
            table.save()
        return None
    except StatusLockedError as exc:
        if not said:
            log.warning("%s", exc)
        return str(exc)


def upload_marked(
    settings: Settings,
    table: StatusTable,
    data_dir: Path,
    client: Any,
    units: Iterable[str] | None = None,
    progress: TransferProgress | None = None,
    cancel: CancelToken | None = None,
    scan: ScanResult | None = None,
    on_unit_done: Callable[[UnitResult], None] | None = None,
) -> UploadReport:
    """Upload the units in state Upload or Check_FileUpload (or the named ones); record each outcome as it ends.

    A verified unit becomes Synchronized with ``aws_*`` from S3's listing; a failed or cancelled one becomes
    Check_FileUpload with the reason in ``last_error`` (the next upload resumes it).  A dry run changes no row.
    When S3 stays unreachable for longer than ``outage_wait`` (from the first request on), the units not
    finished fail with that reason: an outage is reported like any failed unit, never raised as bad input.
    Bodies go through the process's bandwidth limiter, set from *settings*; the computer is kept awake meanwhile
    (``keep_awake``), and let sleep again however the upload ends.
    """
    root = readable_root(settings, table)
    wanted = list(units) if units is not None else table.units_to_upload()
    for key in wanted:
        row = table.require(key)
        if row.status == State.CHECK_NOT_EXISTS:
            raise ValueError(f"unit {key!r} does not exist locally any more; scan first")
    if not wanted:
        return UploadReport([], settings.dry_run)
    bucket = settings.require_bucket()
    progress = progress or TransferProgress()
    cancel = cancel or CancelToken()
    outage_wait = parse_duration(settings.outage_wait)
    gate = OutageGate(outage_wait, cancel, progress.set_outage)
    transfer = Transfer(client, bucket, gate=gate)  # the run's own requests; the engine has its own
    layout = layout_for(settings)
    link = home_link()
    link.apply(settings)
    options = UploadOptions(
        bucket=bucket,
        layout=layout,
        storage_class=settings.storage_class,
        concurrency=settings.concurrency,
        part_size=settings.part_size,
        dry_run=settings.dry_run,
        allow_overwrite=settings.allow_overwrite,
        data_dir=data_dir,
        pack_below=settings.pack_below,
        region=settings.effective_region,
        outage_wait=outage_wait,
        limiter=link.limiter,
        thumbnails=settings.thumbnails,
        thumbnail_class=settings.thumbnail_class,
    )
    found = scan.by_key() if scan is not None else {}
    missing = [k for k in wanted if k not in found]
    if missing:
        found.update(scan_units(root, missing, settings.level, skip_rules(settings), cancel=cancel).by_key())
    save_lock = threading.Lock()

    def started(key: str) -> None:
        if settings.dry_run:
            return
        with table.lock:
            table.require(key).sync_start = format_time(utc_now())

    def done(result: UnitResult) -> None:
        if not settings.dry_run:
            _record_result(table, settings, found[result.unit], result, layout.aws_arn(result.unit))
            with save_lock:
                save_table(table)
        if on_unit_done is not None:
            on_unit_done(result)

    ordered = [found[k] for k in wanted]
    with contextlib.nullcontext() if settings.dry_run else link.awake(f"Uploading {len(ordered)} folder(s)"):
        try:
            report = upload_units(
                client,
                ordered,
                options,
                progress,
                cancel,
                on_unit_done=done,
                on_unit_start=started,
                gate=gate,
                preflight=None if settings.dry_run else lambda: _preflight(transfer, options),
            )
        except PreflightFailed as failed:
            if isinstance(failed.cause, GaveUpWaiting):
                return _not_started(table, wanted, str(failed.cause), on_unit_done)
            if isinstance(failed.cause, Cancelled):  # while waiting for the network
                return _not_started(table, wanted, "cancelled before it started", on_unit_done)
            raise failed.cause from None
        if not settings.dry_run:
            retry_pending(client, settings, data_dir, cancel)  # thumbnail packs earlier uploads could not send
    return report


def _preflight(transfer: Transfer, options: UploadOptions) -> None:
    """Before anything is sent (the engine plans the first units meanwhile): the bucket can be used, and the
    multipart uploads under the album's prefixes that no journal owns (their CreateMultipartUpload answer was
    lost) are aborted: S3 bills them until someone does, and nothing else would.  The orphan listing goes out
    beside the bucket check."""
    with ThreadPoolExecutor(1, "orphans") as pool:
        orphans = pool.submit(_abort_orphans, transfer, options)
        transfer.check_bucket()
        orphans.result()


def _abort_orphans(transfer: Transfer, options: UploadOptions) -> None:
    with contextlib.suppress(GaveUpWaiting, Cancelled):  # then every unit fails with that reason at once
        abort_orphan_uploads(transfer, options)


def _not_started(
    table: StatusTable, wanted: list[str], reason: str, on_unit_done: Callable[[UnitResult], None] | None
) -> UploadReport:
    """S3 was never reached (or the user stopped the wait): every wanted unit stays to upload (Check_FileUpload)
    with the reason."""
    results = [UnitResult(key, error=reason) for key in wanted]
    with table.lock:
        for result in results:
            table.require(result.unit).set_status(State.CHECK_FILE_UPLOAD, reason)
    save_table(table)
    for result in results:
        if on_unit_done is not None:
            on_unit_done(result)
    return UploadReport(results, dry_run=False)


def _record_result(table: StatusTable, settings: Settings, unit: Any, result: UnitResult, aws_arn: str) -> None:
    with table.lock:
        row = table.require(result.unit)
        if result.ok:
            row.set_status(State.SYNCHRONIZED)
            row.sync_end = format_time(utc_now())
            row.aws_arn = aws_arn
            row.set_count("aws_file_count", result.aws_file_count)
            row.set_count("aws_total_size", result.aws_total_size)
            row.storage_class = settings.storage_class
            table.record_local(row, unit, settings.album_root)
        else:
            row.set_status(State.CHECK_FILE_UPLOAD, result.error or msg("upload did not finish"))
            if result.aws_file_count is not None:
                row.set_count("aws_file_count", result.aws_file_count)
