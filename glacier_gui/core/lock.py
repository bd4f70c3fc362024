"""One writer of status.csv across processes: the window and a Task Scheduler run must not both write it.

An OS lock (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows) on ``status.csv.lock`` beside the file.
The OS drops it when the process dies, so a crash never leaves a stale lock behind.  When status.csv's folder
is read-only, the lock file goes to the data folder instead (named after status.csv's full path), where every
process that meets the same read-only folder looks for it too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from glacier_gui.core.atomic import open_private
from glacier_gui.core.i18n import msg
from glacier_gui.core.paths import stand_in


class StatusInUse(Exception):
    """Another glacier_gui process (the window, or a scheduled run) has the status file open for writing."""


class StatusLock:
    """Hold the writer's lock for *status_path* while in use; ``acquire`` raises :class:`StatusInUse`."""

    def __init__(self, status_path: Path, fallback_dir: Path | None = None) -> None:
        self.path = status_path.with_name(status_path.name + ".lock")
        self._status_name = status_path.name
        self._fallback = stand_in(status_path, fallback_dir, ".lock") if fallback_dir is not None else None
        self._fh: IO[str] | None = None

    def acquire(self) -> StatusLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open_private(self.path, "a+", encoding="utf-8")  # held until release()
        except PermissionError:
            if self._fallback is None:
                raise
            self.path = self._fallback  # status.csv's folder is read-only: the lock lives in the data folder
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open_private(self.path, "a+", encoding="utf-8")  # held until release()
        try:
            _lock(fh)
        except OSError:
            holder: str = msg("another process")
            try:
                fh.seek(0)
                holder = fh.read().strip() or holder
            except OSError:  # Windows refuses to read a locked region
                pass
            fh.close()
            raise StatusInUse(
                msg(
                    "{file} is in use by {holder}; close the glacier_gui window or wait for the other run to "
                    "finish, then try again",
                    file=self._status_name,
                    holder=holder,
                )
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"glacier_gui pid {os.getpid()}")
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        if self._fh is not None:
            self._fh.seek(0)
            self._fh.truncate()
            _unlock(self._fh)
            self._fh.close()
            self._fh = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def __enter__(self) -> StatusLock:
        return self.acquire()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _lock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
