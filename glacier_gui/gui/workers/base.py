"""The one worker base: a QRunnable that runs core code on a QThreadPool and reports through signals.

Core functions take ``(..., progress, cancel)`` and return values.  ``run()`` catches everything, logs it and
emits ``failed`` with a sentence for the user, so no exception ever escapes into Qt's thread pool.  Widgets are
only touched from the slots connected to the signals, which Qt delivers in the GUI thread (the signals object
lives there).

Two shapes: :func:`run_task` (Picard's) for a single call — a listing, a probe, a test connection — and a
:class:`Worker` subclass only for long jobs that carry progress state the window polls (scan, upload, fetch).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from glacier_gui.core.i18n import message_of
from glacier_gui.core.ledger.status import StatusFileError
from glacier_gui.core.lock import StatusInUse
from glacier_gui.core.progress import Cancelled, CancelToken
from glacier_gui.core.restore.job import RestoreError
from glacier_gui.core.restore.rebuild import RebuildRefused
from glacier_gui.core.s3.errors import RemoteError, explain
from glacier_gui.core.settings import SettingsError
from glacier_gui.gui import texts

log = logging.getLogger(__name__)


# Errors whose message is already a sentence for the user.
_PLAIN = (SettingsError, StatusFileError, RemoteError, RestoreError, RebuildRefused, StatusInUse, ValueError)


class WorkerSignals(QObject):
    """Signals of a worker (emitted from the pool thread, delivered queued in the GUI thread).

    * ``started()`` — the work began;
    * ``progress(object)`` — an occasional event (e.g. one unit finished), never per chunk;
    * ``finished(object)`` — the core call returned this value;
    * ``failed(str)`` — it raised; the text is for the user, in their language (``cancelled`` is reported here
      too).
    """

    started = Signal()
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)


def user_message(exc: BaseException) -> str:
    """One plain sentence for an exception from the core (in English, as a core ``Text`` when the core made one:
    :func:`texts.core_text` turns it into the user's language)."""
    if isinstance(exc, Cancelled):
        return texts.stopped()
    if isinstance(exc, _PLAIN):
        return message_of(exc)
    if isinstance(exc, KeyError) and exc.args:
        return exc.args[0] if isinstance(exc.args[0], str) else str(exc.args[0])
    return explain(exc)


class Worker(QRunnable):
    """Base class: subclasses implement :meth:`work`, which returns the result sent with ``finished``.

    Keep a Python reference to a running worker (the window does) so that its signals object lives on.
    """

    name = "work"

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python owns the object; Qt must not delete it under us
        self.signals = WorkerSignals()
        self.cancel_token = CancelToken()
        self.cancelled_by_user = False

    def cancel(self) -> None:
        """Ask the core call to stop at its next check (thread-safe)."""
        self.cancelled_by_user = True
        self.cancel_token.cancel()

    def work(self) -> object:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self) -> None:
        self.signals.started.emit()
        try:
            result = self.work()
        except Cancelled as exc:
            log.info("%s: stopped", self.name)
            self.signals.failed.emit(user_message(exc))
        except Exception as exc:  # everything: an exception must never vanish inside the pool
            message = user_message(exc)
            log.error("%s failed: %s", self.name, message, exc_info=not _expected(exc))
            self.signals.failed.emit(texts.core_text(message))  # translate() is thread-safe
        else:
            self.signals.finished.emit(result)


def _expected(exc: BaseException) -> bool:
    """Errors that are the user's to fix: no traceback in the log for them."""
    return isinstance(exc, (*_PLAIN, KeyError))


# Workers that are running, so their Python objects (and signals) live until they end even if the widget
# that started them is closed first.
_RUNNING: set[Worker] = set()


def start_worker(pool: QThreadPool, worker: Worker) -> Worker:
    """Start *worker* on *pool*, keeping it alive until it reports; returns it."""
    _RUNNING.add(worker)
    worker.signals.finished.connect(lambda _result: _RUNNING.discard(worker))
    worker.signals.failed.connect(lambda _message: _RUNNING.discard(worker))
    pool.start(worker)
    return worker


def running_workers() -> list[Worker]:
    return list(_RUNNING)


class Task(Worker):
    """A worker for one call: ``fn()``'s value is sent with ``finished``.

    *cancel* is the token *fn* checks, if it can stop early: :meth:`cancel` then reaches it.
    """

    def __init__(self, fn: Callable[[], object], name: str = "task", cancel: CancelToken | None = None) -> None:
        super().__init__()
        self.fn = fn
        self.name = name
        if cancel is not None:
            self.cancel_token = cancel

    def work(self) -> object:
        return self.fn()


def run_task(
    pool: QThreadPool,
    fn: Callable[[], object],
    on_done: Callable[[Any], object],
    on_error: Callable[[str], object] | None = None,
    name: str = "task",
    cancel: CancelToken | None = None,
) -> Task:
    """Run ``fn()`` on *pool*; then ``on_done(result)`` or ``on_error(message)``, both in the GUI thread.

    The error is one sentence for the user (:func:`user_message`); without *on_error* it is only logged.
    Returns the task (to cancel it, or to tell a superseded one from the current one).
    """
    task = Task(fn, name, cancel)
    task.signals.finished.connect(on_done)
    if on_error is not None:
        task.signals.failed.connect(on_error)
    start_worker(pool, task)
    return task
