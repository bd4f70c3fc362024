"""The Restore menu's work: restore selected units, browse their photos, the restore jobs panel, verify in S3.

Kept apart from main_window.py so that the status board reads on its own.  It receives the session (settings,
client, runner), the actions and a way to read the selected units — nothing of the window's own.  Nothing here
writes status.csv, so it may run while a scan or an upload does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from typing import cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from glacier_gui.core.ledger.status import State
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.restore.verify import UnitCheck, verify_units
from glacier_gui.core.s3.client import layout_for
from glacier_gui.core.s3.probe import list_manifest_units
from glacier_gui.gui.actions import ActionId, Actions
from glacier_gui.gui.browse.loader import session_pack_source
from glacier_gui.gui.browse.photos import PackSource
from glacier_gui.gui.browse.window import BrowseWindow
from glacier_gui.gui.dialogs.restore_dialog import RestoreDialog
from glacier_gui.gui.dialogs.verify_dialog import VerifyResultsDialog, verdict
from glacier_gui.gui.restore_panel import RestoreJobsPanel
from glacier_gui.gui.session import Session
from glacier_gui.gui.texts import core_text
from glacier_gui.gui.workers.base import Task
from glacier_gui.gui.workers.restore_worker import RequestOutcome

log = logging.getLogger(__name__)


class RestoreActions(QObject):
    """Restore, restore jobs and verify; dialogs open over *parent*.

    Signals: ``dialogOpened(RestoreDialog)``, ``browseOpened(BrowseWindow)``, ``verifyFinished(list[UnitCheck])``,
    ``verifyFailed(str)``.
    """

    dialogOpened = Signal(object)
    browseOpened = Signal(object)
    verifyFinished = Signal(object)
    verifyFailed = Signal(str)
    _verifyProgress = Signal(object)  # emitted from the pool thread, delivered in the GUI thread

    def __init__(
        self, session: Session, actions: Actions, selected_units: Callable[[], list[str]], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.actions = actions
        self.selected_units = selected_units
        self.parent_widget = parent
        self.dialog: RestoreDialog | None = None
        self.confirmation: QMessageBox | None = None  # the last "restore requested" note
        self.verify_dialog: VerifyResultsDialog | None = None
        self.verify_task: Task | None = None
        self.browse_windows: list[BrowseWindow] = []
        self.panel = RestoreJobsPanel(session, parent)
        self.panel.hide()
        actions.bind(ActionId.RESTORE, self.open_restore_dialog)
        actions.bind(ActionId.RESTORE_ALL, self.restore_everything)
        actions.bind(ActionId.RESTORE_JOBS, self.show_panel)
        actions.bind(ActionId.VERIFY, self.start_verify)
        actions.bind(ActionId.BROWSE, self.open_browse)
        self._verifyProgress.connect(self._verify_progress)

    def show_jobs_if_any(self) -> None:
        """When the app opens: jobs survive restarts, so show them (and any expiry warning) at once."""
        if self.panel.reload():
            self.panel.show()
            self.panel.raise_()

    def show_panel(self) -> None:
        """The jobs panel, in front: its window comes before a Browse window the restore was asked from."""
        self.panel.reload()
        self.panel.show()
        self.panel.raise_()
        window = self.panel.window()
        window.raise_()
        window.activateWindow()

    # ---- restore ------------------------------------------------------------------------------------
    def open_restore_dialog(
        self,
        units: list[str] | None = None,
        files: Mapping[str, Collection[str]] | None = None,
        parent: QWidget | None = None,
    ) -> RestoreDialog | None:
        """The restore dialog for *units* (default: the selected ones; non-blocking); planning starts at once.

        With *files* (unit -> paths, from Browse), exactly those files are ticked once the plan arrives; the
        dialog opens over *parent* (default: the window).
        """
        units = sorted(files) if files is not None else units if units is not None else self.selected_units()
        if not units:
            self.session.say(self.tr("Select the units to restore first."), 8000)
            return None
        if not self.session.settings.bucket:
            self.session.report(self.tr("No bucket"), self.tr("Choose the bucket in Settings first."))
            return None
        dialog = RestoreDialog(self.session, units, parent or self.parent_widget, files)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.jobCreated.connect(self._job_created)
        dialog.backgrounded.connect(self.show_panel)
        dialog.finished.connect(lambda _code: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        dialog.start()
        self.dialogOpened.emit(dialog)
        return dialog

    def restore_everything(self) -> None:
        """The restore dialog for every unit with a manifest in the bucket (a new PC knows none of them yet)."""
        s = self.session
        if not s.settings.bucket:
            s.report(self.tr("No bucket"), self.tr("Choose the bucket in Settings first."))
            return
        settings, client = s.settings, s.client_source()
        s.say(self.tr("Listing the backed-up units in the bucket…"))
        s.runner.run_task(
            lambda: list_manifest_units(client(), settings.require_bucket(), layout_for(settings)),
            self._everything_listed,
            lambda message: s.report(self.tr("Restore everything"), message),
            name="list units",
        )

    def _everything_listed(self, units: object) -> None:
        assert isinstance(units, list)
        if not units:
            self.session.say(self.tr("No backed-up unit was found in the bucket."), 8000)
            return
        self.open_restore_dialog(units=units)

    # ---- browse -------------------------------------------------------------------------------------
    def open_browse(self, source: PackSource | None = None) -> BrowseWindow | None:
        """The Browse window over the selected units that were backed up (their thumbnail packs, no restore).

        *source* gives a unit's pack (``unit -> Path``); by default the bucket's, cached in the data dir.
        """
        table = self.session.table
        selected = self.selected_units()
        units = [
            u
            for u in selected
            if (row := table.get(u)) is not None and (row.status == State.SYNCHRONIZED or row.aws_arn)
        ]
        if not units:
            text = self.tr("Select the backed-up (Synchronized) units to browse first.")
            self.session.say(text, 8000)
            return None
        if not self.session.settings.bucket and source is None:
            self.session.report(self.tr("No bucket"), self.tr("Choose the bucket in Settings first."))
            return None
        if len(units) < len(selected):
            self.session.say(
                self.tr("{0} unit(s) not backed up yet are left out.").format(len(selected) - len(units)), 8000
            )
        window = BrowseWindow(self.session, units, source or session_pack_source(self.session), self.parent_widget)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.restoreRequested.connect(lambda files: self.open_restore_dialog(files=files, parent=window))
        window.destroyed.connect(lambda _obj=None: self.browse_windows.remove(window))
        self.browse_windows.append(window)
        window.show()
        window.start()
        self.browseOpened.emit(window)
        return window

    def _job_created(self, outcome: object) -> None:
        assert isinstance(outcome, RequestOutcome)
        report = outcome.report
        message = self.tr(
            "Restore requested: {0} object(s) asked for, {1} already under way or restored, "
            "{2} failed. The Restore jobs panel shows when they are ready."
        ).format(report.requested, report.already, len(report.failed))
        self.session.say(message, 15000)
        self.show_panel()
        if not report.failed:  # a short confirmation: the request went out, and what happens next
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Restore requested"),
                self.tr(
                    "Amazon is getting {0} file(s) ready. The Restore jobs panel shows when they can be "
                    "downloaded; you may close the app meanwhile."
                ).format(report.requested + report.already),
                QMessageBox.StandardButton.Ok,
                self.parent_widget,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.confirmation = box
            box.open()
        if report.failed:
            self.session.report(
                self.tr("Some restores were not requested"),
                message + "\n\n" + "\n".join(core_text(line) for line in report.failed[:10]),
            )

    # ---- verify -------------------------------------------------------------------------------------
    def start_verify(self) -> None:
        """Verify the selected units against S3 (background); a dialog shows the result per unit."""
        units = self.selected_units()
        if self.verify_task is not None:
            return
        if not units:
            self.session.say(self.tr("Select the units to verify first."), 8000)
            return
        s = self.session
        settings, data_dir, client, cancel = s.settings, s.data_dir, s.client_source(), CancelToken()

        def call() -> list[UnitCheck]:
            return verify_units(
                client(),
                settings.require_bucket(),
                layout_for(settings),
                data_dir,
                units,
                progress=lambda unit, done, total: self._verifyProgress.emit((unit, done, total)),
                cancel=cancel,
            )

        self.verify_task = s.runner.run_task(call, self._verified, self._verify_failed, name="verify", cancel=cancel)
        self.actions[ActionId.VERIFY].setEnabled(False)
        s.say(self.tr("Verifying {0} unit(s) in S3…").format(len(units)))
        log.info("%s", self.tr("Verifying {0} unit(s) in bucket {1}").format(len(units), settings.bucket))

    def _verify_progress(self, event: object) -> None:
        unit, done, total = cast(tuple[str, int, int], event)
        self.session.say(self.tr("Verified {0} ({1} of {2})").format(unit, done, total))

    def _verified(self, checks: object) -> None:
        assert isinstance(checks, list)
        self._verify_ended()
        for check in checks:
            assert isinstance(check, UnitCheck)
            line = f"verify {check.unit}: {verdict(check)}"
            if check.ok:
                log.info("%s", line)
            else:
                log.warning("%s", line)
                for p in check.problems[:20]:
                    log.warning("  %s %s: %s", p.kind, p.path, p.detail)
        bad = sum(1 for c in checks if not c.ok)
        self.session.say(self.tr("Verify finished: {0} unit(s), {1} with problems").format(len(checks), bad), 15000)
        dialog = VerifyResultsDialog(checks, self.parent_widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: setattr(self, "verify_dialog", None))
        self.verify_dialog = dialog
        dialog.open()
        self.verifyFinished.emit(checks)

    def _verify_failed(self, message: str) -> None:
        self._verify_ended()
        self.session.report(self.tr("Verify could not run"), message)
        self.verifyFailed.emit(message)

    def _verify_ended(self) -> None:
        self.verify_task = None
        self.actions[ActionId.VERIFY].setEnabled(True)

    def shutdown(self) -> None:
        """Ask what runs here to stop (window closing); the session's runner waits for it."""
        for task in (self.verify_task, self.dialog):
            if task is not None:
                task.cancel()
        for window in self.browse_windows:
            window.shutdown()
