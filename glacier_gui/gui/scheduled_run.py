"""The window runs the scheduled backup when Task Scheduler starts one while the window is open.

The window holds status.csv's lock as long as it is open, so the 02:00 ``run`` cannot write it; it asks the
window instead (``core/homelink/handoff.py``).  Every few seconds the window that holds the lock looks for such a
request, claims it, runs scan + upload exactly as the Scan and Upload buttons do (the estimate is logged and
accepted: nobody sits at the PC at 02:00), shows the outcome in the log pane and the status bar (failures also
in the usual dialog), and writes it for the waiting run, whose exit status Task Scheduler records.

A request that arrives while another job runs, or while the user is deciding on an upload's estimate, waits for
that to end.  If the window closes first, the waiting run takes the lock and does the backup itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from glacier_gui.core.homelink import handoff
from glacier_gui.core.upload.engine import UploadReport
from glacier_gui.gui.backup_jobs import BackupJobs
from glacier_gui.gui.session import Session

log = logging.getLogger(__name__)


class ScheduledRuns(QObject):
    """Claims the hand-off requests of scheduled runs and runs them on *backup*.

    Signal ``finished(bool, str)``: a handed-off backup ended (ok, the summary line), for tests.
    """

    finished = Signal(bool, str)

    def __init__(self, session: Session, backup: BackupJobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.backup = backup
        self.request: handoff.Request | None = None
        self._running = False
        self._closed = False
        self._connected: list[tuple[Any, Callable[..., None]]] = []  # BackupJobs' signals, while a backup runs
        self._accepting = False  # BackupJobs.auto_accept_estimate as it was before a scheduled upload
        self.timer = QTimer(self)
        self.timer.setInterval(handoff.POLL_MS)
        self.timer.timeout.connect(self.poll)
        session.runner.busyChanged.connect(self._maybe_start)
        self.timer.start()

    def stop(self) -> None:
        """The window closes: claim nothing more, start nothing more (a claimed backup not yet done is left to
        the waiting run, which takes the lock once the window has let it go)."""
        self.timer.stop()
        self.request = None
        self._closed = True

    def poll(self) -> None:
        """Claim a waiting request (only as status.csv's writer), and start it when no other job runs."""
        if self.request is not None:  # claimed, waiting for the window to be free
            self._maybe_start()
            return
        if self.session.read_only or self.session.demo or self._closed:
            return
        request = handoff.claim_request(self.session.data_dir, self.session.status_path)
        if request is None:
            return
        self.request = request
        log.info("%s", self.tr("Task Scheduler started the scheduled backup while this window is open: it runs here"))
        self._maybe_start()

    def _maybe_start(self, *_args: object) -> None:
        if self.request is None or self._running or self._closed or self.session.runner.busy:
            return
        if self.backup.estimate_dialog is not None:  # the user is deciding on an upload: after that
            return
        if self.session.read_only:  # the lock went to the waiting run, which now does the backup itself
            self.request = None
            return
        self._running = True
        self._accepting = self.backup.auto_accept_estimate
        self.session.say(self.tr("Scheduled backup: scanning…"))
        self._connect(self.backup.scanFinished, self._scanned)
        self._connect(self.backup.jobFailed, self._failed)
        self.backup.start_scan()

    def _connect(self, signal: Any, slot: Callable[..., None]) -> None:
        signal.connect(slot)
        self._connected.append((signal, slot))

    def _scanned(self, _outcome: object) -> None:
        units = self.session.table.units_to_upload()  # as `glacier-gui run`: marked, and unfinished ones
        if not units:
            self._end(True, self.tr("scan finished; no folder is marked for upload"))
            return
        self._connect(self.backup.uploadFinished, self._uploaded)
        self.backup.auto_accept_estimate = True  # the estimate is logged; nobody is at the PC to press Upload
        self.backup.start_upload(units)

    def _uploaded(self, report: object) -> None:
        assert isinstance(report, UploadReport)
        done = len(report.units) - len(report.failed)
        self._end(not report.failed, self.tr("{0} of {1} unit(s) synchronized").format(done, len(report.units)))

    def _failed(self, message: str) -> None:
        self._end(False, message)

    def _end(self, ok: bool, text: str) -> None:
        for signal, slot in self._connected:
            signal.disconnect(slot)
        self._connected.clear()
        if self._running:
            self.backup.auto_accept_estimate = self._accepting
        request, self.request, self._running = self.request, None, False
        line = (
            self.tr("Scheduled backup finished: {0}") if ok else self.tr("Scheduled backup did not finish: {0}")
        ).format(text)
        (log.info if ok else log.warning)("%s", line)
        self.session.say(line, 0)
        if request is not None:
            try:
                handoff.finish(request, handoff.Outcome(ok, text))
            except OSError as exc:
                log.warning("the scheduled run could not be told the outcome: %s", exc)
        self.finished.emit(ok, text)
