"""What a photo says about itself: date taken, camera, orientation, pixel size, and an embedded preview.

Read from Exif (photos, and RAW files' containers) for the thumbnail pack's index and for orienting the
thumbnail; the embedded preview spares decoding a whole 12-megapixel JPEG when a phone or camera stored a good
one.  Pure Pillow, no decoding of the photo itself.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PIL import ExifTags, Image, JpegImagePlugin

THUMB_LONG_SIDE = 320  # the thumbnail's long side: a smaller embedded preview would be blown up

# What a corrupt or hostile file can make Pillow, pillow-heif or PyAV raise.  TypeError is here because Pillow's
# plugins raise it on malformed headers; our own argument checks run before any decoding starts.
DECODE_ERRORS: tuple[type[BaseException], ...] = (
    *(OSError, ValueError, SyntaxError, EOFError, struct.error, zlib.error, IndexError, KeyError, TypeError),
    *(ZeroDivisionError, OverflowError, MemoryError, RecursionError, RuntimeError, Image.DecompressionBombError),
)


@dataclass(frozen=True)
class Meta:
    taken: str | None = None
    camera: str | None = None
    orientation: int = 1
    size: tuple[int, int] | None = None  # from Exif's pixel dimensions (RAW files)


def read_meta(exif: Image.Exif, fallback: Image.Exif | None = None) -> Meta:
    """Date taken, camera model, orientation and Exif pixel size, each from *exif* else from *fallback*."""
    values: dict[str, Any] = {}
    for source in (exif, fallback):
        if source is None:
            continue
        try:
            sub = source.get_ifd(ExifTags.IFD.Exif)
        except DECODE_ERRORS:
            sub = {}
        merged = {**dict(source), **sub}  # CR3 keeps Exif tags in a second IFD0; merging covers both shapes
        values.setdefault("taken", iso_date(merged.get(0x9003), merged.get(0x9011)) or iso_date(merged.get(0x0132)))
        values.setdefault("camera", text_of(merged.get(0x0110)))
        orientation = merged.get(0x0112)
        if isinstance(orientation, int) and 1 <= orientation <= 8:
            values.setdefault("orientation", orientation)
        w, h = merged.get(0xA002), merged.get(0xA003)
        if isinstance(w, int) and isinstance(h, int) and w > 0 and h > 0:
            values.setdefault("size", (w, h))
        values = {k: v for k, v in values.items() if v is not None}
    return Meta(values.get("taken"), values.get("camera"), values.get("orientation", 1), values.get("size"))


def text_of(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    text = value.replace("\x00", " ").strip()
    return text[:64] or None


def iso_date(value: object, offset: object = None) -> str | None:
    """EXIF ``2022:06:01 09:30:00`` (or with ``/`` and ``-``) as ISO text; None for blanks like ``0000:00:00``."""
    text = text_of(value)
    if not text or len(text) < 19:
        return None
    text = text[:10].replace("/", ":").replace("-", ":") + " " + text[11:19]
    try:
        when = datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if when.year < 1900:
        return None
    iso = when.isoformat()
    off = text_of(offset)
    if off and len(off) == 6 and off[0] in "+-" and off[3] == ":" and (off[1:3] + off[4:]).isdigit():
        iso += off
    return iso


def embedded_preview(img: Image.Image, exif: Image.Exif) -> Image.Image | None:
    """The JPEG preview a camera or phone embedded in the photo's Exif (IFD1), when it can stand in for the photo.

    Decoding a 12-megapixel JPEG costs about 40 ms even in draft mode (the entropy decoding of every coefficient
    dominates); a 320-pixel preview costs under 1 ms.  It is used only when it is at least :data:`THUMB_LONG_SIDE`
    on its long side and has the photo's shape (within 2 %): many cameras pad a 160 x 120 preview with black bars,
    which would show.  It carries no orientation of its own: the photo's applies (the renderer's job).
    """
    if img.format != "JPEG" or not isinstance(img.info.get("exif"), bytes):
        return None
    try:
        ifd1 = exif.get_ifd(ExifTags.IFD.IFD1)
        offset, length = ifd1.get(0x0201), ifd1.get(0x0202)  # JPEGInterchangeFormat, its length
        if not isinstance(offset, int) or not isinstance(length, int) or length <= 0:
            return None
        raw: bytes = img.info["exif"]
        start = 6 + offset  # offsets count from the TIFF header, after "Exif\0\0"
        preview = JpegImagePlugin.JpegImageFile(io.BytesIO(raw[start : start + length]))
    except DECODE_ERRORS:
        return None
    (pw, ph), (w, h) = preview.size, img.size
    if max(pw, ph) < THUMB_LONG_SIDE or abs(pw * h - ph * w) > 0.02 * w * ph:
        preview.close()
        return None
    return preview
