"""Rebuild a lost status.csv from the bucket: one Synchronized row per unit that has a manifest.

The manifests (STANDARD class, under ``<prefix>.glacier_gui/<root>/manifests/``) say which units were
uploaded and when; ``aws_file_count``/``aws_total_size`` come from listing each unit's prefix, exactly as the
upload's own verification counts them.  When the album root can be read, each unit is compared with its
folder: same files (path, size, mtime) -> Synchronized, different -> Check, folder gone -> Check_NotExists;
folders with no manifest are added as Check.  With no album folder set at all (photos come back on a new PC
without the NAS) every unit is Check_NotExists: only in the backup.  An existing status.csv is only replaced
when asked (its previous version stays as ``status.csv.bak``).  A manifest key whose unit is not a folder inside
the album (``../x``: written by something else) gives no row; it is reported.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from glacier_gui.core.album.root import RootUnreadable
from glacier_gui.core.album.scan import ROOT_UNIT, ScanResult, SkipRules, Unit, scan_album
from glacier_gui.core.clock import format_time
from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.manifest import Manifest
from glacier_gui.core.ledger.status import State, StatusRow, StatusTable, local_path_text
from glacier_gui.core.paths import printable, unit_refusal
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3.albums import album_names
from glacier_gui.core.s3.client import layout_for
from glacier_gui.core.s3.errors import RemoteError
from glacier_gui.core.s3.objects import get_bytes, list_objects
from glacier_gui.core.s3.probe import list_manifest_units
from glacier_gui.core.settings import Settings, SettingsError

log = logging.getLogger(__name__)


class RebuildRefused(Exception):
    """status.csv exists and replacing it was not asked for."""


@dataclass
class RebuildReport:
    table: StatusTable
    synchronized: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # uploaded, but the local folder differs now
    missing_local: list[str] = field(default_factory=list)  # uploaded, local folder gone
    new_local: list[str] = field(default_factory=list)  # local folders never uploaded
    refused: list[str] = field(default_factory=list)  # manifest keys naming no folder inside the album: no row
    local_checked: bool = False  # the album root could be read


def rebuild_status(
    client: Any,
    settings: Settings,
    data_dir: Path,
    force: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    cancel: CancelToken | None = None,
) -> RebuildReport:
    """Rebuild and save status.csv; raises :class:`RebuildRefused` if it exists and *force* is not set."""
    path = settings.status_path(data_dir)
    if path.exists() and not force:
        raise RebuildRefused(
            msg(
                "{path} exists; rebuild-status replaces it only with --force "
                "(the current file is then kept as status.csv.bak)",
                path=str(path),
            )
        )
    bucket = settings.require_bucket()
    layout = layout_for(settings)
    named = list_manifest_units(client, bucket, layout)
    refused = [f"{printable(u)}: {why}" for u in named if (why := unit_refusal(u))]
    units = [u for u in named if not unit_refusal(u)]
    for line in refused:
        log.warning("%s", msg("rebuild-status: manifest of unit {line}; no row for it", line=line))
    if not units:
        raise RemoteError(no_album_text(client, bucket, settings))
    scan = _scan_if_reachable(settings, cancel)
    local = scan.by_key() if scan is not None else {}
    # No album folder at all (photos come back on a new PC without the NAS): every unit is only in the backup.
    checked = scan is not None or not settings.album_root
    report = RebuildReport(StatusTable(path), local_checked=checked, refused=refused)
    rows = []
    for n, unit in enumerate(units, start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        manifest = Manifest.from_json(get_bytes(client, bucket, layout.manifest_key(unit)))
        loose = unit == ROOT_UNIT or unit.count("/") + 1 < settings.level
        listed = list(list_objects(client, bucket, layout.unit_prefix(unit), recursive=not loose))
        # The unit is the key's, checked above: the manifest's own text is not trusted for a path.
        row = _row_from_manifest(
            settings, unit, manifest, layout.aws_arn(unit), len(listed), sum(o.size for o in listed)
        )
        _compare_local(row, manifest, local.get(unit), checked, settings, report)
        rows.append(row)
        if progress is not None:
            progress(unit, n, len(units))
    for key, folder in local.items():
        if key not in units:
            row = StatusRow(status=State.CHECK, unit=key)
            StatusTable.record_local(row, folder, settings.album_root)
            rows.append(row)
            report.new_local.append(key)
    report.table = StatusTable(path, sorted(rows, key=lambda r: r.unit), fallback_dir=data_dir)  # and its record
    with report.table.lock:
        report.table.save()
    return report


def no_album_text(client: Any, bucket: str, settings: Settings) -> str:
    """Why nothing can be rebuilt for the album named in *settings*, naming the albums the bucket does hold."""
    name = settings.root_name
    try:
        held = album_names(client, bucket, settings.prefix)
    except RemoteError:
        held = []
    if not held:
        return msg(
            "bucket {bucket} holds no album backed up by this app (key prefix {prefix!r})",
            bucket=bucket,
            prefix=settings.prefix,
        )
    return msg(
        "bucket {bucket} holds no album named {name!r}; it holds: {held}. Choose one of them as the album name "
        "in the backup (rebuild-status --album NAME)",
        bucket=bucket,
        name=name,
        held=", ".join(held),
    )


def _scan_if_reachable(settings: Settings, cancel: CancelToken | None) -> ScanResult | None:
    if not settings.album_root:
        return None
    try:
        root = settings.require_root()
    except SettingsError as exc:
        log.info("rebuild-status: album root not readable (%s); local columns stay empty", exc)
        return None
    try:
        return scan_album(root, settings.level, SkipRules(settings.skip_files, settings.skip_folders), cancel=cancel)
    except RootUnreadable as exc:
        log.info("rebuild-status: %s; local columns stay empty", exc)
        return None


def _row_from_manifest(
    settings: Settings, unit: str, manifest: Manifest, aws_arn: str, count: int, size: int
) -> StatusRow:
    classes = Counter(f.storage_class for f in manifest.files.values() if f.storage_class)
    uploaded = sorted(f.uploaded for f in manifest.files.values() if f.uploaded)
    return StatusRow(
        status=State.SYNCHRONIZED,
        unit=unit,
        aws_arn=aws_arn,
        aws_file_count=count,
        aws_total_size=size,
        local_path=local_path_text(settings.album_root, unit) if settings.album_root else "",
        storage_class=classes.most_common(1)[0][0] if classes else "",
        sync_start=_local_time(uploaded[0]) if uploaded else "",
        sync_end=_local_time(manifest.updated or (uploaded[-1] if uploaded else "")),
    )


def _compare_local(
    row: StatusRow, manifest: Manifest, folder: Unit | None, checked: bool, settings: Settings, report: RebuildReport
) -> None:
    if not checked:
        report.synchronized.append(row.unit)
        return
    if folder is None:
        row.set_status(State.CHECK_NOT_EXISTS, msg("only in the backup: no folder on this computer"))
        report.missing_local.append(row.unit)
        return
    StatusTable.record_local(row, folder, settings.album_root)
    here = {(f.rel, f.size, f.mtime) for f in folder.files}
    there = {(f.path, f.size, f.mtime) for f in manifest.files.values()}
    if here == there:
        report.synchronized.append(row.unit)
        return
    row.set_status(
        State.CHECK,
        msg(
            "the local folder differs from the backup ({new} new or changed, {old} only in the backup)",
            new=len(here - there),
            old=len(there - here),
        ),
    )
    report.changed.append(row.unit)


def _local_time(iso_utc: str) -> str:
    """The manifest's UTC time as the original writes times (local, ``2022-05-09 23:20:12.345128``)."""
    try:
        return format_time(datetime.fromisoformat(iso_utc).astimezone().replace(tzinfo=None))
    except ValueError:
        return ""
