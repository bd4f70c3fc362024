"""What the scan says about the names and links it cannot take as they are: one sentence per kind.

The scan (core/album/scan.py) reads every file of the album in a tight loop; the words it reports in, and the few
system calls a symbolic link costs, live here so that loop stays readable.  Every sentence names the file or
folder (undecodable bytes shown as ``\\xff``) and says what happens to it; all are marked for translation.
"""

from __future__ import annotations

import os
from pathlib import Path

from glacier_gui.core.i18n import msg
from glacier_gui.core.paths import display

FolderId = tuple[int, int]  # (device, inode): the same folder, whichever path or link leads to it


def undecodable_skipped(path: str) -> str:
    """A file or folder whose name is not valid Unicode: left out, so its unit is not whole."""
    return msg(
        "skipped {path}: its name is not valid Unicode (bytes from another system); rename it to back it up",
        path=display(path),
    )


def windows_warning(path: str, trouble: str) -> str:
    """A name Windows cannot hold (*trouble* from :func:`~glacier_gui.core.paths.windows_trouble`)."""
    return msg(
        "{path}: {trouble}; it is uploaded, but cannot be restored to Windows under this name",
        path=display(path),
        trouble=trouble,
    )


def link_skipped(path: str) -> str:
    """A symbolic link left out because the ``symlinks`` setting is ``report``."""
    return msg(
        "skipped the symbolic link {path} -> {target} (setting symlinks: report; 'follow' reads its target)",
        path=display(path),
        target=link_target(path),
    )


def link_to_folder_not_a_unit(path: str) -> str:
    """A link to a folder where units are: never followed, a unit is a real folder inside the album."""
    return msg(
        "skipped the link {path} -> {target}: a link to a folder is never a unit (units are real folders "
        "inside the album)",
        path=display(path),
        target=link_target(path),
    )


def link_broken(path: str) -> str:
    return msg("skipped the broken link {path} -> {target}", path=display(path), target=link_target(path))


def link_loop(path: str) -> str:
    return msg(
        "skipped the link {path} -> {target}: it leads back into a folder it is in (a loop)",
        path=display(path),
        target=link_target(path),
    )


def cannot_read(path: str | Path, exc: OSError, folder: bool = False) -> str:
    """A file or folder the scan could not read: the unit is not whole."""
    why = exc.strerror or str(exc)
    if folder:
        return msg("cannot read folder {path}: {why}", path=display(path), why=why)
    return msg("cannot read {path}: {why}", path=display(path), why=why)


def link_target(path: str) -> str:
    """Where the link *path* points, as it is written in the link (for messages)."""
    try:
        return display(os.readlink(path))
    except OSError:
        return "?"


def entry_id(entry: os.DirEntry[str], follow: bool = False, path: str | None = None) -> FolderId | None:
    """The (device, inode) of the folder entry at *path* (default ``entry.path``), through a link with *follow*;
    None when it cannot be read.

    The entry's own stat is cheap (POSIX: fstatat in the open folder), but on Windows its ``st_ino`` and
    ``st_dev`` are 0, which would make every folder look like every other (a "loop" at the first link): then
    ``os.stat`` asks again by path."""
    try:
        st = entry.stat(follow_symlinks=follow)
        if st.st_ino == 0 and st.st_dev == 0:
            st = os.stat(path or entry.path, follow_symlinks=follow)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def folder_id(folder: Path | str) -> FolderId | None:
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
