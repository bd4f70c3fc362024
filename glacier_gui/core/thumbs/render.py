"""Thumbnails of photos and videos, made from the bytes the upload engine already read.

The album goes to Deep Archive, where nothing can be looked at without a paid restore that takes hours.  A
320-pixel JPEG of every photo, packed per unit (:mod:`glacier_gui.core.thumbs.pack`) and kept in the STANDARD
class, lets the family browse it for a few cents.  The engine reads every file once to hash and send it;
:class:`ThumbFeed` collects those same chunks so the NAS is never read twice for a photo.

JPEGs decode in draft mode (the decoder scales by 1/2, 1/4 or 1/8 inside the DCT), which turns a 12-megapixel
photo from a few hundred milliseconds into a few tens; a JPEG whose Exif embeds a preview of at least 320 pixels
(many phones and cameras) takes that instead, for under a millisecond (:mod:`glacier_gui.core.thumbs.exif`).
HEIC goes through pillow-heif when it is installed (and uses the embedded thumbnail when there is one); camera
RAW files give their largest embedded JPEG preview (:mod:`glacier_gui.core.thumbs.rawpreview`).  Videos get a
poster frame through PyAV when it is installed (it needs the file on disk), otherwise a drawn placeholder.
Whatever fails to decode becomes a placeholder and one log line: a broken photo must never stop a backup.

Thread-safe: nothing is shared between calls except the HEIF opener, registered once under a lock.
"""

from __future__ import annotations

import io
import logging
import os
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from PIL import ExifTags, Image, ImageDraw, ImageFont, ImageOps, JpegImagePlugin, UnidentifiedImageError

from glacier_gui.core.textfmt import format_size
from glacier_gui.core.thumbs import rawpreview
from glacier_gui.core.thumbs.exif import DECODE_ERRORS as _DECODE_ERRORS
from glacier_gui.core.thumbs.exif import THUMB_LONG_SIDE
from glacier_gui.core.thumbs.exif import Meta as _Meta
from glacier_gui.core.thumbs.exif import embedded_preview as _embedded_preview
from glacier_gui.core.thumbs.exif import iso_date as _iso_date
from glacier_gui.core.thumbs.exif import read_meta as _meta
from glacier_gui.core.thumbs.exif import text_of as _text
from glacier_gui.core.thumbs.pixels import eight_bit, is_deep, to_rgb

log = logging.getLogger(__name__)

JPEG_QUALITY = 75
# Pixels this module lets a decoder produce for one thumbnail (after draft mode has scaled a JPEG down).  Pillow's
# own limit is process-wide, so it is left alone: JPEGs bypass it (draft mode decodes them small, so a
# 200-megapixel phone photo is fine) and everything else is checked against this figure before decoding.
MAX_IMAGE_PIXELS = 100_000_000  # about 300 MB as RGB: a stitched panorama still fits
# Bytes of one file a feed keeps: photos above it get a placeholder, RAW files keep their head (previews sit
# near the start of every RAW format we know) and videos keep nothing.
MAX_BUFFER_BYTES = 64 * 2**20

PHOTO_EXTENSIONS = frozenset(
    [".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".tif", ".tiff", ".webp", ".gif", ".bmp"]
    + [".heic", ".heif", ".hif", ".avif"]
)
RAW_EXTENSIONS = frozenset([".cr2", ".cr3", ".nef", ".arw", ".dng", ".orf", ".rw2", ".raf", ".pef"])
VIDEO_EXTENSIONS = frozenset([".mp4", ".mov", ".m4v", ".avi", ".mts", ".m2ts", ".3gp"])
_HEIF_EXTENSIONS = frozenset([".heic", ".heif", ".hif", ".avif"])
# The formats Pillow may try.  Without a list it tries every plugin it has, some of which (EPS) start a
# Ghostscript process: a file named .jpg must not get that far.
_FORMATS = ("JPEG", "MPO", "PNG", "TIFF", "WEBP", "GIF", "BMP", "HEIF", "AVIF")


class ThumbKind(StrEnum):
    PHOTO = "photo"
    RAW = "raw"
    VIDEO = "video"
    PLACEHOLDER = "placeholder"


@dataclass(frozen=True)
class Thumb:
    """One thumbnail: the JPEG and what the original told about itself.

    ``width``/``height`` are the original's pixel size as displayed (after its EXIF orientation); for a RAW
    file, its Exif pixel size when it records one, else the embedded preview's.  ``taken`` is the EXIF date
    taken as ISO text (``2022-06-01T09:30:00``, with ``+09:00`` when the camera recorded its offset).
    ``note`` says why a thumbnail is a placeholder.
    """

    jpeg: bytes = field(repr=False)
    kind: ThumbKind = ThumbKind.PHOTO
    width: int | None = None
    height: int | None = None
    taken: str | None = None
    camera: str | None = None
    note: str = ""


def kind_for(name: str) -> ThumbKind | None:
    """Which kind of thumbnail a file of this name gets, from its extension; None for files we do not try."""
    ext = os.path.splitext(name)[1].lower()
    if ext in PHOTO_EXTENSIONS:
        return ThumbKind.PHOTO
    if ext in RAW_EXTENSIONS:
        return ThumbKind.RAW
    if ext in VIDEO_EXTENSIONS:
        return ThumbKind.VIDEO
    return None


def wants_thumbnail(name: str) -> bool:
    """Whether a file of this name gets a thumbnail (photos, RAW files, videos), by extension."""
    return kind_for(name) is not None


Source = bytes | bytearray | memoryview | os.PathLike[str]


def make_thumbnail(data: Source, name: str) -> Thumb:
    """A thumbnail of one file, from its bytes or from a path (videos need a path for a poster frame).

    Never raises for bad content: anything that does not decode gives a placeholder and one log line.
    """
    if not isinstance(data, bytes | bytearray | memoryview | os.PathLike):
        raise TypeError(f"make_thumbnail wants bytes or a path, not {type(data).__name__}")
    kind = kind_for(name)
    try:
        if kind is ThumbKind.VIDEO:
            if isinstance(data, os.PathLike):
                return _video_thumb(Path(data), name)
            return placeholder(ThumbKind.VIDEO, name, len(data), "video given as bytes: no poster frame")
        if isinstance(data, os.PathLike):
            data = _read_for_thumb(Path(data), kind)
        if kind is ThumbKind.RAW:
            return _raw_thumb(data)
        return _photo_thumb(data, name)
    except _DECODE_ERRORS as e:
        note = _describe(e)
        log.warning("no thumbnail for %s (%s)", name, note)
        size = _size_of(data)
        return placeholder(ThumbKind.VIDEO if kind is ThumbKind.VIDEO else ThumbKind.PLACEHOLDER, name, size, note)


class ThumbFeed:
    """Collects one file's chunks as the upload engine reads them; :meth:`finish` makes the thumbnail.

    Chunks may come in order (``update(chunk)``) or, when parts are read in parallel, with their offset.
    Photos are kept up to :data:`MAX_BUFFER_BYTES` (beyond that: a placeholder, the NAS is not read again),
    RAW files keep only their head, videos keep nothing: their poster frame is read from the path given to
    :meth:`finish`, or they get a placeholder.  Safe to feed from several threads.
    """

    def __init__(self, name: str, limit: int = MAX_BUFFER_BYTES) -> None:
        self.name = name
        self.kind = kind_for(name)
        self._limit = limit
        self._chunks: dict[int, bytes] = {}
        self._next = 0
        self._total = 0
        self._overflow = False
        self._lock = threading.Lock()

    @property
    def wanted(self) -> bool:
        return self.kind is not None

    def reset(self) -> None:
        """Forget what was fed: the engine reads the file again from the start (a retry after an error)."""
        with self._lock:
            self._chunks.clear()
            self._next = self._total = 0
            self._overflow = False

    @property
    def held(self) -> int:
        """Bytes this feed keeps in memory now."""
        with self._lock:
            return sum(len(c) for c in self._chunks.values())

    def update(self, chunk: bytes | bytearray | memoryview, offset: int | None = None) -> None:
        with self._lock:
            start = self._next if offset is None else offset
            length = len(chunk)
            self._next = start + length
            self._total = max(self._total, start + length)
            if self.kind in (None, ThumbKind.VIDEO) or self._overflow:
                return
            keep = min(length, self._limit - start)
            if keep < length and self.kind is ThumbKind.PHOTO:
                self._overflow = True
                self._chunks.clear()
                return
            if keep > 0:
                self._chunks[start] = bytes(chunk[:keep])

    def finish(self, path: os.PathLike[str] | None = None) -> Thumb | None:
        """The thumbnail (None for files that get none); *path* lets a video have a poster frame."""
        if self.kind is None:
            return None
        with self._lock:
            chunks, self._chunks = self._chunks, {}
        if self.kind is ThumbKind.VIDEO:
            if path is not None:
                return make_thumbnail(path, self.name)
            return placeholder(ThumbKind.VIDEO, self.name, self._total, "no path given for a poster frame")
        if self._overflow:
            note = f"larger than {self._limit // 2**20} MiB: not kept for a thumbnail"
            log.info("no thumbnail for %s (%s)", self.name, note)
            return placeholder(ThumbKind.PLACEHOLDER, self.name, self._total, note)
        return make_thumbnail(_contiguous(chunks), self.name)


def _contiguous(chunks: dict[int, bytes]) -> bytes:
    """The bytes from offset 0 up to the first gap (a gap makes a truncated file, which decodes as one)."""
    parts, pos = [], 0
    for start in sorted(chunks):
        if start > pos:
            break
        part = chunks[start][pos - start :]
        parts.append(part)
        pos += len(part)
    return b"".join(parts)


def _describe(e: BaseException) -> str:
    if isinstance(e, UnidentifiedImageError):
        return "not an image this app can read"  # Pillow's text names a BytesIO object, of no use in a log
    return f"{type(e).__name__}: {e}"[:200]


def _read_for_thumb(path: Path, kind: ThumbKind | None) -> bytes:
    with path.open("rb") as f:
        data = f.read(MAX_BUFFER_BYTES + 1)
    if len(data) > MAX_BUFFER_BYTES and kind is not ThumbKind.RAW:
        raise ValueError(f"larger than {MAX_BUFFER_BYTES // 2**20} MiB: not read for a thumbnail")
    return data[:MAX_BUFFER_BYTES]


def _size_of(data: Source) -> int | None:
    if isinstance(data, os.PathLike):
        try:
            return os.stat(data).st_size
        except OSError:
            return None
    return len(data)


# --- photos ---------------------------------------------------------------------------------------------------

_heif_lock = threading.Lock()
_heif_state: bool | None = None  # None: not tried yet


def heif_available() -> bool:
    """Register pillow-heif's opener with Pillow once; False when pillow-heif is not installed."""
    global _heif_state
    with _heif_lock:
        if _heif_state is None:
            try:
                import pillow_heif

                pillow_heif.register_heif_opener()
                _heif_state = True
            except ImportError:
                _heif_state = False
            except Exception as e:  # a broken native library must not stop backups; say it once
                log.warning("pillow-heif is installed but does not load (%s): HEIC files get placeholders", e)
                _heif_state = False
        return _heif_state


def _open_image(data: bytes | bytearray | memoryview, name: str) -> Image.Image:
    buf = io.BytesIO(data)
    if bytes(data[:3]) == b"\xff\xd8\xff":
        # The plugin class directly: Image.open would apply the process-wide pixel limit before draft mode can
        # shrink the image; our own limit is checked after draft (_check_pixels).
        return JpegImagePlugin.JpegImageFile(buf)
    if os.path.splitext(name)[1].lower() in _HEIF_EXTENSIONS or bytes(data[4:8]) == b"ftyp":
        heif_available()
    Image.init()  # every plugin registered (once), so the list below is complete
    return Image.open(buf, formats=[f for f in _FORMATS if f in Image.OPEN])


def _check_pixels(img: Image.Image) -> None:
    pixels = img.size[0] * img.size[1]
    if pixels > MAX_IMAGE_PIXELS:
        raise Image.DecompressionBombError(f"{img.size[0]}x{img.size[1]} pixels is more than this module decodes")


def _draft_box(size: tuple[int, int], long_side: int = THUMB_LONG_SIDE) -> tuple[int, int]:
    """The size the thumbnail will have: what draft mode must not go below."""
    w, h = size
    longest = max(w, h, 1)
    return max(1, -(-w * long_side // longest)), max(1, -(-h * long_side // longest))


def _photo_thumb(data: bytes | bytearray | memoryview, name: str, draft: bool = True) -> Thumb:
    with _open_image(data, name) as img:
        exif = img.getexif()
        meta = _meta(exif)
        preview = _embedded_preview(img, exif) if draft else None
        if preview is not None:
            with preview:
                return _render(
                    preview, _Meta(meta.taken, meta.camera, meta.orientation, meta.size or img.size), ThumbKind.PHOTO
                )
        return _render(img, meta, ThumbKind.PHOTO, draft)


def _render(img: Image.Image, meta: _Meta, kind: ThumbKind, draft: bool = True) -> Thumb:
    """Decode *img* small, orient it, encode the thumbnail."""
    size = img.size
    if draft:
        img.draft("RGB", _draft_box(size))
    _check_pixels(img)
    img.load()
    icc = img.info.get("icc_profile")
    exif = img.getexif()  # kept across thumbnail(), which works in place, for exif_transpose below
    # Pillow 12+ turns a TIFF upright as it loads it (and drops the tag): turning it again would undo that.
    turned = img.format == "TIFF" and ExifTags.Base.Orientation not in exif
    orientation = 1 if turned else meta.orientation
    if orientation != exif.get(ExifTags.Base.Orientation, 1):
        exif[ExifTags.Base.Orientation] = orientation  # a RAW preview takes its container's orientation
    if is_deep(img.mode):  # 16-bit scans: Pillow resizes only 8-bit samples
        img = eight_bit(img)
        img.info["exif"] = exif.tobytes()  # the orientation goes along to exif_transpose below
    img.thumbnail((THUMB_LONG_SIDE, THUMB_LONG_SIDE), Image.Resampling.BICUBIC)
    before = img.size
    small = ImageOps.exif_transpose(img)
    if meta.size:
        size = meta.size
    if small.size != before:  # turned by a quarter: the original's displayed size turns with it
        size = (size[1], size[0])
    rgb = to_rgb(small)
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=JPEG_QUALITY, icc_profile=icc if isinstance(icc, bytes) else None)
    return Thumb(out.getvalue(), kind, size[0], size[1], meta.taken, meta.camera)


# --- camera RAW -----------------------------------------------------------------------------------------------


def _raw_thumb(data: bytes | bytearray | memoryview) -> Thumb:
    container = rawpreview.container_exif(data)
    last: BaseException | None = None
    for start, end in rawpreview.jpeg_previews(data)[:3]:  # largest first; a damaged one gives way to the next
        try:
            with JpegImagePlugin.JpegImageFile(io.BytesIO(data[start:end])) as img:
                return _render(img, _meta(img.getexif(), container), ThumbKind.RAW)
        except _DECODE_ERRORS as e:
            last = e
    if last is not None:
        raise last
    raise ValueError("no embedded JPEG preview found")


# --- videos and placeholders ----------------------------------------------------------------------------------

_VIDEO_PACKETS = 600  # bound on packets demuxed while looking for the first key frame


def _video_thumb(path: Path, name: str) -> Thumb:
    size = path.stat().st_size
    try:
        import av
    except ImportError:
        return placeholder(ThumbKind.VIDEO, name, size, "PyAV is not installed: no poster frame")
    try:
        return _poster_frame(av, path, name, size)
    except av.FFmpegError as e:  # its own hierarchy, not all of it OSError or ValueError
        raise ValueError(f"FFmpeg: {e}") from e


def _poster_frame(av: Any, path: Path, name: str, size: int) -> Thumb:
    with av.open(str(path), metadata_errors="replace", timeout=10.0) as container:
        stream = container.streams.video[0]
        stream.codec_context.skip_frame = "NONKEY"  # the first key frame is enough, and decodes fastest
        meta = container.metadata
        taken = _iso_date((meta.get("creation_time") or "").replace("T", " "))
        camera = _text(meta.get("com.apple.quicktime.model") or meta.get("model"))
        for count, packet in enumerate(container.demux(stream)):
            if count >= _VIDEO_PACKETS:
                break
            for frame in packet.decode():
                img = frame.to_image()
                rotation = int(getattr(frame, "rotation", 0) or 0) % 360
                if rotation:
                    img = img.rotate(rotation, expand=True)  # the display matrix: phones film sideways
                width, height = img.size
                img.thumbnail((THUMB_LONG_SIDE, THUMB_LONG_SIDE), Image.Resampling.BICUBIC)
                _draw_play_badge(img)
                out = io.BytesIO()
                img.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY)
                return Thumb(out.getvalue(), ThumbKind.VIDEO, width, height, taken, camera)
    return placeholder(ThumbKind.VIDEO, name, size, "no video frame decoded")


def _draw_play_badge(img: Image.Image) -> None:
    """A small play triangle in the corner, so a poster frame reads as a video in a grid of photos."""
    draw = ImageDraw.Draw(img)
    r = max(8, min(img.size) // 8)
    x, y = r + 6, img.size[1] - r - 6
    draw.ellipse((x - r, y - r, x + r, y + r), fill=(0, 0, 0))
    draw.polygon([(x - r // 3, y - r // 2), (x - r // 3, y + r // 2), (x + r // 2, y)], fill=(255, 255, 255))


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (OSError, ImportError):  # Pillow without FreeType: the small bitmap font
        return ImageFont.load_default()


def placeholder(kind: ThumbKind, name: str, size: int | None = None, note: str = "") -> Thumb:
    """A drawn stand-in (an icon, the file type and size): for videos without a poster and undecodable files."""
    video = kind is ThumbKind.VIDEO
    img = Image.new("RGB", (THUMB_LONG_SIDE, THUMB_LONG_SIDE * 3 // 4), (60, 63, 68) if video else (217, 217, 217))
    draw = ImageDraw.Draw(img)
    ink = (240, 240, 240) if video else (90, 90, 90)
    cx, cy = img.size[0] // 2, 90
    if video:  # a film frame with a play triangle
        draw.rounded_rectangle((cx - 50, cy - 36, cx + 50, cy + 36), radius=8, outline=ink, width=4)
        draw.polygon([(cx - 14, cy - 20), (cx - 14, cy + 20), (cx + 22, cy)], fill=ink)
    else:  # a picture frame with a cross: no preview
        draw.rectangle((cx - 44, cy - 34, cx + 44, cy + 34), outline=ink, width=4)
        draw.line((cx - 24, cy - 16, cx + 24, cy + 16), fill=ink, width=4)
        draw.line((cx - 24, cy + 16, cx + 24, cy - 16), fill=ink, width=4)
    ext = os.path.splitext(name)[1].lstrip(".").upper()[:8]
    label = f"{ext} video".strip() if video else f"{ext} file: no preview".strip()
    for y, text, px in ((160, label, 20), (190, "" if size is None else format_size(size), 18)):
        if text:
            font = _font(px)
            draw.text((cx, y), text, fill=ink, font=font, anchor="mt")
    out = io.BytesIO()
    img.save(out, "JPEG", quality=JPEG_QUALITY)
    return Thumb(out.getvalue(), ThumbKind.VIDEO if video else ThumbKind.PLACEHOLDER, note=note)
