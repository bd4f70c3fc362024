"""status.csv: one row per unit, the original script's columns first, then ours.

Read as text in any encoding Excel writes (core/ledger/status_file.py, which also refuses a file cut short), kept in
memory as :class:`StatusRow` objects, written back as UTF-8 with BOM so Excel shows Japanese.  Saves are
atomic (core/atomic.py: temp file, fsync, ``os.replace``) and keep the previous file as ``status.csv.bak``.
When the file cannot be replaced (open in Excel, or its folder is read-only), the change goes to
``status.csv.pending`` beside it, or else to a pending file in the data folder, and
:class:`StatusLockedError` says where; the next load picks it up.

A row whose unit is not a folder inside the album (``../outside``, an absolute path: a hand edit gone wrong,
or worse) is *refused*: reported with its line and text, kept in memory as ``Check_NotExists`` so nothing
acts on it, never uploaded, and written back exactly as it was read.

status.csv is the user's view: the app keeps its own exact record of every row in the data folder
(core/ledger/record.py), written with every save.  Reading takes ``status`` from status.csv and every other
cell from the record while the cell still shows the recorded value (core/ledger/status_row.py), so a time or a
size a spreadsheet rounded never becomes a false change.  A row whose unit matches no folder and no record,
and looks like a spreadsheet broke it (a formula's value, ``?`` for a lost character), is refused with its
line and the likely cause; the unit's own row comes back from the record, and a scan drops the broken one.

Rows are keyed by the unit's path relative to the album root (our ``unit`` column), so a new NAS address
does not reset every row.  A file written by the original script has no ``unit`` column: it is derived from
``local_path``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from glacier_gui.core.album.scan import ROOT_UNIT, ScanResult, Unit
from glacier_gui.core.atomic import atomic_write
from glacier_gui.core.clock import format_time
from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.cells import broken_name_of, damage_cause
from glacier_gui.core.ledger.record import UnitRecord, Values, load_record, record_path, save_record
from glacier_gui.core.ledger.status_file import Record, check_status_path, encode_rows, read_records
from glacier_gui.core.ledger.status_file import (
    StatusFileError as StatusFileError,  # raised by load_status; home: status_file
)
from glacier_gui.core.ledger.status_row import COLUMNS as COLUMNS
from glacier_gui.core.ledger.status_row import EXTRA_COLUMNS as EXTRA_COLUMNS
from glacier_gui.core.ledger.status_row import (
    INT_COLUMNS,
    RECORD_COLUMNS,
    damaged_message,
    refused_row,
    row_from_exact,
    row_from_record,
)
from glacier_gui.core.ledger.status_row import ORIGINAL_COLUMNS as ORIGINAL_COLUMNS
from glacier_gui.core.ledger.status_row import State as State
from glacier_gui.core.ledger.status_row import StatusRow as StatusRow
from glacier_gui.core.ledger.status_row import unit_from_local_path as unit_from_local_path
from glacier_gui.core.paths import (
    PathRefused,
    check_unit,
    describe_os_error,
    display,
    printable,
    stand_in,
    unit_refusal,
)

if TYPE_CHECKING:
    import pandas as pd  # imported only by to_frame: it costs 0.2 s at start-up

log = logging.getLogger(__name__)


class UnknownUnit(KeyError):
    """A unit named on the command line or by the window is not in status.csv (bad input)."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


class StatusLockedError(StatusFileError):
    """status.csv could not be replaced (typically open in Excel); the change is in the pending file."""


class StatusTable:
    """The in-memory status table.  Thread-safe for one writer; the GUI model reads rows by index."""

    def __init__(self, path: Path, rows: Iterable[StatusRow] = (), fallback_dir: Path | None = None) -> None:
        self.path = path
        self.fallback_dir = fallback_dir  # the data folder: pending changes go there when path's folder is read-only
        self.rows: list[StatusRow] = list(rows)
        self.lock = threading.RLock()
        self._index = {r.unit: i for i, r in enumerate(self.rows)}
        self.unsaved = ""  # why the last save went to a pending file instead of status.csv ("": it did not)
        # the app's exact record of every row (core/ledger/record.py): in the data folder, when there is one
        self.record_path = record_path(path, fallback_dir) if fallback_dir is not None else None

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
        """The row of *unit*: KeyError when there is none, :class:`PathRefused` when it is refused."""
        row = self.get(unit)
        if row is None:
            known = ", ".join(r.unit for r in self.rows[:5] if not r.refused)
            raise UnknownUnit(f"unknown unit {unit!r} (units look like: {known or 'none yet; run scan first'})")
        if row.refused:
            raise PathRefused(row.refused)
        return row

    def units_in(self, *states: State) -> list[str]:
        return [r.unit for r in self.rows if r.status in states and not r.refused]

    def refused_rows(self) -> list[StatusRow]:
        """Rows whose unit is not a folder inside the album: never acted on, written back as they were read."""
        return [r for r in self.rows if r.refused]

    def units_to_upload(self) -> list[str]:
        """Units marked Upload, and those whose upload stopped part-way (Check_FileUpload): they resume."""
        return self.units_in(State.UPLOAD, State.CHECK_FILE_UPLOAD)

    # ---- changes ------------------------------------------------------------------------------------
    def merge_scan(self, scan: ScanResult, album_root: str, aws_arn_of: dict[str, str] | None = None) -> dict[str, int]:
        """Apply a scan to the table (DESIGN.md §2); returns how many rows went to each state."""
        seen = scan.by_key()
        counts: dict[str, int] = {}
        with self.lock:
            self._drop_damaged(seen)
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
                if row.unit in seen or not scan.was_read(row.unit):  # below a folder it could not list: unknown
                    continue
                if row.status != State.CHECK_NOT_EXISTS and not row.refused:
                    row.set_status(State.CHECK_NOT_EXISTS, msg("the local folder was not found in the last scan"))
                    counts[row.status] = counts.get(row.status, 0) + 1
            self.rows.sort(key=lambda r: r.unit)
            self._index = {r.unit: i for i, r in enumerate(self.rows)}
        return counts

    def _drop_damaged(self, seen: dict[str, Unit]) -> None:
        """Before a merge: rows a spreadsheet broke go; one whose name can only be a folder found without a row
        of its own becomes that folder's row (compared as any other, at the precision it holds)."""
        kept = [r for r in self.rows if not r.damaged]
        keys = {r.unit for r in kept}
        for broken in self.rows:
            if not broken.damaged:
                continue
            salvage = broken.salvage
            if salvage is not None and salvage.unit in seen and salvage.unit not in keys:
                log.warning("%s", msg("{why}: taken as the row of {unit}", why=broken.refused, unit=salvage.unit))
                kept.append(salvage)
                keys.add(salvage.unit)
            else:
                log.warning("%s", msg("dropped: {why}", why=broken.refused))
        self.rows = kept
        self._index = {r.unit: i for i, r in enumerate(self.rows)}

    def _apply_change(self, row: StatusRow, unit: Unit, album_root: str) -> None:
        changed = not row.matches_local(unit)
        if row.status == State.CHECK_NOT_EXISTS:
            back = State(row.previous_status) if row.previous_status in State.__members__.values() else State.CHECK
            row.set_status(State.CHECK if changed or back == State.CHECK_NOT_EXISTS else back)
        elif row.status == State.SYNCHRONIZED and changed:
            row.set_status(State.CHECK, msg("the local folder changed since it was synchronized"))
        self.record_local(row, unit, album_root)

    @staticmethod
    def record_local(row: StatusRow, unit: Unit, album_root: str) -> None:
        row.local_path = local_path_text(album_root, unit.key)
        row.set_count("local_file_count", unit.file_count)
        row.set_count("local_total_size", unit.total_size)
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
        for col in INT_COLUMNS:
            frame[col] = frame[col].astype("Int64")
        return frame

    def to_bytes(self) -> bytes:
        """The file's bytes (UTF-8 with BOM); refused rows exactly as they were read."""
        with self.lock:
            return encode_rows(COLUMNS, [r.cells() for r in self.rows])

    def save(self) -> Path:
        """Write atomically, keeping the previous file as ``.bak``.

        When status.csv cannot be replaced (PermissionError: open in Excel, or its folder is read-only), the
        change is kept in a pending file, beside it or else in the data folder (*fallback_dir*), and
        :class:`StatusLockedError` says where (:attr:`unsaved` keeps that until a save succeeds).  Any other
        failure, or no place for the pending file, raises the OSError; the previous file is intact either way.
        """
        payload = self.to_bytes()
        try:
            atomic_write(self.path, payload, backup=backup_path(self.path))
        except PermissionError as exc:
            kept = self._keep_pending(payload, exc)
            self._save_record(payload)
            if kept.parent == self.path.parent:
                why = msg(
                    "{path} is open in another program (Excel?) and cannot be replaced ({reason})",
                    path=display(self.path),
                    reason=exc.strerror,
                )
            else:
                why = msg("{path} cannot be written: {reason}", path=display(self.path), reason=describe_os_error(exc))
            self.unsaved = msg(
                "{why}; your changes are kept in {kept} and will be written when it can be",
                why=why,
                kept=kept.name if kept.parent == self.path.parent else display(kept),
            )
            raise StatusLockedError(self.unsaved) from None
        self.unsaved = ""
        self._save_record(payload)
        for pending in self.pending_paths():
            if pending.exists():
                pending.unlink(missing_ok=True)
        return self.path

    def _save_record(self, payload: bytes) -> None:
        """The exact record of the rows just saved (refused rows are not the app's: they are left out)."""
        if self.record_path is not None:
            with self.lock:
                units = {r.unit: r.exact_values() for r in self.rows if not r.refused}
            save_record(self.record_path, RECORD_COLUMNS, units, payload)

    def pending_paths(self) -> list[Path]:
        """Where a change that could not be saved waits: beside status.csv, else in the data folder."""
        beside = pending_path(self.path)
        if self.fallback_dir is None:
            return [beside]
        return [beside, stand_in(self.path, self.fallback_dir, ".pending")]

    def _keep_pending(self, payload: bytes, first: OSError) -> Path:
        for place in self.pending_paths():
            try:
                atomic_write(place, payload)
                return place
            except OSError as exc:
                log.info("cannot keep the pending change in %s: %s", display(place), describe_os_error(exc))
        raise first


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


def load_status(path: Path, album_root: str = "", level: int = 2, fallback_dir: Path | None = None) -> StatusTable:
    """Load status.csv (or a newer pending copy); a missing file gives an empty table.

    Raises :class:`StatusFileError` for a file that cannot be read as a status table (it is never saved over
    then) or for a path that cannot be a file (:func:`check_status_path`), and what the OS raises when the file
    cannot be opened at all.  Refused rows are logged.
    """
    check_status_path(path)
    table = StatusTable(path, fallback_dir=fallback_dir)
    source = _newest(path, table.pending_paths())
    if source is None:
        return table
    record = load_record(table.record_path) if table.record_path is not None else None
    # The file exactly as the app saved it: its cells are the exact values already, nothing to reconcile.
    untouched = record is not None and record.matches(source.read_bytes())
    exact = record.units if record is not None and not untouched else {}
    read = [(r, _row_from_line(r, source, album_root, level, exact)) for r in read_records(source)]
    rows = _refuse_damaged(read, source, album_root, record)
    units = [r.unit for r in rows if not r.refused]
    if len(set(units)) != len(units):
        dupes = sorted({u for u in units if units.count(u) > 1})
        raise StatusFileError(f"{display(source)} lists the unit(s) {', '.join(dupes[:3])} more than once")
    for row in rows:
        if row.refused:
            log.warning("%s", row.refused)
    return StatusTable(path, rows, fallback_dir)


def _newest(path: Path, pendings: list[Path]) -> Path | None:
    """status.csv, or a pending copy saved after it (the newest one); None when there is neither."""
    best = path if path.exists() else None
    for pending in pendings:
        if pending.exists() and (best is None or pending.stat().st_mtime >= best.stat().st_mtime):
            best = pending
    return best


def _row_from_line(record: Record, source: Path, album_root: str, level: int, exact: dict[str, Values]) -> StatusRow:
    unit = record.get("unit", "").strip() or unit_from_local_path(record.get("local_path", ""), album_root, level)
    why = unit_refusal(unit)
    if why:
        refused = msg(
            "{path}, line {line}: unit {unit!r} is not a folder inside the album ({why}); the row is left as it "
            "is and never uploaded",
            path=display(source),
            line=record.line,
            unit=printable(unit),
            why=why,
        )
        return refused_row(record, unit, refused)
    return row_from_record(record, source, unit, exact.get(unit))


def _refuse_damaged(
    read: list[tuple[Record, StatusRow]], source: Path, album_root: str, record: UnitRecord | None
) -> list[StatusRow]:
    """The rows, those a spreadsheet broke refused: a unit that matches no folder and no record, whose name
    looks like a formula's value or lost a character (any name, when the record exists and lacks it).

    Nothing is refused while the album root cannot be read (no folder can be told missing).  When some row was
    refused, the record's units left without a row get theirs back from the record: the broken row is never
    a ghost, and the unit never a duplicate.
    """
    known = record.units if record is not None else {}
    suspects = {
        id(row)
        for _, row in read
        if not row.refused and row.unit not in known and (record is not None or damage_cause(row.unit, []))
    }
    root = Path(album_root) if album_root else None
    if not suspects or root is None or not _readable(root):  # the disk is touched only for a suspect row
        return [row for _, row in read]
    keys = {row.unit for _, row in read if not row.refused}
    candidates = sorted(set(known) - keys)
    rows = []
    for line, row in read:
        if id(row) not in suspects or _folder_exists(root, row.unit):
            rows.append(row)
            continue
        around = candidates + _siblings(root, row.unit, keys)
        cause = damage_cause(row.unit, around) or msg("it may have been changed by a spreadsheet or by hand")
        refused = refused_row(line, row.unit, damaged_message(source, line.line, row.unit, cause), damaged=True)
        if (meant := broken_name_of(row.unit, around)) and meant not in known:  # else the record has its row
            row.unit, refused.salvage = meant, row
            if row.status in (State.UPLOAD, State.CHECK_FILE_UPLOAD):  # a mark on a refused line is not acted on
                row.status = State.CHECK
        rows.append(refused)
    if record is not None and any(r.damaged for r in rows):
        for key in candidates:
            log.warning("%s", msg("{unit}: its row in status.csv was broken; taken from the app's record", unit=key))
            rows.append(row_from_exact(key, known[key]))
    return rows


def _readable(root: Path) -> bool:
    try:
        with os.scandir(root):
            return True
    except OSError:
        return False


def _folder_exists(root: Path, unit: str) -> bool:
    try:
        # A name the album cannot hold (``..``) is no folder of it; one that links out is refused at the upload.
        return unit == ROOT_UNIT or root.joinpath(*check_unit(unit).split("/")).is_dir()
    except (OSError, ValueError):
        return False


def _siblings(root: Path, unit: str, keys: set[str]) -> list[str]:
    """The unit's neighbours on disk that have no row: what a broken name may have been."""
    parent = unit.rsplit("/", 1)[0] if "/" in unit else ""
    try:
        folder = root.joinpath(*check_unit(parent).split("/")) if parent else root
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.is_dir())
    except (OSError, ValueError):  # unreadable, or a parent the album cannot hold (PathRefused)
        return []
    found = [f"{parent}/{n}" if parent else n for n in names]
    for name in [n for n in names if n[:1] in "=+-@"]:  # "=1+2/3" evaluated: its "/" is gone from the key
        with contextlib.suppress(OSError), os.scandir(folder / name) as entries:
            found += [f"{parent}/{name}/{e.name}" if parent else f"{name}/{e.name}" for e in entries if e.is_dir()]
    return [k for k in found if k not in keys]
