"""What levels 1, 2 and 3 would make of an album, from folder names alone: the first-run wizard's level choice.

A full scan (:func:`~glacier_gui.core.album.scan.scan_album`) lists every file; over a NAS that takes a while, and the
wizard wants three levels at once.  The units of a level depend only on the folders above it, so one walk of
the top ``max_level`` folder levels answers for every level up to it: a folder at depth *L* is a unit of level
*L*; a folder above it that holds files of its own is a *loose* unit, as the scan makes it.  The counts are the
scan's (a test compares them); only file counts and sizes are left out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from glacier_gui.core.album.scan import ROOT_UNIT, SkipRules, nfc
from glacier_gui.core.paths import display, extended
from glacier_gui.core.progress import CancelToken


@dataclass(frozen=True)
class LevelOutline:
    """The units one level gives: how many, the last proper one as an example, and how many are loose."""

    level: int
    units: int
    example: str
    loose: int


@dataclass
class _Folders:
    by_depth: dict[int, list[str]] = field(default_factory=dict)  # unit keys of the folders at each depth
    with_files: dict[int, list[str]] = field(default_factory=dict)  # folders holding files of their own


def outline_levels(
    root: Path, skip: SkipRules, max_level: int = 3, cancel: CancelToken | None = None
) -> list[LevelOutline]:
    """One :class:`LevelOutline` per level 1..*max_level*; :class:`OSError` when *root* cannot be opened."""
    if max_level < 1:
        raise ValueError("max_level must be at least 1")
    found = _Folders()
    _walk(extended(Path(root)), "", 0, max_level, skip, found, cancel)
    outlines = []
    for level in range(1, max_level + 1):
        proper = found.by_depth.get(level, [])
        loose = [key for depth in range(level) for key in found.with_files.get(depth, [])]
        example = max(proper) if proper else (max(loose) if loose else "")
        outlines.append(LevelOutline(level, len(proper) + len(loose), example, len(loose)))
    return outlines


def _walk(
    folder: Path, key: str, depth: int, max_level: int, skip: SkipRules, found: _Folders, cancel: CancelToken | None
) -> None:
    if cancel is not None:
        cancel.raise_if_cancelled()
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError as exc:
        if depth == 0:
            raise OSError(f"the folder {display(folder)} cannot be opened: {exc.strerror or exc}") from None
        return  # the scan reports an unreadable subfolder on its unit; the outline just leaves it out
    has_files = False
    subfolders: list[tuple[str, str]] = []
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if not skip.skip_folder(entry.name):
                    subfolders.append((nfc(entry.name), entry.path))
            elif entry.is_file(follow_symlinks=False) and not skip.skip_file(entry.name):
                has_files = True
        except OSError:
            continue
    if has_files:
        found.with_files.setdefault(depth, []).append(key or ROOT_UNIT)
    for name, path in sorted(subfolders):
        child = f"{key}/{name}" if key else name
        found.by_depth.setdefault(depth + 1, []).append(child)
        if depth + 1 < max_level:
            _walk(Path(path), child, depth + 1, max_level, skip, found, cancel)
