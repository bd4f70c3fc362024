"""The one worker base: a QRunnable that runs a core call on a QThreadPool and reports through signals.

Core functions take ``(..., progress, cancel)`` and return values; a worker wraps one such call.  ``run()``
catches everything, logs it and emits ``failed`` with a sentence for the user, so no exception ever escapes
into Qt's thread pool.  Widgets are only touched from the slots connected to the signals (GUI thread).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from glacier_gui.core.lock import StatusInUse
from glacier_gui.core.progress import Cancelled, CancelToken
from glacier_gui.core.rebuild import RebuildRefused
from glacier_gui.core.restore_job import RestoreError
from glacier_gui.core.s3.client import RemoteError, explain
from glacier_gui.core.settings import SettingsError
from glacier_gui.core.status import StatusFileError

log = logging.getLogger(__name__)


# Errors whose message is already a sentence for the user.
_PLAIN = (SettingsError, StatusFileError, RemoteError, RestoreError, RebuildRefused, StatusInUse, ValueError)


class WorkerSignals(QObject):
    """Signals of a worker (emitted from the pool thread, delivered queued in the GUI thread).

    * ``started()`` — the work began;
    * ``progress(object)`` — an occasional event (e.g. one unit finished), never per chunk;
    * ``finished(object)`` — the core call returned this value;
    * ``failed(str)`` — it raised; the text is for the user (``cancelled`` is reported here too).
    """

    started = Signal()
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)


def user_message(exc: BaseException) -> str:
    """One plain sentence for an exception from the core."""
    if isinstance(exc, Cancelled):
        return QCoreApplication.translate("Worker", "Stopped.")
    if isinstance(exc, _PLAIN):
        return str(exc)
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
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
            log.error("%s failed: %s", self.name, user_message(exc), exc_info=not _expected(exc))
            self.signals.failed.emit(user_message(exc))
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
