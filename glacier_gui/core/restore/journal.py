"""A restore job's journal: each request and download outcome is one appended line, so each costs O(1).

A whole-album restore has 200,000 objects; rewriting the job file (120 MB of JSON) after every hundred
requests cost minutes of disk writes and grew with the album.  So the job's base file (``<id>.json``,
:mod:`glacier_gui.core.restore.job`) is written whole only when the job is created and when a phase ends
(*compaction*), and between, every change of an object or a file is one JSON line in ``<id>.journal``:

* ``{"o": 12, "state": "requested", ...}`` - object 12 (its index in the job) now has these fields;
* ``{"f": 40, "state": "downloaded", "error": ""}`` - file 40 now has this state;
* ``{"ask": [12, 13, ...]}`` - write-ahead: these objects are about to get a ``RestoreObject``.

Lines are buffered and fsync'd in batches (:meth:`Journal.sync`); an ``ask`` line is fsync'd *before* its
requests go out.  After a kill, replaying the base and then the journal gives every recorded outcome back; an
object asked for without an outcome is *unsettled* (its request may or may not have reached S3), and the next
request phase asks S3 about it (a HEAD, not a second restore).  A torn last line (a kill mid-write) is ignored.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

SUFFIX = ".journal"
SYNC_SECONDS = 1.0  # outcomes reach the disk at least this often while a phase runs
SYNC_LINES = 1024  # ... or after this many lines, whichever comes first


class Journal:
    """Append-only JSON lines next to a job's base file; thread-safe."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._buffer: list[str] = []
        self._fh: IO[str] | None = None
        self._synced = time.monotonic()

    def add(self, record: dict[str, Any]) -> None:
        """Queue one record; it reaches the disk at the next :meth:`sync` (or :meth:`maybe_sync`)."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        with self._lock:
            self._buffer.append(line)

    def maybe_sync(self) -> None:
        """:meth:`sync` when a batch is full or the last sync is :data:`SYNC_SECONDS` old."""
        if len(self._buffer) >= SYNC_LINES or (self._buffer and time.monotonic() - self._synced >= SYNC_SECONDS):
            self.sync()

    def sync(self) -> None:
        """Write the queued lines and fsync: after this returns, a kill loses none of them."""
        with self._lock:
            if not self._buffer:
                return
            if self._fh is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fh = open(self.path, "a", encoding="utf-8", newline="\n")  # noqa: SIM115 - kept open
            self._fh.write("\n".join(self._buffer) + "\n")
            self._buffer.clear()
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._synced = time.monotonic()

    def reset(self) -> None:
        """Forget every line (the base file now holds them all): called after the base is written whole."""
        with self._lock:
            self._buffer.clear()
            if self._fh is not None:
                self._fh.close()
                self._fh = None
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def close(self) -> None:
        self.sync()
        with self._lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = None


def journal_path(base: Path) -> Path:
    """``<id>.journal`` beside ``<id>.json``."""
    return base.with_suffix(SUFFIX)


def replay(path: Path) -> Iterator[dict[str, Any]]:
    """The records of the journal at *path*, oldest first; none when it does not exist.

    A line that does not parse ends the replay: only the last line can be torn (a kill mid-write), and
    whatever follows a damaged line cannot be trusted to be in order.
    """
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        return
    with fh:
        for number, line in enumerate(fh, start=1):
            try:
                record = json.loads(line)
            except ValueError:
                log.warning("restore journal %s: line %d is incomplete; the lines after it are ignored", path, number)
                return
            if isinstance(record, dict):
                yield record
