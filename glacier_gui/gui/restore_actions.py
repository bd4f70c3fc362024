"""The window's Restore menu: restore selected units, the restore jobs panel, verify selected units in S3.

Kept apart from main_window.py so that the status board reads on its own; this object owns the actions, the
panel and the dialogs, and runs their workers on its own small pool (they never write status.csv, so they may
run while a scan or an upload does).
"""

from __future__ import annotations

import logging
from typing import Any, cast

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from glacier_gui.core.verify import UnitCheck
from glacier_gui.gui.dialogs.restore_dialog import RestoreDialog
from glacier_gui.gui.dialogs.verify_dialog import VerifyResultsDialog, verdict
from glacier_gui.gui.restore_panel import RestoreJobsPanel
from glacier_gui.gui.workers.base import start_worker
from glacier_gui.gui.workers.restore_worker import RequestOutcome, VerifyWorker

log = logging.getLogger(__name__)


class RestoreActions(QObject):
    """Restore, restore jobs and verify for *window* (a MainWindow).

    Signals: ``dialogOpened(RestoreDialog)``, ``verifyFinished(list[UnitCheck])``, ``verifyFailed(str)``.
    """

    dialogOpened = Signal(object)
    verifyFinished = Signal(object)
    verifyFailed = Signal(str)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.dialog: RestoreDialog | None = None
        self.verify_dialog: VerifyResultsDialog | None = None
        self.verify_worker: VerifyWorker | None = None

        self.panel = RestoreJobsPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.panel)
        window.tabifyDockWidget(window.log_pane, self.panel)
        window.view_menu.addAction(self.panel.toggleViewAction())

        tr = window.tr
        self.restore_action = window._action(
            tr("&Restore selected units…"),
            self.open_restore_dialog,
            "Ctrl+R",
            None,
            tr("Get the selected units (or some of their files) back from S3"),
        )
        self.jobs_action = window._action(
            tr("Restore &jobs"),
            self.show_panel,
            None,
            None,
            tr("Show the restore jobs: what is ready, what expires, download"),
        )
        self.verify_action = window._action(
            tr("&Verify selected units in S3"),
            self.start_verify,
            None,
            None,
            tr("Check without a restore that every file is in S3, whole"),
        )
        for action in (self.restore_action, self.jobs_action, self.verify_action):
            window.add_restore_action(action)
        window.restore_menu.insertSeparator(self.verify_action)

        self.panel.hide()

    def show_jobs_if_any(self) -> None:
        """When the app opens: jobs survive restarts, so show them (and any expiry warning) at once."""
        if self.panel.reload():
            self.panel.show()
            self.panel.raise_()

    def show_panel(self) -> None:
        self.panel.reload()
        self.panel.show()
        self.panel.raise_()

    # ---- restore ------------------------------------------------------------------------------------
    def open_restore_dialog(self) -> RestoreDialog | None:
        """The restore dialog for the selected units (non-blocking); planning starts at once."""
        w = self.window
        units = w.selected_units()
        if not units:
            w.statusBar().showMessage(w.tr("Select the units to restore first."), 8000)
            return None
        if not w.settings.bucket:
            w.show_error(w.tr("No bucket"), w.tr("Choose the bucket in Settings first."))
            return None
        dialog = RestoreDialog(w.settings, w.data_dir, units, self.pool, w.credentials, w.cached_client(), w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.jobCreated.connect(self._job_created)
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        dialog.start()
        self.dialogOpened.emit(dialog)
        return dialog

    def _job_created(self, outcome: object) -> None:
        assert isinstance(outcome, RequestOutcome)
        report = outcome.report
        message = self.window.tr(
            "Restore requested: {0} object(s) asked for, {1} already under way or restored, "
            "{2} failed. The Restore jobs panel shows when they are ready."
        ).format(report.requested, report.already, len(report.failed))
        self.window.statusBar().showMessage(message, 15000)
        self.show_panel()
        if report.failed:
            self.window.show_error(
                self.window.tr("Some restores were not requested"), message + "\n\n" + "\n".join(report.failed[:10])
            )

    # ---- verify -------------------------------------------------------------------------------------
    def start_verify(self) -> None:
        """Verify the selected units against S3 (worker); a dialog shows the result per unit."""
        w = self.window
        units = w.selected_units()
        if self.verify_worker is not None:
            return
        if not units:
            w.statusBar().showMessage(w.tr("Select the units to verify first."), 8000)
            return
        worker = VerifyWorker(w.settings, w.data_dir, units, w.credentials, w.cached_client())
        worker.signals.progress.connect(self._verify_progress)
        worker.signals.finished.connect(self._verified)
        worker.signals.failed.connect(self._verify_failed)
        self.verify_worker = worker
        self.verify_action.setEnabled(False)
        w.statusBar().showMessage(w.tr("Verifying {0} unit(s) in S3…").format(len(units)))
        log.info("verifying %d unit(s) in bucket %s", len(units), w.settings.bucket)
        start_worker(self.pool, worker)

    def _verify_progress(self, event: object) -> None:
        unit, done, total = cast(tuple[str, int, int], event)
        self.window.statusBar().showMessage(self.window.tr("Verified {0} ({1} of {2})").format(unit, done, total))

    def _verified(self, checks: object) -> None:
        assert isinstance(checks, list)
        self._verify_ended()
        for check in checks:
            assert isinstance(check, UnitCheck)
            line = f"verify {check.unit}: {verdict(check, self.window.tr)}"
            if check.ok:
                log.info("%s", line)
            else:
                log.warning("%s", line)
                for p in check.problems[:20]:
                    log.warning("  %s %s: %s", p.kind, p.path, p.detail)
        bad = sum(1 for c in checks if not c.ok)
        self.window.statusBar().showMessage(
            self.window.tr("Verify finished: {0} unit(s), {1} with problems").format(len(checks), bad), 15000
        )
        dialog = VerifyResultsDialog(checks, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "verify_dialog", None))
        self.verify_dialog = dialog
        dialog.open()
        self.verifyFinished.emit(checks)

    def _verify_failed(self, message: str) -> None:
        self._verify_ended()
        self.window.show_error(self.window.tr("Verify could not run"), message)
        self.verifyFailed.emit(message)

    def _verify_ended(self) -> None:
        self.verify_worker = None
        self.verify_action.setEnabled(True)

    def shutdown(self) -> None:
        """Stop what runs (window closing) and wait for it."""
        for worker in (self.verify_worker, self.dialog.worker if self.dialog is not None else None):
            if worker is not None:
                worker.cancel()
        self.panel.shutdown()
        self.pool.waitForDone(30000)
