"""Where background work runs: the app's one thread pool, the long jobs now running, and the progress timer.

Long jobs run in *lanes*.  The ``status`` lane holds the one job that may write status.csv (scan, the upload
and its estimate, rebuild): one at a time, and the window is busy while it runs.  The ``restore`` lane holds
the Restore jobs panel's refresh or download, which never write status.csv and may run beside it.  Single
calls (a listing, a probe, Test connection) go through :meth:`JobRunner.run_task` without a lane.

While any long job runs, one timer (300 ms) emits ``tick``: the views read the jobs' shared progress snapshots
then and redraw the rows that changed — never per chunk, never a model reset.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from glacier_gui.core.progress import CancelToken
from glacier_gui.gui.workers.base import Task, Worker, run_task, start_worker

log = logging.getLogger(__name__)

STATUS_LANE = "status"
RESTORE_LANE = "restore"
PROGRESS_INTERVAL_MS = 300
# A long job of each lane, a few single calls beside them (client, listing, preview); the upload engine and
# the scan keep their own threads inside the one call.
MAX_THREADS = 4

W = TypeVar("W", bound=Worker)


class JobRunner(QObject):
    """The app's thread pool and its long jobs.

    Signals: ``busyChanged(bool)`` when the status lane starts or ends a job; ``tick()`` every
    :data:`PROGRESS_INTERVAL_MS` while a long job runs (and once more as each one ends, before it leaves its lane).
    """

    busyChanged = Signal(bool)
    tick = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(MAX_THREADS)
        self.timer = QTimer(self)
        self.timer.setInterval(PROGRESS_INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self._jobs: dict[str, Worker] = {}

    # ---- long jobs ----------------------------------------------------------------------------------
    def job(self, lane: str = STATUS_LANE) -> Worker | None:
        """The job running in *lane*, or None."""
        return self._jobs.get(lane)

    @property
    def busy(self) -> bool:
        """A job that may write status.csv is running."""
        return STATUS_LANE in self._jobs

    def start(
        self,
        worker: W,
        on_done: Callable[[Any], object],
        on_failed: Callable[[str], object],
        lane: str = STATUS_LANE,
    ) -> W:
        """Run *worker* as *lane*'s job; *on_done* / *on_failed* run in the GUI thread after the lane is free.

        A lane runs one job at a time: starting a second one is a programming error.
        """
        if lane in self._jobs:
            raise RuntimeError(f"the {lane} lane is busy with {self._jobs[lane].name}")
        self._jobs[lane] = worker
        worker.signals.finished.connect(lambda result: self._ended(lane, worker, lambda: on_done(result)))
        worker.signals.failed.connect(lambda message: self._ended(lane, worker, lambda: on_failed(message)))
        self.timer.start()
        if lane == STATUS_LANE:
            self.busyChanged.emit(True)
        start_worker(self.pool, worker)
        return worker

    def run_job(
        self,
        fn: Callable[[], object],
        on_done: Callable[[Any], object],
        on_failed: Callable[[str], object],
        name: str,
        lane: str = STATUS_LANE,
        cancel: CancelToken | None = None,
    ) -> Task:
        """A single call that still holds *lane* while it runs (Stop reaches it through *cancel*)."""
        return self.start(Task(fn, name, cancel), on_done, on_failed, lane)

    def _ended(self, lane: str, worker: Worker, then: Callable[[], object]) -> None:
        self.tick.emit()  # the job's last figures (the timer may not have fired since), while it is still here
        if self._jobs.get(lane) is worker:
            del self._jobs[lane]
        if not self._jobs:
            self.timer.stop()
        if lane == STATUS_LANE:
            self.busyChanged.emit(False)
        then()

    def stop(self, lane: str = STATUS_LANE) -> bool:
        """Ask *lane*'s job to stop at its next check; False when nothing runs there."""
        worker = self._jobs.get(lane)
        if worker is None:
            return False
        log.info("stop requested: %s", worker.name)
        worker.cancel()
        return True

    # ---- single calls -------------------------------------------------------------------------------
    def run_task(
        self,
        fn: Callable[[], object],
        on_done: Callable[[Any], object],
        on_error: Callable[[str], object] | None = None,
        name: str = "task",
        cancel: CancelToken | None = None,
    ) -> Task:
        """``fn()`` on the pool; ``on_done(result)`` or ``on_error(message)`` in the GUI thread."""
        return run_task(self.pool, fn, on_done, on_error, name, cancel)

    def shutdown(self, wait_ms: int = 30000) -> bool:
        """Stop every long job and wait for the pool (an upload saves its units as it ends)."""
        for worker in list(self._jobs.values()):
            worker.cancel()
        self.timer.stop()
        return self.pool.waitForDone(wait_ms)
