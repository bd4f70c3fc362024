"""The jobs that write status.csv: scan, upload (after its estimate) and rebuild from the bucket.

Each runs in the runner's ``status`` lane, one at a time, so the window never blocks and never runs two
writers.  While an upload runs, the runner's timer lets :meth:`BackupJobs.draw_progress` read the shared
TransferProgress and the model emit ``dataChanged`` for the rows that moved — never per chunk, never a model
reset.  Before an upload the estimate (requests and cost) is shown and the user's go awaited.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QWidget

from glacier_gui.core.ledger.status import State
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.restore.rebuild import RebuildReport, rebuild_status
from glacier_gui.core.textfmt import format_duration
from glacier_gui.core.upload.engine import UnitResult, UploadReport
from glacier_gui.gui import texts
from glacier_gui.gui.dialogs.upload_estimate_dialog import UploadEstimateDialog
from glacier_gui.gui.session import Session
from glacier_gui.gui.workers.base import Worker
from glacier_gui.gui.workers.scan_worker import ScanOutcome, ScanWorker
from glacier_gui.gui.workers.upload_worker import UploadEstimateOutcome, UploadWorker, estimate_upload

log = logging.getLogger(__name__)


class BackupJobs(QObject):
    """Scan, upload and rebuild for *session*; dialogs open over *parent*.

    Signals (for tests and the demo run): ``scanFinished(ScanOutcome)``, ``uploadFinished(UploadReport)``,
    ``estimateShown(UploadEstimateDialog)``, ``rebuildFinished(RebuildReport)``, ``jobFailed(str)``.

    ``auto_accept_estimate``: when set (tests, the demo run), the upload estimate is shown and accepted at once.
    :attr:`progress_label` and :attr:`overall_bar` are for the window's status bar.
    """

    scanFinished = Signal(object)
    uploadFinished = Signal(object)
    estimateShown = Signal(object)
    rebuildFinished = Signal(object)
    jobFailed = Signal(str)

    def __init__(self, session: Session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = session.runner
        self.parent_widget = parent
        self.auto_accept_estimate = False
        self.estimate_dialog: UploadEstimateDialog | None = None
        self.question: QMessageBox | None = None
        self._job: Worker | None = None  # the status lane's job, while it is ours and runs
        self._progress_version = -1
        self.bytes_left: int | None = None  # what the running upload still has to send (the link's time left)
        self.progress_label = QLabel(parent)
        self.progress_label.setObjectName("progressLabel")
        self.overall_bar = QProgressBar(parent)
        self.overall_bar.setRange(0, 1000)
        self.overall_bar.setMaximumWidth(220)
        self.overall_bar.setTextVisible(False)
        self.overall_bar.hide()
        self.runner.tick.connect(self.draw_progress)

    @property
    def _can_start(self) -> bool:
        return not self.runner.busy and not self.session.read_only

    def _start(self, worker: Worker, on_done: Callable[[Any], None], message: str) -> None:
        self._job = worker
        self.runner.start(worker, lambda result: self._ended(on_done, result), self._failed)
        self.overall_bar.show()
        self.session.say(message)

    def _ended(self, then: Callable[[Any], None], result: object) -> None:
        self._job = None
        self.bytes_left = None
        self.overall_bar.hide()
        self.overall_bar.setRange(0, 1000)
        then(result)

    def _failed(self, message: str) -> None:
        stopped = self._job is not None and self._job.cancelled_by_user
        self._job = None
        self.overall_bar.hide()
        self.progress_label.clear()
        self.session.model.editable = not self.session.read_only
        self.session.say(message, 15000)
        if not stopped:
            self.session.report(self.tr("The job could not finish"), message)
        self.jobFailed.emit(message)

    def stop(self) -> None:
        """Cancel the running job; an upload leaves its unfinished units in 'Upload unfinished'."""
        if self.runner.stop():
            self.session.say(self.tr("Stopping…"))

    # ---- scan ---------------------------------------------------------------------------------------
    def start_scan(self) -> None:
        """Scan the album into status.csv (new -> New or changed, gone -> Folder missing)."""
        if not self._can_start:
            return
        s = self.session
        s.model.editable = False  # the scan rebuilds the table: no ticks until it is swapped in
        log.info("%s", self.tr("Scanning {0} (level {1})").format(s.settings.album_root, s.settings.level))
        self._start(
            ScanWorker(s.settings, s.table), self._scan_done, self.tr("Scanning {0}…").format(s.settings.album_root)
        )

    def _scan_done(self, outcome: object) -> None:
        assert isinstance(outcome, ScanOutcome)
        self.progress_label.clear()  # not the scan's last counters, left as if it still ran
        self.session.model.editable = not self.session.read_only
        summary = outcome.summary
        if summary is None:  # the album root could not be read: the table is as it was
            text = texts.core_text(outcome.root_problem)
            log.warning("%s", text)
            self.session.set_root_problem(text)
            self.scanFinished.emit(outcome)
            return
        self.session.set_root_problem("")
        self.session.adopt_table(outcome.table)
        states = ", ".join(f"{texts.state_name(s)} {texts.number(n)}" for s, n in sorted(summary.states.items()))
        message = self.tr("Scan finished: {0} units, {1} files, {2} ({3})").format(
            texts.number(len(summary.scan.units)), texts.number(summary.files), texts.size(summary.size), states or "-"
        )
        log.info("%s", message)
        self.session.say(message, 10000)
        if outcome.save_problem:
            self.session.report(self.tr("status.csv is locked"), texts.core_text(outcome.save_problem))
        self.scanFinished.emit(outcome)

    # ---- upload -------------------------------------------------------------------------------------
    def start_upload(self, units: list[str] | None = None) -> None:
        """Upload the units marked for upload (or *units*): first the estimate, then, once confirmed, the upload."""
        if not self._can_start:
            return
        table = self.session.table
        wanted = units if units is not None else table.units_in(State.UPLOAD)
        if not wanted:
            self.session.say(self.tr("No unit is marked for upload: tick the Upload cells first."), 8000)
            return
        if units is None:  # the core also resumes units whose upload stopped part-way
            wanted = list(dict.fromkeys([*table.units_to_upload(), *wanted]))
        settings, cancel = self.session.settings, CancelToken()
        self._job = self.runner.run_job(
            lambda: estimate_upload(settings, wanted, cancel),
            lambda outcome: self._ended(self._estimate_done, outcome),
            self._failed,
            "upload estimate",
            cancel=cancel,
        )
        self.overall_bar.show()
        self.session.say(self.tr("Estimating the upload of {0} unit(s)…").format(len(wanted)))

    def _estimate_done(self, outcome: object) -> None:
        assert isinstance(outcome, UploadEstimateOutcome)
        dialog = UploadEstimateDialog(
            self.session.settings, outcome.units, outcome.plan, outcome.problem, self.parent_widget
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        log.info("upload estimate for %d unit(s): %s", len(outcome.units), dialog.summary())
        dialog.accepted.connect(lambda: self._estimate_accepted(dialog, outcome))
        dialog.rejected.connect(self._estimate_rejected)
        self.estimate_dialog = dialog
        dialog.open()
        self.estimateShown.emit(dialog)
        if self.auto_accept_estimate:
            dialog.accept()

    def _estimate_rejected(self) -> None:
        self.estimate_dialog = None
        log.info("upload cancelled at the estimate: nothing was sent")
        self.session.say(self.tr("Upload cancelled: nothing was sent."), 8000)

    def _estimate_accepted(self, dialog: UploadEstimateDialog, outcome: UploadEstimateOutcome) -> None:
        self.estimate_dialog = None
        s = self.session
        if dialog.pack_below != s.settings.pack_below:
            s.apply_settings(replace(s.settings, pack_below=dialog.pack_below))
        if not self._can_start:
            return
        worker = UploadWorker(
            s.settings, s.table, s.data_dir, outcome.units, s.credentials, s.cached_client(), scan=outcome.scan
        )
        worker.signals.progress.connect(self._unit_done)
        s.model.clear_progress()
        self._progress_version = -1
        log.info("%s", self.tr("Uploading {0} unit(s) to {1}").format(len(outcome.units), s.settings.bucket))
        message = self.tr("Uploading {0} unit(s)…").format(len(outcome.units))
        self._start(worker, lambda report: self._upload_done(worker, report), message)

    def _unit_done(self, result: object) -> None:
        assert isinstance(result, UnitResult)
        self.session.model.refresh_unit(result.unit)  # the board refilters on the next tick, not per unit
        if result.ok:
            words = self.tr("{0}: synchronized ({1} file(s) sent, {2} already there)")
            log.info("%s", words.format(result.unit, result.files_uploaded, result.files_skipped))
        else:
            log.warning("%s", self.tr("{0}: not finished: {1}").format(result.unit, texts.core_text(result.error)))

    def _upload_done(self, worker: UploadWorker, report: object) -> None:
        assert isinstance(report, UploadReport)
        s = self.session
        if worker.client is not None:
            s.remember_client(worker.client)
        s.model.editable = not s.read_only
        s.model.refresh_units(r.unit for r in report.units)  # sync_start too, which no unit-done signal drew
        failed = report.failed
        done = len(report.units) - len(failed)
        message = self.tr("Upload finished: {0} of {1} unit(s) synchronized").format(done, len(report.units))
        if worker.cancelled_by_user:
            message = self.tr("Stopped: {0} of {1} unit(s) synchronized; Upload resumes the others").format(
                done, len(report.units)
            )
        elif report.dry_run:
            message = self.tr("Dry run finished: nothing was sent ({0} unit(s) planned)").format(len(report.units))
        s.say(message, 15000)
        log.info("%s", message)
        if failed and not worker.cancelled_by_user:
            details = "\n".join(f"{r.unit}: {texts.core_text(r.error)}" for r in failed[:10])
            s.report(
                self.tr("Some units were not uploaded"),
                self.tr("{0}\n\nThey are marked 'Upload unfinished'; Upload resumes them.\n\n{1}").format(
                    message, details
                ),
            )
        self.uploadFinished.emit(report)

    # ---- rebuild status.csv from the bucket ---------------------------------------------------------
    def ask_rebuild(self) -> QMessageBox | None:
        """Confirm, then rebuild status.csv from the manifests in the bucket (non-blocking; returns the question)."""
        s = self.session
        if not self._can_start:
            return None
        if not s.settings.bucket:
            s.report(self.tr("No bucket"), self.tr("Choose the bucket in Settings first."))
            return None
        path = s.status_path
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Read the folder list again from the backup"),
            self.tr(
                "Replace {0} with the list of folders read from the backup in bucket {1}?\n\n"
                "Folders found in the backup become Synchronized (New or changed if the folder on this "
                "computer differs, Archive only if this computer has none); folders never uploaded are "
                "added. The current file is kept as {2}."
            ).format(path, s.settings.bucket, path.name + ".bak"),
            QMessageBox.StandardButton.Cancel,
            self.parent_widget,
        )
        go = box.addButton(self.tr("Rebuild"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.start_rebuild() if button is go else None)
        self.question = box
        box.open()
        return box

    def start_rebuild(self) -> None:
        if not self._can_start:
            return
        s = self.session
        settings, data_dir, client, cancel = s.settings, s.data_dir, s.client_source(), CancelToken()
        s.model.editable = False
        reading = self.tr("Reading the list of your folders from bucket {0}…").format(settings.bucket)
        log.info("%s", reading)  # in the window's language: the log pane shows it
        self._job = self.runner.run_job(
            lambda: rebuild_status(client(), settings, data_dir, force=True, cancel=cancel),
            lambda report: self._ended(self._rebuild_done, report),
            self._failed,
            "rebuild status.csv",
            cancel=cancel,
        )
        self.overall_bar.show()
        s.say(reading)

    def _rebuild_done(self, report: object) -> None:
        assert isinstance(report, RebuildReport)
        s = self.session
        s.adopt_table(s.open_table())  # as written, so the view shows exactly the file
        s.model.editable = not s.read_only
        message = self.tr(
            "The list of your folders was read from the backup: {0} unit(s); {1} synchronized, {2} changed on "
            "this computer, {3} only in the backup, {4} never uploaded"
        ).format(
            len(report.table),
            len(report.synchronized),
            len(report.changed),
            len(report.missing_local),
            len(report.new_local),
        )
        if not report.local_checked:
            message += self.tr(". The album folder could not be read: scan when it can.")
        if report.missing_local:
            message += self.tr(". To get photos back: select units, then Browse or Restore.")
        log.info("%s", message)  # the whole of it; the status bar's line is short
        s.say(
            self.tr("The list of your folders was read from the backup: {0} unit(s).").format(len(report.table)), 15000
        )
        self.rebuildFinished.emit(report)

    # ---- progress -----------------------------------------------------------------------------------
    def draw_progress(self) -> None:
        """The running job's figures (on the runner's timer): changed rows only, from the shared snapshot."""
        worker = self.runner.job()
        if isinstance(worker, UploadWorker):
            progress = worker.progress
            if progress.version == self._progress_version:
                return
            self._progress_version = progress.version
            snap = progress.snapshot()
            self.bytes_left = snap.bytes_total - snap.bytes_done
            self.session.model.update_progress(snap.units)
            eta = snap.eta_seconds
            self.progress_label.setText(
                self.tr("{0} of {1} · {2}/s · ETA {3} · {4} of {5} units done").format(
                    texts.size(snap.bytes_done),
                    texts.size(snap.bytes_total),
                    texts.size(int(snap.bytes_per_second)) if snap.bytes_per_second else "–",
                    format_duration(eta) if eta is not None else "–",
                    snap.units_done,
                    snap.units_total,
                )
            )
            if snap.outage:  # S3 unreachable: the engine waits (setting outage_wait) and says so once
                self.progress_label.setText(texts.core_text(snap.outage))
            if snap.bytes_total:
                self.overall_bar.setValue(int(1000 * snap.bytes_done / snap.bytes_total))
        elif isinstance(worker, ScanWorker):
            p = worker.scan_progress
            self.progress_label.setText(
                self.tr("Scanning: {0} folders, {1} files, {2}").format(
                    texts.number(p.folders), texts.number(p.files), texts.size(p.bytes)
                )
            )
            self.overall_bar.setRange(0, 0)  # busy indicator: a scan's total is unknown
        elif worker is not None:
            self.overall_bar.setRange(0, 0)  # an estimate or a rebuild: no figures to show
