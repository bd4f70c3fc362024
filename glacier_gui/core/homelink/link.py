"""The home link at run time: one bandwidth limiter for the whole process, pause and resume, keep-awake for a job.

The first upload of an album takes days on the family's only internet line, on a PC that wants to sleep.  The
parts exist on their own (``bwlimit.py``: the timetable and the token bucket; ``keepawake.py``: the OS calls);
this module is the glue that makes them one thing per process:

- **one** :class:`~glacier_gui.core.bwlimit.Limiter`, shared by every upload connection of the process, so the
  limit holds for the link, not per thread.  The CLI applies the settings it was started with; the window applies
  them again on every save, which reaches an upload that is already running within a second;
- pause and resume are the limiter's: every connection stops at its next slice (16 KiB), open multipart uploads
  and the journal stay as they are, and resume goes on from there;
- :meth:`HomeLink.awake` is the keep-awake hold of one job (upload or download), honouring ``keep_awake``;
- :meth:`HomeLink.state` gives the figures the window's status bar and the CLI's progress line show, and
  :func:`time_to_send` how long some bytes take under a timetable (the summary line's estimate).

Scan reads are not limited: only request bodies pass through the limiter (``core/s3/transfer.py``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import FrameType

from glacier_gui.core.bwlimit import UNLIMITED, Limiter, Timetable, parse_bwlimit, rate_at
from glacier_gui.core.homelink.keepawake import KeepAwake
from glacier_gui.core.i18n import Text, msg
from glacier_gui.core.settings import Settings
from glacier_gui.core.textfmt import format_size

AwakeFactory = Callable[[str], AbstractContextManager[object]]

_MAX_WEEKS = 52 * 20  # an estimate beyond twenty years is no estimate


@dataclass(frozen=True)
class LinkState:
    """What the link does now (numbers; the front ends turn them into words)."""

    rate: float  # bytes/s actually sent over the last few seconds, all connections together
    limit: int | None  # bytes/s in force; None: no limit
    until: datetime | None  # when the limit next changes (local time); None: it does not
    paused: bool
    seconds_left: float | None  # the bytes still to send at the current rate; None: unknown or nothing sent yet


def timetable_of(settings: Settings) -> Timetable:
    """The ``bwlimit`` setting as a timetable (:data:`~glacier_gui.core.bwlimit.UNLIMITED` when empty)."""
    text = settings.bwlimit.strip()
    return parse_bwlimit(text) if text else UNLIMITED


class HomeLink:
    """The process's limiter, its pause switch and the keep-awake setting.

    *awake_factory* makes the hold for one job (``KeepAwake(why)``); tests pass a fake through this seam.
    """

    def __init__(self, limiter: Limiter | None = None, awake_factory: AwakeFactory = KeepAwake) -> None:
        self.limiter = limiter or Limiter()
        self.keep_awake = True
        self.timetable = UNLIMITED
        self._awake_factory = awake_factory

    def apply(self, settings: Settings) -> None:
        """Follow *settings*' bandwidth limit and keep-awake choice from now on (running uploads too)."""
        self.timetable = timetable_of(settings)
        self.limiter.set_timetable(self.timetable)
        self.keep_awake = settings.keep_awake

    # pause and resume -------------------------------------------------------------------------------------------
    def pause(self) -> None:
        """Stop sending: every connection waits at its next slice; nothing is cancelled or forgotten."""
        self.limiter.pause()

    def resume(self) -> None:
        self.limiter.resume()

    @property
    def paused(self) -> bool:
        return self.limiter.paused

    # keep-awake -------------------------------------------------------------------------------------------------
    def awake(self, why: str) -> AbstractContextManager[object]:
        """Hold "do not sleep" for one job (``with link.awake("Uploading 3 folders"):``); nothing if turned off."""
        return self._awake_factory(why) if self.keep_awake else contextlib.nullcontext()

    # figures ----------------------------------------------------------------------------------------------------
    def state(self, bytes_left: int | None = None) -> LinkState:
        """The rate, the limit in force and until when, paused or not, and the time *bytes_left* take at the rate."""
        rate = self.limiter.rate_bytes_per_second()
        limit, until = self.limiter.current_limit()
        paused = self.limiter.paused
        seconds = bytes_left / rate if bytes_left is not None and bytes_left > 0 and rate > 0 and not paused else None
        return LinkState(rate, limit, until, paused, seconds)


_LINK = HomeLink()


def home_link() -> HomeLink:
    """The one :class:`HomeLink` of this process."""
    return _LINK


def link_line(state: LinkState) -> Text:
    """The link's part of the CLI progress line: ``paused``, ``limit 1.0 MiB/s until 23:00`` or nothing."""
    if state.paused:
        return msg("paused (SIGCONT resumes)")
    if state.limit is None:
        return Text("", {})  # nothing to say (not msg: an empty template has nothing to translate)
    if state.until is None:
        return msg("limit {rate}/s", rate=format_size(state.limit))
    return msg("limit {rate}/s until {until:%H:%M}", rate=format_size(state.limit), until=state.until)


# ---- how long a number of bytes takes under a timetable -----------------------------------------------------------


def time_to_send(timetable: Timetable, nbytes: int, start: datetime) -> tuple[float | None, bool]:
    """Seconds to send *nbytes* from *start* (naive local time) following *timetable*, and whether that is exact.

    Hours without a limit send at the link's own speed, which we do not know: they are counted as sending
    nothing, so the figure is then an upper bound (``exact`` False).  ``None`` when no hour has a limit.
    """
    if nbytes <= 0:
        return 0.0, True
    if all(slot.rate is None for slot in timetable.slots):
        return None, False
    exact = all(slot.rate is not None for slot in timetable.slots)
    week = _segments(timetable, start, start + timedelta(days=7))
    per_week = sum(rate * seconds for seconds, rate in week)
    remaining = float(nbytes)
    elapsed = 0.0
    whole_weeks = max(0, int(remaining // per_week) - 1)
    if whole_weeks > _MAX_WEEKS:
        return None, exact
    remaining -= whole_weeks * per_week
    elapsed += whole_weeks * 7 * 86400
    for seconds, rate in week + week + week:
        if rate > 0 and remaining <= rate * seconds:
            return elapsed + remaining / rate, exact
        remaining -= rate * seconds
        elapsed += seconds
    return None, exact  # not reached: three weeks hold more than what is left after the whole weeks


def _segments(timetable: Timetable, start: datetime, end: datetime) -> list[tuple[float, float]]:
    """(seconds, bytes/s) spans from *start* to *end*; a span without a limit counts as 0 bytes/s."""
    spans: list[tuple[float, float]] = []
    when = start
    while when < end:
        rate, until = rate_at(timetable, when)
        stop = min(until, end) if until is not None and until > when else end
        spans.append(((stop - when).total_seconds(), float(rate or 0)))
        when = stop
    return spans


# ---- SIGTSTP / SIGCONT for the command line -----------------------------------------------------------------------


@contextlib.contextmanager
def pause_on_signals(link: HomeLink, notify: Callable[[bool], None]) -> Iterator[None]:
    """While inside, SIGTSTP (Ctrl+Z, ``kill -TSTP``) pauses sending and SIGCONT resumes it; *notify(paused)*.

    The process keeps running while paused (open uploads and the keep-awake hold stay); a second SIGTSTP while
    paused stops the process as usual, so Ctrl+Z twice gives a terminal back and ``fg`` (SIGCONT) resumes.  Where
    the platform has no such signals (Windows), or off the main thread, nothing is installed.
    """
    tstp, cont = getattr(signal, "SIGTSTP", None), getattr(signal, "SIGCONT", None)
    if tstp is None or cont is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_stop(_signum: int, _frame: FrameType | None) -> None:
        if link.paused:
            signal.signal(tstp, signal.SIG_DFL)
            os.kill(os.getpid(), tstp)  # stops here until SIGCONT
            signal.signal(tstp, on_stop)
            return
        link.pause()
        notify(True)

    def on_cont(_signum: int, _frame: FrameType | None) -> None:
        if link.paused:
            link.resume()
            notify(False)

    old_stop, old_cont = signal.signal(tstp, on_stop), signal.signal(cont, on_cont)
    try:
        yield
    finally:
        signal.signal(tstp, old_stop)
        signal.signal(cont, old_cont)
        if link.paused:
            link.resume()  # the process's limiter must not stay shut for whatever runs next
