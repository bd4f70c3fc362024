"""A larger look at one photo: its whole thumbnail enlarged (smooth scaling), with name, date, camera, size, unit.

The thumbnail is the only picture there is without a restore, so this is as large as it gets; the grid's small
pixmap shows at once and the pack's full thumbnail replaces it when read (in a pool thread).  "Restore this
photo…" asks for just this file.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from glacier_gui.gui import texts
from glacier_gui.gui.browse.loader import read_image
from glacier_gui.gui.browse.model import date_text
from glacier_gui.gui.browse.photos import Photo
from glacier_gui.gui.workers.base import run_task

MAX_ENLARGE = 2.0  # a 320-pixel thumbnail shown up to 640 pixels: larger only shows the JPEG's blocks
START_SIZE = QSize(560, 420)


class PreviewDialog(QDialog):
    """One photo, large.  Signals: ``loaded()`` when the full thumbnail is shown; ``restoreRequested(dict)``
    with ``{unit: {path}}`` for "Restore this photo…"."""

    loaded = Signal()
    restoreRequested = Signal(object)

    def __init__(self, photo: Photo, small: QPixmap | None, pool: QThreadPool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoPreview")
        self.photo = photo
        self.setWindowTitle(self.tr("{0} — {1}").format(photo.name, photo.unit))
        self.image: QImage | None = small.toImage() if small is not None and not small.isNull() else None
        self.picture = QLabel(self)
        self.picture.setObjectName("previewPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(160, 120)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.resize(START_SIZE)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), _selectable(photo.name, self))
        form.addRow(self.tr("Date:"), _selectable(self._date_line(), self))
        if photo.camera:
            form.addRow(self.tr("Camera:"), _selectable(photo.camera, self))
        form.addRow(self.tr("Size:"), _selectable(self._size_line(), self))
        form.addRow(self.tr("Unit:"), _selectable(photo.unit, self))
        if "/" in photo.path:
            form.addRow(self.tr("Folder:"), _selectable(photo.path.rsplit("/", 1)[0], self))
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = buttons.addButton(self.tr("Restore this photo…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setObjectName("restoreThisPhoto")
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(START_SIZE.width() + 40, START_SIZE.height() + 200)
        self._show_image()
        run_task(pool, lambda: read_image(photo), self._image_read, self._image_failed, name="preview")

    def _date_line(self) -> str:
        text = date_text(self.photo)
        if not text:
            return self.tr("unknown")
        return text if self.photo.taken is not None else self.tr("{0} (file date: no date taken recorded)").format(text)

    def _size_line(self) -> str:
        parts = [texts.size(self.photo.size)] if self.photo.size is not None else []
        if self.photo.width and self.photo.height:
            parts.append(self.tr("{0} × {1} pixels").format(self.photo.width, self.photo.height))
        return ", ".join(parts) or self.tr("unknown")

    def _image_read(self, image: object) -> None:
        if isinstance(image, QImage):
            self.image = image
            self._show_image()
        else:
            self._image_failed(self.tr("The thumbnail in the pack does not decode."))
            return
        self.loaded.emit()

    def _image_failed(self, message: str) -> None:
        self.note.setText(self.tr("The larger thumbnail could not be read: {0}").format(message))
        self.note.show()
        self.loaded.emit()

    def _show_image(self) -> None:
        if self.image is None or self.image.isNull():
            return
        area = self.picture.size()
        scale = min(area.width() / self.image.width(), area.height() / self.image.height(), MAX_ENLARGE)
        size = QSize(max(1, round(self.image.width() * scale)), max(1, round(self.image.height() * scale)))
        scaled = self.image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_image()

    def _restore(self) -> None:
        self.restoreRequested.emit({self.photo.unit: {self.photo.path}})
        self.accept()


def _selectable(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
