"""One atomic_write for every file the app rewrites: complete after the call, untouched when the call fails."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import glacier_gui.core.atomic as atomic
from glacier_gui.core.atomic import atomic_write
from glacier_gui.core.ledger.manifest import Manifest, ManifestFile, load_local_manifest, save_local_manifest
from glacier_gui.core.ledger.status import StatusRow, StatusTable, backup_path, load_status
from glacier_gui.core.restore.job import RestoreJob
from glacier_gui.core.settings import Settings, load_saved_settings, save_settings


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_the_file_is_complete_after_the_call(tmp_path: Path) -> None:
    target = tmp_path / "new" / "folder" / "file.json"
    payload = os.urandom(3 * 2**20)
    atomic_write(target, payload)
    assert target.read_bytes() == payload
    atomic_write(target, "写真 ✓")
    assert target.read_bytes() == "写真 ✓".encode()
    assert leftovers(target.parent) == []


def test_backup_keeps_the_previous_version(tmp_path: Path) -> None:
    target = tmp_path / "status.csv"
    backup = backup_path(target)
    atomic_write(target, b"first", backup=backup)
    assert not backup.exists()  # nothing to keep yet
    atomic_write(target, b"second", backup=backup)
    assert (target.read_bytes(), backup.read_bytes()) == (b"second", b"first")


class _FullDisk:
    """A file whose write stores half the bytes, then fails as a full disk does."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.close()

    def write(self, data: bytes) -> int:
        self._fh.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize("fail_in", ["write", "fsync", "replace"])
def test_a_failure_mid_write_leaves_the_previous_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_in: str
) -> None:
    target = tmp_path / "settings.json"
    target.write_bytes(b"previous")

    def broken(*args: object) -> None:
        raise OSError(28, "No space left on device")

    if fail_in == "write":
        monkeypatch.setattr(atomic, "open_private", lambda *a: _FullDisk(open(*a)))  # noqa: SIM115
    else:
        monkeypatch.setattr(os, fail_in, broken)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, b"next" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == b"previous"
    assert leftovers(tmp_path) == []


def test_the_file_and_then_its_folder_are_synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[bool] = []  # is a folder?
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    atomic_write(tmp_path / "a.json", b"{}")
    assert synced[0] is False  # the file's bytes first
    if os.name != "nt":
        assert synced == [False, True]  # then the folder, so the rename itself survives a power cut


# ---- every writer of the app goes through it --------------------------------------------------------------


def save_status(folder: Path, version: int) -> Path:
    path = folder / "status.csv"
    StatusTable(path, [StatusRow(unit="2022/a", local_path="x", local_file_count=version)]).save()
    return path


def read_status(folder: Path) -> object:
    return load_status(folder / "status.csv").require("2022/a").local_file_count


def save_manifest(folder: Path, version: int) -> Path:
    path = folder / "manifests" / "u.json"
    files = {"a.jpg": ManifestFile("a.jpg", version, 0.0, "0" * 64, "k")}
    save_local_manifest(path, Manifest("10_Album", "u", "bucket", "", files))
    return path


def read_manifest(folder: Path) -> object:
    manifest = load_local_manifest(folder / "manifests" / "u.json")
    return manifest.files["a.jpg"].size if manifest else None


def save_job(folder: Path, version: int) -> Path:
    job = RestoreJob("j", "bucket", "", "10_Album", "dest", "Bulk", version, "2024-01-01T00:00:00+00:00", ["u"])
    job.path = folder / "restore_jobs" / "j.json"
    return job.save()


def read_job(folder: Path) -> object:
    return RestoreJob.from_json((folder / "restore_jobs" / "j.json").read_text(encoding="utf-8")).days


def save_settings_file(folder: Path, version: int) -> Path:
    return save_settings(Settings(level=version), folder)


def read_settings(folder: Path) -> object:
    return load_saved_settings(folder).level


WRITERS: dict[str, tuple[Callable[[Path, int], Path], Callable[[Path], object]]] = {
    "status.csv": (save_status, read_status),
    "manifest": (save_manifest, read_manifest),
    "restore job": (save_job, read_job),
    "settings": (save_settings_file, read_settings),
}


@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_writer_keeps_the_previous_file_when_the_replace_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    save, read = WRITERS[writer]
    save(tmp_path, 1)
    path = save(tmp_path, 2)
    assert read(tmp_path) == 2
    real_replace = os.replace

    def failing_replace(src: Any, dst: Any) -> None:
        if Path(dst) == path:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="Input/output"):
        save(tmp_path, 3)
    monkeypatch.undo()
    assert read(tmp_path) == 2
    assert leftovers(path.parent) == []


def test_the_first_write_removes_what_a_killed_writer_left_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "status.csv"
    old = tmp_path / ".status.csv.4242.139.tmp"  # a writer killed before its rename, two hours ago
    fresh = tmp_path / ".status.csv.4343.140.tmp"  # a writer of another process, right now
    other = tmp_path / ".settings.json.4242.139.tmp"  # another file's: not ours to judge here
    for leftover in (old, fresh, other):
        leftover.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))
    atomic.atomic_write(target, "new")
    assert target.read_text() == "new"
    assert not old.exists() and fresh.exists() and other.exists()
