"""One way to replace a file on disk so that a crash at any instant leaves either the old or the new file.

Every file the app rewrites as a whole (status.csv, settings.json, manifests, restore jobs) goes through
:func:`atomic_write`: the bytes go to a temporary file in the same folder (so the final rename never crosses
a file system), are flushed and fsync'd, then ``os.replace`` puts them in place and the folder itself is
fsync'd where the OS allows it (POSIX), so the rename survives a power cut too.  On any failure the previous
file is untouched and the temporary file is removed.

Append-only files (the upload journal, the log) are not written this way: they tolerate a torn last line.

On POSIX every file the app writes here is created ``0600`` and the data folder is ``0700``
(:func:`open_private`, :func:`private_folder`): they name the family's photos and the bucket.

A process killed between writing the temporary file and the rename leaves that file behind (its old file is
intact).  The first write to a path in a process removes such leftovers of it that are over an hour old - a
write takes milliseconds, so no live writer owns one - and never touches anything else.

Test hook: with ``GLACIER_GUI_TEST_PAUSE=atomic-write:SECONDS`` in the environment, every write sleeps that
long between the fsync of the temporary file and ``os.replace`` (the new bytes are on disk, the old file is
still in place).  The reliability campaign's kill trials (tests/reliability/kill_trials.py) use it to SIGKILL a
run exactly there; unset, it costs one dictionary lookup per write.
"""

from __future__ import annotations

import contextlib
import glob
import os
import threading
import time
from pathlib import Path
from typing import IO, Any

PAUSE_VARIABLE = "GLACIER_GUI_TEST_PAUSE"


def atomic_write(path: Path, data: bytes | str, *, backup: Path | None = None) -> None:
    """Replace *path* with *data* (str is written as UTF-8) atomically, creating its folder if needed.

    With *backup*, the file being replaced is first copied there (itself atomically): status.csv keeps its
    previous version as ``status.csv.bak``.  Raises what the OS raises (``PermissionError`` when another
    program holds the file on Windows); the previous file is then intact and no temporary file is left.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep_leftovers(path)
    if backup is not None and path.exists():
        atomic_write(backup, path.read_bytes())
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # unique per writer thread
    try:
        with open_private(tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        _test_pause()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    _sync_folder(path.parent)


PRIVATE_FILE = 0o600  # POSIX: what the app writes is for this user only (photos' names, settings, logs)
PRIVATE_FOLDER = 0o700


def open_private(path: Path, mode: str, encoding: str | None = None) -> IO[Any]:
    """``open(path, mode)``, but a file it creates is ``0600`` on POSIX (readable by this user only).

    *mode* is ``"wb"``, ``"ab"``, ``"a"``, ``"a+"`` or ``"w"``; Windows keeps its own access rules (the user's
    profile folder is private already).
    """
    flags = os.O_CREAT | (os.O_RDWR if "+" in mode else os.O_WRONLY)
    flags |= os.O_APPEND if "a" in mode else os.O_TRUNC
    flags |= getattr(os, "O_BINARY", 0) if "b" in mode else 0
    fd = os.open(path, flags, PRIVATE_FILE)
    try:
        return os.fdopen(fd, mode, encoding=encoding) if "b" not in mode else os.fdopen(fd, mode)
    except BaseException:
        os.close(fd)
        raise


def private_folder(path: Path) -> Path:
    """Create *path* (and its parents) if needed and make it ``0700`` on POSIX when it is looser and ours: the
    data folder holds the album's file names, the bucket's name and the logs.  A folder that cannot be changed
    (another owner, a network share) is left as it is."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    if os.name != "nt":
        with contextlib.suppress(OSError):
            st = path.stat()
            if st.st_mode & 0o077 and st.st_uid == os.getuid():
                os.chmod(path, PRIVATE_FOLDER)
    return path


STALE_TEMP_SECONDS = 3600.0
_swept: set[Path] = set()
_swept_lock = threading.Lock()


def _sweep_leftovers(path: Path) -> None:
    """Remove the temporary files of *path* that killed writers left (once per path and process)."""
    with _swept_lock:
        if path in _swept:
            return
        _swept.add(path)
    now = time.time()
    with contextlib.suppress(OSError):  # a folder we cannot list: nothing to sweep, the write goes on
        for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                    tmp.unlink()


def _test_pause() -> None:
    """The test hook of the module docstring: ``atomic-write:SECONDS`` (a malformed value is ignored)."""
    value = os.environ.get(PAUSE_VARIABLE, "")
    if value.startswith("atomic-write:"):
        with contextlib.suppress(ValueError):
            time.sleep(float(value.partition(":")[2]))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; Windows cannot open a folder for this and needs no such step."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems refuse fsync on a folder: the file itself is already on disk
    finally:
        os.close(fd)
