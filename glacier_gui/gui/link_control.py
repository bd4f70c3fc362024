"""The window's side of the home link: Pause/Resume, the Bandwidth limit dialog, applying saved settings live, and
making or removing the scheduled backup task when its settings change.

The process has one limiter (``core/homelink/link.py``).  The window applies the settings to it when it opens and
after each save, so a new limit reaches a running upload within a second.  Pause is a checkable action, enabled
while an upload runs: checked, the limiter lets nothing through (open multipart uploads and the journal stay); when
the job ends the link is resumed, so the next upload does not start paused.  The Windows task is made through
``run_task`` (schtasks can take a second or two), with a line in the status bar or a dialog when it fails.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from glacier_gui.core.bwlimit import BwLimitError
from glacier_gui.core.homelink import autorun
from glacier_gui.core.homelink.link import home_link
from glacier_gui.core.settings import Settings
from glacier_gui.gui.actions import ActionId, Actions
from glacier_gui.gui.backup_jobs import BackupJobs
from glacier_gui.gui.dialogs.bandwidth_page import BandwidthDialog
from glacier_gui.gui.link_status import LinkStatus
from glacier_gui.gui.session import Session
from glacier_gui.gui.workers.upload_worker import UploadWorker

log = logging.getLogger(__name__)


def schedule_key(s: Settings) -> tuple[str, str, str]:
    return (s.schedule, s.schedule_time, s.schedule_days if s.schedule == "weekly" else "")


class LinkControl(QObject):
    """Binds Pause and Bandwidth limit, owns the status bar's :attr:`label`, follows the session's settings."""

    def __init__(self, session: Session, actions: Actions, backup: BackupJobs, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.actions = actions
        self.parent_widget = parent
        self.link = home_link()
        self.bandwidth_dialog: BandwidthDialog | None = None
        self.label = LinkStatus(session, lambda: backup.bytes_left, self._sending, parent)
        self._schedule = schedule_key(session.settings)
        self._apply(session.settings)
        pause = actions[ActionId.PAUSE]
        pause.setEnabled(False)
        pause.toggled.connect(self.set_paused)
        actions.bind(ActionId.BANDWIDTH, self.open_bandwidth)
        session.settingsChanged.connect(self._settings_changed)
        session.runner.busyChanged.connect(self._busy_changed)
        self.label.redraw()

    def _sending(self) -> bool:
        return isinstance(self.session.runner.job(), UploadWorker)

    def _apply(self, settings: Settings) -> None:
        try:
            self.link.apply(settings)
        except BwLimitError as exc:  # a hand-edited settings.json: upload without a limit, and say so
            log.warning("bandwidth limit %r not used: %s", settings.bwlimit, exc)
            self.link.apply(replace(settings, bwlimit=""))

    # ---- pause ---------------------------------------------------------------------------------------
    def set_paused(self, paused: bool) -> None:
        """Pause (nothing more is sent) or resume; the action shows which."""
        if paused:
            self.link.pause()
            self.session.say(self.tr("Paused: nothing is sent until you press Resume."))
        else:
            self.link.resume()
            if self.session.runner.busy:
                self.session.say(self.tr("Resumed."), 5000)
        action = self.actions[ActionId.PAUSE]
        action.setText(self.tr("&Resume") if paused else self.tr("&Pause"))
        icon = QStyle.StandardPixmap.SP_MediaPlay if paused else QStyle.StandardPixmap.SP_MediaPause
        action.setIcon(QApplication.style().standardIcon(icon))
        self.label.redraw()

    def _busy_changed(self, busy: bool) -> None:
        pause = self.actions[ActionId.PAUSE]
        pause.setEnabled(busy and self._sending())  # an upload, not its estimate or a scan
        if not busy and pause.isChecked():
            pause.setChecked(False)  # resumes: the next job must not start paused
        self.label.redraw()

    # ---- bandwidth -----------------------------------------------------------------------------------
    def open_bandwidth(self) -> BandwidthDialog:
        """The bandwidth page on its own (window-modal, non-blocking); saved and applied when accepted."""
        dialog = BandwidthDialog(self.session.settings.bwlimit, self.parent_widget)
        dialog.accepted.connect(lambda: self._bandwidth_accepted(dialog))
        self.bandwidth_dialog = dialog
        dialog.open()
        return dialog

    def _bandwidth_accepted(self, dialog: BandwidthDialog) -> None:
        self.bandwidth_dialog = None
        self.session.apply_settings(replace(self.session.settings, bwlimit=dialog.text()))
        dialog.deleteLater()

    # ---- settings saved ------------------------------------------------------------------------------
    def _settings_changed(self) -> None:
        settings = self.session.settings
        self._apply(settings)
        self.label.redraw()
        key = schedule_key(settings)
        if key != self._schedule:
            self._schedule = key
            self.update_task(settings)

    def update_task(self, settings: Settings) -> None:
        """Make, replace or remove the Windows task for *settings* (in the background); elsewhere nothing."""
        if not autorun.uses_task_scheduler():
            return
        runner, data_dir = autorun.task_runner, self.session.data_dir  # looked up now: tests replace the runner
        if settings.schedule == "off":
            self.session.runner.run_task(
                lambda: autorun.unregister_task(runner),
                lambda _removed: self.session.say(self.tr("Automatic backup turned off."), 8000),
                self._task_failed,
                "remove the backup task",
            )
            return
        self.session.runner.run_task(
            lambda: autorun.register_task(settings, data_dir, runner),
            self._task_made,
            self._task_failed,
            "register the backup task",
        )

    def _task_made(self, done: object) -> None:
        assert isinstance(done, autorun.Registered)
        self.session.say(self.tr("Automatic backup registered in Task Scheduler."), 8000)
        if not done.full:
            self.session.report(
                self.tr("Automatic backup"),
                self.tr(
                    "Task Scheduler refused the full task ({0}). A basic task was made instead: it does not "
                    "start on battery power and does not catch up a time the PC was off."
                ).format(done.fallback_reason),
            )

    def _task_failed(self, message: str) -> None:
        self.session.report(self.tr("Automatic backup not registered"), message)
