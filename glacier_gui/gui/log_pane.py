"""The log pane: what the core logs, in a dockable pane, warnings and errors highlighted.

A :class:`RingBufferHandler` on the root logger keeps the last records in a thread-safe deque (any thread may
log); the pane drains it from a timer in the GUI thread, so logging from a worker never touches a widget and
never emits a signal per record.
"""

from __future__ import annotations

import html
import itertools
import logging
import threading
from collections import deque
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDockWidget, QPlainTextEdit

from glacier_gui.core.i18n import Text
from glacier_gui.core.logs import RedactSecrets
from glacier_gui.gui.colors import Tone, html_span
from glacier_gui.gui.texts import core_text

MAX_RECORDS = 2000
_TONES = {logging.WARNING: Tone.WARNING, logging.ERROR: Tone.PROBLEM, logging.CRITICAL: Tone.PROBLEM}


class RingBufferHandler(logging.Handler):
    """Keeps the last *capacity* formatted records as ``(seq, levelno, text)``."""

    def __init__(self, capacity: int = MAX_RECORDS, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.records: deque[tuple[int, int, str]] = deque(maxlen=capacity)
        self._seq = itertools.count(1)
        self._lock = threading.Lock()
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
        self.addFilter(RedactSecrets())

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(_in_the_windows_language(record))
        except Exception:  # a bad format string must not break the caller
            self.handleError(record)
            return
        with self._lock:
            self.records.append((next(self._seq), record.levelno, text))

    def since(self, seq: int) -> list[tuple[int, int, str]]:
        with self._lock:
            return [r for r in self.records if r[0] > seq]


def _in_the_windows_language(record: logging.LogRecord) -> logging.LogRecord:
    """*record* with its core messages (:func:`~glacier_gui.core.i18n.msg` texts, as the message or an argument)
    in the window's language; the log file keeps the English (this is a copy).  ``translate()`` is thread-safe."""
    args = record.args if isinstance(record.args, tuple) else ()
    if not isinstance(record.msg, Text) and not any(isinstance(a, Text) for a in args):
        return record
    copy = logging.makeLogRecord(record.__dict__)
    copy.msg = core_text(record.msg) if isinstance(record.msg, Text) else record.msg
    copy.args = tuple(core_text(a) if isinstance(a, Text) else a for a in args) if args else record.args
    return copy


class LogPane(QDockWidget):
    """A dock with the log; attach() installs the ring buffer on the root logger, detach() removes it."""

    def __init__(self, parent: Any = None, interval_ms: int = 300) -> None:
        super().__init__(self.tr("Log"), parent)
        self.setObjectName("logPane")
        self.view = QPlainTextEdit(self)
        self.view.setReadOnly(True)
        self.view.setMaximumBlockCount(MAX_RECORDS)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setWidget(self.view)
        self.handler = RingBufferHandler()
        self._last = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.drain)

    def attach(self, logger: logging.Logger | None = None) -> None:
        (logger or logging.getLogger()).addHandler(self.handler)
        root = logging.getLogger()
        if root.getEffectiveLevel() > logging.INFO:  # the pane shows INFO; the app's set-up logs DEBUG already
            root.setLevel(logging.INFO)
        self._timer.start()

    def detach(self, logger: logging.Logger | None = None) -> None:
        self._timer.stop()
        (logger or logging.getLogger()).removeHandler(self.handler)

    def drain(self) -> None:
        """Append the records logged since the last call (GUI thread)."""
        new = self.handler.since(self._last)
        if not new:
            return
        self._last = new[-1][0]
        for _seq, level, text in new:
            escaped = html.escape(text)
            tone = _TONES.get(level)
            if tone is not None:
                self.view.appendHtml(html_span(escaped, tone, bold=level >= logging.ERROR))
            else:
                self.view.appendHtml(f"<span>{escaped}</span>")

    def text(self) -> str:
        return self.view.toPlainText()
