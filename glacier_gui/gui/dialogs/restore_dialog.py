"""Restore selected units: destination, tier, days, which files; the estimate in plain words; then the request.

When it opens, a task reads the units' manifests and asks S3 where each file's object stands (one plan for
every file).  Changing the tier, the days, the destination or the ticked files re-prices that plan with no
further request: :func:`~glacier_gui.core.restore.plan.narrow_job` then ``estimate_job``.  Ticks go through a
single-shot timer, so a burst of them (many files ticked by keyboard or by a script) costs one re-pricing; a
unit of 10,000 files ticks in one step anyway (the picker's model keeps its counts per folder).

Whether a path would land outside the destination depends on what is on disk there (symlinks), so that check
runs in the background once the destination is typed; the re-pricing uses its answer.  "Request restore" narrows once
more with the file system's answer of that moment, saves the job in the data dir and sends the
``RestoreObject`` requests; the dialog then closes and the restore jobs panel takes over.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from glacier_gui.core.progress import CancelToken
from glacier_gui.core.restore.job import FileState, RestoreJob, jobs_dir
from glacier_gui.core.restore.plan import (
    DEFAULT_DAYS,
    DEFAULT_TIER,
    JobEstimate,
    estimate_job,
    narrow_job,
    objects_to_request,
)
from glacier_gui.core.restore.request import request_seconds
from glacier_gui.core.textfmt import format_duration
from glacier_gui.gui import texts
from glacier_gui.gui.colors import Tone, html_span
from glacier_gui.gui.dialogs.restore_version import VersionChoice, start_plan
from glacier_gui.gui.dialogs.setup_widgets import pick_folder
from glacier_gui.gui.job_runner import RESTORE_LANE
from glacier_gui.gui.models.restore_files_model import RestoreFilesModel
from glacier_gui.gui.session import Session
from glacier_gui.gui.texts import request_progress_line
from glacier_gui.gui.workers.base import Task
from glacier_gui.gui.workers.restore_worker import RequestOutcome, RequestWorker, request_job

log = logging.getLogger(__name__)

MAX_DAYS = 365
REPRICE_DELAY_MS = 0  # after the events already queued: a burst of ticks (keys, a script) is priced once
DEST_CHECK_DELAY_MS = 400  # the file system is asked once the typed destination rests, not at each key


class RestoreDialog(QDialog):
    """Plan, price and request the restore of *units*.

    Signals: ``planned(RestoreJob)`` when the plan (every file of the units) has arrived; ``repriced()`` after
    each re-pricing of the form; ``jobCreated(RequestOutcome)`` when the job is saved and its restores
    requested (the dialog then accepts); ``backgrounded()`` when it is closed while the requests go on.
    """

    planned = Signal(object)
    repriced = Signal()
    jobCreated = Signal(object)
    backgrounded = Signal()  # closed while its requests go on (the Restore jobs panel shows them)

    def __init__(
        self,
        session: Session,
        units: list[str],
        parent: QWidget | None = None,
        files: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore {0} unit(s)").format(len(units)))
        if files is not None:
            count = sum(len(paths) for paths in files.values())
            self.setWindowTitle(self.tr("Restore {0} chosen file(s) from {1} unit(s)").format(count, len(units)))
        self.session, self.units = session, units
        self.files = files  # unit -> paths to tick once planned (the rest unticked); None: every file
        self.unlisted = 0  # of those, how many the units' file lists do not hold
        self.full: RestoreJob | None = None  # every file of the units, as planned
        self.job: RestoreJob | None = None  # what the form currently asks for
        self.estimate: JobEstimate | None = None
        self.task: Task | None = None  # planning or requesting
        self.worker: RequestWorker | None = None  # the requests, while they go out
        self._requesting = False
        self._cancel = CancelToken()
        self._refused: dict[str, str] = {}  # relpath -> why, for the destination in _refused_for
        self._refused_for: Path | None = None
        self._checking: Path | None = None
        self.model = RestoreFilesModel(self)
        self.model.checksChanged.connect(self.schedule_reprice)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REPRICE_DELAY_MS)
        self._timer.timeout.connect(self.reprice)
        self._dest_timer = QTimer(self)
        self._dest_timer.setSingleShot(True)
        self._dest_timer.setInterval(DEST_CHECK_DELAY_MS)
        self._dest_timer.timeout.connect(self._check_dest)
        self._build()
        self.dest_edit.setText(session.last_restore_dest())  # the folder chosen last time (or in the wizard)
        self.setMinimumSize(720, 620)
        self.reprice()

    # ---- building -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.dest_edit = QLineEdit(self)
        self.dest_edit.setObjectName("restoreDest")
        self.dest_edit.setPlaceholderText(self.tr("the folder the files are restored into"))
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.clicked.connect(self.browse_dest)
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.dest_edit, 1)
        dest_row.addWidget(self.browse_button)
        self.tier_combo = QComboBox(self)
        for tier in ("Bulk", "Standard"):
            self.tier_combo.addItem(texts.tier_choice(tier), tier)
        self.tier_combo.setCurrentIndex(self.tier_combo.findData(DEFAULT_TIER))
        self.days_spin = QSpinBox(self)
        self.days_spin.setRange(1, MAX_DAYS)
        self.days_spin.setValue(DEFAULT_DAYS)
        self.days_spin.setSuffix(self.tr(" day(s)"))
        self.days_spin.setToolTip(
            self.tr(
                "How long S3 keeps the restored copy: download the files before then. "
                "The copy is billed for these days."
            )
        )
        self.version_combo = VersionChoice(self)
        self.version_combo.activated.connect(lambda *_args: self.start())
        form = QFormLayout()
        form.addRow(self.tr("Version of the backup:"), self.version_combo)
        form.addRow(self.tr("Restore into:"), dest_row)
        form.addRow(self.tr("Speed:"), self.tier_combo)
        form.addRow(self.tr("Keep the restored copy:"), self.days_spin)

        self.tree = QTreeView(self)
        self.tree.setObjectName("restoreFiles")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)  # a unit may list 10,000 files: no per-row height measuring
        self.tree.setColumnWidth(0, 480)
        self.estimate_label = QLabel(self)
        self.estimate_label.setObjectName("restoreEstimate")
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setTextFormat(Qt.TextFormat.RichText)
        self.estimate_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.estimate_label.setMinimumHeight(120)
        self.estimate_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("requestProgress")
        self.progress_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.request_button = self.buttons.addButton(self.tr("Request restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.request_button.setObjectName("requestRestore")
        self.buttons.accepted.connect(self.request)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.estimate_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.buttons)
        # A field changes one value at a time: priced at once, so the Request button is right straight away.
        for signal in (self.dest_edit.textChanged, self.tier_combo.currentIndexChanged, self.days_spin.valueChanged):
            signal.connect(lambda *_args: self.reprice())

    # ---- plan ---------------------------------------------------------------------------------------
    def start(self) -> None:
        """Read the manifests and the objects' states (background); the form fills in when they arrive."""
        start_plan(self)
        self.estimate_label.setText(self.tr("Reading the file lists and asking S3 where the files stand…"))

    def show_plan(self, job: object) -> None:
        """Show the planned *job* (every file of the units, all ticked) and price it."""
        assert isinstance(job, RestoreJob)
        self.task = None
        self.version_combo.setEnabled(True)
        self.full = job
        self.model.set_job(job)
        if self.files is not None:
            self.unlisted = self.tick_only(self.files)
        self.reprice()
        self.planned.emit(job)

    def _failed(self, message: str) -> None:
        self._stop_ticks()
        self.task = None
        self.version_combo.setEnabled(True)
        self._requesting = False
        self.estimate_label.setText(html_span(html.escape(message), Tone.PROBLEM, bold=True))
        self._enable(request=False)

    # ---- the form -----------------------------------------------------------------------------------
    def chosen_files(self) -> dict[str, set[str]] | None:
        """Ticked files per unit; None when every file is ticked (whole units)."""
        return self.model.chosen()

    def set_file_checked(self, unit: str, path: str | None, checked: bool) -> None:
        """Tick or untick one file or folder (or a whole unit with *path* None), as a click does."""
        index = self.model.find(unit, path)
        if index.isValid():
            self.model.set_checked(index, checked)

    def tick_only(self, files: Mapping[str, Collection[str]]) -> int:
        """Tick exactly *files* (unit -> paths) and nothing else; returns how many the plan does not list.

        Per unit, the fewer steps of two: untick the unit and tick the files, or tick it and untick the rest.
        """
        listed: dict[str, set[str]] = {}
        for f in self.full.files if self.full is not None else ():
            listed.setdefault(f.unit, set()).add(f.path)
        unlisted = sum(len(set(paths) - listed.get(unit, set())) for unit, paths in files.items())
        for unit, paths in listed.items():
            wanted = paths & set(files.get(unit, ()))
            keep = len(wanted) * 2 > len(paths)
            self.set_file_checked(unit, None, keep)
            for path in paths - wanted if keep else wanted:
                self.set_file_checked(unit, path, not keep)
        if unlisted:
            log.warning("restore: %d chosen file(s) are not in the units' file lists", unlisted)
        return unlisted

    def browse_dest(self) -> None:
        chosen = pick_folder(self, self.tr("Restore into which folder?"), self.dest_edit.text())
        if chosen:
            self.dest_edit.setText(chosen)

    def _dest(self) -> Path:
        return Path(self.dest_edit.text().strip() or ".").expanduser()

    def _dest_problem(self) -> str:
        text = self.dest_edit.text().strip()
        if not text:
            return self.tr("Choose the folder to restore into.")
        dest = Path(text).expanduser()
        if not dest.is_absolute():
            return self.tr("Give the full path of the folder to restore into.")
        if dest.exists() and not dest.is_dir():
            return self.tr("{0} is a file, not a folder.").format(dest)
        return ""

    def schedule_reprice(self, *_args: object) -> None:
        """Re-price soon: changes that come together are priced once."""
        self._timer.start()

    def reprice(self) -> None:
        """Price the plan for the current form (no network) and enable the request when it makes sense."""
        self._timer.stop()
        self.job, self.estimate = None, None
        if self.full is None or self.task is not None:
            self._enable(request=False)
            return
        problem = self._dest_problem()
        dest = self._dest()
        if not problem and dest != self._refused_for:
            self._dest_timer.start()
        refused = self._refused if dest == self._refused_for else {}
        job = narrow_job(
            self.full, dest, str(self.tier_combo.currentData()), self.days_spin.value(), self.chosen_files(), refused
        )
        if not any(f.state == FileState.PENDING for f in job.files):
            problem = problem or self.tr("Tick at least one file to restore.")
        estimate = estimate_job(job, self.session.prices(), self.session.settings.effective_region)
        self.job, self.estimate = job, estimate
        self.estimate_label.setText(self.describe(job, estimate, problem))
        self._enable(request=not problem)
        self.repriced.emit()

    def _enable(self, request: bool) -> None:
        for widget in (self.dest_edit, self.browse_button, self.tier_combo, self.days_spin, self.tree):
            widget.setEnabled(not self._requesting)
        self.request_button.setEnabled(request and not self._requesting)

    def _check_dest(self) -> None:
        """Ask the file system (in the background) which paths would land outside the destination."""
        dest = self._dest()
        if self.full is None or self._dest_problem() or dest == self._refused_for or self._checking is not None:
            return  # one check at a time: when it reports, the re-pricing asks again if the folder changed
        self._checking = dest
        full = self.full
        self.session.runner.run_task(
            lambda: narrow_job(full, dest, DEFAULT_TIER, DEFAULT_DAYS),
            self._dest_checked,  # bound methods: Qt drops the call if the dialog is gone by then
            self._dest_not_checked,
            name="restore destination check",
        )

    def _dest_checked(self, job: RestoreJob) -> None:
        self._checking = None
        self._refused_for = Path(job.dest)
        self._refused = {f.relpath: f.error for f in job.files if f.state == FileState.FAILED}
        self.schedule_reprice()

    def _dest_not_checked(self, message: str) -> None:
        self._checking = None
        log.warning("restore destination not checked: %s", message)

    def _region(self) -> str:
        return self.session.settings.effective_region

    def describe(self, job: RestoreJob, estimate: JobEstimate, problem: str = "") -> str:
        """The plan and its estimate in plain words (rich text)."""
        pending = [f for f in job.files if f.state == FileState.PENDING]
        refused = [f for f in job.files if f.state == FileState.FAILED]
        to_request = objects_to_request(job)
        hours = estimate.hours_max
        lines = [
            self.tr("<b>{0} file(s), {1}</b> from {2} unit(s).").format(
                texts.number(len(pending)), texts.size(sum(f.size for f in pending)), len(job.units)
            ),
            html.escape(
                self.tr("The restore writes {0} into {1}.").format(texts.size(sum(f.size for f in pending)), job.dest)
            ),
        ]
        if to_request:
            lines.append(
                self.tr(
                    "{0} object(s) are restored from {1} with the <b>{2}</b> tier: ready <b>within {3:g} "
                    "hours</b>, then kept {4} day(s) to download."
                ).format(
                    texts.number(len(to_request)),
                    texts.storage_class_name(to_request[0].storage_class),
                    texts.tier_word(job.tier),
                    hours or 48,
                    job.days,
                )
            )
        if to_request:
            other = "Standard" if job.tier == "Bulk" else "Bulk"
            alternative = estimate_job(replace(job, tier=other), self.session.prices(), self._region())
            lines.append(
                self.tr("With the {0} tier instead: {1}, ready within {2:g} hours.").format(
                    texts.tier_word(other),
                    texts.money(alternative.total, self.session.settings.jpy_rate),
                    alternative.hours_max,
                )
            )
            lines.append(
                self.tr("Sending the {0} restore request(s) takes about {1} (h:mm:ss) before the wait starts.").format(
                    texts.number(len(to_request)), format_duration(request_seconds(len(to_request)))
                )
            )
        ready_now = len(job.objects) - len(to_request)
        if ready_now:
            lines.append(
                self.tr("{0} object(s) can be downloaded now or are already being restored.").format(ready_now)
            )
        rate = self.session.settings.jpy_rate
        lines.append(self.tr("Estimated cost: <b>{0}</b>").format(texts.money(estimate.total, rate)))
        for part in estimate.parts:  # each group says what it is: restored from the archive, or read directly
            if part.tier:
                what = self.tr("{0} file(s) restored from {1}").format(
                    texts.number(part.object_count), texts.storage_class_name(part.storage_class)
                )
            else:
                what = self.tr("{0} file(s) downloaded directly").format(texts.number(part.object_count))
            lines.append(
                "&nbsp;&nbsp;· "
                + self.tr("{0}: getting them back {1}, requests {2}, restored copy {3}, download {4}").format(
                    what,
                    texts.money(part.retrieval_cost),
                    texts.money(part.request_cost),
                    texts.money(part.temporary_copy_cost),
                    texts.money(part.egress_cost),
                )
            )
        if self.unlisted:
            lines.append(
                self.tr("{0} chosen photo(s) are not in the units' file lists and cannot be restored.").format(
                    self.unlisted
                )
            )
        if refused:
            lines.append(
                html_span(
                    html.escape(self.tr("{0} file(s) are refused and will not be restored:").format(len(refused))),
                    Tone.PROBLEM,
                )
            )
        for f in refused[:5]:
            refusal = self.tr("Refused: {0}: {1}").format(f.relpath, texts.core_text(f.error))
            lines.append(html_span(html.escape(refusal), Tone.PROBLEM))
        if problem:
            lines.append(html_span(html.escape(problem), Tone.PROBLEM, bold=True))
        return "<br>".join(lines)

    # ---- request ------------------------------------------------------------------------------------
    def request(self) -> None:
        """Save the job and send the restore requests (the restore lane's long job); accepted when done."""
        self.reprice()  # a change still waiting on the timer counts
        if self.job is None or self.full is None or not self.request_button.isEnabled():
            return
        s = self.session
        full, chosen, preview = self.full, self.chosen_files(), self.job
        dest, tier, days = Path(preview.dest), preview.tier, preview.days
        data_dir = s.data_dir

        def save() -> RestoreJob:
            # The file system's answer of this moment, not the one the preview used.
            job = narrow_job(full, dest, tier, days, chosen)
            job.path = jobs_dir(data_dir) / f"{job.id}.json"
            job.save()  # before any request: a crash half-way is still tracked
            return job

        self._requesting = True
        self.task = s.runner.run_task(save, self._send, self._failed, name="restore save")
        self._enable(request=False)
        self.estimate_label.setText(self.estimate_label.text() + "<br>" + self.tr("Requesting the restore…"))
        s.remember_restore_dest(str(dest))
        log.info(
            "%s",
            self.tr("Restore: asking for {0} file(s), {1}, kept {2} day(s), into {3}").format(
                len(objects_to_request(preview)), texts.tier_word(tier), days, dest
            ),
        )

    def _send(self, job: object) -> None:
        """The job is saved: its requests go out in the restore lane (a download there first finishes)."""
        assert isinstance(job, RestoreJob)
        s = self.session
        self.task = None
        if s.runner.job(RESTORE_LANE) is not None:
            self.task = s.runner.run_task(
                lambda: request_job(s.settings, s.data_dir, job, s.prices(), s.client_source()),
                self._requested,
                self._failed,
                name="restore request",
            )
            return
        self.worker = RequestWorker(s.settings, s.data_dir, job, s.prices(), s.client_source())
        s.runner.tick.connect(self._tick)
        s.runner.start(self.worker, self._requested, self._failed, RESTORE_LANE)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Close (the requests go on)"))
        cancel.setEnabled(True)

    def _tick(self) -> None:
        if self.worker is None:
            return
        line = request_progress_line(self.worker.progress)
        if line:
            self.progress_label.setText(line)
            self.progress_label.show()

    def _requested(self, outcome: object) -> None:
        assert isinstance(outcome, RequestOutcome)
        self._stop_ticks()
        self.task = None
        self._requesting = False
        report = outcome.report
        log.info(
            "%s",
            self.tr("Restore job {0}: {1} file(s) asked for, {2} already under way or restored, {3} failed").format(
                outcome.job.id, report.requested, report.already, len(report.failed)
            ),
        )
        for line in report.failed[:10]:
            log.warning("%s", self.tr("Restore request failed: {0}").format(texts.core_text(line)))
        self.jobCreated.emit(outcome)
        self.accept()

    def _stop_ticks(self) -> None:
        if self.worker is not None:
            self.session.runner.tick.disconnect(self._tick)
            self.worker = None

    def cancel(self) -> None:
        """Stop the planning (window closing); a request under way finishes (it takes seconds)."""
        self._cancel.cancel()

    def reject(self) -> None:
        if self._requesting:
            # The job is saved and requests are going out: let them finish.  A long request phase (a whole album
            # takes half an hour) goes on in the restore lane with the dialog hidden; the panel shows it.
            if self.worker is not None and self.isVisible():
                self.hide()
                self.backgrounded.emit()
            return
        self.cancel()
        super().reject()
