"""Scan the album: root + level + skip rules -> backup units with their file lists.

A *unit* is a folder exactly ``level`` levels below the root (level 2: ``2022/0601_運動会``); everything below it
belongs to it.  Files that sit above the unit level (directly in ``2022/`` or in the root) are not dropped: each
such folder becomes a *loose* unit that holds only its own files (key ``2022``, or ``.`` for the root), flagged
``loose=True``.  Names are NFC (a Mac writes ``ガ`` as ``カ`` + ``゛``); the on-disk name is kept to open files.

One ``os.scandir`` per folder and one stat per file (none on Windows, where scandir returns it); unreadable
folders and files are reported on their unit, never fatal.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from glacier_gui.core.paths import display, extended
from glacier_gui.core.progress import Cancelled, CancelToken

ROOT_UNIT = "."


class FileEntry(NamedTuple):
    """One file of a unit: ``rel`` is NFC with ``/``; ``fs_rel`` is the on-disk relative path."""

    rel: str
    size: int
    mtime: float
    fs_rel: str


@dataclass
class Unit:
    """A backup unit as found on disk."""

    key: str  # relative to the album root, "/"-separated, NFC; "." for files directly in the root
    path: Path  # the folder on disk
    loose: bool = False  # only the folder's own files (they sit above the unit level)
    files: list[FileEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _summary: tuple[int, int, int, float] | None = field(default=None, repr=False, compare=False)

    @property
    def file_count(self) -> int:
        return len(self.files)

    @property
    def total_size(self) -> int:
        return self._summarize()[2]

    @property
    def last_modified(self) -> datetime | None:
        return datetime.fromtimestamp(self._summarize()[3]) if self.files else None

    def _summarize(self) -> tuple[int, int, int, float]:
        """(list id, count, size, newest mtime), recomputed only when the file list changed."""
        files = self.files
        if self._summary is None or self._summary[:2] != (id(files), len(files)):
            newest = max((f.mtime for f in files), default=0.0)
            self._summary = (id(files), len(files), sum(f.size for f in files), newest)
        return self._summary


@dataclass
class ScanResult:
    units: list[Unit]
    errors: list[str]  # problems not tied to a unit (e.g. an unreadable year folder)

    def by_key(self) -> dict[str, Unit]:
        return {u.key: u for u in self.units}


@dataclass
class ScanProgress:
    """Counters a scan updates in place; read them from any thread (ints are replaced atomically)."""

    folders: int = 0
    files: int = 0
    bytes: int = 0
    current: str = ""


class SkipRules:
    """Case-insensitive name patterns (``Thumbs.db``, ``._*``, ``@eaDir``) for files and folders."""

    def __init__(self, files: Iterable[str], folders: Iterable[str]) -> None:
        self._files = self._compile(files)
        self._folders = self._compile(folders)

    @staticmethod
    def _compile(patterns: Iterable[str]) -> re.Pattern[str] | None:
        parts = [fnmatch.translate(unicodedata.normalize("NFC", p).casefold()) for p in patterns if p]
        return re.compile("|".join(parts)) if parts else None

    def skip_file(self, name: str) -> bool:
        return bool(self._files and self._files.match(_fold(name)))

    def skip_folder(self, name: str) -> bool:
        return bool(self._folders and self._folders.match(_fold(name)))


def _fold(name: str) -> str:
    """Case-insensitive, normalisation-insensitive form of a name (ASCII, the common case, is cheap)."""
    return name.lower() if name.isascii() else unicodedata.normalize("NFC", name).casefold()


def nfc(name: str) -> str:
    return name if name.isascii() else unicodedata.normalize("NFC", name)


ProgressFn = Callable[[ScanProgress], None]


def scan_album(
    root: Path, level: int, skip: SkipRules, progress: ProgressFn | None = None, cancel: CancelToken | None = None
) -> ScanResult:
    """Find every unit under *root* at *level* and list its files.  Raises :class:`Cancelled` if cancelled."""
    if level < 1:
        raise ValueError("level must be at least 1")
    state = ScanProgress()
    units: list[Unit] = []
    errors: list[str] = []
    with _gc_paused():
        _walk_levels(extended(root), "", level, skip, units, errors, state, progress, cancel)
    units.sort(key=lambda u: u.key)
    return ScanResult(units, errors)


_gc_lock = threading.Lock()
_gc_pausers = 0  # scans running now (the GUI's level preview may overlap a scan)
_gc_resume = False  # whether the collector was on when the first of them started


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a scan allocates one tuple per file.

    A scan creates no reference cycles, but its 200,000 new objects make the collector run over and over
    through everything already alive (a previous scan's result included): measured, that doubled the time
    of a 200,000-file scan.  Reference counting still frees memory; the collector resumes afterwards.
    """
    global _gc_pausers, _gc_resume
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_resume = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_resume:
                gc.enable()


def scan_units(
    root: Path,
    keys: Iterable[str],
    level: int,
    skip: SkipRules,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> ScanResult:
    """Scan only the named units (what ``upload`` needs), without walking the whole album."""
    state = ScanProgress()
    units: list[Unit] = []
    for key in keys:
        loose = key == ROOT_UNIT or key.count("/") + 1 < level
        path = unit_folder(extended(root), key)
        unit = Unit(key, path, loose=loose)
        if not path.is_dir():
            unit.errors.append(f"folder not found: {display(path)}")
        else:
            _list_files(unit, path, skip, not loose, state, progress, cancel)
            _check_duplicates(unit)
        units.append(unit)
    return ScanResult(units, [])


def _walk_levels(
    folder: Path,
    key: str,
    levels_left: int,
    skip: SkipRules,
    units: list[Unit],
    errors: list[str],
    state: ScanProgress,
    progress: ProgressFn | None,
    cancel: CancelToken | None,
) -> None:
    """Descend until *levels_left* reaches 0; files met on the way become a loose unit of their folder."""
    loose = Unit(key or ROOT_UNIT, folder, loose=True)
    subfolders: list[tuple[str, Path]] = []
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError as exc:
        errors.append(f"cannot read folder {display(folder)}: {exc.strerror or exc}")
        return
    state.folders += 1
    for entry in entries:
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            if entry.is_dir(follow_symlinks=False):
                if not skip.skip_folder(entry.name):
                    subfolders.append((nfc(entry.name), Path(entry.path)))
            elif entry.is_file(follow_symlinks=False) and not skip.skip_file(entry.name):
                st = entry.stat(follow_symlinks=False)
                loose.files.append(FileEntry(nfc(entry.name), st.st_size, st.st_mtime, entry.name))
        except OSError as exc:
            loose.errors.append(f"cannot read {display(entry.path)}: {exc.strerror or exc}")
    if loose.files or loose.errors:
        _check_duplicates(loose)
        units.append(loose)
    for name, path in sorted(subfolders):
        child_key = f"{key}/{name}" if key else name
        if levels_left == 1:
            unit = Unit(child_key, path)
            _list_files(unit, path, skip, True, state, progress, cancel)
            _check_duplicates(unit)
            units.append(unit)
        else:
            _walk_levels(path, child_key, levels_left - 1, skip, units, errors, state, progress, cancel)


def _list_files(
    unit: Unit,
    folder: Path,
    skip: SkipRules,
    recurse: bool,
    state: ScanProgress,
    progress: ProgressFn | None,
    cancel: CancelToken | None,
) -> None:
    """Append every file under *folder* to *unit* (only the folder's own files when not *recurse*).

    This loop runs once per file of the album (200,000 in a large one), so it binds what it calls to locals
    and builds the tuples directly; the stat is the one system call a file costs on Linux (none on Windows).
    """
    stack = [(str(folder), "", "")]
    files = unit.files
    append = files.append
    new_entry = tuple.__new__
    skip_file = skip.skip_file
    sep = os.sep
    while stack:
        if cancel is not None:
            cancel.raise_if_cancelled()
        current, rel_nfc, rel_fs = stack.pop()
        count = size = 0
        try:
            with _folder_entries(current) as entries:
                for entry in entries:
                    name = entry.name
                    try:
                        if entry.is_file(follow_symlinks=False):
                            if skip_file(name):
                                continue
                            st = entry.stat(follow_symlinks=False)
                            rel = rel_nfc + (name if name.isascii() else unicodedata.normalize("NFC", name))
                            append(new_entry(FileEntry, (rel, st.st_size, st.st_mtime, rel_fs + name)))
                            count += 1
                            size += st.st_size
                        elif recurse and entry.is_dir(follow_symlinks=False) and not skip.skip_folder(name):
                            stack.append((current + sep + name, rel_nfc + nfc(name) + "/", rel_fs + name + sep))
                    except OSError as exc:
                        unit.errors.append(f"cannot read {display(current + sep + name)}: {exc.strerror or exc}")
        except OSError as exc:
            unit.errors.append(f"cannot read folder {display(current)}: {exc.strerror or exc}")
            continue
        state.folders += 1
        state.files += count
        state.bytes += size
        state.current = unit.key
        if progress is not None:
            progress(state)
    files.sort()  # by rel: the first field, unique within a unit


# On POSIX a folder is opened once and each entry's stat is an fstatat relative to it, as find does: no path
# walk in the kernel per file (about 15 % of a local scan).  Windows returns the stat with the listing anyway.
_SCANDIR_FD = os.scandir in os.supports_fd and hasattr(os, "O_DIRECTORY")


@contextlib.contextmanager
def _folder_entries(folder: str) -> Iterator[list[os.DirEntry[str]]]:
    """The entries of *folder*; their ``stat()`` works inside the ``with`` block."""
    if _SCANDIR_FD:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            with os.scandir(fd) as it:
                yield list(it)
        finally:
            os.close(fd)
    else:
        with os.scandir(folder) as it:
            yield list(it)


def _check_duplicates(unit: Unit) -> None:
    """Two on-disk names that are the same text after NFC would become one key: report, keep the first."""
    if all(f.rel.isascii() for f in unit.files):
        return  # ASCII names are their own NFC: no two can collide
    seen: set[str] = set()
    kept: list[FileEntry] = []
    for f in unit.files:
        if f.rel in seen:
            unit.errors.append(f"two files are named {f.rel!r} after Unicode normalisation; {f.fs_rel!r} skipped")
            continue
        seen.add(f.rel)
        kept.append(f)
    unit.files = kept


def unit_folder(root: Path, key: str) -> Path:
    """The local folder of unit *key* under *root*, matching NFD names on disk to the NFC key."""
    if key == ROOT_UNIT:
        return root
    path = root
    for part in key.split("/"):
        candidate = path / part
        if not candidate.exists() and path.is_dir():
            with contextlib.suppress(OSError):
                candidate = next((Path(e.path) for e in os.scandir(path) if nfc(e.name) == part), candidate)
        path = candidate
    return path


__all__ = [
    "ROOT_UNIT",
    "Cancelled",
    "FileEntry",
    "ScanProgress",
    "ScanResult",
    "SkipRules",
    "Unit",
    "scan_album",
    "scan_units",
    "unit_folder",
]
