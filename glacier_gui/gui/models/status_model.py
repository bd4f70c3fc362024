"""The status board's table model: one row per unit of status.csv, backed by the core's StatusTable.

The model never copies the rows: it reads the table's :class:`StatusRow` objects (the upload worker updates
them in place under the table's lock; the row count only changes when the window swaps in a new table after
a scan, which resets the model).  It sorts itself — Python's ``sorted`` over one key per row is far cheaper
than a proxy calling ``data()`` for every comparison — and keeps the per-unit upload progress that the
window's timer feeds in, emitting ``dataChanged`` only for rows whose progress moved.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from glacier_gui.core.clock import parse_time
from glacier_gui.core.ledger.status import State, StatusRow, StatusTable
from glacier_gui.core.progress import UnitProgress
from glacier_gui.core.upload import backup
from glacier_gui.gui import texts
from glacier_gui.gui.colors import Tone, state_color, tone_color

log = logging.getLogger(__name__)

(
    COL_UPLOAD,
    COL_UNIT,
    COL_STATUS,
    COL_PROGRESS,
    COL_FILES,
    COL_SIZE,
    COL_MODIFIED,
    COL_SYNC_START,
    COL_SYNC_END,
    COL_AWS_FILES,
    COL_AWS_SIZE,
    COL_AWS_KEY,
    COL_PATH,
    COL_ERROR,
) = range(14)

HEADERS = (
    QT_TRANSLATE_NOOP("StatusModel", "Upload"),
    QT_TRANSLATE_NOOP("StatusModel", "Unit"),
    QT_TRANSLATE_NOOP("StatusModel", "Status"),
    QT_TRANSLATE_NOOP("StatusModel", "Progress"),
    QT_TRANSLATE_NOOP("StatusModel", "Files"),
    QT_TRANSLATE_NOOP("StatusModel", "Size"),
    QT_TRANSLATE_NOOP("StatusModel", "Last modified"),
    QT_TRANSLATE_NOOP("StatusModel", "Sync started"),
    QT_TRANSLATE_NOOP("StatusModel", "Synchronized at"),
    QT_TRANSLATE_NOOP("StatusModel", "Files in S3"),
    QT_TRANSLATE_NOOP("StatusModel", "Size in S3"),
    QT_TRANSLATE_NOOP("StatusModel", "S3 key (aws_arn)"),
    QT_TRANSLATE_NOOP("StatusModel", "Local path"),
    QT_TRANSLATE_NOOP("StatusModel", "Last error"),
)

# The state is shown in the user's words (texts.state_name) and in its colour (colors.state_color, also drawn as a
# swatch before the text); status.csv keeps the original names.
ATTENTION_STATES = frozenset({State.CHECK, State.CHECK_NOT_EXISTS, State.CHECK_FILE_UPLOAD})


def archive_only(row: StatusRow) -> bool:
    """The unit's folder is not on this computer but its photos are in the backup (a new PC after the rebuild,
    or a folder deleted after its backup): shown as "archive only" with the backup's figures, not as a problem.
    status.csv keeps ``Check_NotExists``, the original's name, for Excel and the original script."""
    return row.status == State.CHECK_NOT_EXISTS and bool(row.aws_file_count)


def needs_attention(row: StatusRow) -> bool:
    return row.status in ATTENTION_STATES and not archive_only(row)


_NUMERIC = frozenset({COL_FILES, COL_SIZE, COL_AWS_FILES, COL_AWS_SIZE, COL_PROGRESS})


class Roles(enum.IntEnum):
    SortRole = Qt.ItemDataRole.UserRole + 1  # a value that sorts right (ints for sizes, text for dates)
    UnitKeyRole = Qt.ItemDataRole.UserRole + 2  # the unit key, e.g. 2022/0601_運動会
    ProgressRole = Qt.ItemDataRole.UserRole + 3  # 0.0-1.0 for the progress column, None when nothing to show
    StateRole = Qt.ItemDataRole.UserRole + 4  # the State value, e.g. "Synchronized"


def _short_time(text: str) -> str:
    """``2022-05-09 23:20:12.345128`` -> ``2022/05/09 23:20`` in the locale's short form (the full value is in the
    tooltip)."""
    parsed = parse_time(text)
    return texts.date_time(parsed) if parsed is not None else text


class StatusModel(QAbstractTableModel):
    """Rows of a :class:`StatusTable`; checkable Upload cells save status.csv.

    Signals: ``saveProblem(str)`` — status.csv could not be written (locked by Excel); the change is kept
    in the pending file by the core and written on the next save.  ``marksChanged()`` — the user ticked or
    unticked units (the window updates its summary).  ``statesChanged()`` — the core changed rows under the
    model (:meth:`refresh_unit`, e.g. an upload finished a unit): the board refilters on its next tick.
    """

    saveProblem = Signal(str)
    marksChanged = Signal()
    statesChanged = Signal()

    def __init__(self, table: StatusTable, parent: Any = None) -> None:
        super().__init__(parent)
        self._table = table
        self._order: list[int] = list(range(len(table.rows)))  # view row -> table row
        self._position: list[int] = list(self._order)  # table row -> view row
        self._progress: dict[str, UnitProgress] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.editable = True  # False while a scan rebuilds the table

    # ---- the backing table --------------------------------------------------------------------------
    @property
    def table(self) -> StatusTable:
        return self._table

    def set_table(self, table: StatusTable) -> None:
        """Swap in a new table (after a scan or a settings change): a reset, never used for progress."""
        self.beginResetModel()
        self._table = table
        self._order = list(range(len(table.rows)))
        self._position = list(self._order)
        self._progress = {}
        self.endResetModel()
        if self._sort is not None:
            self.sort(*self._sort)

    def row_of(self, row: int) -> StatusRow:
        return self._table.rows[self._order[row]]

    def view_row(self, unit: str) -> int | None:
        i = self._table.index_of(unit)
        return self._position[i] if i is not None and i < len(self._position) else None

    # ---- Qt model interface -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr(str(HEADERS[section]))
            if role == Qt.ItemDataRole.ToolTipRole and section == COL_UPLOAD:
                return self.tr("Tick to upload this unit on the next Upload marked")
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_UPLOAD and self.editable and self.row_of(index.row()).status != State.CHECK_NOT_EXISTS:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._order):
            return None
        row = self.row_of(index.row())
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Roles.SortRole:
            return self._sort_key(row, col)
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_UPLOAD:
            return Qt.CheckState.Checked if row.status == State.UPLOAD else Qt.CheckState.Unchecked
        if role == Roles.UnitKeyRole:
            return row.unit
        if role == Roles.StateRole:
            return str(row.status)
        if role == Roles.ProgressRole and col == COL_PROGRESS:
            return self._fraction(row)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole) and col == COL_STATUS:
            return tone_color(Tone.INFO) if archive_only(row) else state_color(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _NUMERIC:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or index.column() != COL_UPLOAD or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        checked = _is_checked(value)
        unit = self.row_of(index.row()).unit
        if checked:
            self._table.mark_upload([unit])
        else:
            self._table.unmark_upload(unit)
        self._row_changed(index.row())
        self._save()
        self.marksChanged.emit()
        return True

    # ---- display ------------------------------------------------------------------------------------
    def _display(self, row: StatusRow, col: int) -> Any:
        if col == COL_UPLOAD:
            return None
        if col == COL_UNIT:
            return row.unit
        if col == COL_STATUS:
            return texts.archive_only_name() if archive_only(row) else texts.state_name(row.status)
        if col == COL_PROGRESS:
            return self._progress_text(row)
        if col == COL_FILES:  # a unit only in the backup: the backup's figures, not blanks
            return _count(row.aws_file_count if archive_only(row) else row.local_file_count)
        if col == COL_SIZE:
            return _size(row.aws_total_size if archive_only(row) else row.local_total_size)
        if col == COL_MODIFIED:
            return _short_time(row.local_last_modified)
        if col == COL_SYNC_START:
            return _short_time(row.sync_start)
        if col == COL_SYNC_END:
            return _short_time(row.sync_end)
        if col == COL_AWS_FILES:
            return _count(row.aws_file_count)
        if col == COL_AWS_SIZE:
            return _size(row.aws_total_size)
        if col == COL_AWS_KEY:
            return row.aws_arn
        if col == COL_PATH:
            return row.local_path
        if col == COL_ERROR:
            return texts.stored_text(row.last_error)
        return None

    def _sort_key(self, row: StatusRow, col: int) -> Any:
        if col == COL_UPLOAD:
            return 1 if row.status == State.UPLOAD else 0
        if col == COL_STATUS:
            return str(row.status)
        if col == COL_PROGRESS:
            fraction = self._fraction(row)
            return -1.0 if fraction is None else fraction
        if col in (COL_FILES, COL_SIZE, COL_AWS_FILES, COL_AWS_SIZE):
            only = archive_only(row)
            value = {
                COL_FILES: row.aws_file_count if only else row.local_file_count,
                COL_SIZE: row.aws_total_size if only else row.local_total_size,
                COL_AWS_FILES: row.aws_file_count,
                COL_AWS_SIZE: row.aws_total_size,
            }[col]
            return -1 if value is None else value
        if col in (COL_MODIFIED, COL_SYNC_START, COL_SYNC_END):
            # The original's text format sorts as time already.
            return {COL_MODIFIED: row.local_last_modified, COL_SYNC_START: row.sync_start, COL_SYNC_END: row.sync_end}[
                col
            ]
        text = self._display(row, col)
        return text if isinstance(text, str) else ""

    def _tooltip(self, row: StatusRow, col: int) -> str | None:
        if col == COL_STATUS:
            name = texts.archive_only_name() if archive_only(row) else None
            return texts.state_tooltip(row.status, row.last_error, name)
        if col in (COL_FILES, COL_SIZE) and archive_only(row):
            return self.tr("In the backup; this computer has no folder for this unit")
        if col in (COL_MODIFIED, COL_SYNC_START, COL_SYNC_END):
            return {COL_MODIFIED: row.local_last_modified, COL_SYNC_START: row.sync_start, COL_SYNC_END: row.sync_end}[
                col
            ] or None
        if col in (COL_SIZE, COL_AWS_SIZE):
            value = row.local_total_size if col == COL_SIZE else row.aws_total_size
            return self.tr("{0} bytes").format(texts.number(value)) if value is not None else None
        if col in (COL_ERROR, COL_PATH, COL_AWS_KEY, COL_UNIT):
            return self._display(row, col) or None
        return None

    # ---- progress -----------------------------------------------------------------------------------
    def unit_progress(self, unit: str) -> UnitProgress | None:
        return self._progress.get(unit)

    def _fraction(self, row: StatusRow) -> float | None:
        p = self._progress.get(row.unit)
        if p is not None:
            return p.fraction
        return 1.0 if row.status == State.SYNCHRONIZED else None

    def _progress_text(self, row: StatusRow) -> str:
        p = self._progress.get(row.unit)
        if p is None:
            return self.tr("done") if row.status == State.SYNCHRONIZED else ""
        percent = int(p.fraction * 100)
        if p.state == "failed":
            return self.tr("{0}% · stopped").format(percent)
        if p.state == "queued":
            return self.tr("queued")
        return self.tr("{0}% · {1}/{2} files").format(percent, p.files_done, p.files_total)

    def update_progress(self, units: dict[str, UnitProgress]) -> int:
        """Take a progress snapshot; emit ``dataChanged`` (progress column) for the rows that moved.

        Returns how many rows changed.  Contiguous rows are reported as one range; many rows as one span.
        """
        changed: list[int] = []
        known = self._progress
        for unit, p in units.items():
            old = known.get(unit)
            if old is not None and (old.bytes_done, old.files_done, old.state) == (p.bytes_done, p.files_done, p.state):
                continue
            known[unit] = p
            view_row = self.view_row(unit)
            if view_row is not None:
                changed.append(view_row)
        # Many scattered rows (thousands of small units in flight): one range is far cheaper than one signal
        # per run, and the view repaints only what is visible anyway.
        runs = [(min(changed), max(changed))] if len(changed) > 64 else _runs(sorted(changed))
        for first, last in runs:
            self.dataChanged.emit(
                self.index(first, COL_PROGRESS),
                self.index(last, COL_PROGRESS),
                [Qt.ItemDataRole.DisplayRole, Roles.ProgressRole],
            )
        return len(changed)

    def clear_progress(self) -> None:
        rows = sorted(r for r in (self.view_row(u) for u in self._progress) if r is not None)
        self._progress = {}
        for first, last in _runs(rows):
            self.dataChanged.emit(self.index(first, COL_PROGRESS), self.index(last, COL_PROGRESS))

    def refresh_unit(self, unit: str) -> None:
        """The core changed this unit's row (e.g. its upload finished): redraw the whole row."""
        self.refresh_units([unit])

    def refresh_units(self, units: Iterable[str]) -> None:
        """The core changed these units' rows: redraw them; one ``statesChanged``."""
        for unit in units:
            row = self.view_row(unit)
            if row is not None:
                self._row_changed(row)
        self.statesChanged.emit()

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    # ---- marking ------------------------------------------------------------------------------------
    def mark_units(self, units: Iterable[str]) -> list[str]:
        """Set *units* to Upload (skipping missing folders), save once, and return those that changed."""
        wanted = [u for u in units if (r := self._table.get(u)) is not None and r.status != State.CHECK_NOT_EXISTS]
        changed = self._table.mark_upload(wanted)
        for unit in changed:
            self.refresh_unit(unit)
        if changed:
            self._save()
            self.marksChanged.emit()
        return changed

    def _save(self) -> None:
        problem = backup.save_table(self._table)
        if problem is not None:
            self.saveProblem.emit(texts.core_text(problem))

    # ---- sorting ------------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_table_rows = [self._order[i.row()] for i in old_persistent]
        rows = self._table.rows
        keys = [self._sort_key(rows[i], column) for i in range(len(rows))]
        descending = order == Qt.SortOrder.DescendingOrder
        # Ties keep unit order, so a sort by status groups units alphabetically.
        self._order = sorted(range(len(rows)), key=lambda i: (keys[i], rows[i].unit), reverse=descending)
        self._position = [0] * len(rows)
        for view, table_row in enumerate(self._order):
            self._position[table_row] = view
        new_persistent = [
            self.index(self._position[t], i.column()) for t, i in zip(old_table_rows, old_persistent, strict=True)
        ]
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()

    # ---- summary ------------------------------------------------------------------------------------
    def units(self) -> Sequence[StatusRow]:
        return self._table.rows


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value


def _count(value: int | None) -> str:
    return "" if value is None else texts.number(value)


def _size(value: int | None) -> str:
    return "" if value is None else texts.size(value)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 7, 8] -> [(1, 3), (7, 8)]."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and runs[-1][1] == r - 1:
            runs[-1] = (runs[-1][0], r)
        elif not runs or runs[-1][1] != r:
            runs.append((r, r))
    return runs
