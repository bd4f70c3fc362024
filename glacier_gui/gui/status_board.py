"""The status board: the table of units over status.csv, its filters, the summary line and the read-only banner.

The window's central widget.  It reads the session's model through a filter proxy; while a job runs, rows
that changed state are refiltered (and the summary recounted) on the runner's timer, not once per finished
unit: with thousands of units that would be thousands of refilters.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from glacier_gui.core.cost import upload_estimate
from glacier_gui.core.ledger.status import State, StatusRow
from glacier_gui.gui import texts
from glacier_gui.gui.colors import Tone, band_style
from glacier_gui.gui.delegates.progress_delegate import ProgressDelegate
from glacier_gui.gui.link_status import LinkWords
from glacier_gui.gui.models.filter_proxy import StatusFilter, StatusFilterProxy
from glacier_gui.gui.models.status_model import (
    COL_AWS_FILES,
    COL_AWS_KEY,
    COL_AWS_SIZE,
    COL_ERROR,
    COL_FILES,
    COL_MODIFIED,
    COL_PATH,
    COL_PROGRESS,
    COL_SIZE,
    COL_STATUS,
    COL_SYNC_END,
    COL_SYNC_START,
    COL_UNIT,
    COL_UPLOAD,
    Roles,
    archive_only,
    needs_attention,
)
from glacier_gui.gui.session import Session
from glacier_gui.gui.welcome import WelcomePanel

log = logging.getLogger(__name__)

_COLUMN_WIDTHS = {
    COL_UPLOAD: 56,
    COL_UNIT: 210,
    COL_STATUS: 150,
    COL_PROGRESS: 170,
    COL_FILES: 60,
    COL_SIZE: 80,
    COL_MODIFIED: 125,
    COL_SYNC_START: 125,
    COL_SYNC_END: 125,
    COL_AWS_FILES: 80,
    COL_AWS_SIZE: 80,
    COL_AWS_KEY: 220,
    COL_PATH: 260,
    COL_ERROR: 260,
}


class StatusBoard(QWidget):
    """The units of the session's status.csv: filter bar, table, summary, and the banner when read-only."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.proxy = StatusFilterProxy(self)
        self.proxy.setSourceModel(session.model)
        self._stale = False  # rows changed state under a running job: refilter on the next tick
        self.link_words = LinkWords(self)
        self._build()
        model = session.model
        model.marksChanged.connect(self.refresh)
        model.statesChanged.connect(self._states_changed)
        session.tableReplaced.connect(self.update_summary)
        session.settingsChanged.connect(self.update_summary)
        session.readOnlyChanged.connect(self.show_read_only)
        session.rootProblemChanged.connect(self.show_root_problem)
        session.runner.tick.connect(self._tick)
        session.runner.busyChanged.connect(lambda busy: self.update_summary() if busy else self.refresh())

    def _build(self) -> None:
        self.view = QTableView(self)
        self.view.setObjectName("statusView")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in _COLUMN_WIDTHS.items():  # at least the header's words, in any language
            self.view.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        # The state's words whole, the longest included (アーカイブのみ（このパソコンになし）): swatch, text, margins.
        words = [texts.archive_only_name(), *(texts.state_name(s) for s in State)]
        longest = max(self.view.fontMetrics().horizontalAdvance(w) for w in words)
        self.view.setColumnWidth(COL_STATUS, max(self.view.columnWidth(COL_STATUS), longest + 44))
        self.view.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(self.view))
        self.view.sortByColumn(COL_UNIT, Qt.SortOrder.AscendingOrder)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Filter units, e.g. 2022 or 運動会"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusFilter")
        for choice in StatusFilter:
            self.status_combo.addItem(choice.label, choice)
        self.status_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status_filter(self.status_combo.currentData())
        )
        self.mark_button = QPushButton(self.tr("Mark selected for upload"), self)
        self.mark_button.clicked.connect(self.mark_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.status_combo, 1)
        bar.addWidget(self.mark_button)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QWidget(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet(band_style(Tone.WARNING, "#readOnlyBanner"))
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.retry_lock_button = QPushButton(self.tr("Try again"), self.banner)
        self.retry_lock_button.clicked.connect(self.session.retry_lock)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.retry_lock_button)
        self.banner.hide()
        self.welcome = WelcomePanel(self)  # the empty list: the two ways in, instead of a blank table
        self.welcome.hide()
        self.root_banner = QLabel(self)  # the album root cannot be read: the NAS is off, or no rights
        self.root_banner.setObjectName("rootBanner")
        self.root_banner.setStyleSheet(band_style(Tone.WARNING, "#rootBanner"))
        self.root_banner.setWordWrap(True)
        self.root_banner.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.root_banner)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.welcome, 1)
        layout.addWidget(self.summary_label)

    # ---- read-only banner ---------------------------------------------------------------------------
    def show_read_only(self) -> None:
        """The banner (and the log line) when another process writes status.csv; hidden otherwise."""
        reason = self.session.read_only_reason
        if reason:
            log.warning("status.csv opened read-only: %s", reason)
            self.banner_label.setText(
                self.tr("Read-only: {0}. Scan, Upload and the Upload ticks are off until then.").format(reason)
            )
        self.banner.setVisible(bool(reason))

    def show_root_problem(self) -> None:
        """The banner when the last scan could not read the album root (no state was changed); hidden otherwise."""
        problem = self.session.root_problem
        if problem:
            self.root_banner.setText(
                self.tr("The album could not be read, so no folder was marked missing and nothing changed: {0}").format(
                    problem
                )
            )
        self.root_banner.setVisible(bool(problem))

    # ---- selection and marking ----------------------------------------------------------------------
    def selected_units(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows(COL_UNIT)
        return [str(i.data(Roles.UnitKeyRole)) for i in rows]

    def mark_selected(self) -> None:
        s = self.session
        if s.read_only:
            s.say(s.read_only_reason, 8000)
            return
        units = self.selected_units()
        if not units:
            s.say(self.tr("Select one or more rows first."), 5000)
            return
        changed = s.model.mark_units(units)
        s.say(self.tr("{0} unit(s) marked for upload").format(len(changed)), 5000)

    # ---- refilter and summary -----------------------------------------------------------------------
    def _states_changed(self) -> None:
        if self.session.runner.busy:
            self._stale = True
        else:
            self.refresh()

    def _tick(self) -> None:
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Refilter (states changed) and recount the summary."""
        self._stale = False
        self.proxy.refilter()
        self.update_summary()

    def update_summary(self) -> None:
        rows = self.session.table.rows
        empty = not rows and not self.session.runner.busy
        self.welcome.setVisible(empty)
        self.view.setVisible(not empty)
        synced = [r for r in rows if r.status == State.SYNCHRONIZED]
        only = [r for r in rows if archive_only(r)]
        attention = sum(1 for r in rows if needs_attention(r))
        marked = sum(1 for r in rows if r.status == State.UPLOAD)
        total = sum(r.local_total_size or 0 for r in rows)
        text = self.tr("{0} units · {1} synchronized · {2} need checking · {3} marked · {4} on this PC").format(
            texts.number(len(rows)),
            texts.number(len(synced)),
            texts.number(attention),
            texts.number(marked),
            texts.size(total),
        )
        if only:  # a new PC after the rebuild: what is in the backup, not an empty album
            text += self.tr(" · {0} only in the backup ({1})").format(
                texts.number(len(only)), texts.size(sum(r.aws_total_size or 0 for r in only))
            )
        # How long the marked units take at the bandwidth limit (nothing when there is none).
        marked_bytes = sum(r.local_total_size or 0 for r in rows if r.status == State.UPLOAD)
        at_limit = self.link_words.upload_estimate(self.session.settings, marked_bytes, datetime.now())
        if at_limit:
            text += self.tr(" · the marked units take {0}").format(at_limit)
        cost = self._monthly_cost(synced + only)
        if cost:
            text += " · " + cost
        self.summary_label.setText(text)

    def _monthly_cost(self, archived: Sequence[StatusRow]) -> str:
        """What the units in the backup (*archived*: synchronized, and those only in the backup) cost a month."""
        settings = self.session.settings
        region = settings.effective_region
        try:
            prices = self.session.prices()
            by_class: dict[str, tuple[int, int]] = {}
            for r in archived:
                cls = r.storage_class or settings.storage_class
                files, size = by_class.get(cls, (0, 0))
                by_class[cls] = (files + (r.aws_file_count or 0), size + (r.aws_total_size or 0))
            monthly = sum(
                upload_estimate(prices, region, cls, files, size).storage_monthly
                for cls, (files, size) in by_class.items()
            )
        except Exception as exc:  # prices for an unknown region or a broken price file: no figure, not a crash
            log.debug("no cost estimate: %s", exc)
            return self.tr("monthly cost unknown for region {0}").format(region)
        return self.tr("about {0}/month in S3 ({1})").format(texts.money(monthly, settings.jpy_rate), region)

    # ---- saved state --------------------------------------------------------------------------------
    def save_state(self, state: QSettings) -> None:
        state.setValue("header", self.view.horizontalHeader().saveState())
        state.setValue("filter", self.filter_edit.text())
        state.setValue(
            "status_filter", self.status_combo.currentData().value
        )  # not the words: they follow the language

    def restore_state(self, state: QSettings) -> None:
        header = state.value("header")
        if isinstance(header, QByteArray):
            self.view.horizontalHeader().restoreState(header)
        self.filter_edit.setText(str(state.value("filter", "")))
        saved = str(state.value("status_filter", ""))
        index = next((i for i, f in enumerate(StatusFilter) if f.value == saved), -1)
        if index >= 0:
            self.status_combo.setCurrentIndex(index)
