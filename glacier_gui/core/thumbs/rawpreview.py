"""The JPEG previews inside camera RAW files, found without a RAW decoder.

Every RAW format a family camera writes (Canon CR2/CR3, Nikon NEF, Sony ARW, Adobe DNG, Olympus ORF, Panasonic
RW2, Fujifilm RAF, Pentax PEF) carries the camera's own JPEG rendering of the photo, often at full size.
Decoding the sensor data would need LibRaw and seconds per photo; the preview is what the camera showed on its
screen, and enough for a 320-pixel thumbnail.

Rather than one parser per maker, the bytes are scanned for JPEG start markers and each candidate's header is
walked segment by segment (so an EXIF thumbnail nested inside a bigger preview is skipped, and the lossless
JPEG that some formats use for the sensor data is recognised and left alone).  The scan is linear in the
file's size, looks at a bounded number of candidates and stops at a deadline: garbage input costs at most a
fraction of a second.  The date, camera and orientation come from the container's own TIFF structure when
the preview has no EXIF of its own.
"""

from __future__ import annotations

import re
import struct
import time

from PIL import Image

_SOI = re.compile(rb"\xff\xd8\xff")
_EOI = re.compile(rb"\xff\xd9")
_SOF_DECODABLE = frozenset((0xC0, 0xC1, 0xC2))  # baseline, extended, progressive: what libjpeg decodes
_SOF_OTHER = frozenset((0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF))  # lossless, arithmetic
MAX_CANDIDATES = 20_000  # start markers looked at (a tiled DNG has thousands of lossless tiles)
MAX_EOI_SEARCHES = 64  # end-marker searches, the only step that reads far ahead
SCAN_SECONDS = 1.0
MIN_PREVIEW_SIDE = 64  # smaller "previews" are EXIF thumbnails or noise
EXIF_HEAD = 4 * 2**20  # a RAW's TIFF tags sit near its start

Buffer = bytes | bytearray | memoryview


def jpeg_previews(data: Buffer, deadline_s: float = SCAN_SECONDS) -> list[tuple[int, int]]:
    """``(start, end)`` of each complete, decodable JPEG inside *data*, largest picture first."""
    deadline = time.monotonic() + deadline_s
    found: list[tuple[int, int, int]] = []  # (pixels, start, end)
    pos, candidates, searches = 0, 0, 0
    no_end_after = len(data)  # an end-marker search that failed from here proves none exists further on
    while candidates < MAX_CANDIDATES and searches < MAX_EOI_SEARCHES and time.monotonic() < deadline:
        match = _SOI.search(data, pos)
        if match is None:
            break
        start = match.start()
        candidates += 1
        header = _walk_header(data, start)
        if header is None:
            pos = start + 2
            continue
        scan_start, width, height = header
        eoi = None if scan_start >= no_end_after else _EOI.search(data, scan_start)
        searches += scan_start < no_end_after
        if eoi is None:
            no_end_after = min(no_end_after, scan_start)
            pos = start + 2
            continue
        end = eoi.end()
        if min(width, height) >= MIN_PREVIEW_SIDE:
            found.append((width * height, start, end))
        # Skip past this JPEG: what lies inside it (an EXIF thumbnail) is smaller by construction.
        pos = end
    found.sort(key=lambda f: (-f[0], f[1]))
    return [(start, end) for _, start, end in found]


def _walk_header(data: Buffer, start: int) -> tuple[int, int, int] | None:
    """Walk the marker segments from SOI to SOS: (where entropy data starts, width, height), or None."""
    i = start + 2
    n = len(data)
    size: tuple[int, int] | None = None
    for _ in range(256):  # real headers have a dozen segments; a bound for crafted ones
        while i < n - 1 and data[i] == 0xFF and data[i + 1] == 0xFF:  # fill bytes
            i += 1
        if i + 4 > n or data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker in (0xD8, 0xD9) or 0xD0 <= marker <= 0xD7 or marker == 0x00:
            return None  # no standalone markers belong before the first scan
        (length,) = struct.unpack_from(">H", data, i + 2)
        if length < 2 or i + 2 + length > n:
            return None
        if marker in _SOF_OTHER:
            return None
        if marker in _SOF_DECODABLE:
            if length < 8:
                return None
            height, width = struct.unpack_from(">HH", data, i + 5)
            if not width or not height:
                return None
            size = (width, height)
        if marker == 0xDA:
            return (i + 2 + length, *size) if size else None
        i += 2 + length
    return None


def container_exif(data: Buffer) -> Image.Exif | None:
    """The RAW container's own TIFF tags (IFD0 with its Exif IFD), or None when the format is not TIFF-like.

    ORF (``IIRO``) and RW2 (``IIU``) use their own magic number in an otherwise standard TIFF header: it is
    patched to the standard one so Pillow reads the tags.  CR3 keeps its tags as TIFF blocks in ``CMT1`` and
    ``CMT2`` boxes; they are merged.
    """
    try:
        head = bytes(data[:EXIF_HEAD])
        if head[:2] in (b"II", b"MM") and len(head) >= 8:
            magic = b"*\x00" if head[:2] == b"II" else b"\x00*"
            return _load_exif(head[:2] + magic + head[4:])
        if head[4:12] == b"ftypcrx ":
            merged: Image.Exif | None = None
            for box in (b"CMT1", b"CMT2"):
                at = head.find(box)
                if at < 4:
                    continue
                (box_size,) = struct.unpack_from(">I", head, at - 4)
                exif = _load_exif(head[at + 4 : at - 4 + box_size])
                if exif is None:
                    continue
                if merged is None:
                    merged = exif
                else:
                    for tag, value in exif.items():
                        merged.setdefault(tag, value)
            return merged
    except (struct.error, ValueError, OSError, SyntaxError, EOFError, KeyError, IndexError, TypeError):
        return None
    return None


def _load_exif(tiff: bytes) -> Image.Exif | None:
    if tiff[:4] not in (b"II*\x00", b"MM\x00*"):
        return None
    exif = Image.Exif()
    exif.load(tiff)
    return exif if len(exif) else None
