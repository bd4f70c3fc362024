"""The browse grid's model: every photo of the browsed units, thumbnails decoded only when a view shows them.

The model knows every photo from the pack indexes (cheap); a thumbnail is decoded the first time a view asks
for its ``DecorationRole``, in a pool thread, and a placeholder stands in until then.  Requests are gathered:
the newest ones go first (what is on screen now), at most :data:`MAX_WANTED` wait (rows scrolled past are
dropped, and asked again if they come back), in batches, with at most :data:`MAX_BATCHES` on the pool so the
app's other work keeps its threads, and none start while the view scrolls (:meth:`BrowseModel.hold`).
Finished thumbnails become pixmaps in the GUI thread and are announced together on a short timer, one
``dataChanged`` per run of neighbouring rows — never one per photo.  An LRU cache keeps the last
:data:`CACHE_SIZE` pixmaps.

Sorting is the model's own (one ``list.sort`` on keys made when the index was read; 10,000 photos in a few
milliseconds, where a sorting proxy would ask the model for two values at each of ~280,000 comparisons),
announced as a layout change so selections survive; the proxy only filters, on :attr:`Roles.SearchRole`.
"""

from __future__ import annotations

import enum
import logging
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from glacier_gui.gui import texts
from glacier_gui.gui.browse.loader import DecodeRequest, decode_batch
from glacier_gui.gui.browse.photos import Photo, SortOrder, sort_photos
from glacier_gui.gui.workers.base import run_task

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

ICON_SIZE = 160  # pixels of the grid's thumbnails (the packs hold 320)
CACHE_SIZE = 400  # decoded pixmaps kept: a few screens full, about 40 MB at most
BATCH = 24  # thumbnails per pool task: starting a task costs the GUI thread a GIL hand-off, ~1 ms
MAX_BATCHES = 2  # pool tasks at once
MAX_WANTED = 240  # requests waiting; older ones (scrolled past) are dropped
FLUSH_MS = 40  # finished thumbnails are announced together this often
SCROLL_REST_MS = 60  # decoding waits this long after the last scroll step (see BrowseModel.hold)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class Roles(enum.IntEnum):
    UnitRole = Qt.ItemDataRole.UserRole + 1  # the unit the photo belongs to
    PathRole = Qt.ItemDataRole.UserRole + 2  # its path relative to the unit (as the manifest names it)
    DateRole = Qt.ItemDataRole.UserRole + 3  # taken, else modified, as a POSIX timestamp (-inf: unknown)
    SizeRole = Qt.ItemDataRole.UserRole + 4  # the original's bytes (None: unknown)
    SearchRole = Qt.ItemDataRole.UserRole + 5  # "<unit>/<path>": what the search field filters on
    DateTextRole = Qt.ItemDataRole.UserRole + 6  # the date in the UI's locale
    SizeTextRole = Qt.ItemDataRole.UserRole + 7  # the size as the app writes sizes
    ReadyRole = Qt.ItemDataRole.UserRole + 8  # True when the decoration is the thumbnail, not the placeholder
    PhotoRole = Qt.ItemDataRole.UserRole + 9  # the Photo itself
    CellRole = Qt.ItemDataRole.UserRole + 10  # (pixmap, name, date text, size text): what the delegate draws


class BrowseModel(QAbstractListModel):
    """The photos of the browsed units, in the chosen order; thumbnails decoded on *pool* when shown.

    Signals: ``thumbnailsReady(int)`` after each batch of finished thumbnails is announced (how many).
    """

    thumbnailsReady = Signal(int)

    def __init__(self, pool: QThreadPool, parent: QObject | None = None, icon_size: int = ICON_SIZE) -> None:
        super().__init__(parent)
        self.pool = pool
        self.icon_size = icon_size
        self.order = SortOrder.NEWEST
        self._photos: list[Photo] = []
        self._row: dict[int, int] = {}  # photo key -> row
        self._by_key: dict[int, Photo] = {}
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        self._wanted: dict[int, None] = {}  # keys in the order asked (newest last)
        self._inflight: set[int] = set()
        self._batches = 0
        self._ready: list[tuple[int, QImage | None]] = []
        self._placeholder: QPixmap | None = None
        self._broken: QPixmap | None = None
        self._dispatch_timer = _single_shot(self, 0, self._dispatch)  # a whole paint's requests, then one go
        self._flush_timer = _single_shot(self, FLUSH_MS, self._flush)
        self._rest_timer = _single_shot(self, SCROLL_REST_MS, self._dispatch)
        self.decoded = 0  # thumbnails decoded so far (the benchmark reports it)

    # ---- filling and ordering -----------------------------------------------------------------------
    def add_photos(self, photos: Sequence[Photo]) -> None:
        """Add a unit's photos (rows inserted at the end, then everything sorted as a layout change)."""
        if not photos:
            return
        photos = list(photos)
        sort_photos(photos, self.order)  # a sorted run: the full sort below then merges two runs in one pass
        first = len(self._photos)
        self.beginInsertRows(QModelIndex(), first, first + len(photos) - 1)
        self._photos.extend(photos)
        self._by_key.update((p.key, p) for p in photos)
        self._row.update((p.key, first + i) for i, p in enumerate(photos))
        self.endInsertRows()
        self.set_order(self.order, force=True)

    def set_order(self, order: SortOrder, force: bool = False) -> None:
        """Sort by date (newest or oldest first) or by name; selections and current items follow their photos."""
        if order is self.order and not force:
            return
        self.order = order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        keys = [self._photos[i.row()].key if i.isValid() else None for i in persistent]
        sort_photos(self._photos, order)
        self._row = {p.key: row for row, p in enumerate(self._photos)}
        moved = [self.index(self._row[k]) if k is not None else QModelIndex() for k in keys]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def photo(self, row: int) -> Photo:
        return self._photos[row]

    @property
    def photos(self) -> list[Photo]:
        return list(self._photos)

    def row_of(self, unit: str, path: str) -> int:
        """The row of *unit*'s photo *path*, or -1."""
        for row, p in enumerate(self._photos):
            if p.unit == unit and p.path == path:
                return row
        return -1

    def units(self) -> list[str]:
        return sorted({p.unit for p in self._photos})

    # ---- Qt model interface -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._photos)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._photos):
            return None
        photo = self._photos[index.row()]
        if role == Roles.CellRole:  # one call per cell and paint: each call through the proxy is a GIL round trip
            return self._thumbnail(photo), photo.name, self._date_text(photo), self._size_text(photo)
        if role == Qt.ItemDataRole.DisplayRole:
            return photo.name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(photo)
        if role == Roles.DateTextRole:
            return self._date_text(photo)
        if role == Roles.SizeTextRole:
            return self._size_text(photo)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(photo)
        return _plain_role(photo, role, self._cache)

    @staticmethod
    def _date_text(photo: Photo) -> str:
        if photo.date_text is None:
            photo.date_text = date_text(photo)
        return photo.date_text

    @staticmethod
    def _size_text(photo: Photo) -> str:
        if photo.size_text is None:
            photo.size_text = texts.size(photo.size) if photo.size is not None else ""
        return photo.size_text

    def _tooltip(self, photo: Photo) -> str:
        lines = [f"{photo.unit}/{photo.path}", date_text(photo)]
        if photo.camera:
            lines.append(photo.camera)
        if photo.width and photo.height:
            lines.append(self.tr("{0} × {1} pixels").format(photo.width, photo.height))
        return "\n".join(line for line in lines if line)

    # ---- thumbnails ---------------------------------------------------------------------------------
    def is_ready(self, key: int) -> bool:
        return key in self._cache

    def cached_pixmap(self, key: int) -> QPixmap | None:
        return self._cache.get(key)

    def _thumbnail(self, photo: Photo) -> QPixmap:
        pixmap = self._cache.get(photo.key)
        if pixmap is not None:
            self._cache.move_to_end(photo.key)
            return pixmap
        self._want(photo.key)
        return self.placeholder()

    def _want(self, key: int) -> None:
        if key in self._inflight:
            return
        self._wanted.pop(key, None)
        self._wanted[key] = None
        while len(self._wanted) > MAX_WANTED:  # the oldest were scrolled past: asked again if they come back
            del self._wanted[next(iter(self._wanted))]
        if not self._dispatch_timer.isActive():
            self._dispatch_timer.start()

    def hold(self) -> None:
        """The view scrolled: start no decoding until it has rested :data:`SCROLL_REST_MS`.

        A decoding thread takes the GIL between its calls into Qt; while the view scrolls, every call the GUI
        thread makes into Qt may then wait for it (on a busy machine, for a whole time slice).  Requests still
        gather (newest first), so what is on screen when the scroll rests decodes first; a wheel turned click
        by click decodes between the clicks.
        """
        self._rest_timer.start()

    def _dispatch(self) -> None:
        if self._rest_timer.isActive():
            return  # the rest timer dispatches when it fires
        while self._batches < MAX_BATCHES and self._wanted:
            keys = list(self._wanted)[-BATCH:][::-1]  # the newest first: what the view shows now
            for key in keys:
                del self._wanted[key]
            self._inflight.update(keys)
            requests: list[DecodeRequest] = [
                (k, p.pack, p.offset, p.length) for k in keys if (p := self._by_key.get(k)) is not None
            ]
            self._batches += 1
            decode = lambda r=requests, box=self.icon_size: decode_batch(r, box)  # noqa: E731
            run_task(self.pool, decode, self._decoded, self._decode_failed, "decode thumbnails")

    def _decoded(self, results: object) -> None:
        assert isinstance(results, list)
        self._batches -= 1
        for key, image in results:
            self._inflight.discard(key)
            self._ready.append((key, image))
        self.decoded += len(results)
        if not self._flush_timer.isActive():
            self._flush_timer.start()
        self._dispatch()

    def _decode_failed(self, message: str) -> None:
        log.warning("thumbnails not decoded: %s", message)
        self._batches -= 1
        if self._batches == 0:
            self._inflight.clear()  # their keys are unknown here: asked again when shown
        self._dispatch()

    def _flush(self) -> None:
        """Turn finished images into pixmaps (GUI thread) and announce them, one dataChanged per run of rows."""
        ready, self._ready = self._ready, []
        rows = []
        for key, image in ready:
            self._cache[key] = QPixmap.fromImage(image) if image is not None else self.broken()
            self._cache.move_to_end(key)
            row = self._row.get(key)
            if row is not None:
                rows.append(row)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        roles = [Qt.ItemDataRole.DecorationRole, Roles.ReadyRole]
        for first, last in _runs(sorted(rows)):
            self.dataChanged.emit(self.index(first), self.index(last), roles)
        if ready:
            self.thumbnailsReady.emit(len(ready))

    def pending(self) -> int:
        """Thumbnails asked for and not yet announced."""
        return len(self._wanted) + len(self._inflight) + len(self._ready)

    def stop(self) -> None:
        """Ask for nothing more (the window is closing); batches under way end on their own."""
        self._wanted.clear()
        self._dispatch_timer.stop()
        self._rest_timer.stop()

    def placeholder(self) -> QPixmap:
        """What stands in for a thumbnail not decoded yet: a frame in the palette's colours."""
        if self._placeholder is None:
            self._placeholder = self._frame()
        return self._placeholder

    def broken(self) -> QPixmap:
        """What stands in for a thumbnail that does not decode: the frame with a warning sign."""
        if self._broken is None:
            pixmap = self._frame()
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            painter = QPainter(pixmap)
            side = self.icon_size // 4
            icon.paint(painter, (pixmap.width() - side) // 2, (pixmap.height() - side) // 2, side, side)
            painter.end()
            self._broken = pixmap
        return self._broken

    def _frame(self) -> QPixmap:
        # Opaque, square corners: a view paints dozens of placeholders per scroll step, and an opaque pixmap is a
        # plain copy where one with transparency is blended pixel by pixel (5 times slower).
        size = self.icon_size
        pixmap = QPixmap(size, size * 3 // 4)
        palette = QApplication.palette()
        pixmap.fill(palette.color(QPalette.ColorRole.Midlight))
        painter = QPainter(pixmap)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(pixmap.rect().adjusted(0, 0, -1, -1))
        painter.end()
        return pixmap


class BrowseProxy(QSortFilterProxyModel):
    """Filters the photos by name, across the browsed units (case-insensitive, on :attr:`Roles.SearchRole`).

    It does not sort: the model keeps the chosen order itself (see the module docstring).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterRole(Roles.SearchRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(unicodedata.normalize("NFC", text.strip()))


def date_text(photo: Photo) -> str:
    """The photo's date in the UI's locale (short format), as the camera's clock showed it."""
    when = photo.date
    if when is None:
        return ""
    qt = QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute, when.second))
    return QLocale().toString(qt, QLocale.FormatType.ShortFormat)


def _plain_role(photo: Photo, role: int, cache: OrderedDict[int, QPixmap]) -> Any:
    if role == Roles.UnitRole:
        return photo.unit
    if role == Roles.PathRole:
        return photo.path
    if role == Roles.DateRole:
        return photo.when
    if role == Roles.SizeRole:
        return photo.size
    if role == Roles.SearchRole:
        return photo.search
    if role == Roles.ReadyRole:
        return photo.key in cache
    if role == Roles.PhotoRole:
        return photo
    return None


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of neighbours."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(row, runs[-1][1]))
        else:
            runs.append((row, row))
    return runs


def _single_shot(parent: QObject, interval: int, slot: Any) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer
