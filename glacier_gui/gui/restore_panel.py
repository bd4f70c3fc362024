"""The Restore jobs panel: every restore job in the data dir, how far it is, and the two things to do with it.

Jobs are files in ``<data_dir>/restore_jobs/``, so the panel shows them again when the app is opened days later
(from the files alone, no network).  "Refresh status" asks S3 (a task); "Download ready files" first asks
before replacing any local file, then downloads and verifies in a long job while the runner's timer draws the
bytes.  Both run in the runner's ``restore`` lane: beside a scan or an upload, never two at once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from glacier_gui.core.paths import safe_join
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.restore.job import FileState, JobHead, ObjState, RestoreJob, list_job_heads, read_job
from glacier_gui.core.restore.request import REQUESTS_UNIT
from glacier_gui.gui import texts
from glacier_gui.gui.colors import Tone, band_style
from glacier_gui.gui.job_runner import RESTORE_LANE
from glacier_gui.gui.models.jobs_model import (
    COL_DEST,
    COL_EXPIRES,
    COL_FAILED,
    COL_FILES,
    COL_JOB,
    COL_READY,
    COL_READY_BY,
    COL_STATE,
    COL_UNITS,
    JobsModel,
    when,
)
from glacier_gui.gui.session import Session
from glacier_gui.gui.workers.restore_worker import (
    FetchWorker,
    JobsOutcome,
    RequestOutcome,
    RequestWorker,
    refresh_jobs,
)

log = logging.getLogger(__name__)

_WIDTHS = {
    COL_JOB: 240,
    COL_UNITS: 150,
    COL_STATE: 200,
    COL_FILES: 230,
    COL_READY_BY: 120,
    COL_EXPIRES: 120,
    COL_DEST: 240,
} | dict.fromkeys(range(COL_READY, COL_FAILED + 1), 92)


class RestoreJobsPanel(QDockWidget):
    """Dockable list of restore jobs.

    Signals: ``refreshed(JobsOutcome)``, ``fetched(JobsOutcome)``, ``questionAsked(QMessageBox)`` (the overwrite
    question, shown non-blocking; tests click its buttons), ``failed(str)``.
    """

    refreshed = Signal(object)
    fetched = Signal(object)
    questionAsked = Signal(object)
    failed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore jobs"))
        self.setObjectName("restoreJobsPanel")
        self.session = session
        self.runner = session.runner
        self.question: QMessageBox | None = None
        self.report_box: QMessageBox | None = None
        self._stopped = False  # Stop was pressed: the job's "Stopped." is no error to show
        self.model = JobsModel(self)
        self._build()
        self.runner.tick.connect(self._tick)
        self._set_busy(False)

    @property
    def busy(self) -> bool:
        return self.runner.job(RESTORE_LANE) is not None

    def _build(self) -> None:
        body = QWidget(self)
        self.warning_label = QLabel(body)
        self.warning_label.setObjectName("expiryWarning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(band_style(Tone.PROBLEM) + "; font-weight: bold; padding: 4px")
        self.warning_label.hide()
        self.view = QTableView(body)
        self.view.setObjectName("restoreJobsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        for column, width in _WIDTHS.items():  # at least the header's words, in any language
            self.view.setColumnWidth(column, max(width, self.view.horizontalHeader().sectionSizeHint(column)))
        self.refresh_button = QPushButton(self.tr("Refresh status"), body)
        self.refresh_button.setToolTip(self.tr("Ask S3 how far the restores are (a few LIST/HEAD requests)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.download_button = QPushButton(self.tr("Download ready files"), body)
        self.download_button.setToolTip(
            self.tr(
                "Download what S3 has restored, check each file against the backup's SHA-256, keep the original dates"
            )
        )
        self.download_button.clicked.connect(self.download)
        self.resume_button = QPushButton(self.tr("Request the rest"), body)
        self.resume_button.setObjectName("resumeRequests")
        self.resume_button.setToolTip(
            self.tr(
                "Send the restore requests a job has not sent yet (it was stopped or interrupted), and request "
                "again the copies that expired before they were downloaded"
            )
        )
        self.resume_button.clicked.connect(self.resume_requests)
        self.open_button = QPushButton(self.tr("Open destination"), body)
        self.open_button.clicked.connect(self.open_destination)
        self.stop_button = QPushButton(self.tr("Stop"), body)
        self.stop_button.clicked.connect(self.stop)
        self.progress_bar = QProgressBar(body)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.message_label = QLabel(body)
        self.message_label.setObjectName("restoreMessage")
        buttons = QHBoxLayout()
        for widget in (
            self.refresh_button,
            self.download_button,
            self.resume_button,
            self.open_button,
            self.stop_button,
        ):
            buttons.addWidget(widget)
        buttons.addWidget(self.progress_bar)
        buttons.addWidget(self.message_label, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.setWidget(body)

    # ---- the list -----------------------------------------------------------------------------------
    def reload(self) -> list[JobHead]:
        """Read the jobs from the data dir (no network) and show them; warn about copies that expire soon.

        Each job's summary file is read, not the job (a whole-album job holds 200,000 objects); a job whose
        summary is stale is read whole once and summarised again."""
        worker = self.runner.job(RESTORE_LANE)
        live = [worker.job] if isinstance(worker, RequestWorker) and isinstance(worker.job, RestoreJob) else []
        jobs = list_job_heads(self.session.data_dir, live)  # the job whose requests go out: from memory
        self.model.set_jobs(jobs)
        for column in (COL_STATE, COL_FILES):  # what to do next, and how far: never cut (a few rows: cheap)
            self.view.setColumnWidth(column, max(_WIDTHS[column], self.view.sizeHintForColumn(column)))
        near = [(j, s) for j, s in zip(self.model.jobs, self.model.summaries, strict=True) if s.expiry_near]
        if near:
            lines = [
                self.tr(
                    "The restored copy of {0} expires {1}, and {2} file(s) are not downloaded yet: press "
                    "“Download ready files” now."
                ).format(", ".join(j.units), when(s.expiry), s.files.get(FileState.PENDING, 0))
                for j, s in near
            ]
            if self.warning_label.text() != "\n".join(lines):  # once in the log, not at every reload
                for line in lines:
                    log.warning("%s", line)
            self.warning_label.setText("\n".join(lines))
        self.warning_label.setVisible(bool(near))
        self._set_busy(self.busy)
        return jobs

    def selected_jobs(self) -> list[JobHead]:
        """The selected jobs, or every job when none is selected."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.job(r) for r in rows] if rows else list(self.model.jobs)

    def _set_busy(self, busy: bool) -> None:
        has_jobs = bool(self.model.jobs)
        self.refresh_button.setEnabled(not busy and has_jobs)
        self.download_button.setEnabled(not busy and has_jobs)
        self.open_button.setEnabled(has_jobs)
        self.resume_button.setVisible(any(_unrequested(h) for h in self.model.jobs))
        self.resume_button.setEnabled(not busy)
        self.stop_button.setVisible(busy)
        self.progress_bar.setVisible(busy)

    def _say(self, message: str) -> None:
        self.message_label.setText(message)
        self.session.say(message, 15000)

    # ---- refresh ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask S3 about the open jobs (selected, or all)."""
        if self.busy:
            return
        jobs = [j for j in self.selected_jobs() if not j.summary.done or not j.checked]
        if not jobs:
            self._say(self.tr("Nothing to check: every restore job is finished."))
            return
        client, cancel = self.session.client_source(), CancelToken()
        self.runner.run_job(
            lambda: refresh_jobs(jobs, client, cancel),
            self._refreshed,
            self._failed,
            "restore status",
            RESTORE_LANE,
            cancel,
        )
        self._started(self.tr("Asking S3 about {0} restore job(s)…").format(len(jobs)), bytes_known=False)

    def _refreshed(self, outcome: object) -> None:
        assert isinstance(outcome, JobsOutcome)
        self._set_busy(False)
        self.reload()
        ready = sum(1 for j in outcome.jobs if any(o.state == "ready" for o in j.objects))
        message = self.tr("Status checked: {0} job(s), {1} with files ready to download.").format(
            len(outcome.jobs), ready
        )
        self._say(message)
        log.info("%s", message)
        self._show_errors(outcome)
        self.refreshed.emit(outcome)

    # ---- download -----------------------------------------------------------------------------------
    def download(self) -> QMessageBox | None:
        """Download what is ready; asks first when files would land on existing ones (returns that question)."""
        if self.busy:
            return None
        jobs = [j for j in self.selected_jobs() if j.summary.files.get(FileState.PENDING)]
        if not jobs:
            self._say(self.tr("Nothing to download: no restore job has files waiting."))
            return None
        existing = [path for j in jobs for path in _existing_targets(j)]
        if not existing:
            self.start_download(jobs, overwrite=False)
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Files already there"),
            self.tr(
                "{0} file(s) to restore already exist in the destination, e.g.\n{1}\n\nFiles "
                "identical to the backup are kept as they are. Replace the ones that differ with "
                "the backup's version?"
            ).format(len(existing), "\n".join(existing[:3])),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        self.replace_button = box.addButton(self.tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        self.keep_button = box.addButton(self.tr("Keep mine (skip those)"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(self.keep_button)
        box.buttonClicked.connect(lambda button: self._answered(jobs, button))
        self.question = box
        box.open()
        self.questionAsked.emit(box)
        return box

    def _answered(self, jobs: list[JobHead], button: object) -> None:
        self.question = None
        if button is self.replace_button:
            self.start_download(jobs, overwrite=True)
        elif button is self.keep_button:
            self.start_download(jobs, overwrite=False)

    def start_download(self, jobs: list[JobHead], overwrite: bool) -> None:
        if self.busy:
            return
        worker = FetchWorker(self.session.settings, jobs, overwrite, self.session.client_source())
        words = self.tr("Downloading the ready files of {0} restore job(s)").format(len(jobs))
        log.info("%s", words + (self.tr(" (replacing files that differ)") if overwrite else ""))
        self.runner.start(worker, self._fetched, self._failed, RESTORE_LANE)
        self._started(self.tr("Downloading the ready files…"), bytes_known=True)

    def _fetched(self, outcome: object) -> None:
        assert isinstance(outcome, JobsOutcome)
        self._set_busy(False)
        self.reload()
        downloaded = sum(r.downloaded for r in outcome.fetched.values())
        size = sum(r.bytes for r in outcome.fetched.values())
        there = sum(r.already_there for r in outcome.fetched.values())
        waiting = sum(r.waiting for r in outcome.fetched.values())
        skipped = [line for r in outcome.fetched.values() for line in r.skipped]
        failed = [line for r in outcome.fetched.values() for line in r.failed]
        message = self.tr("{0} file(s) downloaded and verified ({1}), {2} already there, {3} not ready yet").format(
            downloaded, texts.size(size), there, waiting
        )
        if skipped or failed:
            message += self.tr(", {0} skipped, {1} failed").format(len(skipped), len(failed))
        self._say(message)
        log.info("%s", message)
        if skipped or failed:
            text = message + ".\n\n"
            if failed:
                text += self.tr(
                    "Failed files were not kept under their names: a file whose bytes do not match the "
                    "backup's checksum is left as NAME.corrupt for you to look at.\n"
                )
            if skipped:
                text += self.tr("Skipped files: a different file of yours is in the way; they stay as they are.\n")
            self._report(self.tr("Some files were not restored"), text, "\n".join(failed + skipped))
        self._show_errors(outcome)
        self.fetched.emit(outcome)

    # ---- requests -----------------------------------------------------------------------------------
    def resume_requests(self) -> None:
        """Send what the first selected job (or the first job) has not requested yet, as the lane's long job."""
        if self.busy:
            return
        heads = [h for h in self.selected_jobs() if _unrequested(h)]
        if not heads:
            self._say(self.tr("Nothing to request: every restore job has sent its requests."))
            return
        s = self.session
        worker = RequestWorker(s.settings, s.data_dir, heads[0], s.prices(), s.client_source())
        self.runner.start(worker, self._resumed, self._failed, RESTORE_LANE)
        self._started(self.tr("Sending the rest of the restore requests…"), bytes_known=True)

    def _resumed(self, outcome: object) -> None:
        assert isinstance(outcome, RequestOutcome)
        self._set_busy(False)
        self.reload()
        report = outcome.report
        message = self.tr("{0} restore(s) requested, {1} already under way or restored, {2} failed.").format(
            report.requested, report.already, len(report.failed)
        )
        if report.stopped:
            message += " " + texts.core_text(report.stopped)
        self._say(message)
        log.info("%s", message)

    # ---- running ------------------------------------------------------------------------------------
    def _started(self, message: str, bytes_known: bool) -> None:
        self._set_busy(True)
        self.progress_bar.setRange(0, 1000 if bytes_known else 0)  # 0, 0: a busy indicator
        self.progress_bar.setValue(0)
        self._say(message)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.reload()
        self._say(message)
        if not self._stopped:
            self._report(self.tr("Restore"), message)
        self._stopped = False
        self.failed.emit(message)

    def stop(self) -> None:
        if self.runner.stop(RESTORE_LANE):
            self._stopped = True
            self._say(self.tr("Stopping…"))

    def _tick(self) -> None:
        worker = self.runner.job(RESTORE_LANE)
        if isinstance(worker, RequestWorker):  # a restore's requests going out (started by the restore dialog)
            self._set_busy(True)
            unit = worker.progress.snapshot().units.get(REQUESTS_UNIT)
            if unit is not None and unit.files_total:
                self.progress_bar.setRange(0, 1000)
                self.progress_bar.setValue(int(1000 * unit.files_done / unit.files_total))
            line = texts.request_progress_line(worker.progress)
            self.message_label.setText(line)
            if line:
                self.session.say(line, 2000)  # the status bar too: the panel may be closed
            return
        if not isinstance(worker, FetchWorker):
            return
        snap = worker.progress.snapshot()
        if snap.bytes_total:
            self.progress_bar.setValue(int(1000 * snap.bytes_done / snap.bytes_total))
        self.message_label.setText(
            self.tr("Downloading: {0} of {1}, {2} of {3} file(s)").format(
                texts.size(snap.bytes_done), texts.size(snap.bytes_total), snap.files_done, snap.files_total
            )
        )

    def _show_errors(self, outcome: JobsOutcome) -> None:
        if outcome.errors:
            lines = (f"{job_id}: {texts.core_text(why)}" for job_id, why in outcome.errors.items())
            self._report(self.tr("Restore"), "\n".join(lines))

    def _report(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        if details:
            box.setDetailedText(details)
        self.report_box = box
        box.open()

    def open_destination(self) -> None:
        jobs = self.selected_jobs()
        if jobs:
            QDesktopServices.openUrl(QUrl.fromLocalFile(jobs[0].dest))


def _unrequested(head: JobHead) -> int:
    """Objects of the job still to request: never asked (stopped, interrupted) or whose copy expired."""
    return head.summary.objects.get(ObjState.NOT_REQUESTED, 0) + head.summary.objects.get(ObjState.EXPIRED, 0)


def _existing_targets(head: JobHead) -> list[str]:
    """Pending files of the job of *head* that would land on an existing local file."""
    dest = Path(head.dest)
    if head.path is None or not dest.is_dir() or next(dest.iterdir(), None) is None:
        return []  # nothing can be in the way (a whole album's job is not read for nothing)
    job: RestoreJob = read_job(head.path)
    found = []
    for f in job.files:
        if f.state != FileState.PENDING:
            continue
        try:
            if safe_join(Path(job.dest), f.relpath).exists():
                found.append(f.relpath)
        except ValueError:  # refused paths are reported by the download itself
            continue
    return found
