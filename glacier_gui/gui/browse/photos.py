"""The photos of a browse, as plain data made from the units' pack indexes (no Qt, no decoding).

Reading an index is cheap (one JSON document per unit), so the grid knows every photo, its name, date and
size at once; only the thumbnails themselves wait until the view shows them.  This module also holds the sort
keys, made once per photo so that sorting 10,000 photos is one ``list.sort`` in Python, not a Qt proxy asking
the model for two values at each of ~280,000 comparisons.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from operator import attrgetter
from pathlib import Path
from typing import Any

from glacier_gui.core.thumbs.pack import PackIndex

# Where a unit's pack is on local disk: fetched from the bucket when needed (network, so called in a pool
# thread); raises NoPack when the unit has none.
PackSource = Callable[[str], Path]


class NoPack(Exception):
    """The unit has no thumbnail pack (it was backed up before thumbnails existed, or holds no photos)."""


class SortOrder(Enum):
    NEWEST = "newest"
    OLDEST = "oldest"
    NAME = "name"


_DIGITS = re.compile(r"(\d+)")


@dataclass(slots=True, eq=False)
class Photo:
    """One photo of a unit: where its thumbnail is, what the index says about the original, and sort keys.

    ``path`` is relative to the unit, as the manifest and the restore dialog name files; ``when`` is the date
    taken (else the file's mtime) as a POSIX timestamp, -inf when neither is known.  ``date_text`` and
    ``size_text`` are filled in by the model the first time a view shows them (they need the UI locale).
    """

    key: int
    unit: str
    path: str
    pack: Path
    offset: int
    length: int
    kind: str
    size: int | None
    mtime: float | None
    taken: datetime | None
    camera: str | None
    width: int | None
    height: int | None
    when: float
    search: str
    by_name: tuple[Any, ...]  # sort keys, made with the photo (in the loader's thread), so sorting only compares
    newest_first: tuple[Any, ...]
    oldest_first: tuple[Any, ...]
    date_text: str | None = None
    size_text: str | None = None

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)

    @property
    def date(self) -> datetime | None:
        """When it was taken (the camera's own clock), else when the file was last changed (local time)."""
        if self.taken is not None:
            return self.taken
        return datetime.fromtimestamp(self.mtime) if self.mtime is not None else None


def unit_path(unit: str, relpath: str) -> str:
    """The path of a pack entry relative to its unit.

    Packs name photos relative to the unit, like the manifest; a pack that names them from the album root
    (``<unit>/<path>``) is read the same way, so the restore dialog always gets the manifest's path.
    """
    prefix = unit.rstrip("/") + "/"
    return relpath[len(prefix) :] if unit not in ("", ".") and relpath.startswith(prefix) else relpath


def parse_taken(text: str | None) -> datetime | None:
    """The EXIF date taken as the index records it (ISO text, maybe with an offset); None when unreadable."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def natural_key(name: str) -> tuple[Any, ...]:
    """``IMG_2`` before ``IMG_10``; case-insensitive.  Text and numbers alternate, so keys always compare."""
    parts = _DIGITS.split(name.casefold())
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


def photos_from_index(unit: str, pack: Path, index: PackIndex, first_key: int) -> list[Photo]:
    """Every photo of *unit*'s pack, keyed from *first_key* on (keys stay unique across units)."""
    photos = []
    for key, entry in enumerate(index.entries.values(), start=first_key):
        path = unit_path(unit, entry.relpath)
        taken = parse_taken(entry.taken)
        if taken is not None:
            when = taken.timestamp()  # a naive time is the camera's local time: read as this machine's
        elif entry.mtime is not None:
            when = float(entry.mtime)
        else:
            when = -math.inf
        name = natural_key(posixpath.basename(path))
        undated = when == -math.inf  # undated photos go last in both date orders
        photos.append(
            Photo(
                key, unit, path, pack, entry.offset, entry.length, entry.kind, entry.size, entry.mtime, taken,
                entry.camera, entry.width, entry.height, when, f"{unit}/{path}", (name, unit, path),
                (undated, -when, name, unit, path), (undated, when, name, unit, path),
            )
        )  # fmt: skip
    return photos


_SORT_KEYS = {
    SortOrder.NAME: attrgetter("by_name"),
    SortOrder.NEWEST: attrgetter("newest_first"),
    SortOrder.OLDEST: attrgetter("oldest_first"),
}


def sort_photos(photos: list[Photo], order: SortOrder) -> None:
    """Sort in place: by date (newest or oldest first; undated last), or by name; ties by unit and path.

    A list made of sorted runs (the photos so far, then a unit's own, sorted) is merged in one pass.
    """
    photos.sort(key=_SORT_KEYS[order])
