"""Cancel tokens and the shared progress snapshot that long core work updates.

Workers add byte and file counts as they go (a retried part adds a negative count); whoever shows progress
(the GUI's timer, the CLI's bar) reads :meth:`TransferProgress.snapshot` at its own pace.  Nothing here calls
back into a UI per chunk.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


class Cancelled(Exception):
    """Raised inside core work when its :class:`CancelToken` was cancelled."""


class CancelToken:
    """A thread-safe flag: ``cancel()`` from any thread; core loops call ``raise_if_cancelled()``."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def wait(self, seconds: float) -> bool:
        """Sleep up to *seconds*; True if cancelled meanwhile."""
        return self._event.wait(seconds)


@dataclass
class UnitProgress:
    files_total: int = 0
    bytes_total: int = 0
    files_done: int = 0
    bytes_done: int = 0
    state: str = "queued"  # queued, uploading, verifying, done, failed, skipped

    @property
    def fraction(self) -> float:
        if self.bytes_total:
            return min(1.0, max(0.0, self.bytes_done / self.bytes_total))
        if self.files_total:
            return min(1.0, self.files_done / self.files_total)
        return 1.0 if self.state == "done" else 0.0


@dataclass
class ProgressSnapshot:
    units: dict[str, UnitProgress]
    files_total: int
    bytes_total: int
    files_done: int
    bytes_done: int
    units_total: int
    units_done: int
    elapsed: float
    bytes_per_second: float
    outage: str = ""  # "waiting for the network (...)" while S3 is unreachable, or why the run gave up; "" otherwise
    outage_since: float | None = None  # when S3 became unreachable (epoch seconds)

    @property
    def eta_seconds(self) -> float | None:
        """Time left at the rate so far: by bytes, or by files when no bytes are counted (restore requests)."""
        left = self.bytes_total - self.bytes_done
        if self.bytes_per_second > 0 and left > 0:
            return left / self.bytes_per_second
        files_left = self.files_total - self.files_done
        if self.bytes_total == 0 and self.files_done > 0 and files_left > 0 and self.elapsed > 0.5:
            return files_left * self.elapsed / self.files_done
        return None


@dataclass
class TransferProgress:
    """Thread-safe counters per unit.  Cheap to update; read with :meth:`snapshot`."""

    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _units: dict[str, UnitProgress] = field(default_factory=dict)
    _started: float = field(default_factory=time.monotonic)
    _version: int = 0
    _outage: tuple[str, float | None] = ("", None)

    def plan_unit(self, unit: str, files: int, size: int) -> None:
        with self._lock:
            self._units[unit] = UnitProgress(files, size)
            self._version += 1

    def add(self, unit: str, nbytes: int = 0, files: int = 0) -> None:
        with self._lock:
            p = self._units.setdefault(unit, UnitProgress())
            p.bytes_done += nbytes
            p.files_done += files
            self._version += 1

    def set_state(self, unit: str, state: str) -> None:
        with self._lock:
            self._units.setdefault(unit, UnitProgress()).state = state
            self._version += 1

    def set_outage(self, text: str, since: float | None) -> None:
        """S3 is unreachable since *since* (*text* says so, for a status bar); ``("", None)`` when it is back."""
        with self._lock:
            self._outage = (text, since)
            self._version += 1

    @property
    def version(self) -> int:
        """Changes whenever a counter changes: a redraw timer can skip work when it did not."""
        return self._version

    def snapshot(self) -> ProgressSnapshot:
        with self._lock:
            # A plain constructor call: dataclasses.replace() is ~5x slower, and the GUI snapshots 10^4 units.
            units = {
                k: UnitProgress(v.files_total, v.bytes_total, v.files_done, v.bytes_done, v.state)
                for k, v in self._units.items()
            }
            outage, outage_since = self._outage
        elapsed = time.monotonic() - self._started
        files_total = bytes_total = files_done = bytes_done = units_done = 0
        for u in units.values():  # one pass: this runs on the GUI thread every few hundred ms
            files_total += u.files_total
            bytes_total += u.bytes_total
            files_done += u.files_done
            bytes_done += u.bytes_done
            units_done += u.state in ("done", "failed", "skipped")
        return ProgressSnapshot(
            units=units,
            files_total=files_total,
            bytes_total=bytes_total,
            files_done=files_done,
            bytes_done=bytes_done,
            units_total=len(units),
            units_done=units_done,
            elapsed=elapsed,
            bytes_per_second=bytes_done / elapsed if elapsed > 0.5 else 0.0,
            outage=outage,
            outage_since=outage_since,
        )
