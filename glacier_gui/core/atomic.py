"""One way to replace a file on disk so that a crash at any instant leaves either the old or the new file.

Every file the app rewrites as a whole (status.csv, settings.json, manifests, restore jobs) goes through
:func:`atomic_write`: the bytes go to a temporary file in the same folder (so the final rename never crosses
a file system), are flushed and fsync'd, then ``os.replace`` puts them in place and the folder itself is
fsync'd where the OS allows it (POSIX), so the rename survives a power cut too.  On any failure the previous
file is untouched and the temporary file is removed.

Append-only files (the upload journal, the log) are not written this way: they tolerate a torn last line.

Test hook: with ``GLACIER_GUI_TEST_PAUSE=atomic-write:SECONDS`` in the environment, every write sleeps that
long between the fsync of the temporary file and ``os.replace`` (the new bytes are on disk, the old file is
still in place).  The reliability campaign's kill trials (tests/reliability/kill_trials.py) use it to SIGKILL a
run exactly there; unset, it costs one dictionary lookup per write.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from pathlib import Path

PAUSE_VARIABLE = "GLACIER_GUI_TEST_PAUSE"


def atomic_write(path: Path, data: bytes | str, *, backup: Path | None = None) -> None:
    """Replace *path* with *data* (str is written as UTF-8) atomically, creating its folder if needed.

    With *backup*, the file being replaced is first copied there (itself atomically): status.csv keeps its
    previous version as ``status.csv.bak``.  Raises what the OS raises (``PermissionError`` when another
    program holds the file on Windows); the previous file is then intact and no temporary file is left.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    if backup is not None and path.exists():
        atomic_write(backup, path.read_bytes())
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # unique per writer thread
    try:
        with open(tmp, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        _test_pause()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    _sync_folder(path.parent)


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
