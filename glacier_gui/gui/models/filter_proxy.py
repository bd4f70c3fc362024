"""Filtering for the status board: a text filter on unit/path and a status filter ("needs attention").

Sorting is left to the source model (see status_model): :meth:`sort` forwards there, so a header click costs
one Python ``sorted`` instead of a ``data()`` call per comparison.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from glacier_gui.core.ledger.status import State
from glacier_gui.gui import texts
from glacier_gui.gui.models.status_model import ATTENTION_STATES, StatusModel, archive_only


class StatusFilter(enum.Enum):
    ALL = "all"
    ATTENTION = "attention"
    MARKED = "marked"
    SYNCHRONIZED = "synchronized"
    UNFINISHED = "unfinished"
    MISSING = "missing"

    @property
    def label(self) -> str:
        """The choice in the user's words (looked up now, in the current language)."""
        return texts.status_filter_name(self.value)


_STATES: dict[StatusFilter, frozenset[str]] = {
    StatusFilter.ATTENTION: frozenset(ATTENTION_STATES),
    StatusFilter.MARKED: frozenset({State.UPLOAD}),
    StatusFilter.SYNCHRONIZED: frozenset({State.SYNCHRONIZED}),
    StatusFilter.UNFINISHED: frozenset({State.CHECK_FILE_UPLOAD}),
    StatusFilter.MISSING: frozenset({State.CHECK_NOT_EXISTS}),
}


class StatusFilterProxy(QSortFilterProxyModel):
    """Rows whose unit or local path contains the text (case-insensitive) and whose state fits the filter."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        # No re-filtering on every dataChanged (progress ticks touch thousands of rows); the window calls
        # refilter() when a unit's state changes.
        self.setDynamicSortFilter(False)
        self._text = ""
        self._status = StatusFilter.ALL

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_text", text.strip().casefold()))

    def set_status_filter(self, status: StatusFilter) -> None:
        self._change(lambda: setattr(self, "_status", status))

    def refilter(self) -> None:
        """Re-apply the filters (after states changed) when a filter is active; cheap otherwise."""
        if self._text or self._status is not StatusFilter.ALL:
            self._change(lambda: None)

    def _change(self, apply: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateRowsFilter() with begin/endFilterChange(); support both.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt < 6.10
            apply()
            self.invalidateRowsFilter()

    @property
    def status_filter(self) -> StatusFilter:
        return self._status

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._text and self._status is StatusFilter.ALL:
            return True
        model = self.sourceModel()
        assert isinstance(model, StatusModel)
        row = model.row_of(source_row)
        if self._status is StatusFilter.ATTENTION and archive_only(row):
            return False  # in the backup, no folder here (a new PC): nothing to check
        wanted = self._status is StatusFilter.ALL or row.status in _STATES[self._status]
        if not wanted and not (self._status is StatusFilter.ATTENTION and row.last_error):
            return False
        if self._text:
            return self._text in row.unit.casefold() or self._text in row.local_path.casefold()
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
