"""The main window: the status board over status.csv, actions, overall progress and the log pane.

Scan and upload run on a QThreadPool through the worker base (workers/base.py); the window never blocks.
While an upload runs, a 300 ms timer reads the shared TransferProgress and lets the model emit
``dataChanged`` for the rows that moved — never per chunk, never a model reset.

The window is the one writer of its status.csv: it holds the OS lock (core/lock.py) while the file is open;
when another process holds it, the window opens read-only and says why in a banner.  Before an upload it
shows the estimate (requests and cost) and waits for the user's go.  Restore, verify and the restore jobs
panel live in restore_actions.py; rebuilding status.csv from the bucket is here (it replaces the table).
"""

from __future__ import annotations

import gc
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from glacier_gui import APP_DISPLAY_NAME
from glacier_gui.core import backup
from glacier_gui.core.cost import PriceBook, load_prices, upload_estimate
from glacier_gui.core.lock import StatusInUse, StatusLock
from glacier_gui.core.rebuild import RebuildReport
from glacier_gui.core.settings import Settings, SettingsError, save_settings
from glacier_gui.core.status import State, StatusFileError, StatusTable
from glacier_gui.core.textfmt import format_duration, format_size, format_usd
from glacier_gui.core.upload import UnitResult, UploadReport
from glacier_gui.gui.delegates.progress_delegate import ProgressDelegate
from glacier_gui.gui.dialogs.about import AboutDialog
from glacier_gui.gui.dialogs.settings_dialog import SettingsDialog
from glacier_gui.gui.dialogs.upload_estimate_dialog import UploadEstimateDialog
from glacier_gui.gui.log_pane import LogPane
from glacier_gui.gui.models.filter_proxy import StatusFilter, StatusFilterProxy
from glacier_gui.gui.models.status_model import (
    ATTENTION_STATES,
    COL_AWS_FILES,
    COL_AWS_KEY,
    COL_AWS_SIZE,
    COL_ERROR,
    COL_FILES,
    COL_MODIFIED,
    COL_PATH,
    COL_PROGRESS,
    COL_SIZE,
    COL_STATUS,
    COL_SYNC_END,
    COL_SYNC_START,
    COL_UNIT,
    COL_UPLOAD,
    Roles,
    StatusModel,
)
from glacier_gui.gui.workers.base import Worker, start_worker
from glacier_gui.gui.workers.restore_worker import RebuildWorker
from glacier_gui.gui.workers.scan_worker import ScanOutcome, ScanWorker
from glacier_gui.gui.workers.upload_worker import (
    ClientWorker,
    UploadEstimateOutcome,
    UploadEstimateWorker,
    UploadWorker,
)

log = logging.getLogger(__name__)

WINDOW_STATE_VERSION = 1
PROGRESS_INTERVAL_MS = 300
_COLUMN_WIDTHS = {
    COL_UPLOAD: 56,
    COL_UNIT: 210,
    COL_STATUS: 150,
    COL_PROGRESS: 170,
    COL_FILES: 60,
    COL_SIZE: 80,
    COL_MODIFIED: 125,
    COL_SYNC_START: 125,
    COL_SYNC_END: 125,
    COL_AWS_FILES: 80,
    COL_AWS_SIZE: 80,
    COL_AWS_KEY: 220,
    COL_PATH: 260,
    COL_ERROR: 260,
}


class MainWindow(QMainWindow):
    """The status board.

    Signals (for tests and the screenshot run): ``scanFinished(ScanOutcome)``, ``uploadFinished(UploadReport)``,
    ``estimateShown(UploadEstimateDialog)``, ``rebuildFinished(RebuildReport)``, ``jobFailed(str)`` and
    ``busyChanged(bool)``.

    ``auto_accept_estimate``: when set (tests, the demo run), the upload estimate is shown and accepted at once.
    """

    scanFinished = Signal(object)
    uploadFinished = Signal(object)
    estimateShown = Signal(object)
    rebuildFinished = Signal(object)
    jobFailed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        credentials: dict[str, str] | None = None,
        demo: bool = False,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.data_dir = data_dir
        self.credentials = credentials
        self.demo = demo
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("{0} — demo").format(APP_DISPLAY_NAME) if demo else APP_DISPLAY_NAME)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.worker: Worker | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.message_box: QMessageBox | None = None
        self._prices: PriceBook | None = None
        self._progress_version = -1
        self._client: tuple[tuple[Any, ...], Any] | None = None  # (settings key, boto3 client), made once
        self.auto_accept_estimate = False
        self.estimate_dialog: UploadEstimateDialog | None = None
        self.status_lock: StatusLock | None = None  # held while the window has status.csv open (one writer)
        self.read_only_reason = ""

        self._take_lock()
        self.table = self._open_table()
        self.model = StatusModel(self.table, self)
        self.proxy = StatusFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.model.saveProblem.connect(self._save_problem)
        self.model.marksChanged.connect(self.update_summary)
        self.model.marksChanged.connect(self.proxy.refilter)
        self._build_central()
        self.log_pane = LogPane(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.log_pane)
        self.log_pane.attach()
        self._build_actions()
        self._build_status_bar()
        self.timer = QTimer(self)
        self.timer.setInterval(PROGRESS_INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        from glacier_gui.gui.restore_actions import RestoreActions  # it needs the window's menus and docks

        self.restore_actions = RestoreActions(self)
        self._restore_window_state()
        self.restore_actions.show_jobs_if_any()
        self._show_read_only()
        self.update_summary()
        self._set_busy(False)
        self.prepare_client()
        gc.freeze()  # see adopt_table

    # ---- building -----------------------------------------------------------------------------------
    def _build_central(self) -> None:
        self.view = QTableView(self)
        self.view.setObjectName("statusView")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in _COLUMN_WIDTHS.items():
            self.view.setColumnWidth(column, width)
        self.view.setItemDelegateForColumn(COL_PROGRESS, ProgressDelegate(self.view))
        self.view.sortByColumn(COL_UNIT, Qt.SortOrder.AscendingOrder)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Filter units, e.g. 2022 or 運動会"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("statusFilter")
        for choice in StatusFilter:
            self.status_combo.addItem(choice.label, choice)
        self.status_combo.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status_filter(self.status_combo.currentData())
        )
        self.mark_button = QPushButton(self.tr("Mark selected for upload"), self)
        self.mark_button.clicked.connect(self.mark_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.status_combo, 1)
        bar.addWidget(self.mark_button)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QWidget(self)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet("#readOnlyBanner { background: #fff3cd; border: 1px solid #e0b252; }")
        self.banner_label = QLabel(self.banner)
        self.banner_label.setWordWrap(True)
        self.retry_lock_button = QPushButton(self.tr("Try again"), self.banner)
        self.retry_lock_button.clicked.connect(self.retry_lock)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_label, 1)
        banner_layout.addWidget(self.retry_lock_button)
        self.banner.hide()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary_label)
        self.setCentralWidget(central)

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else tip
            )
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.scan_action = self._action(
            self.tr("&Scan"),
            self.start_scan,
            "F5",
            sp.SP_BrowserReload,
            self.tr("Scan the album and update status.csv"),
        )
        self.upload_action = self._action(
            self.tr("&Upload marked"),
            lambda: self.start_upload(),
            "Ctrl+U",
            sp.SP_ArrowUp,
            self.tr("Upload the units marked for upload"),
        )
        self.stop_action = self._action(
            self.tr("S&top"),
            self.stop,
            "Esc",
            sp.SP_BrowserStop,
            self.tr("Stop; unfinished units resume on the next upload"),
        )
        self.settings_action = self._action(
            self.tr("S&ettings…"),
            self.open_settings,
            "Ctrl+,",
            sp.SP_FileDialogDetailedView,
            self.tr("Album, level and S3 settings"),
        )
        self.open_folder_action = self._action(
            self.tr("&Open status.csv folder"),
            self.open_status_folder,
            None,
            sp.SP_DirOpenIcon,
            self.tr("Show status.csv in the file manager"),
        )
        self.about_action = self._action(self.tr("&About"), self.show_about)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.mark_action = self._action(self.tr("&Mark selected for upload"), self.mark_selected, "Ctrl+M")
        self.rebuild_action = self._action(
            self.tr("&Rebuild status.csv from the bucket…"),
            self.ask_rebuild,
            None,
            None,
            self.tr(
                "Replace status.csv with one made from the manifests in the bucket (the current file is kept as .bak)"
            ),
        )

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action in (self.scan_action, self.upload_action, self.stop_action, self.mark_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_folder_action)
        file_menu.addAction(self.rebuild_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        # The restore UI is a later feature: it adds its actions here with add_restore_action().
        self.restore_menu: QMenu = menu.addMenu(self.tr("&Restore"))
        self.restore_menu.setObjectName("restoreMenu")
        self.restore_menu.menuAction().setVisible(False)
        self.view_menu = view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(self.log_pane.toggleViewAction())
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (
            self.scan_action,
            self.upload_action,
            self.stop_action,
            self.settings_action,
            self.open_folder_action,
        ):
            toolbar.addAction(action)
        self.toolbar = toolbar

    def add_restore_action(self, action: QAction) -> None:
        """Hook for the restore feature: adds *action* to the Restore menu and shows the menu."""
        self.restore_menu.addAction(action)
        self.restore_menu.menuAction().setVisible(True)

    def _build_status_bar(self) -> None:
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progressLabel")
        self.overall_bar = QProgressBar(self)
        self.overall_bar.setRange(0, 1000)
        self.overall_bar.setMaximumWidth(220)
        self.overall_bar.setTextVisible(False)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.overall_bar)

    # ---- status table and its lock ------------------------------------------------------------------
    def _take_lock(self) -> None:
        """Become the one writer of the settings' status.csv; read-only (with the reason) if another has it."""
        self._release_lock()
        try:
            self.status_lock = StatusLock(self.settings.status_path(self.data_dir)).acquire()
            self.read_only_reason = ""
        except (StatusInUse, OSError) as exc:
            self.read_only_reason = str(exc)  # said in the banner and the log pane (_show_read_only)

    def _release_lock(self) -> None:
        if self.status_lock is not None:
            self.status_lock.release()
            self.status_lock = None

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def _show_read_only(self) -> None:
        if self.read_only:
            log.warning("status.csv opened read-only: %s", self.read_only_reason)
            self.banner_label.setText(
                self.tr("Read-only: {0}. Scan, Upload and the Upload ticks are off until then.").format(
                    self.read_only_reason
                )
            )
        self.banner.setVisible(self.read_only)
        self.model.editable = not self.read_only and not self.busy

    def retry_lock(self) -> None:
        """Try again to become the writer (the other window or scheduled run may have ended)."""
        if not self.read_only:
            return
        self._take_lock()
        if not self.read_only:
            self.adopt_table(self._open_table())  # the other writer may have changed it
            log.info("status.csv is writable again")
        self._show_read_only()
        self._set_busy(self.busy)

    def _open_table(self) -> StatusTable:
        path = self.settings.status_path(self.data_dir)
        try:
            return backup.open_status(self.settings, self.data_dir)
        except StatusFileError as exc:
            message = str(exc)
            QTimer.singleShot(0, lambda: self.show_error(self.tr("status.csv cannot be read"), message))
            return StatusTable(path)

    def adopt_table(self, table: StatusTable) -> None:
        """Show *table* (after a scan, a settings change, or a benchmark's synthetic one)."""
        self.table = table
        self.model.set_table(table)
        self.update_summary()
        # The rows are long-lived: move them (and everything loaded so far) out of the cyclic collector's
        # reach, so a full collection during an upload is not a 50-150 ms stall of the event loop.
        gc.freeze()

    def _save_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        self.show_error(self.tr("status.csv is locked"), message)

    # ---- jobs ---------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.worker is not None

    def _set_busy(self, busy: bool) -> None:
        writable = not busy and not self.read_only
        for action in (self.scan_action, self.upload_action, self.mark_action, self.rebuild_action):
            action.setEnabled(writable)
        self.mark_button.setEnabled(writable)
        self.settings_action.setEnabled(not busy)
        self.stop_action.setEnabled(busy)
        self.overall_bar.setVisible(busy)
        self.busyChanged.emit(busy)

    def _start(self, worker: Worker) -> None:
        self.worker = worker
        worker.signals.failed.connect(self._job_failed)
        self._set_busy(True)
        self.timer.start()
        start_worker(self.pool, worker)

    def _job_ended(self) -> None:
        self.timer.stop()
        self._tick()
        self.worker = None
        self.model.editable = not self.read_only
        self.proxy.refilter()
        self._set_busy(False)
        self.update_summary()

    def start_scan(self) -> None:
        """Scan the album into status.csv (new -> New or changed, gone -> Folder missing)."""
        if self.busy or self.read_only:
            return
        worker = ScanWorker(self.settings, self.table)
        worker.signals.finished.connect(self._scan_done)
        self.model.editable = False  # the scan rebuilds the table: no ticks until it is swapped in
        self.statusBar().showMessage(self.tr("Scanning {0}…").format(self.settings.album_root))
        log.info("scanning %s (level %d)", self.settings.album_root, self.settings.level)
        self._start(worker)

    def _scan_done(self, outcome: object) -> None:
        assert isinstance(outcome, ScanOutcome)
        self.adopt_table(outcome.table)
        summary = outcome.summary
        states = ", ".join(f"{n} {s}" for s, n in sorted(summary.states.items()))
        message = self.tr("Scan finished: {0} units, {1} files, {2} ({3})").format(
            len(summary.scan.units), summary.files, format_size(summary.size), states or "-"
        )
        log.info("%s", message)
        self.statusBar().showMessage(message, 10000)
        self._job_ended()
        if outcome.save_problem:
            self._save_problem(outcome.save_problem)
        self.scanFinished.emit(outcome)

    def start_upload(self, units: list[str] | None = None) -> None:
        """Upload the units marked for upload (or *units*): first the estimate, then, once confirmed, the upload."""
        if self.busy or self.read_only:
            return
        wanted = units if units is not None else self.table.units_in(State.UPLOAD)
        if not wanted:
            self.statusBar().showMessage(self.tr("No unit is marked for upload: tick the Upload cells first."), 8000)
            return
        if units is None:  # the core also resumes units whose upload stopped part-way
            wanted = list(dict.fromkeys([*self.table.units_to_upload(), *wanted]))
        worker = UploadEstimateWorker(self.settings, wanted)
        worker.signals.finished.connect(self._estimate_done)
        self.statusBar().showMessage(self.tr("Estimating the upload of {0} unit(s)…").format(len(wanted)))
        self._start(worker)

    def _estimate_done(self, outcome: object) -> None:
        assert isinstance(outcome, UploadEstimateOutcome)
        self._job_ended()
        dialog = UploadEstimateDialog(self.settings, outcome.units, outcome.plan, outcome.problem, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        log.info("upload estimate for %d unit(s): %s", len(outcome.units), dialog.summary())
        dialog.accepted.connect(lambda: self._estimate_accepted(dialog, outcome))
        dialog.rejected.connect(lambda: self._estimate_rejected(dialog))
        self.estimate_dialog = dialog
        dialog.open()
        self.estimateShown.emit(dialog)
        if self.auto_accept_estimate:
            dialog.accept()

    def _estimate_rejected(self, dialog: UploadEstimateDialog) -> None:
        self.estimate_dialog = None
        log.info("upload cancelled at the estimate: nothing was sent")
        self.statusBar().showMessage(self.tr("Upload cancelled: nothing was sent."), 8000)

    def _estimate_accepted(self, dialog: UploadEstimateDialog, outcome: UploadEstimateOutcome) -> None:
        self.estimate_dialog = None
        if dialog.pack_below != self.settings.pack_below:
            self.apply_settings(replace(self.settings, pack_below=dialog.pack_below))
        self._begin_upload(outcome)

    def _begin_upload(self, outcome: UploadEstimateOutcome) -> None:
        if self.busy or self.read_only:
            return
        wanted = outcome.units
        worker = UploadWorker(
            self.settings, self.table, self.data_dir, wanted, self.credentials, self._cached_client(), scan=outcome.scan
        )
        worker.signals.finished.connect(self._upload_done)
        worker.signals.progress.connect(self._unit_done)
        self.model.clear_progress()
        self._progress_version = -1
        log.info("uploading %d unit(s) to %s", len(wanted), self.settings.bucket)
        self.statusBar().showMessage(self.tr("Uploading {0} unit(s)…").format(len(wanted)))
        self._start(worker)

    def _unit_done(self, result: object) -> None:
        assert isinstance(result, UnitResult)
        self.model.refresh_unit(result.unit)
        self.proxy.refilter()
        if result.ok:
            log.info(
                "%s: synchronized (%d file(s) sent, %d already there)",
                result.unit,
                result.files_uploaded,
                result.files_skipped,
            )
        else:
            log.warning("%s: not finished: %s", result.unit, result.error)
        self.update_summary()

    def _upload_done(self, report: object) -> None:
        assert isinstance(report, UploadReport)
        if isinstance(self.worker, UploadWorker) and self.worker.client is not None:
            self._client = (self._client_key(), self.worker.client)
        stopped = self.worker is not None and self.worker.cancelled_by_user
        self._job_ended()
        for result in report.units:
            self.model.refresh_unit(result.unit)
        failed = report.failed
        done = len(report.units) - len(failed)
        message = self.tr("Upload finished: {0} of {1} unit(s) synchronized").format(done, len(report.units))
        if stopped:
            message = self.tr("Stopped: {0} of {1} unit(s) synchronized; Upload resumes the others").format(
                done, len(report.units)
            )
        elif report.dry_run:
            message = self.tr("Dry run finished: nothing was sent ({0} unit(s) planned)").format(len(report.units))
        self.statusBar().showMessage(message, 15000)
        log.info("%s", message)
        if failed and not stopped:
            details = "\n".join(f"{r.unit}: {r.error}" for r in failed[:10])
            self.show_error(
                self.tr("Some units were not uploaded"),
                self.tr("{0}\n\nThey are marked 'Upload unfinished'; Upload resumes them.\n\n{1}").format(
                    message, details
                ),
            )
        self.uploadFinished.emit(report)

    def _job_failed(self, message: str) -> None:
        stopped = self.worker is not None and self.worker.cancelled_by_user
        self._job_ended()
        self.statusBar().showMessage(message, 15000)
        if not stopped:
            self.show_error(self.tr("The job could not finish"), message)
        self.jobFailed.emit(message)

    def stop(self) -> None:
        """Cancel the running job; an upload leaves its unfinished units in 'Upload unfinished'."""
        if self.worker is not None:
            self.worker.cancel()
            self.statusBar().showMessage(self.tr("Stopping…"))
            log.info("stop requested")

    # ---- the S3 client -------------------------------------------------------------------------------
    def _client_key(self) -> tuple[Any, ...]:
        s = self.settings
        return (s.profile, s.credential_source, s.region, s.endpoint_url, s.concurrency)

    def cached_client(self) -> Any:
        """The S3 client made for the current settings, or None (workers then make their own)."""
        return self._cached_client()

    def _cached_client(self) -> Any:
        if self._client is not None and self._client[0] == self._client_key():
            return self._client[1]
        return None

    def prepare_client(self) -> None:
        """Make the S3 client in the background (one per settings), so an upload starts without a stall."""
        if not self.settings.bucket or self._cached_client() is not None:
            return
        worker = ClientWorker(self.settings, self.credentials)
        key = self._client_key()
        worker.signals.finished.connect(lambda client: self._client_ready(key, client))
        worker.signals.failed.connect(lambda message: log.debug("S3 client not prepared: %s", message))
        start_worker(self.pool, worker)

    def _client_ready(self, key: tuple[Any, ...], client: object) -> None:
        if key == self._client_key():
            self._client = (key, client)

    # ---- progress -----------------------------------------------------------------------------------
    def _tick(self) -> None:
        worker = self.worker
        if isinstance(worker, UploadWorker):
            progress = worker.progress
            if progress.version == self._progress_version:
                return
            self._progress_version = progress.version
            snap = progress.snapshot()
            self.model.update_progress(snap.units)
            eta = snap.eta_seconds
            self.progress_label.setText(
                self.tr("{0} of {1} · {2}/s · ETA {3} · {4} of {5} units done").format(
                    format_size(snap.bytes_done),
                    format_size(snap.bytes_total),
                    format_size(int(snap.bytes_per_second)) if snap.bytes_per_second else "–",
                    format_duration(eta) if eta is not None else "–",
                    snap.units_done,
                    snap.units_total,
                )
            )
            if snap.bytes_total:
                self.overall_bar.setValue(int(1000 * snap.bytes_done / snap.bytes_total))
        elif isinstance(worker, ScanWorker):
            p = worker.scan_progress
            self.progress_label.setText(
                self.tr("Scanning: {0} folders, {1} files, {2}").format(p.folders, p.files, format_size(p.bytes))
            )
            self.overall_bar.setRange(0, 0)  # busy indicator: a scan's total is unknown
            return
        self.overall_bar.setRange(0, 1000)

    # ---- marking and summary ------------------------------------------------------------------------
    def selected_units(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows(COL_UNIT)
        return [str(i.data(Roles.UnitKeyRole)) for i in rows]

    def mark_selected(self) -> None:
        if self.read_only:
            self.statusBar().showMessage(self.read_only_reason, 8000)
            return
        units = self.selected_units()
        if not units:
            self.statusBar().showMessage(self.tr("Select one or more rows first."), 5000)
            return
        changed = self.model.mark_units(units)
        self.statusBar().showMessage(self.tr("{0} unit(s) marked for upload").format(len(changed)), 5000)

    def update_summary(self) -> None:
        rows = self.table.rows
        synced = [r for r in rows if r.status == State.SYNCHRONIZED]
        attention = sum(1 for r in rows if r.status in ATTENTION_STATES)
        marked = sum(1 for r in rows if r.status == State.UPLOAD)
        total = sum(r.local_total_size or 0 for r in rows)
        text = self.tr("{0} units · {1} synchronized · {2} need checking · {3} marked · {4} in total").format(
            len(rows), len(synced), attention, marked, format_size(total)
        )
        cost = self._monthly_cost(synced)
        if cost:
            text += " · " + cost
        self.summary_label.setText(text)

    def _monthly_cost(self, synced: list[Any]) -> str:
        region = self.settings.effective_region
        try:
            if self._prices is None:
                self._prices = load_prices()
            by_class: dict[str, tuple[int, int]] = {}
            for r in synced:
                cls = r.storage_class or self.settings.storage_class
                files, size = by_class.get(cls, (0, 0))
                by_class[cls] = (files + (r.aws_file_count or 0), size + (r.aws_total_size or 0))
            monthly = sum(
                upload_estimate(self._prices, region, cls, files, size).storage_monthly
                for cls, (files, size) in by_class.items()
            )
        except Exception as exc:  # prices for an unknown region or a broken price file: no figure, not a crash
            log.debug("no cost estimate: %s", exc)
            return self.tr("monthly cost unknown for region {0}").format(region)
        return self.tr("about {0}/month in S3 ({1})").format(format_usd(monthly), region)

    # ---- rebuild status.csv from the bucket ---------------------------------------------------------
    def ask_rebuild(self) -> QMessageBox | None:
        """Confirm, then rebuild status.csv from the manifests in the bucket (non-blocking; returns the question)."""
        if self.busy or self.read_only:
            return None
        if not self.settings.bucket:
            self.show_error(self.tr("No bucket"), self.tr("Choose the bucket in Settings first."))
            return None
        path = self.settings.status_path(self.data_dir)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Rebuild status.csv"),
            self.tr(
                "Replace {0} with a status.csv made from the manifests in bucket {1}?\n\n"
                "Units found in the bucket become Synchronized (or New or changed, if the local "
                "folder differs); folders never uploaded are added. The current file is kept as "
                "{2}."
            ).format(path, self.settings.bucket, path.name + ".bak"),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        go = box.addButton(self.tr("Rebuild"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.start_rebuild() if button is go else None)
        self.message_box = box
        box.open()
        return box

    def start_rebuild(self) -> None:
        if self.busy or self.read_only:
            return
        worker = RebuildWorker(self.settings, self.data_dir, self.credentials, self._cached_client())
        worker.signals.finished.connect(self._rebuild_done)
        self.model.editable = False
        self.statusBar().showMessage(self.tr("Rebuilding status.csv from bucket {0}…").format(self.settings.bucket))
        log.info("rebuilding %s from bucket %s", self.settings.status_path(self.data_dir), self.settings.bucket)
        self._start(worker)

    def _rebuild_done(self, report: object) -> None:
        assert isinstance(report, RebuildReport)
        self._job_ended()
        self.adopt_table(self._open_table())  # as written, so the view shows exactly the file
        message = self.tr(
            "status.csv rebuilt from the bucket: {0} unit(s); {1} synchronized, {2} changed locally, "
            "{3} missing locally, {4} never uploaded"
        ).format(
            len(report.table),
            len(report.synchronized),
            len(report.changed),
            len(report.missing_local),
            len(report.new_local),
        )
        if not report.local_checked:
            message += self.tr(". The album root could not be read: scan when it can.")
        log.info("%s", message)
        self.statusBar().showMessage(message, 15000)
        self.rebuildFinished.emit(report)

    # ---- other actions ------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        """Open the settings dialog (window-modal, non-blocking); accepted values are saved and applied."""
        dialog = SettingsDialog(self.settings, self, credentials=self.credentials)
        dialog.accepted.connect(self._settings_accepted)
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def _settings_accepted(self) -> None:
        dialog = self.settings_dialog
        if dialog is None or dialog.result_settings() is None:
            return
        new = dialog.result_settings()
        assert new is not None
        self.apply_settings(new)
        dialog.deleteLater()
        self.settings_dialog = None

    def apply_settings(self, new: Settings) -> None:
        """Save *new* (the core's settings.json, shared with the CLI) and reload status.csv if it moved."""
        try:
            save_settings(new, self.data_dir)
        except (SettingsError, OSError) as exc:
            self.show_error(self.tr("Settings not saved"), str(exc))
            return
        old, self.settings = self.settings, new
        log.info("settings saved in %s", self.data_dir)
        if old.status_path(self.data_dir) != new.status_path(self.data_dir):
            self._take_lock()  # the old file is free for others now; this one is ours (or read-only)
            self._show_read_only()
            self._set_busy(self.busy)
        if (old.status_path(self.data_dir), old.album_root, old.level) != (
            new.status_path(self.data_dir),
            new.album_root,
            new.level,
        ):
            self.adopt_table(self._open_table())
        self.update_summary()
        self.prepare_client()

    def open_status_folder(self) -> None:
        folder = self.settings.status_path(self.data_dir).parent
        folder.mkdir(parents=True, exist_ok=True)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.show_error(self.tr("Cannot open the folder"), str(folder))

    def show_about(self) -> None:
        AboutDialog(self.data_dir, self).open()

    def show_error(self, title: str, message: str) -> None:
        """A plain-words message for the user, without blocking the event loop."""
        log.warning("%s: %s", title, message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    # ---- window state -------------------------------------------------------------------------------
    def _window_settings(self) -> QSettings:
        return QSettings(str(self.data_dir / "window.ini"), QSettings.Format.IniFormat)

    def _restore_window_state(self) -> None:
        state = self._window_settings()
        if state.value("version") is None or int(state.value("version")) != WINDOW_STATE_VERSION:
            self.resize(1180, 640)
            return
        for key, restore in (
            ("geometry", self.restoreGeometry),
            ("state", self.restoreState),
            ("header", self.view.horizontalHeader().restoreState),
        ):
            value = state.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        self.filter_edit.setText(str(state.value("filter", "")))
        index = self.status_combo.findText(str(state.value("status_filter", "")))
        if index >= 0:
            self.status_combo.setCurrentIndex(index)

    def save_window_state(self) -> None:
        state = self._window_settings()
        state.setValue("version", WINDOW_STATE_VERSION)
        state.setValue("geometry", self.saveGeometry())
        state.setValue("state", self.saveState())
        state.setValue("header", self.view.horizontalHeader().saveState())
        state.setValue("filter", self.filter_edit.text())
        state.setValue("status_filter", self.status_combo.currentText())
        state.sync()

    def shutdown(self, wait_ms: int = 30000) -> None:
        """Stop the running job and wait for it (the upload saves its units as it ends)."""
        if self.worker is not None:
            self.worker.cancel()
        self.timer.stop()
        self.restore_actions.shutdown()
        self.pool.waitForDone(wait_ms)
        self.log_pane.detach()
        self._release_lock()

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self.save_window_state()
        except OSError as exc:
            log.warning("window state not saved: %s", exc)
        self.shutdown()
        super().closeEvent(event)
