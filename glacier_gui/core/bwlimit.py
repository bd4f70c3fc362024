"""Upload bandwidth limits: rclone's ``--bwlimit`` syntax, its timetables, and one limiter shared by all uploads.

A family backs up over the home link that everyone else also uses, so the upload must be able to stay below a
rate, and a different one in the evening than at night.  Rather than invent a syntax we take rclone's, which
many NAS users already know (https://rclone.org/docs/#bwlimit-bandwidth-spec):

- a single rate: ``4M``, ``512k``, ``off``; a bare number is KiB/s, ``B`` means bytes, ``K``/``M``/``G``/``T``/
  ``P``/``E`` (any case, optionally written ``Ki``/``KiB``) are powers of 1024; ``0`` and ``off`` mean no limit;
- rclone's ``UP:DOWN`` pair: we only upload, so the download side is checked and ignored;
- a timetable ``"08:00,512k 12:00,10M 23:00,off"`` or with weekdays ``"Mon-00:00,512 Fri-23:59,10M"``
  (entries separated by spaces or ``;``).  An entry applies from its time until the next one, wrapping around
  the week; an entry without a weekday applies on every day.

:class:`Limiter` is one token bucket for *all* connections together, fed by the timetable, with pause and
resume; :class:`LimitedReader` makes any request body pass through it.  Tokens are taken when a body is
*read*, so nothing may read a body before it is sent: botocore does, to hash it, when it signs the payload
(plain HTTP without ``payload_signing_enabled=False``) or computes a checksum itself (no ``Checksum*`` header
given); the limit would then be halved.  The engine sends its own ChecksumSHA256 and does not sign payloads.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Protocol

from glacier_gui.core.progress import Cancelled, CancelToken

KIB = 1024
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

_MULTIPLIERS = {"k": KIB, "m": KIB**2, "g": KIB**3, "t": KIB**4, "p": KIB**5, "e": KIB**6}
# Monday = 0, as datetime.weekday() counts; rclone accepts the whole word or its first three letters.
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_INDEX = {name: i for i, name in enumerate(_WEEKDAYS)} | {name[:3]: i for i, name in enumerate(_WEEKDAYS)}
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_HHMM = re.compile(r"(\d\d):(\d\d)")


class BwLimitError(ValueError):
    """A bandwidth limit that does not follow rclone's ``--bwlimit`` syntax; the message names the bad part."""


# --- parsing ---------------------------------------------------------------------------------------------------


def parse_rate(text: str) -> int | None:
    """One rclone size-with-suffix rate as bytes per second; ``None`` for no limit (``off`` or ``0``)."""
    s = text.strip()
    if not s:
        raise BwLimitError("empty bandwidth value")
    if s.lower() == "off":
        return None
    number, multiplier = s, KIB  # a bare number is KiB/s, as in rclone
    lower = s.lower()
    if lower.endswith("ib") and len(s) > 2 and lower[-3] in _MULTIPLIERS:
        number, multiplier = s[:-3], _MULTIPLIERS[lower[-3]]
    elif lower.endswith("i") and len(s) > 1 and lower[-2] in _MULTIPLIERS:
        number, multiplier = s[:-2], _MULTIPLIERS[lower[-2]]
    elif lower[-1] == "b":
        number, multiplier = s[:-1], 1
    elif lower[-1] in _MULTIPLIERS:
        number, multiplier = s[:-1], _MULTIPLIERS[lower[-1]]
    if not _NUMBER.fullmatch(number):
        raise BwLimitError(f'bad bandwidth "{text}": expected a number with an optional B, K, M, G, T or P suffix')
    value = int(float(number) * multiplier)
    return value if value > 0 else None


def parse_upload_rate(text: str) -> int | None:
    """A rate or an rclone ``UP:DOWN`` pair; the upload side in bytes per second (the download side is checked)."""
    up, sep, down = text.partition(":")
    if sep:
        if ":" in down:
            raise BwLimitError(f'bad bandwidth "{text}": expected RATE or UP:DOWN')
        parse_rate(down)
    return parse_rate(up)


@dataclass(frozen=True)
class Slot:
    """From *minute* of the week (Monday 00:00 = 0) until the next slot, upload at most *rate* bytes/s."""

    minute: int
    rate: int | None


@dataclass(frozen=True)
class Timetable:
    """A parsed ``--bwlimit``: slots sorted by minute of the week (one slot for a single rate), and the text."""

    slots: tuple[Slot, ...]
    text: str

    @property
    def always_off(self) -> bool:
        """True when no slot limits anything, so uploads need not go through a limiter at all."""
        return all(slot.rate is None for slot in self.slots)


UNLIMITED = Timetable((Slot(0, None),), "off")


def _parse_time(token: str, when: str) -> list[int]:
    """``HH:MM`` or ``Day-HH:MM`` as the minutes of the week it stands for (seven of them without a day)."""
    day: int | None = None
    hhmm = when
    if "-" in when:
        day_text, _, hhmm = when.partition("-")
        day = _DAY_INDEX.get(day_text.lower())
        if day is None:
            raise BwLimitError(f'bad bandwidth timetable entry "{token}": unknown weekday "{day_text}"')
    match = _HHMM.fullmatch(hhmm)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise BwLimitError(f'bad bandwidth timetable entry "{token}": time must be HH:MM from 00:00 to 23:59')
    minute = int(match[1]) * 60 + int(match[2])
    days = range(7) if day is None else (day,)
    return [d * MINUTES_PER_DAY + minute for d in days]


def parse_bwlimit(text: str) -> Timetable:
    """Parse rclone's ``--bwlimit`` value (see the module docstring).  Raises :class:`BwLimitError`."""
    s = text.strip()
    if not s:
        raise BwLimitError("empty bandwidth limit")
    if not re.search(r"[\s;,]", s):
        return Timetable((Slot(0, parse_upload_rate(s)),), s)
    by_minute: dict[int, int | None] = {}
    for token in re.split(r"[\s;]+", s):
        if not token:
            continue
        parts = token.split(",")
        if len(parts) != 2:
            raise BwLimitError(f'bad bandwidth timetable entry "{token}": expected TIME,RATE such as 08:00,512k')
        try:
            rate = parse_upload_rate(parts[1])
        except BwLimitError as exc:
            raise BwLimitError(f'bad bandwidth timetable entry "{token}": {exc}') from None
        for minute in _parse_time(token, parts[0]):
            by_minute[minute] = rate  # a later entry for the same minute wins, as in rclone
    return Timetable(tuple(Slot(m, by_minute[m]) for m in sorted(by_minute)), s)


def _week_minute(when: datetime) -> int:
    return when.weekday() * MINUTES_PER_DAY + when.hour * 60 + when.minute


def rate_at(timetable: Timetable, when: datetime) -> tuple[int | None, datetime | None]:
    """The upload limit in force at *when* (bytes/s, ``None`` = unlimited) and when it next changes.

    The change time is on *when*'s own clock (naive local time in, naive local time out) and skips slots that
    repeat the same rate, so "1 MiB/s until 23:00" names the real end; ``None`` when the limit never changes.
    """
    slots = timetable.slots
    now = _week_minute(when)
    current = len(slots) - 1  # before the week's first slot, the last one still applies (wrap-around)
    for i, slot in enumerate(slots):
        if slot.minute <= now:
            current = i
    rate = slots[current].rate
    for step in range(1, len(slots)):
        slot = slots[(current + step) % len(slots)]
        if slot.rate != rate:
            ahead = (slot.minute - now) % MINUTES_PER_WEEK or MINUTES_PER_WEEK
            return rate, when.replace(second=0, microsecond=0) + timedelta(minutes=ahead)
    return rate, None


# --- the shared limiter ----------------------------------------------------------------------------------------

CancelCheck = Callable[[], bool]


class _EventLike(Protocol):
    def is_set(self) -> bool: ...


CancelArg = CancelToken | _EventLike | CancelCheck | None


def _cancel_check(cancel: CancelArg) -> CancelCheck | None:
    if cancel is None:
        return None
    if isinstance(cancel, CancelToken):
        token = cancel
        return lambda: token.cancelled
    if callable(cancel):
        return cancel
    return cancel.is_set


class _Waiter:
    __slots__ = ("cond",)

    def __init__(self, lock: threading.Lock) -> None:
        self.cond = threading.Condition(lock)


class Limiter:
    """One token bucket shared by every upload thread; ``consume(n)`` blocks until *n* bytes may pass.

    Waiters are served first come, first served, and a large *n* is taken in slices of at most ``slice_bytes``
    (about one socket write: http.client and urllib3 send bodies in 8-16 KiB reads) and at most the bucket
    (``burst_seconds`` of the rate); after each slice a thread queues again, so a connection that asks for big
    pieces gets no more than the others, and bursts stay short.  Rate, timetable, pause and resume reach threads
    that are already waiting at once; a cancelled waiter leaves within ``poll_seconds``.  The bucket starts
    empty, so the first quarter second is not a burst either.
    """

    def __init__(
        self,
        rate: int | None = None,
        *,
        timetable: Timetable | None = None,
        burst_seconds: float = 0.25,
        slice_bytes: int = 16 * KIB,
        window_seconds: float = 3.0,
        poll_seconds: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._lock = threading.Lock()
        self._queue: deque[_Waiter] = deque()
        self._clock, self._now = clock, now
        self._burst, self._window, self._poll = burst_seconds, window_seconds, poll_seconds
        self._slice = max(1, slice_bytes)
        self._timetable: Timetable | None = None
        self._rate: int | None = None
        self._next_check = float("inf")
        self._tokens = 0.0
        self._stamp = clock()
        self._paused = False
        self._total = 0
        self._samples: deque[tuple[float, int]] = deque()
        self._first_sample: float | None = None
        if timetable is not None:
            self.set_timetable(timetable)
        else:
            self.set_rate(rate)

    # settings, from any thread

    def set_rate(self, rate: int | None) -> None:
        """A fixed limit in bytes/s (``None`` or 0 = unlimited), replacing any timetable."""
        with self._lock:
            self._timetable = None
            self._next_check = float("inf")
            self._apply(rate if rate and rate > 0 else None, self._clock())

    def set_timetable(self, timetable: Timetable) -> None:
        """Follow *timetable* from now on; its changes are picked up within a second of their time."""
        with self._lock:
            self._timetable = timetable
            self._next_check = -float("inf")
            self._refresh(self._clock())

    def pause(self) -> None:
        """Stop every consumer (they stay blocked in :meth:`consume`) until :meth:`resume`."""
        with self._lock:
            self._paused = True

    def resume(self) -> None:
        with self._lock:
            if self._paused:
                self._paused = False
                self._stamp = self._clock()  # no saved-up credit for the paused time
                self._wake_head()

    @property
    def paused(self) -> bool:
        with self._lock:
            return self._paused

    def current_limit(self) -> tuple[int | None, datetime | None]:
        """The limit in force (bytes/s or ``None``) and, under a timetable, when it next changes."""
        with self._lock:
            self._refresh(self._clock())
            if self._timetable is None:
                return self._rate, None
            return rate_at(self._timetable, self._now())

    # counters

    @property
    def total_bytes(self) -> int:
        """Every byte let through since the limiter was made."""
        with self._lock:
            return self._total

    def rate_bytes_per_second(self) -> float:
        """The measured rate over the last ``window_seconds`` (less at the very start)."""
        with self._lock:
            now = self._clock()
            self._prune(now)
            if not self._samples or self._first_sample is None:
                return 0.0
            span = min(self._window, max(now - self._first_sample, 0.25))
            return sum(n for _, n in self._samples) / span

    # the hot path

    def consume(self, n: int, cancel: CancelArg = None) -> None:
        """Block until *n* bytes may pass.  Raises :class:`~glacier_gui.core.progress.Cancelled` if *cancel* fires.

        *cancel* is a :class:`CancelToken`, a :class:`threading.Event` or a callable returning True to stop.
        """
        check = _cancel_check(cancel)
        remaining = n
        while remaining > 0:
            remaining -= self._take(remaining, check)

    def _take(self, wanted: int, check: CancelCheck | None) -> int:
        """Wait for this thread's turn and its tokens; return how many bytes of *wanted* were granted."""
        with self._lock:
            now = self._clock()
            self._refresh(now)
            if self._rate is None and not self._paused and not self._queue:
                self._count(wanted, now)
                return wanted
            waiter = _Waiter(self._lock)
            self._queue.append(waiter)
            try:
                while True:
                    if check is not None and check():
                        raise Cancelled()
                    now = self._clock()
                    self._refresh(now)
                    timeout = self._poll
                    if self._queue[0] is waiter and not self._paused:
                        if self._rate is None:
                            granted = wanted
                            break
                        self._fill(now)
                        granted = min(wanted, self._slice, self._capacity())
                        if self._tokens >= granted:
                            self._tokens -= granted
                            break
                        timeout = min(timeout, (granted - self._tokens) / self._rate)
                    if self._next_check != float("inf"):
                        timeout = min(timeout, max(self._next_check - now, 0.0))
                    waiter.cond.wait(timeout)
                self._count(granted, now)
                return granted
            finally:
                self._queue.remove(waiter)
                self._wake_head()

    # internals, called with the lock held

    def _capacity(self) -> int:
        assert self._rate is not None
        return max(1, int(self._rate * self._burst))

    def _fill(self, now: float) -> None:
        if self._rate is not None:
            self._tokens = min(self._capacity(), self._tokens + (now - self._stamp) * self._rate)
        self._stamp = now

    def _apply(self, rate: int | None, now: float) -> None:
        if rate == self._rate:
            return
        self._fill(now)
        if self._rate is None:
            self._tokens = 0.0  # coming from unlimited: no saved-up burst
        self._rate = rate
        if rate is not None:
            self._tokens = min(self._tokens, self._capacity())
        self._wake_head()

    def _refresh(self, now: float) -> None:
        """Re-read the timetable once a second, and right at its next change."""
        if self._timetable is None or now < self._next_check:
            return
        wall = self._now()
        rate, until = rate_at(self._timetable, wall)
        self._apply(rate, now)
        wait = 1.0 if until is None else min(1.0, max((until - wall).total_seconds(), 0.0))
        self._next_check = now + wait

    def _wake_head(self) -> None:
        if self._queue:
            self._queue[0].cond.notify()

    def _count(self, n: int, now: float) -> None:
        self._total += n
        if self._first_sample is None:
            self._first_sample = now
        self._samples.append((now, n))
        self._prune(now)

    def _prune(self, now: float) -> None:
        horizon = now - self._window
        while self._samples and self._samples[0][0] < horizon:
            self._samples.popleft()


class LimitedReader:
    """A request body whose ``read`` waits for the shared :class:`Limiter` (botocore and http.client read
    bodies through ``read``).  ``seek``/``tell``/``len`` pass through so a retry can rewind; a re-read after a
    rewind is charged again, because it is sent again.  ``fileno`` is deliberately not offered: nothing may
    bypass ``read``.
    """

    def __init__(self, raw: IO[bytes], limiter: Limiter, cancel: CancelArg = None) -> None:
        self._raw = raw
        self._limiter = limiter
        self._cancel = cancel

    def read(self, size: int | None = -1) -> bytes:
        data = self._raw.read(-1 if size is None else size)
        if data:
            self._limiter.consume(len(data), self._cancel)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._raw.seek(offset, whence)

    def tell(self) -> int:
        return self._raw.tell()

    def seekable(self) -> bool:
        return self._raw.seekable()

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()

    @property
    def closed(self) -> bool:
        return self._raw.closed

    def __len__(self) -> int:
        """What is left from the current position, as botocore measures a seekable body."""
        if hasattr(self._raw, "__len__"):
            return len(self._raw)
        here = self._raw.tell()
        end = self._raw.seek(0, 2)
        self._raw.seek(here)
        return end - here

    def __bool__(self) -> bool:
        # botocore tests "if not body" before len(); an empty body must not look like a missing one.
        return True
