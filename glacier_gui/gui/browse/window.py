"""The Browse window: a grid of every photo of the selected units, from their thumbnail packs — no restore.

The packs are fetched in the background (the status line says which unit), each unit's photos appear as its
pack arrives, and a unit without a pack is named above the grid in plain words.  The user searches by name,
sorts by date or name, double-clicks for a larger look, selects photos and asks for "Restore selected
photos…": the window then emits ``restoreRequested`` with exactly those files, and the restore dialog (opened
by the restore actions) prices them.  Nothing here asks S3 for a restore.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from glacier_gui.gui import texts
from glacier_gui.gui.browse.delegate import PhotoDelegate
from glacier_gui.gui.browse.loader import LoadedUnit, PackLoader
from glacier_gui.gui.browse.model import BrowseModel, BrowseProxy
from glacier_gui.gui.browse.photos import PackSource, SortOrder
from glacier_gui.gui.browse.preview import PreviewDialog
from glacier_gui.gui.session import Session

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150  # the filter runs once the typing rests
SPACING = 4


class BrowseWindow(QWidget):
    """The photos of *units*, with packs from *source* (``unit -> Path``).

    Signals: ``restoreRequested(dict)`` — ``{unit: {path, ...}}``, the photos to restore; ``loadFinished()``
    — every unit's pack was tried; ``previewOpened(PreviewDialog)``.
    """

    restoreRequested = Signal(object)
    loadFinished = Signal()
    previewOpened = Signal(object)

    def __init__(self, session: Session, units: Sequence[str], source: PackSource, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("browseWindow")
        self.session = session
        self.units = list(units)
        self.setWindowTitle(
            self.tr("Browse {0}").format(self.units[0])
            if len(self.units) == 1
            else self.tr("Browse {0} units").format(len(self.units))
        )
        self.model = BrowseModel(session.runner.pool, self)
        self.proxy = BrowseProxy(self)
        self.proxy.setSourceModel(self.model)
        self.loader = PackLoader(source)
        self.loader.progress.connect(self._fetching)
        self.loader.unitLoaded.connect(self._unit_loaded)
        self.loader.unitFailed.connect(self._unit_failed)
        self.loader.finished.connect(self._load_finished)
        self.loaded: list[str] = []
        self.problems: dict[str, str] = {}  # unit -> what the user is told
        self.loading = False
        self.preview: PreviewDialog | None = None
        self._build()
        self.resize(980, 700)

    def _build(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("browseSearch")
        self.search_edit.setPlaceholderText(self.tr("Search by name, e.g. IMG_0012 or 運動会"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.sort_combo = QComboBox(self)
        self.sort_combo.setObjectName("browseSort")
        self.sort_combo.addItem(self.tr("Newest first"), SortOrder.NEWEST)
        self.sort_combo.addItem(self.tr("Oldest first"), SortOrder.OLDEST)
        self.sort_combo.addItem(self.tr("By name"), SortOrder.NAME)
        self.sort_combo.currentIndexChanged.connect(lambda _i: self.model.set_order(self.sort_combo.currentData()))
        self.restore_button = QPushButton(self.tr("Restore selected photos…"), self)
        self.restore_button.setObjectName("restoreSelectedPhotos")
        self.restore_button.setToolTip(self.tr("Open the restore dialog with just the selected photos ticked"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.request_restore)
        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 2)
        bar.addWidget(self.sort_combo)
        bar.addWidget(self.restore_button)

        self.problem_icon = QLabel(self)
        side = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.problem_icon.setPixmap(warning.pixmap(side, side))
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("browseProblems")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_row = QWidget(self)
        problem_layout = QHBoxLayout(self.problem_row)
        problem_layout.setContentsMargins(0, 0, 0, 0)
        problem_layout.addWidget(self.problem_icon, 0, Qt.AlignmentFlag.AlignTop)
        problem_layout.addWidget(self.problem_label, 1)
        self.problem_row.hide()

        self.view = QListView(self)
        self.view.setObjectName("browseView")
        self.delegate = PhotoDelegate(self.model.icon_size, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setMovement(QListView.Movement.Static)  # no dragging photos around: and no per-item layout
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)  # one cell size: the view never measures 10,000 items
        self.view.setSpacing(SPACING)
        self.view.setWrapping(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalScrollBar().setSingleStep(self.delegate.cell_size(self.fontMetrics()).height() // 4)
        self.view.verticalScrollBar().valueChanged.connect(lambda _value: self.model.hold())
        self.view.setModel(self.proxy)
        self.view.activated.connect(self.open_preview)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.proxy.modelReset.connect(self.update_status)
        self.proxy.rowsInserted.connect(lambda *_a: self.update_status())

        self.status_label = QLabel(self)
        self.status_label.setObjectName("browseStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.problem_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)

    # ---- loading ------------------------------------------------------------------------------------
    def start(self) -> None:
        """Fetch and read the units' packs in the background; photos appear unit by unit."""
        self.loading = True
        self.status_label.setText(self.tr("Fetching the thumbnails…"))
        self.loader.start(self.session.runner.pool, self.units)

    def _fetching(self, unit: str, done: int, total: int) -> None:
        self.status_label.setText(self.tr("Fetching the thumbnails of {0} ({1} of {2})…").format(unit, done + 1, total))

    def _unit_loaded(self, loaded: object) -> None:
        assert isinstance(loaded, LoadedUnit)
        self.loaded.append(loaded.unit)
        if not loaded.photos:
            self.problems[loaded.unit] = self.tr("{0} has no photos or videos to show.").format(loaded.unit)
            self._show_problems()
        self.model.add_photos(loaded.photos)

    def _unit_failed(self, unit: str, message: str) -> None:
        self.problems[unit] = message
        self._show_problems()

    def _show_problems(self) -> None:
        self.problem_label.setText("\n".join(self.problems[u] for u in self.units if u in self.problems))
        self.problem_row.setVisible(bool(self.problems))

    def _load_finished(self) -> None:
        self.loading = False
        self.update_status()
        self.loadFinished.emit()

    # ---- search, selection, status ------------------------------------------------------------------
    def apply_search(self) -> None:
        self._search_timer.stop()
        self.proxy.set_text(self.search_edit.text())
        self.update_status()

    def set_order(self, order: SortOrder) -> None:
        self.sort_combo.setCurrentIndex(self.sort_combo.findData(order))

    def selected_files(self) -> dict[str, set[str]]:
        """The selected photos, ``{unit: {path relative to the unit}}``."""
        chosen: dict[str, set[str]] = {}
        for index in self.view.selectionModel().selectedIndexes():
            photo = self.model.photo(self.proxy.mapToSource(index).row())
            chosen.setdefault(photo.unit, set()).add(photo.path)
        return chosen

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.view.selectionModel().hasSelection())
        self.update_status()

    def update_status(self) -> None:
        if self.loading:
            return  # the fetch's own line stays until it ends
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        parts = [self.tr("{0} photo(s) from {1} unit(s)").format(total, len(self.loaded))]
        if shown != total:
            parts.append(self.tr("{0} match the search").format(shown))
        rows = self.view.selectionModel().selectedIndexes()
        if rows:
            size = sum(self.model.photo(self.proxy.mapToSource(i).row()).size or 0 for i in rows)
            parts.append(self.tr("{0} selected ({1})").format(len(rows), texts.size(size)))
        self.status_label.setText(" — ".join(parts))

    # ---- preview and restore ------------------------------------------------------------------------
    def open_preview(self, index: QModelIndex) -> PreviewDialog | None:
        """A larger look at the photo at *index* (of the view's model)."""
        if not index.isValid():
            return None
        photo = self.model.photo(self.proxy.mapToSource(index).row())
        dialog = PreviewDialog(photo, self.model.cached_pixmap(photo.key), self.session.runner.pool, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restoreRequested.connect(self.restoreRequested)
        dialog.finished.connect(lambda _code: setattr(self, "preview", None))
        self.preview = dialog
        dialog.show()
        self.previewOpened.emit(dialog)
        return dialog

    def request_restore(self) -> None:
        """Ask for the restore dialog with exactly the selected photos ticked."""
        files = self.selected_files()
        if not files:
            self.session.say(self.tr("Select the photos to restore first."), 8000)
            return
        self.restoreRequested.emit(files)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        menu = QMenu(self)
        preview = menu.addAction(self.tr("Preview"))
        preview.setEnabled(index.isValid())
        preview.triggered.connect(lambda: self.open_preview(index))
        restore = menu.addAction(self.tr("Restore selected photos…"))
        restore.setEnabled(self.view.selectionModel().hasSelection())
        restore.triggered.connect(self.request_restore)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop fetching and decoding (what is under way ends on its own)."""
        self.loader.cancel()
        self.model.stop()
