"""Loop detection for ``symlinks=follow`` identifies folders by (device, inode) from ``os.stat``: on Windows a
``DirEntry.stat()`` has ``st_ino`` and ``st_dev`` 0, which would make every folder the same folder."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from glacier_gui.core.album import notes


class WindowsDirEntry:
    """A DirEntry as Windows gives it: a real path, but a cached stat without inode and device."""

    def __init__(self, path: Path) -> None:
        self.path, self.name = str(path), path.name

    def stat(self, follow_symlinks: bool = True) -> SimpleNamespace:
        return SimpleNamespace(st_ino=0, st_dev=0, st_size=0, st_mtime=0.0)


def test_two_folders_have_different_ids_even_when_the_entry_says_inode_0(tmp_path: Path) -> None:
    a, b = tmp_path / "2021", tmp_path / "2022"
    a.mkdir()
    b.mkdir()
    id_a = notes.entry_id(WindowsDirEntry(a))  # type: ignore[arg-type]
    id_b = notes.entry_id(WindowsDirEntry(b))  # type: ignore[arg-type]
    assert id_a is not None and id_b is not None and id_a != id_b
    assert id_a == notes.folder_id(a) == (os.stat(a).st_dev, os.stat(a).st_ino)


def test_a_link_is_followed_to_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "album"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target, target_is_directory=True)
    assert notes.entry_id(WindowsDirEntry(link), follow=True) == notes.folder_id(target)  # type: ignore[arg-type]
    assert notes.entry_id(WindowsDirEntry(link)) != notes.folder_id(target)  # type: ignore[arg-type]
    assert notes.entry_id(WindowsDirEntry(tmp_path / "gone")) is None  # type: ignore[arg-type]
