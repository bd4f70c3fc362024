"""Draw the app icon (an iceberg on a blue tile) into ``resources/icon.png`` and ``resources/icon.ico``.

Run once after changing the drawing; the generated files are committed, so a build needs no drawing:

    QT_QPA_PLATFORM=offscreen python build_spec/make_icon.py

Qt draws each size separately (a 16 px icon stays crisp); the .ico holds them as PNG images, which Windows
reads since Vista, so no image library beyond Qt is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPen, QPolygonF  # noqa: E402

RESOURCES = Path(__file__).resolve().parents[1] / "resources"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> QImage:
    """The icon at *size* pixels, drawn on a 256-unit canvas."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    # The tile: deep-sea blue, lighter at the top (the sky).
    sky = QLinearGradient(0, 0, 0, 256)
    sky.setColorAt(0.0, QColor("#4fa3e0"))
    sky.setColorAt(0.55, QColor("#1f6fb2"))
    sky.setColorAt(1.0, QColor("#0b3c6e"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(sky))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    # The iceberg above the water: a lit face and a shaded face.
    lit = QPolygonF([QPointF(x, y) for x, y in ((40, 170), (96, 78), (128, 104), (150, 60), (150, 170))])
    shade = QPolygonF([QPointF(x, y) for x, y in ((150, 60), (214, 170), (150, 170))])
    p.setBrush(QColor("#ffffff"))
    p.drawPolygon(lit)
    p.setBrush(QColor("#cfe8fb"))
    p.drawPolygon(shade)
    # The water line and the larger part below it, dimmer (what sits in the deep archive).
    p.setBrush(QColor(255, 255, 255, 70))
    below = QPolygonF([QPointF(x, y) for x, y in ((40, 178), (214, 178), (176, 226), (80, 226))])
    p.drawPolygon(below)
    p.setPen(QPen(QColor("#e8f4ff"), 6))
    p.drawLine(QPointF(24, 174), QPointF(232, 174))
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file (ICONDIR + one ICONDIRENTRY per size) whose images are PNG streams."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset + len(blobs))
        blobs += blob
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841  # fonts/paint need it
    RESOURCES.mkdir(exist_ok=True)
    pngs = {size: png_bytes(draw(size)) for size in ICO_SIZES}
    (RESOURCES / "icon.png").write_bytes(pngs[256])
    (RESOURCES / "icon.ico").write_bytes(ico_bytes(pngs))
    print(f"wrote {RESOURCES / 'icon.png'} and {RESOURCES / 'icon.ico'} ({', '.join(map(str, ICO_SIZES))} px)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
