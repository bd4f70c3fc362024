"""Riding out an outage: S3 or the network unreachable for a while, then back.

An overnight backup over home Wi-Fi meets a router that restarts or a line that drops for a few minutes.
Giving up after botocore's few retries would stop the whole night's work for that; retrying for ever would hide
a real problem.  Every request of an upload run goes through one :class:`OutageGate`: a request that fails
because S3 cannot be reached (connection refused or reset, timeouts, DNS, 5xx answers) is tried again with
exponential backoff (at most a minute apart) until S3 answers or the run's window (setting ``outage_wait``)
since the first failure is over.  Then the waiting requests, and every later one, fail with one reason, and
the run stops cleanly: what was not finished is resumed by the next upload.

State changes, not requests, are reported: one line when the waiting starts, one when the network is back or
the run gives up.  The same words go to *on_change* (the engine puts them in the progress snapshot, where the
GUI's status bar reads them).  botocore's own retries run inside each attempt (``make_client`` keeps them few).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

import botocore.exceptions

from glacier_gui.core.i18n import msg
from glacier_gui.core.progress import Cancelled, CancelToken
from glacier_gui.core.s3.errors import SERVER_ERRORS, S3RequestError, Unreachable, error_code, explain

log = logging.getLogger(__name__)

T = TypeVar("T")

FIRST_DELAY = 0.5  # seconds before the first retry; doubled after each failure
MAX_DELAY = 60.0

OutageFn = Callable[[str, "float | None"], None]
"""``on_change(text, since)``: the outage in words (``""`` when there is none) and its start (epoch seconds)."""


class GaveUpWaiting(Unreachable):
    """S3 stayed unreachable for the whole ``outage_wait`` window: the run stops, what is left stays to resume."""


def is_outage(exc: BaseException) -> bool:
    """Does *exc* say S3 could not be reached (rather than that it refused the request)?"""
    if isinstance(exc, GaveUpWaiting):
        return False
    if isinstance(exc, Unreachable):
        return True
    # ConnectionError: refused, DNS, connect timeout, proxy, TLS; HTTPClientError: reset, closed, read timeout.
    if isinstance(exc, botocore.exceptions.ConnectionError | botocore.exceptions.HTTPClientError):
        return True
    if isinstance(exc, botocore.exceptions.ClientError):
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return int(status or 0) >= 500 or error_code(exc) in SERVER_ERRORS
    if isinstance(exc, S3RequestError):
        return exc.code in SERVER_ERRORS
    return False


class OutageGate:
    """Runs S3 requests, waiting out outages up to *window* seconds; thread-safe, one per upload run.

    *clock* and *sleep* are for tests (``sleep(seconds)`` returns True when the run was cancelled meanwhile).
    """

    def __init__(
        self,
        window: float,
        cancel: CancelToken | None = None,
        on_change: OutageFn | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
        sleep: Callable[[float], bool] | None = None,
    ) -> None:
        self.window = max(0.0, window)
        self._listeners: list[OutageFn] = [on_change] if on_change is not None else []
        self._clock = clock
        self._wall = wall
        self._sleep = sleep or (cancel.wait if cancel is not None else _plain_sleep)
        self._lock = threading.Lock()
        self._since: float | None = None  # clock() at the first failure of the current outage
        self._since_wall = 0.0
        self._back_at = float("-inf")  # clock() when the last outage ended
        self._gave_up: GaveUpWaiting | None = None

    def subscribe(self, on_change: OutageFn) -> None:
        """Also tell *on_change* when the state changes."""
        self._listeners.append(on_change)

    @property
    def gave_up(self) -> GaveUpWaiting | None:
        """The reason the run gave up waiting (None while it has not)."""
        return self._gave_up

    def call(self, request: Callable[[], T]) -> T:
        """``request()``, tried again while S3 is unreachable and the window lasts; its result or its error."""
        delay = FIRST_DELAY
        while True:
            if self._gave_up is not None:
                raise self._gave_up
            started = self._clock()
            try:
                result = request()
            except Exception as exc:
                if not is_outage(exc):
                    self._answered(started)  # a refusal is an answer: S3 is reachable
                    raise
                wait = self._failed(exc, started, delay)
                if self._sleep(wait):
                    raise Cancelled() from None
                delay = min(delay * 2, MAX_DELAY)
                continue
            self._answered(started)
            return result

    # ---- the state ------------------------------------------------------------------------------------
    def _failed(self, exc: BaseException, started: float, delay: float) -> float:
        """Record a failure; the seconds to wait before the next try (raises when the window is over)."""
        with self._lock:
            now = self._clock()
            if self._gave_up is not None:
                raise self._gave_up
            if self._since is None:
                if started < self._back_at:
                    return 0.0  # sent before the network came back: just try again
                self._since, self._since_wall = now, self._wall()
                if self.window > 0:
                    self._report_waiting(exc)
            deadline = self._since + self.window
            if now >= deadline:
                self._give_up(exc, now)
                assert self._gave_up is not None
                raise self._gave_up
            return min(delay, deadline - now)  # the last try is at the deadline itself

    def _answered(self, started: float) -> None:
        if self._since is None:
            return
        with self._lock:
            # Only a request sent after the outage began proves the network is back (a slow one may predate it).
            if self._since is None or started < self._since or self._gave_up is not None:
                return
            lasted = self._clock() - self._since
            self._since = None
            self._back_at = self._clock()
            text = msg("network back after {lasted}", lasted=spoken_duration(lasted))
            log.warning("%s", text)
            self._notify("", None)

    def _report_waiting(self, exc: BaseException) -> None:
        since = _hhmm(self._since_wall)
        until = _hhmm(self._since_wall + self.window)
        text = msg(
            "waiting for the network (S3 unreachable since {since}; giving up at {until})", since=since, until=until
        )
        log.warning("%s: %s", text, explain(exc))
        self._notify(text, self._since_wall)

    def _give_up(self, exc: BaseException, now: float) -> None:
        if self.window > 0:
            text = msg(
                "S3 unreachable since {since} ({reason}); gave up after waiting {waited} (setting outage_wait): "
                "upload again to resume",
                since=_hhmm(self._since_wall),
                reason=explain(exc),
                waited=spoken_duration(now - self._since if self._since is not None else 0.0),
            )
        else:
            text = msg(
                "S3 unreachable ({reason}); not waiting for it (outage_wait is 0): upload again to resume",
                reason=explain(exc),
            )
        self._gave_up = GaveUpWaiting(text)
        log.warning("%s", text)
        self._notify(text, self._since_wall)

    def _notify(self, text: str, since: float | None) -> None:
        for listener in self._listeners:
            listener(text, since)


def spoken_duration(seconds: float) -> str:
    """``45 s``, ``2 min 10 s``, ``1 h 5 min``: how long an outage lasted, for a person."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def _hhmm(epoch: float) -> str:
    return datetime.fromtimestamp(epoch).strftime("%H:%M")


def _plain_sleep(seconds: float) -> bool:
    time.sleep(seconds)
    return False
