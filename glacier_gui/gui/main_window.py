"""The main window: puts the parts together and gives them a place — menus, toolbar, status bar, docks.

What the parts share is the :class:`~glacier_gui.gui.session.Session` (settings, status.csv and its lock, the
S3 client, the job runner); the window makes it and hands it to them:

* the status board (status_board.py) is the central widget: the units, filters, summary, read-only banner;
* the backup jobs (backup_jobs.py): scan, upload after its estimate, rebuild — they write status.csv;
* the restore actions (restore_actions.py): the restore dialog, the Restore jobs panel, verify;
* the scheduled runs (scheduled_run.py): a Task Scheduler run while the window is open is done here;
* the actions (actions.py), declared once; the window only places them and says when they are enabled.

The window itself keeps the settings dialog, the window's saved geometry, and the dialogs that show a
session's ``problem``.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from glacier_gui import APP_DISPLAY_NAME
from glacier_gui.core.settings import Settings
from glacier_gui.gui.actions import WRITING, ActionId, Actions
from glacier_gui.gui.backup_jobs import BackupJobs
from glacier_gui.gui.dialogs.about import AboutDialog
from glacier_gui.gui.dialogs.recovery_guide import RecoveryGuideDialog
from glacier_gui.gui.dialogs.settings_dialog import SettingsDialog
from glacier_gui.gui.dialogs.setup_wizard import SetupWizard, open_setup_wizard
from glacier_gui.gui.link_control import LinkControl
from glacier_gui.gui.log_pane import LogPane
from glacier_gui.gui.models.status_model import StatusModel
from glacier_gui.gui.restore_actions import RestoreActions
from glacier_gui.gui.scheduled_run import ScheduledRuns
from glacier_gui.gui.session import Session
from glacier_gui.gui.status_board import StatusBoard

log = logging.getLogger(__name__)

WINDOW_STATE_VERSION = 1


class MainWindow(QMainWindow):
    """The status board with its menus, toolbar, status bar and docks.

    Parts, for tests and the screenshot run: :attr:`session`, :meth:`action` (``window.action(ActionId.SCAN)``),
    :attr:`board` (view, proxy, filters, summary), :attr:`backup` (scan/upload/rebuild and their signals),
    :attr:`restore_actions` (dialog, panel, verify), :attr:`log_pane`.
    """

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        credentials: dict[str, str] | None = None,
        demo: bool = False,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("{0} — demo").format(APP_DISPLAY_NAME) if demo else APP_DISPLAY_NAME)
        self.session = Session(settings, data_dir, credentials, demo, self)
        self.settings_dialog: SettingsDialog | None = None
        self.message_box: QMessageBox | None = None
        self.action_set = Actions(self)
        self.board = StatusBoard(self.session, self)
        self.setCentralWidget(self.board)
        self.log_pane = LogPane(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.log_pane)
        self.log_pane.attach()
        self.backup = BackupJobs(self.session, self)
        self.link = LinkControl(self.session, self.action_set, self.backup, self)  # pause, bandwidth, schedule
        self.scheduled_runs = ScheduledRuns(self.session, self.backup, self)
        self.restore_actions = RestoreActions(self.session, self.action_set, self.board.selected_units, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.restore_actions.panel)
        self.tabifyDockWidget(self.log_pane, self.restore_actions.panel)
        self.restore_actions.panel.hide()
        self._connect_actions()
        self._build_menus()
        self.statusBar().addPermanentWidget(self.link.label)
        self.statusBar().addPermanentWidget(self.backup.progress_label)
        self.statusBar().addPermanentWidget(self.backup.overall_bar)
        self.session.message.connect(self.statusBar().showMessage)
        self.session.problem.connect(self.show_error)
        self.session.readOnlyChanged.connect(self._update_enabled)
        self.session.runner.busyChanged.connect(self._update_enabled)
        self._restore_window_state()
        self.restore_actions.show_jobs_if_any()
        self.board.show_read_only()
        self.board.update_summary()
        self._update_enabled()
        self.session.prepare_client()
        gc.freeze()  # see Session.adopt_table

    def action(self, action_id: ActionId) -> QAction:
        """The window's action *action_id* (declared in actions.py)."""
        return self.action_set[action_id]

    @property
    def model(self) -> StatusModel:
        """The status model (the smoke test reports its row count)."""
        return self.session.model

    # ---- building -----------------------------------------------------------------------------------
    def _connect_actions(self) -> None:
        a = self.action_set
        a.bind(ActionId.SCAN, self.backup.start_scan)
        a.bind(ActionId.UPLOAD, self.backup.start_upload)
        a.bind(ActionId.STOP, self.backup.stop)
        a.bind(ActionId.MARK, self.board.mark_selected)
        a.bind(ActionId.SETTINGS, self.open_settings)
        a.bind(ActionId.OPEN_FOLDER, self.open_status_folder)
        a.bind(ActionId.REBUILD, self.backup.ask_rebuild)
        a.bind(ActionId.ABOUT, self.show_about)
        a.bind(ActionId.RECOVERY_GUIDE, self.show_recovery_guide)
        self.board.welcome.backupRequested.connect(self.start_backup_setup)
        self.board.welcome.recoverRequested.connect(lambda: self.open_wizard(recover=True))
        a.bind(ActionId.QUIT, self.close)

    def _build_menus(self) -> None:
        a = self.action_set
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action_id in (ActionId.SCAN, ActionId.UPLOAD, ActionId.PAUSE, ActionId.STOP, ActionId.MARK, None):
            _add(file_menu, a, action_id)
        for action_id in (ActionId.OPEN_FOLDER, ActionId.REBUILD, ActionId.BANDWIDTH, ActionId.SETTINGS, None):
            _add(file_menu, a, action_id)
        for action_id in (ActionId.QUIT,):
            _add(file_menu, a, action_id)
        self.restore_menu = menu.addMenu(self.tr("&Restore"))
        self.restore_menu.setObjectName("restoreMenu")
        for action_id in (ActionId.RESTORE, ActionId.RESTORE_ALL, ActionId.RESTORE_JOBS, None, ActionId.VERIFY):
            _add(self.restore_menu, a, action_id)
        self.view_menu = menu.addMenu(self.tr("&View"))
        self.view_menu.addAction(a[ActionId.BROWSE])
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.log_pane.toggleViewAction())
        self.view_menu.addAction(self.restore_actions.panel.toggleViewAction())
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(a[ActionId.RECOVERY_GUIDE])
        help_menu.addSeparator()
        help_menu.addAction(a[ActionId.ABOUT])

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar_actions = (
            ActionId.SCAN,
            ActionId.UPLOAD,
            ActionId.PAUSE,
            ActionId.STOP,
            ActionId.BROWSE,
            ActionId.SETTINGS,
        )
        for action_id in toolbar_actions:
            toolbar.addAction(a[action_id])
        toolbar.addAction(a[ActionId.OPEN_FOLDER])
        self.toolbar = toolbar
        # The units' own menu (right click): what can be done with the selected units.
        self.board.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action_id in (ActionId.BROWSE, ActionId.RESTORE, ActionId.VERIFY, ActionId.MARK):
            self.board.view.addAction(a[action_id])

    def _update_enabled(self, *_args: object) -> None:
        busy = self.session.runner.busy
        writable = not busy and not self.session.read_only
        self.action_set.enable(WRITING, writable)
        self.board.mark_button.setEnabled(writable)
        self.action_set[ActionId.SETTINGS].setEnabled(not busy)
        self.action_set[ActionId.STOP].setEnabled(busy)

    # ---- settings -----------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        """Open the settings dialog (window-modal, non-blocking); accepted values are saved and applied."""
        dialog = SettingsDialog(self.session, self)
        dialog.accepted.connect(self._settings_accepted)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_accepted(self) -> None:
        dialog = self.settings_dialog
        new = dialog.result_settings() if dialog is not None else None
        if dialog is None or new is None:
            return
        self.session.apply_settings(new)
        dialog.deleteLater()
        self.settings_dialog = None

    # ---- other actions ------------------------------------------------------------------------------
    def open_status_folder(self) -> None:
        folder = self.session.status_path.parent
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.session.report(self.tr("Cannot open the folder"), str(folder))

    def show_about(self) -> None:
        AboutDialog(self.session.data_dir, self).open()

    def show_recovery_guide(self) -> RecoveryGuideDialog:
        """Help → Get my photos back: the guide; its Start button opens the wizard's recovery path."""
        guide = RecoveryGuideDialog(self)
        guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        guide.startRequested.connect(lambda: self.open_wizard(recover=True))
        guide.open()
        return guide

    def open_wizard(self, recover: bool = False) -> SetupWizard:
        """The set-up wizard; with *recover*, straight on its recovery path (the photos back from a backup)."""
        return open_setup_wizard(self, recover)

    def start_backup_setup(self) -> None:
        """The empty window's "back up this computer": a scan when the album is chosen, else the set-up."""
        if self.session.settings.album_root and self.action(ActionId.SCAN).isEnabled():
            self.action(ActionId.SCAN).trigger()
        else:
            self.open_wizard()

    def show_error(self, title: str, message: str) -> None:
        """A plain-words message for the user, without blocking the event loop (``Session.report`` logs it)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    # ---- window state -------------------------------------------------------------------------------
    def _window_settings(self) -> QSettings:
        return self.session.ui_state()

    def _restore_window_state(self) -> None:
        state = self._window_settings()
        if state.value("version") is None or int(str(state.value("version"))) != WINDOW_STATE_VERSION:
            self.resize(1180, 640)
            return
        for key, restore in (("geometry", self.restoreGeometry), ("state", self.restoreState)):
            value = state.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        self.board.restore_state(state)

    def save_window_state(self) -> None:
        state = self._window_settings()
        state.setValue("version", WINDOW_STATE_VERSION)
        state.setValue("geometry", self.saveGeometry())
        state.setValue("state", self.saveState())
        self.board.save_state(state)
        state.sync()

    def shutdown(self, wait_ms: int = 30000) -> None:
        """Stop the running jobs and wait for them (the upload saves its units as it ends)."""
        self.scheduled_runs.stop()
        self.restore_actions.shutdown()
        self.session.shutdown(wait_ms)
        self.log_pane.detach()

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self.save_window_state()
        except OSError as exc:
            log.warning("window state not saved: %s", exc)
        self.shutdown()
        super().closeEvent(event)


def _add(menu: QMenu, actions: Actions, action_id: ActionId | None) -> None:
    if action_id is None:
        menu.addSeparator()
    else:
        menu.addAction(actions[action_id])
