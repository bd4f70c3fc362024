"""Off the GUI thread: fetching the units' thumbnail packs and decoding thumbnails.

Packs come from a :data:`~glacier_gui.gui.browse.photos.PackSource` (``unit -> Path``), injected so that tests
and the screenshot run hand in packs built locally; the app's own is :func:`session_pack_source`, on the
bucket's copy (``core.thumbstore``).  A fetch is network work: :class:`PackLoader` runs it on the session's
pool and reports each unit as it arrives, so the first unit shows while the next one downloads.

Thumbnails decode with QImage in a pool thread (QImage, unlike QPixmap, may be used outside the GUI thread),
a batch per task, scaled there to the grid's size; the model turns them into pixmaps in the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage

from glacier_gui.core.progress import CancelToken
from glacier_gui.core.thumbs.pack import PackError, read_index
from glacier_gui.gui.browse.photos import NoPack, PackSource, Photo, photos_from_index
from glacier_gui.gui.workers.base import Task, run_task, user_message

if TYPE_CHECKING:
    from glacier_gui.gui.session import Session

log = logging.getLogger(__name__)


@dataclass
class LoadedUnit:
    """One unit's pack, read: its photos (keys from the loader's counter) and the entries the index refused."""

    unit: str
    pack: Path
    photos: list[Photo] = field(default_factory=list)
    refused: int = 0


class PackLoader(QObject):
    """Fetches and reads the packs of *units*, one after the other, in one pool task.

    Signals (delivered in the GUI thread): ``progress(str unit, int done, int total)`` as a unit's fetch
    starts; ``unitLoaded(LoadedUnit)``; ``unitFailed(str unit, str message)`` — *message* is for the user (a
    unit without a pack says so in plain words); ``finished()`` once every unit was tried (or it was stopped).
    """

    progress = Signal(str, int, int)
    unitLoaded = Signal(object)
    unitFailed = Signal(str, str)
    finished = Signal()

    def __init__(self, source: PackSource) -> None:
        # No Qt parent: the running task keeps this object alive, so a window closed mid-fetch never leaves the
        # pool thread emitting from a deleted object; slots of a deleted receiver are simply not called.
        super().__init__()
        self.source = source
        self.cancel_token = CancelToken()
        self.task: Task | None = None
        self._next_key = 0

    def start(self, pool: QThreadPool, units: Sequence[str]) -> Task:
        units = list(units)
        load = lambda: self._load_all(units)  # noqa: E731
        self.task = run_task(pool, load, self._done, self._crashed, name="browse packs", cancel=self.cancel_token)
        return self.task

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def _load_all(self, units: list[str]) -> None:
        for done, unit in enumerate(units):
            self.cancel_token.raise_if_cancelled()
            self.progress.emit(unit, done, len(units))
            try:
                loaded = self._load(unit)
            except NoPack as exc:
                log.info("no thumbnail pack for %s: %s", unit, exc)
                self.unitFailed.emit(
                    unit,
                    self.tr(
                        "{0} has no thumbnails: it was backed up before thumbnails were made, or it holds no photos "
                        "or videos."
                    ).format(unit),
                )
            except PackError as exc:
                log.warning("thumbnail pack of %s unreadable: %s", unit, exc)
                self.unitFailed.emit(unit, self.tr("The thumbnails of {0} cannot be read: {1}").format(unit, exc))
            except Exception as exc:  # the network, the disk: one unit's trouble must not hide the others
                log.warning("thumbnails of %s not fetched: %s", unit, exc, exc_info=not isinstance(exc, OSError))
                self.unitFailed.emit(
                    unit, self.tr("The thumbnails of {0} could not be fetched: {1}").format(unit, user_message(exc))
                )
            else:
                self.unitLoaded.emit(loaded)

    def _load(self, unit: str) -> LoadedUnit:
        pack = self.source(unit)
        index = read_index(pack)
        photos = photos_from_index(unit, pack, index, self._next_key)
        self._next_key += len(photos)
        if index.refused:
            log.warning("thumbnail pack of %s: %d entries refused", unit, len(index.refused))
        return LoadedUnit(unit, pack, photos, len(index.refused))

    def _done(self, _result: object) -> None:
        self.task = None
        self.finished.emit()

    def _crashed(self, message: str) -> None:
        self.task = None
        log.info("browse packs: %s", message)
        self.finished.emit()


# ---- decoding ------------------------------------------------------------------------------------------------

DecodeRequest = tuple[int, Path, int, int]  # photo key, pack, offset, length


def decode_batch(requests: Sequence[DecodeRequest], box: int) -> list[tuple[int, QImage | None]]:
    """Decode thumbnails (pool thread): each scaled to fit *box* pixels; None for one that does not decode."""
    results: list[tuple[int, QImage | None]] = []
    files: dict[Path, IO[bytes]] = {}
    try:
        for key, pack, offset, length in requests:
            try:
                f = files.get(pack)
                if f is None:
                    f = files[pack] = open(pack, "rb")  # noqa: SIM115 - closed below, one per pack per batch
                f.seek(offset)
                image = decode(f.read(length))
            except OSError as exc:
                log.warning("thumbnail not read from %s: %s", pack, exc)
                image = None
            results.append((key, fit(image, box) if image is not None else None))
    finally:
        for f in files.values():
            f.close()
    return results


def decode(data: bytes) -> QImage | None:
    image = QImage.fromData(data)
    return None if image.isNull() else image


def fit(image: QImage, box: int) -> QImage:
    """*image* scaled (smoothly) to fit a square of *box* pixels; a smaller one is left as it is."""
    if image.width() <= box and image.height() <= box:
        return image
    return image.scaled(box, box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


def read_image(photo: Photo) -> QImage | None:
    """The whole thumbnail of *photo* (pool thread: the preview's)."""
    with open(photo.pack, "rb") as f:
        f.seek(photo.offset)
        return decode(f.read(photo.length))


# ---- the app's pack source -----------------------------------------------------------------------------------


def session_pack_source(session: Session) -> PackSource:
    """Packs from the session's bucket, cached in its data dir (``core.thumbstore.local_pack``).

    Read in the GUI thread (settings, client); the returned callable runs in a pool thread and makes the S3
    client once.  ``thumbstore.ThumbsMissing`` becomes :class:`NoPack`.
    """
    settings, data_dir, client_source = session.settings, session.data_dir, session.client_source()
    lock = threading.Lock()
    client: list[Any] = []

    def source(unit: str) -> Path:
        import glacier_gui.core.thumbs.store as thumbstore  # written beside this module; imported when a pack is wanted

        with lock:
            if not client:
                client.append(client_source())
        try:
            return Path(thumbstore.local_pack(client[0], settings, data_dir, unit))
        except thumbstore.ThumbsMissing as exc:
            raise NoPack(str(exc)) from exc

    return source
