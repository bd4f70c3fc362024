"""status.csv: one row per unit, the original script's columns first, then ours.

Read with pandas as text (UTF-8, UTF-8 with BOM, or Excel's cp932), kept in memory as :class:`StatusRow`
objects, written back as UTF-8 with BOM so Excel shows Japanese.  Saves are atomic (core/atomic.py: temp
file, fsync, ``os.replace``) and keep the previous file as ``status.csv.bak``.  When the file is locked (open
in Excel), the change goes to ``status.csv.pending`` and :class:`StatusLockedError` says so; the next load
picks it up.

Rows are keyed by the unit's path relative to the album root (our ``unit`` column), so a new NAS address
does not reset every row.  A file written by the original script has no ``unit`` column: it is derived from
``local_path``.
"""

from __future__ import annotations

import csv
import enum
import io
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING

from glacier_gui.core.atomic import atomic_write
from glacier_gui.core.clock import format_time, parse_time
from glacier_gui.core.scan import ROOT_UNIT, ScanResult, Unit

if TYPE_CHECKING:
    import pandas as pd  # imported when a file is read or written: it costs 0.2 s at start-up


class State(enum.StrEnum):
    """The five states of the original script."""

    CHECK = "Check"  # new, or the local folder changed since it was last synchronized
    CHECK_NOT_EXISTS = "Check_NotExists"  # the local folder is gone
    CHECK_FILE_UPLOAD = "Check_FileUpload"  # an upload stopped part-way: upload again to resume
    UPLOAD = "Upload"  # the user wants it uploaded
    SYNCHRONIZED = "Synchronized"  # uploaded and verified from S3's listing


ORIGINAL_COLUMNS = (
    "status",
    "local_path",
    "local_file_count",
    "local_total_size",
    "local_last_modified",
    "sync_start",
    "sync_end",
    "aws_arn",
    "aws_file_count",
    "aws_total_size",
)
EXTRA_COLUMNS = ("unit", "previous_status", "storage_class", "last_error")
COLUMNS = ORIGINAL_COLUMNS + EXTRA_COLUMNS


class StatusFileError(Exception):
    """status.csv cannot be read as a status table; the message says why and where."""


class StatusLockedError(StatusFileError):
    """status.csv could not be replaced (typically open in Excel); the change is in the pending file."""


@dataclass
class StatusRow:
    """One row of status.csv.  Counts are ints (None when empty), times are the original's text format."""

    status: str = State.CHECK
    local_path: str = ""
    local_file_count: int | None = None
    local_total_size: int | None = None
    local_last_modified: str = ""
    sync_start: str = ""
    sync_end: str = ""
    aws_arn: str = ""
    aws_file_count: int | None = None
    aws_total_size: int | None = None
    unit: str = ""
    previous_status: str = ""
    storage_class: str = ""
    last_error: str = ""

    def set_status(self, state: State, error: str = "") -> None:
        """Change state, remembering the previous one (unticking Upload restores it)."""
        if self.status != state:
            self.previous_status = self.status
            self.status = state
        self.last_error = error

    def matches_local(self, unit: Unit) -> bool:
        """True when count, size and last-modified equal what this row recorded for the folder."""
        if self.local_file_count != unit.file_count or self.local_total_size != unit.total_size:
            return False
        return _same_time(self.local_last_modified, unit.last_modified)


_INT_COLUMNS = {"local_file_count", "local_total_size", "aws_file_count", "aws_total_size"}


def _same_time(recorded: str, actual: datetime | None) -> bool:
    """Compare at the precision the file kept: Excel rewrites times without seconds or microseconds."""
    if actual is None:
        return recorded == ""
    old = parse_time(recorded)
    if old is None:
        return False
    if old.second == 0 and old.microsecond == 0 and ":" in recorded and recorded.count(":") == 1:
        return old == actual.replace(second=0, microsecond=0)
    if old.microsecond == 0 and "." not in recorded:
        return old == actual.replace(microsecond=0)
    return old == actual


def unit_from_local_path(local_path: str, album_root: str, level: int) -> str:
    """Derive the unit key of a row written by the original script (``test\\a`` under root ``test`` -> ``a``)."""
    parts = [p for p in PureWindowsPath(local_path.replace("/", "\\")).parts if p not in ("\\",)]
    root_parts = [p for p in PureWindowsPath(album_root.replace("/", "\\")).parts if p != "\\"] if album_root else []
    lowered = [p.lower() for p in parts]
    if root_parts and lowered[: len(root_parts)] == [p.lower() for p in root_parts]:
        rest = parts[len(root_parts) :]
    elif root_parts and root_parts[-1].lower() in lowered:
        rest = parts[lowered.index(root_parts[-1].lower()) + 1 :]
    else:
        rest = parts[-level:] if level else parts
    return "/".join(rest) or ROOT_UNIT


class StatusTable:
    """The in-memory status table.  Thread-safe for one writer; the GUI model reads rows by index."""

    def __init__(self, path: Path, rows: Iterable[StatusRow] = ()) -> None:
        self.path = path
        self.rows: list[StatusRow] = list(rows)
        self.lock = threading.RLock()
        self._index = {r.unit: i for i, r in enumerate(self.rows)}

    # ---- access -------------------------------------------------------------------------------------
    def __iter__(self) -> Iterator[StatusRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def get(self, unit: str) -> StatusRow | None:
        i = self._index.get(unit)
        return self.rows[i] if i is not None else None

    def index_of(self, unit: str) -> int | None:
        return self._index.get(unit)

    def require(self, unit: str) -> StatusRow:
        row = self.get(unit)
        if row is None:
            known = ", ".join(r.unit for r in self.rows[:5])
            raise KeyError(f"unknown unit {unit!r} (units look like: {known or 'none yet; run scan first'})")
        return row

    def units_in(self, *states: State) -> list[str]:
        return [r.unit for r in self.rows if r.status in states]

    def units_to_upload(self) -> list[str]:
        """Units marked Upload, and those whose upload stopped part-way (Check_FileUpload): they resume."""
        return self.units_in(State.UPLOAD, State.CHECK_FILE_UPLOAD)

    # ---- changes ------------------------------------------------------------------------------------
    def merge_scan(self, scan: ScanResult, album_root: str, aws_arn_of: dict[str, str] | None = None) -> dict[str, int]:
        """Apply a scan to the table (DESIGN.md §2); returns how many rows went to each state."""
        seen = scan.by_key()
        counts: dict[str, int] = {}
        with self.lock:
            for key, unit in seen.items():
                row = self.get(key)
                if row is None:
                    row = StatusRow(status=State.CHECK, unit=key)
                    self._index[key] = len(self.rows)
                    self.rows.append(row)
                    self.record_local(row, unit, album_root)
                else:
                    self._apply_change(row, unit, album_root)
                row.last_error = (
                    "; ".join(unit.errors[:3])
                    if unit.errors
                    else (row.last_error if row.status == State.CHECK_FILE_UPLOAD else "")
                )
                counts[row.status] = counts.get(row.status, 0) + 1
            for row in self.rows:
                if row.unit not in seen and row.status != State.CHECK_NOT_EXISTS:
                    row.set_status(State.CHECK_NOT_EXISTS, "the local folder was not found in the last scan")
                    counts[row.status] = counts.get(row.status, 0) + 1
            self.rows.sort(key=lambda r: r.unit)
            self._index = {r.unit: i for i, r in enumerate(self.rows)}
        return counts

    def _apply_change(self, row: StatusRow, unit: Unit, album_root: str) -> None:
        changed = not row.matches_local(unit)
        if row.status == State.CHECK_NOT_EXISTS:
            back = State(row.previous_status) if row.previous_status in State.__members__.values() else State.CHECK
            row.set_status(State.CHECK if changed or back == State.CHECK_NOT_EXISTS else back)
        elif row.status == State.SYNCHRONIZED and changed:
            row.set_status(State.CHECK, "the local folder changed since it was synchronized")
        self.record_local(row, unit, album_root)

    @staticmethod
    def record_local(row: StatusRow, unit: Unit, album_root: str) -> None:
        row.local_path = local_path_text(album_root, unit.key)
        row.local_file_count = unit.file_count
        row.local_total_size = unit.total_size
        row.local_last_modified = format_time(unit.last_modified)

    def mark_upload(self, units: Iterable[str]) -> list[str]:
        """Set the named units to Upload (what the user did by hand in Excel); returns those changed."""
        changed = []
        with self.lock:
            for unit in units:
                row = self.require(unit)
                if row.status == State.CHECK_NOT_EXISTS:
                    raise ValueError(f"unit {unit!r} no longer exists locally and cannot be uploaded")
                if row.status != State.UPLOAD:
                    row.set_status(State.UPLOAD)
                    changed.append(unit)
        return changed

    def unmark_upload(self, unit: str) -> None:
        """Undo :meth:`mark_upload`: back to the state the row had before."""
        with self.lock:
            row = self.require(unit)
            if row.status == State.UPLOAD:
                prev = row.previous_status if row.previous_status in State.__members__.values() else State.CHECK
                row.set_status(State(prev) if prev != State.UPLOAD else State.CHECK)

    # ---- files --------------------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        import pandas as pd

        with self.lock:
            data = {c: [getattr(r, c) for r in self.rows] for c in COLUMNS}
        frame = pd.DataFrame(data, columns=list(COLUMNS))
        for col in _INT_COLUMNS:
            frame[col] = frame[col].astype("Int64")
        return frame

    def save(self) -> Path:
        """Write atomically, keeping the previous file as ``.bak``.  Raises :class:`StatusLockedError`."""
        buffer = io.StringIO()
        self.to_frame().to_csv(buffer, index=False, lineterminator="\r\n")
        payload = buffer.getvalue().encode("utf-8-sig")
        try:
            atomic_write(self.path, payload, backup=backup_path(self.path))
        except PermissionError as exc:
            atomic_write(pending_path(self.path), payload)
            raise StatusLockedError(
                f"{self.path} is open in another program (Excel?) and cannot be replaced ({exc.strerror}); "
                f"your changes are kept in {pending_path(self.path).name} and will be written when it is closed"
            ) from None
        pending = pending_path(self.path)
        if pending.exists():
            pending.unlink(missing_ok=True)
        return self.path


def pending_path(path: Path) -> Path:
    return path.with_name(path.name + ".pending")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def local_path_text(album_root: str, unit: str) -> str:
    """The unit's folder as the user knows it, with the root's own separator (``\\\\nas\\10_Album\\2022\\a``)."""
    sep = "\\" if "\\" in album_root or os.sep == "\\" else "/"
    if unit == ROOT_UNIT:
        return album_root
    return album_root.rstrip("\\/") + sep + unit.replace("/", sep)


def read_status_text(path: Path) -> str:
    """The file as text: UTF-8 (with or without BOM), else cp932 as Excel saves it on Japanese Windows."""
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StatusFileError(f"{path} is neither UTF-8 nor Shift-JIS (cp932) text")


def load_status(path: Path, album_root: str = "", level: int = 2) -> StatusTable:
    """Load status.csv (or a newer pending copy); a missing file gives an empty table."""
    pending = pending_path(path)
    source = path
    if pending.exists() and (not path.exists() or pending.stat().st_mtime >= path.stat().st_mtime):
        source = pending
    if not source.exists():
        return StatusTable(path)
    text = read_status_text(source)
    import pandas as pd

    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise StatusFileError(f"{source} is not a readable CSV table: {str(exc).splitlines()[0]}") from None
    missing = [c for c in ("status", "local_path") if c not in frame.columns]
    if missing:
        raise StatusFileError(f"{source} is not a status.csv: the column(s) {', '.join(missing)} are missing")
    rows = []
    for number, record in enumerate(frame.to_dict("records"), start=2):
        rows.append(_row_from_record(record, source, number, album_root, level))
    units = [r.unit for r in rows]
    if len(set(units)) != len(units):
        dupes = sorted({u for u in units if units.count(u) > 1})
        raise StatusFileError(f"{source} lists the unit(s) {', '.join(dupes[:3])} more than once")
    return StatusTable(path, rows)


def _row_from_record(record: dict[str, str], source: Path, line: int, album_root: str, level: int) -> StatusRow:
    values: dict[str, object] = {}
    for f in fields(StatusRow):
        text = str(record.get(f.name, "")).strip()
        if f.name in _INT_COLUMNS:
            if text == "":
                values[f.name] = None
                continue
            try:
                values[f.name] = int(float(text))
            except ValueError:
                raise StatusFileError(f"{source}, line {line}: {f.name} = {text!r} is not a number") from None
        else:
            values[f.name] = text
    status = values["status"]
    if status not in State.__members__.values():
        allowed = ", ".join(s.value for s in State)
        raise StatusFileError(f"{source}, line {line}: status {status!r} is not one of {allowed}")
    row = StatusRow(**values)  # type: ignore[arg-type]
    if not row.unit:
        row.unit = unit_from_local_path(row.local_path, album_root, level)
    return row
