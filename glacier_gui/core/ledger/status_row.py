"""One row of status.csv: the five states, the columns, and how a row is read from the text a spreadsheet left.

The table (core/ledger/status.py) keeps these rows, merges scans into them and writes them; this module says
what one row holds and how its cells are read: ``status`` as the user typed it, every other cell from the app's
exact record when the cell still shows the recorded value (core/ledger/record.py), else as it reads, at the
precision it holds (core/ledger/cells.py: a time without its seconds, a size in scientific notation).
"""

from __future__ import annotations

import enum
import operator
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from glacier_gui.core.album.scan import ROOT_UNIT, Unit
from glacier_gui.core.clock import parse_time
from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.cells import number_fits, read_number, same_time, text_fits
from glacier_gui.core.ledger.record import Values
from glacier_gui.core.ledger.status_file import Record, StatusFileError
from glacier_gui.core.paths import display, printable


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
INT_COLUMNS = frozenset({"local_file_count", "local_total_size", "aws_file_count", "aws_total_size"})
TIME_COLUMNS = frozenset({"local_last_modified", "sync_start", "sync_end"})
RECORD_COLUMNS = tuple(c for c in COLUMNS if c != "unit")  # what the exact record keeps of a row
_record_values = operator.attrgetter(*RECORD_COLUMNS)


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
    # Not columns: why the row is refused ("": it is not), and the row as read, written back unchanged.
    refused: str = field(default="", compare=False)
    raw: dict[str, str] | None = field(default=None, compare=False, repr=False)
    # Count and size cells read as rounded text (1.23457E+11) with no exact value: unknown until the next scan
    # or upload, compared at the digits they show, written back as they were read.
    approx: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    line: int = field(default=0, compare=False, repr=False)  # where the row was in the file read (0: not read)
    damaged: bool = field(default=False, compare=False)  # refused as a name a spreadsheet broke: a scan drops it
    # A damaged row whose name can only be one folder (its ? put back): its values, under that folder's key, for
    # the scan to use when that folder has no row of its own.
    salvage: StatusRow | None = field(default=None, compare=False, repr=False)

    def set_status(self, state: State, error: str = "") -> None:
        """Change state, remembering the previous one (unticking Upload restores it)."""
        if self.status != state:
            self.previous_status = self.status
            self.status = state
        self.last_error = error

    def set_count(self, name: str, value: int | None) -> None:
        """Set a count or size column to an exact value (it is no longer approximate)."""
        setattr(self, name, value)
        self.approx.pop(name, None)

    def matches_local(self, unit: Unit) -> bool:
        """True when count, size and last-modified equal what this row recorded for the folder, each at the
        precision the row holds it."""
        if not self._fits("local_file_count", unit.file_count) or not self._fits("local_total_size", unit.total_size):
            return False
        return same_time(self.local_last_modified, unit.last_modified)

    def _fits(self, name: str, actual: int) -> bool:
        shown = self.approx.get(name)
        return number_fits(shown, actual) if shown is not None else getattr(self, name) == actual

    def cells(self) -> list[str]:
        """The row's cells as status.csv shows them (a refused row exactly as it was read)."""
        if self.raw is not None:
            return [self.raw.get(c, "") for c in COLUMNS]
        return [self.approx.get(c, "") if (v := getattr(self, c)) is None else printable(str(v)) for c in COLUMNS]

    def exact_values(self) -> tuple[int | str | None, ...]:
        """What the exact record keeps of this row, in :data:`RECORD_COLUMNS` order (every column but the key);
        one only approximate is None (unknown: a cell that shows a number is then taken as it reads)."""
        values = _record_values(self)
        if not self.approx:
            return values
        return tuple(None if c in self.approx else v for c, v in zip(RECORD_COLUMNS, values, strict=True))


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


def row_from_record(record: Record, source: Path, unit: str, exact: Values | None) -> StatusRow:
    """The row of one line of *source* for *unit*; *exact* is the record's values for it (None: none kept).

    Raises :class:`StatusFileError` for a status no one can act on, or a count that is no number.
    """
    line = record.line
    values: dict[str, object] = {}
    approx: dict[str, str] = {}
    for name in COLUMNS:
        text = record.get(name, "").strip()
        if name in INT_COLUMNS:
            try:
                number, is_exact = read_number(text)
            except ValueError:
                raise StatusFileError(f"{display(source)}, line {line}: {name} = {text!r} is not a number") from None
            if exact is not None and name in exact and _number_kept(text, number, is_exact, exact[name]):
                values[name] = exact[name]
            else:
                values[name] = number
                if not is_exact:
                    approx[name] = text
        elif (
            exact is not None
            and name in exact
            and name not in ("status", "unit")
            and _text_kept(name, text, exact[name])
        ):
            values[name] = exact[name]
        else:
            values[name] = text
    status = values["status"]
    if status not in State.__members__.values():
        allowed = ", ".join(s.value for s in State)
        raise StatusFileError(f"{display(source)}, line {line}: status {status!r} is not one of {allowed}")
    row = StatusRow(**values)  # type: ignore[arg-type]
    row.unit, row.approx, row.line = unit, approx, line
    return row


def row_from_exact(unit: str, exact: Values) -> StatusRow:
    """A unit's row rebuilt from the record alone (its line in status.csv was broken by a spreadsheet)."""
    values = {c: exact.get(c) for c in COLUMNS if c != "unit" and c in exact}
    row = StatusRow(**{k: ("" if v is None and k not in INT_COLUMNS else v) for k, v in values.items()})  # type: ignore[arg-type]
    row.unit = unit
    if row.status not in State.__members__.values():
        row.status = State.CHECK
    return row


def _number_kept(text: str, number: int | None, is_exact: bool, recorded: object) -> bool:
    """Whether a count cell still shows the recorded value (exactly, or rounded to the digits it shows)."""
    if recorded is not None and not isinstance(recorded, int):
        return False
    if not is_exact:
        return number_fits(text, recorded)
    return number == recorded


def _text_kept(name: str, text: str, recorded: object) -> bool:
    """Whether a text or time cell still shows the recorded value (a time at the precision it holds)."""
    if not isinstance(recorded, str):
        return False
    if text == recorded:
        return True
    if name in TIME_COLUMNS and recorded and text:
        return same_time(text, parse_time(recorded))
    return text_fits(text, recorded)


def refused_row(record: Record, unit: str, why: str, damaged: bool = False) -> StatusRow:
    """A row nothing acts on: Check_NotExists in memory, written back exactly as it was read."""
    row = StatusRow(status=State.CHECK_NOT_EXISTS, unit=unit, last_error=why)
    row.refused, row.raw, row.line, row.damaged = why, dict(record), record.line, damaged
    return row


def damaged_message(source: Path, line: int, unit: str, cause: str) -> str:
    """The refusal of a row whose unit a spreadsheet (or a hand) broke, naming its line and the likely cause."""
    return msg(
        "{path}, line {line}: the unit '{unit}' matches no folder and no row the app wrote; {cause}. Write the "
        "name again as text, or scan again (a scan drops this row); until then it is never uploaded",
        path=display(source),
        line=line,
        unit=printable(unit),
        cause=cause,
    )
