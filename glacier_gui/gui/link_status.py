"""What the home link does, in words: the status bar's rate / limit / paused / time left, and the summary's estimate.

The core gives numbers (``core/homelink/link.py``: :class:`~glacier_gui.core.homelink.link.LinkState`,
:func:`time_to_send`); :class:`LinkWords` turns them into translatable text, and :class:`LinkStatus` is the
status bar label, redrawn on the job runner's 300 ms timer (never per chunk) and when the limit or the pause changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWidget

from glacier_gui.core.bwlimit import BwLimitError
from glacier_gui.core.homelink.link import LinkState, home_link, time_to_send, timetable_of
from glacier_gui.core.settings import Settings
from glacier_gui.gui import texts
from glacier_gui.gui.session import Session


class LinkWords(QObject):
    """Rates, limits and durations as the window says them."""

    def rate(self, bytes_per_second: float) -> str:
        return self.tr("{0}/s").format(texts.size(int(bytes_per_second)))

    def duration(self, seconds: float, at_most: bool = False) -> str:
        """``about 2 days``, ``about 5 hours``, ``about 20 minutes``, ``under a minute`` (or ``at most ...``)."""
        if seconds < 60:
            return self.tr("under a minute")
        if seconds < 3600:
            n, words = round(seconds / 60), (self.tr("about {0} min"), self.tr("at most {0} min"))
        elif seconds < 2 * 86400:
            n, words = round(seconds / 3600), (self.tr("about {0} h"), self.tr("at most {0} h"))
        else:
            n, words = round(seconds / 86400), (self.tr("about {0} days"), self.tr("at most {0} days"))
        return words[at_most].format(n)

    def until(self, when: datetime, now: datetime) -> str:
        """``23:00`` today, else ``Sat 00:00``."""
        if when.date() == now.date():
            return f"{when:%H:%M}"
        days = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),  # not inside the f-string below: lupdate does not look there
        )
        return f"{days[when.weekday()]} {when:%H:%M}"

    def limit(self, state: LinkState, now: datetime) -> str:
        """``limit 1.0 MiB/s until 23:00``, ``limit 1.0 MiB/s``, or ``no limit until 08:00``."""
        if state.limit is None:
            return self.tr("no limit until {0}").format(self.until(state.until, now)) if state.until else ""
        if state.until is None:
            return self.tr("limit {0}").format(self.rate(state.limit))
        return self.tr("limit {0} until {1}").format(self.rate(state.limit), self.until(state.until, now))

    def status(self, state: LinkState, sending: bool, now: datetime) -> str:
        """The status bar's line: paused or the rate, the limit in force, the time left at the rate."""
        parts = [self.tr("Paused")] if state.paused else []
        if sending and not state.paused:
            parts.append(self.tr("↑ {0}").format(self.rate(state.rate)))
        limit = self.limit(state, now)
        if limit:
            parts.append(limit)
        if sending and state.seconds_left is not None:
            parts.append(self.tr("{0} left at this rate").format(self.duration(state.seconds_left)))
        return " · ".join(parts)

    def upload_estimate(self, settings: Settings, nbytes: int, now: datetime) -> str:
        """How long *nbytes* take at the configured limit (``about 2 days at 1.0 MiB/s``); empty without a limit."""
        try:
            timetable = timetable_of(settings)
        except BwLimitError:
            return ""
        if nbytes <= 0 or timetable.always_off:
            return ""
        seconds, exact = time_to_send(timetable, nbytes, now)
        if seconds is None:
            return ""
        if len(timetable.slots) == 1 and timetable.slots[0].rate is not None:
            return self.tr("{0} at {1}").format(self.duration(seconds), self.rate(timetable.slots[0].rate))
        if exact:
            return self.tr("{0} at the bandwidth timetable").format(self.duration(seconds))
        # Hours without a limit counted as sending nothing: an upper bound.
        return self.tr("{0} at the bandwidth timetable's limits").format(self.duration(seconds, at_most=True))


class LinkStatus(QLabel):
    """The status bar's home-link label: ``↑ 950 KiB/s · limit 1.0 MiB/s until 23:00 · about 2 hours left``.

    *bytes_left* gives what the running upload still has to send (None: no upload); *sending* whether an upload
    runs now.
    """

    def __init__(
        self,
        session: Session,
        bytes_left: Callable[[], int | None],
        sending: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkStatus")
        self.words = LinkWords(self)
        self._bytes_left = bytes_left
        self._sending = sending
        session.runner.tick.connect(self.redraw)

    def redraw(self) -> None:
        sending = self._sending()
        state = home_link().state(self._bytes_left() if sending else None)
        self.setText(self.words.status(state, sending, datetime.now()))
