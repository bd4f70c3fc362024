"""Scan the album: root + level + skip rules -> backup units with their file lists.

A *unit* is a folder exactly ``level`` levels below the root (level 2: ``2022/0601_運動会``); everything below it
belongs to it.  Files that sit above the unit level (directly in ``2022/`` or in the root) are not dropped: each
such folder becomes a *loose* unit that holds only its own files (key ``2022``, or ``.`` for the root), flagged
``loose=True``.  Names are NFC (a Mac writes ``ガ`` as ``カ`` + ``゛``); the on-disk name is kept to open files.

One ``os.scandir`` per folder and one stat per file (none on Windows, where scandir returns it); unreadable
folders and files are reported on their unit, never fatal.

Names that cannot travel are never dropped without a word: a name that is not valid Unicode (bytes from an old
NAS or Mac, see :func:`~glacier_gui.core.paths.undecodable`) is skipped and reported as an error of its unit
(the unit is not whole until it is renamed); a name Windows cannot hold is uploaded with a warning (it comes
back on Linux and macOS only).  Symbolic links are skipped and reported (``follow_symlinks`` off, the default)
or read through (on): below the unit level only, with loops detected; a unit itself is always a real folder
inside the album.
"""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import logging
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from glacier_gui.core.album import notes
from glacier_gui.core.album.root import RootUnreadable, root_unreadable
from glacier_gui.core.i18n import msg
from glacier_gui.core.paths import (
    ROOT_UNIT,
    PathRefused,
    display,
    extended,
    undecodable,
    unit_folder,
    unit_refusal,
    windows_trouble,
    windows_trouble_among,
)
from glacier_gui.core.progress import Cancelled, CancelToken

log = logging.getLogger(__name__)

# Names Windows cannot hold are reported where they can exist at all (Linux, macOS, a NAS seen from them).
_CHECK_WINDOWS_NAMES = os.name != "nt"


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
    errors: list[str] = field(default_factory=list)  # files left out: the unit is not whole
    warnings: list[str] = field(default_factory=list)  # uploaded, but worth knowing (links skipped, Windows names)
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
    errors: list[str]  # problems not tied to a unit (e.g. an unreadable year folder, a folder name skipped)
    warnings: list[str] = field(default_factory=list)  # not tied to a unit (a link where a unit would be)
    unread: list[str] = field(default_factory=list)  # keys of folders above the units that could not be listed

    def was_read(self, key: str) -> bool:
        """False for a unit below a folder the scan could not list: nothing is known about it."""
        return not any(key == folder or key.startswith(folder + "/") for folder in self.unread)

    def all_warnings(self) -> list[str]:
        """Every warning of the scan, the album's first, then each unit's (prefixed with its key)."""
        return [*self.warnings, *(f"{u.key}: {w}" for u in self.units for w in u.warnings)]

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
    """What the scan leaves out: case-insensitive name patterns (``Thumbs.db``, ``._*``, ``@eaDir``) for files
    and folders, and symbolic links unless *follow_symlinks* (the ``symlinks`` setting: ``follow``)."""

    def __init__(self, files: Iterable[str], folders: Iterable[str], follow_symlinks: bool = False) -> None:
        self._files = self._compile(files)
        self._folders = self._compile(folders)
        self.follow_symlinks = follow_symlinks

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
# A folder still to list: its path, its NFC and on-disk paths relative to the unit, and with follow_symlinks the
# ids of itself and its ancestors (a link back to one of them is a loop).
_StackItem = tuple[str, str, str, frozenset[notes.FolderId] | None]


def scan_album(
    root: Path, level: int, skip: SkipRules, progress: ProgressFn | None = None, cancel: CancelToken | None = None
) -> ScanResult:
    """Find every unit under *root* at *level* and list its files.  Raises :class:`Cancelled` if cancelled, and
    :class:`RootUnreadable` when *root* itself cannot be listed (a folder below it is reported, not raised)."""
    if level < 1:
        raise ValueError("level must be at least 1")
    result = ScanResult([], [])
    with _gc_paused():
        _walk_levels(extended(root), "", level, skip, result, ScanProgress(), progress, cancel)
    result.units.sort(key=lambda u: u.key)
    _log_warnings(result)
    return result


def _log_warnings(result: ScanResult) -> None:
    """Every warning goes to the log file (INFO: the console shows the scan summary's own list)."""
    for warning in result.all_warnings():
        log.info("%s", warning)


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
    """Scan only the named units (what ``upload`` needs), without walking the whole album.

    Raises :class:`~glacier_gui.core.paths.PathRefused` for a key that is not a folder inside the album
    (``../outside`` typed into status.csv, a link out of the album): nothing of it is read.
    """
    state = ScanProgress()
    result = ScanResult([], [])
    for key in keys:
        loose = key == ROOT_UNIT or key.count("/") + 1 < level
        path = unit_folder(extended(root), key)
        unit = Unit(key, path, loose=loose)
        if not path.is_dir():
            unit.errors.append(msg("folder not found: {path}", path=display(path)))
        else:
            _list_files(unit, path, skip, not loose, state, progress, cancel)
            _check_duplicates(unit)
        result.units.append(unit)
    _log_warnings(result)
    return result


def _walk_levels(
    folder: Path,
    key: str,
    levels_left: int,
    skip: SkipRules,
    result: ScanResult,
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
        if not key:
            raise root_unreadable(folder, exc) from None
        result.errors.append(notes.cannot_read(folder, exc, folder=True))
        result.unread.append(key)
        return
    state.folders += 1
    for entry in entries:
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            if entry.is_dir(follow_symlinks=False):
                if not skip.skip_folder(entry.name) and _unit_folder_ok(key, entry, result):
                    subfolders.append((nfc(entry.name), Path(entry.path)))
            elif entry.is_symlink():
                _link_above_units(entry, loose, skip, result)
            elif (
                entry.is_file(follow_symlinks=False)
                and not skip.skip_file(entry.name)
                and _name_ok(loose, entry.name, entry.path)
            ):
                st = entry.stat(follow_symlinks=False)
                loose.files.append(FileEntry(nfc(entry.name), st.st_size, st.st_mtime, entry.name))
        except OSError as exc:
            loose.errors.append(notes.cannot_read(entry.path, exc))
    if loose.files or loose.errors:
        _check_duplicates(loose)
        result.units.append(loose)
    for name, path in sorted(subfolders):
        child_key = f"{key}/{name}" if key else name
        if levels_left == 1:
            unit = Unit(child_key, path)
            _list_files(unit, path, skip, True, state, progress, cancel)
            _check_duplicates(unit)
            result.units.append(unit)
        else:
            _walk_levels(path, child_key, levels_left - 1, skip, result, state, progress, cancel)


def _unit_folder_ok(key: str, entry: os.DirEntry[str], result: ScanResult) -> bool:
    """Whether a folder at or above the unit level can be (part of) a unit's key; reported when it cannot."""
    name = nfc(entry.name)
    why = unit_refusal(f"{key}/{name}" if key else name)
    if why:
        result.errors.append(
            msg("skipped the folder {path}: {why}; rename it to back it up", path=display(entry.path), why=why)
        )
        return False
    if _CHECK_WINDOWS_NAMES and (trouble := windows_trouble(name)):
        result.warnings.append(notes.windows_warning(entry.path, trouble))
    return True


def _link_above_units(entry: os.DirEntry[str], loose: Unit, skip: SkipRules, result: ScanResult) -> None:
    """A symbolic link in the root or a folder above the unit level.

    A link to a file is read with ``follow_symlinks`` (as inside a unit); a link to a folder never is: a unit
    is a real folder inside the album, so a link cannot pull another place into it.
    """
    if skip.follow_symlinks and entry.is_file() and not skip.skip_file(entry.name):
        if _name_ok(loose, entry.name, entry.path):
            st = entry.stat()
            loose.files.append(FileEntry(nfc(entry.name), st.st_size, st.st_mtime, entry.name))
        return
    if entry.is_dir():
        result.warnings.append(notes.link_to_folder_not_a_unit(entry.path))
    elif skip.follow_symlinks and not entry.is_file():
        result.warnings.append(notes.link_broken(entry.path))
    elif not skip.skip_file(entry.name):
        result.warnings.append(notes.link_skipped(entry.path))


def _name_ok(unit: Unit, name: str, path: str) -> bool:
    """False (and an error on *unit*) for a name that is not valid Unicode; a warning for a Windows-only problem."""
    if undecodable(name):
        unit.errors.append(notes.undecodable_skipped(path))
        return False
    if _CHECK_WINDOWS_NAMES and (trouble := windows_trouble(name)):
        unit.warnings.append(notes.windows_warning(path, trouble))
    return True


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
    Names that need a closer look (not ASCII, links) leave the fast path.
    """
    follow = skip.follow_symlinks
    top = notes.folder_id(folder) if follow else None
    stack: list[_StackItem] = [(str(folder), "", "", frozenset([top]) if top else None)]
    files = unit.files
    append = files.append
    new_entry = tuple.__new__
    skip_file = skip.skip_file
    check_windows = _CHECK_WINDOWS_NAMES
    sep = os.sep
    while stack:
        if cancel is not None:
            cancel.raise_if_cancelled()
        current, rel_nfc, rel_fs, ancestors = stack.pop()
        count = size = 0
        try:
            with _folder_entries(current) as entries:
                troubled = windows_trouble_among([e.name for e in entries]) if check_windows else None
                for entry in entries:
                    name = entry.name
                    try:
                        if entry.is_file(follow_symlinks=False):
                            if skip_file(name):
                                continue
                            if name.isascii():
                                rel_name = name
                            elif undecodable(name):
                                unit.errors.append(notes.undecodable_skipped(current + sep + name))
                                continue
                            else:
                                rel_name = unicodedata.normalize("NFC", name)
                            if troubled and name in troubled:
                                unit.warnings.append(notes.windows_warning(current + sep + name, windows_trouble(name)))
                            st = entry.stat(follow_symlinks=False)
                            append(new_entry(FileEntry, (rel_nfc + rel_name, st.st_size, st.st_mtime, rel_fs + name)))
                            count += 1
                            size += st.st_size
                        elif recurse and entry.is_dir(follow_symlinks=False):
                            if skip.skip_folder(name) or not _name_ok(unit, name, current + sep + name):
                                continue
                            own = notes.entry_id(entry, path=current + sep + name) if ancestors is not None else None
                            inner = ancestors | {own} if ancestors is not None and own else ancestors
                            stack.append((current + sep + name, rel_nfc + nfc(name) + "/", rel_fs + name + sep, inner))
                        elif entry.is_symlink():
                            if not follow:
                                if not (skip_file(name) and not entry.is_dir()):
                                    unit.warnings.append(notes.link_skipped(current + sep + name))
                                continue
                            found = _follow_link(unit, entry, skip, recurse, (current, rel_nfc, rel_fs, ancestors))
                            if isinstance(found, FileEntry):
                                append(found)
                                count += 1
                                size += found.size
                            elif found is not None:
                                stack.append(found)
                    except OSError as exc:
                        unit.errors.append(notes.cannot_read(current + sep + name, exc))
        except OSError as exc:
            unit.errors.append(notes.cannot_read(current, exc, folder=True))
            continue
        state.folders += 1
        state.files += count
        state.bytes += size
        state.current = unit.key
        if progress is not None:
            progress(state)
    files.sort()  # by rel: the first field, unique within a unit


def _follow_link(
    unit: Unit, entry: os.DirEntry[str], skip: SkipRules, recurse: bool, where: _StackItem
) -> FileEntry | _StackItem | None:
    """A symbolic link met with ``follow_symlinks``: its file, the folder to descend into, or None (reported)."""
    current, rel_nfc, rel_fs, ancestors = where
    name = entry.name
    path = current + os.sep + name
    if not entry.is_dir() and not entry.is_file():
        unit.warnings.append(notes.link_broken(path))
        return None
    if entry.is_file():
        if skip.skip_file(name) or not _name_ok(unit, name, path):
            return None
        st = entry.stat()
        return FileEntry(rel_nfc + nfc(name), st.st_size, st.st_mtime, rel_fs + name)
    if not recurse or skip.skip_folder(name) or not _name_ok(unit, name, path):
        return None
    target = notes.entry_id(entry, follow=True, path=path)
    if target is not None and ancestors is not None and target in ancestors:
        unit.warnings.append(notes.link_loop(path))
        return None
    inner = ancestors | {target} if ancestors is not None and target else ancestors
    return (path, rel_nfc + nfc(name) + "/", rel_fs + name + os.sep, inner)


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


__all__ = [
    "ROOT_UNIT",
    "Cancelled",
    "FileEntry",
    "PathRefused",
    "RootUnreadable",
    "ScanProgress",
    "ScanResult",
    "SkipRules",
    "Unit",
    "scan_album",
    "scan_units",
    "unit_folder",
]
