"""Restore selected units: destination, tier, days, which files; the estimate in plain words; then the request.

When it opens, a worker reads the units' manifests and asks S3 where each file's object stands (one plan for
every file).  Changing the tier, the days, the destination or the ticked files re-prices that plan at once, with
no further request.  "Request restore" saves the job in the data dir and sends the ``RestoreObject`` requests
in a second worker; the dialog then closes and the restore jobs panel takes over.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from glacier_gui.core.cost import PriceBook, load_prices
from glacier_gui.core.restore import DEFAULT_DAYS, DEFAULT_TIER, JobEstimate, estimate_job, objects_to_request
from glacier_gui.core.restore_job import FileState, RestoreJob
from glacier_gui.core.settings import Settings
from glacier_gui.core.textfmt import format_size, format_usd
from glacier_gui.gui.workers.base import start_worker
from glacier_gui.gui.workers.restore_worker import (
    RequestOutcome,
    RestorePlanWorker,
    RestoreRequestWorker,
    narrow_job,
)

log = logging.getLogger(__name__)

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_DAYS = 365


class RestoreDialog(QDialog):
    """Plan, price and request the restore of *units*.

    Signals: ``planned(RestoreJob)`` when the plan (every file of the units) has arrived; ``jobCreated(
    RequestOutcome)`` when the job is saved and its restores requested (the dialog then accepts).
    """

    planned = Signal(object)
    jobCreated = Signal(object)

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        units: list[str],
        pool: QThreadPool,
        credentials: dict[str, str] | None = None,
        client: Any = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore {0} unit(s)").format(len(units)))
        self.settings, self.data_dir, self.units = settings, data_dir, units
        self.pool, self.credentials, self.client = pool, credentials, client
        self.full: RestoreJob | None = None  # every file of the units, as planned
        self.job: RestoreJob | None = None  # what the form currently asks for
        self.estimate: JobEstimate | None = None
        self.worker: RestorePlanWorker | RestoreRequestWorker | None = None
        self._prices: PriceBook | None = None
        self._build()
        self.setMinimumSize(720, 620)
        self._update()

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
        self.tier_combo.addItem(self.tr("Bulk — ready within 48 hours, cheapest"), "Bulk")
        self.tier_combo.addItem(self.tr("Standard — ready within 12 hours"), "Standard")
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
        form = QFormLayout()
        form.addRow(self.tr("Restore into:"), dest_row)
        form.addRow(self.tr("Speed:"), self.tier_combo)
        form.addRow(self.tr("Keep the restored copy:"), self.days_spin)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("restoreFiles")
        self.tree.setHeaderLabels([self.tr("Files (untick what you do not need)"), self.tr("Size")])
        self.tree.setColumnWidth(0, 480)
        self.tree.itemChanged.connect(lambda *_args: self._update())
        self.estimate_label = QLabel(self)
        self.estimate_label.setObjectName("restoreEstimate")
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setTextFormat(Qt.TextFormat.RichText)
        self.estimate_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.estimate_label.setMinimumHeight(120)
        self.estimate_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.request_button = self.buttons.addButton(self.tr("Request restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.request_button.setObjectName("requestRestore")
        self.buttons.accepted.connect(self.request)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.estimate_label)
        layout.addWidget(self.buttons)
        for signal in (self.dest_edit.textChanged, self.tier_combo.currentIndexChanged, self.days_spin.valueChanged):
            signal.connect(lambda *_args: self._update())

    # ---- plan ---------------------------------------------------------------------------------------
    def start(self) -> None:
        """Read the manifests and the objects' states (worker); the form fills in when it reports."""
        worker = RestorePlanWorker(self.settings, self.data_dir, self.units, self.credentials, self.client)
        worker.signals.finished.connect(self._planned)
        worker.signals.failed.connect(self._failed)
        self.worker = worker
        self.estimate_label.setText(self.tr("Reading the file lists and asking S3 where the files stand…"))
        start_worker(self.pool, worker)

    def _planned(self, job: object) -> None:
        assert isinstance(job, RestoreJob)
        self.worker = None
        self.full = job
        self._fill_tree(job)
        self._update()
        self.planned.emit(job)

    def _failed(self, message: str) -> None:
        self.worker = None
        self.estimate_label.setText(f'<span style="color:#c62828"><b>{html.escape(message)}</b></span>')
        self._update(keep_text=True)

    def _fill_tree(self, job: RestoreJob) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        by_unit: dict[str, list[Any]] = {}
        for f in job.files:
            by_unit.setdefault(f.unit, []).append(f)
        for unit in sorted(by_unit):
            files = by_unit[unit]
            top = QTreeWidgetItem(
                self.tree,
                [
                    self.tr("{0} (whole unit, {1} files)").format(unit, len(files)),
                    format_size(sum(f.size for f in files)),
                ],
            )
            top.setData(0, PATH_ROLE, (unit, None))
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            for f in sorted(files, key=lambda f: f.path):
                item = QTreeWidgetItem(top, [f.path, format_size(f.size)])
                item.setData(0, PATH_ROLE, (unit, f.path))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked)
            top.setCheckState(0, Qt.CheckState.Checked)
        self.tree.blockSignals(False)

    def _unit_items(self) -> list[tuple[str, QTreeWidgetItem, list[QTreeWidgetItem]]]:
        """(unit, its item, its file items) for every unit in the tree."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            assert top is not None
            children = [top.child(j) for j in range(top.childCount())]
            found.append((str(top.data(0, PATH_ROLE)[0]), top, [c for c in children if c is not None]))
        return found

    def chosen_files(self) -> dict[str, set[str]] | None:
        """Ticked files per unit; None when every file is ticked (whole units)."""
        chosen: dict[str, set[str]] = {}
        everything = True
        for unit, _top, children in self._unit_items():
            picked = chosen.setdefault(unit, set())
            for child in children:
                if child.checkState(0) == Qt.CheckState.Checked:
                    picked.add(child.data(0, PATH_ROLE)[1])
                else:
                    everything = False
        return None if everything else chosen

    def set_file_checked(self, unit: str, path: str | None, checked: bool) -> None:
        """Tick or untick one file (or a whole unit with *path* None), as a click does."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for name, top, children in self._unit_items():
            if name != unit:
                continue
            if path is None:
                top.setCheckState(0, state)
            for child in children:
                if child.data(0, PATH_ROLE)[1] == path:
                    child.setCheckState(0, state)

    # ---- the form -----------------------------------------------------------------------------------
    def browse_dest(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Restore into which folder?"), self.dest_edit.text())
        if chosen:
            self.dest_edit.setText(chosen)

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

    def _update(self, keep_text: bool = False) -> None:
        """Re-price the plan for the current form (no network) and enable the request when it makes sense."""
        self.job, self.estimate = None, None
        busy = self.worker is not None
        for widget in (self.dest_edit, self.browse_button, self.tier_combo, self.days_spin, self.tree):
            widget.setEnabled(not isinstance(self.worker, RestoreRequestWorker))
        if self.full is None or busy or keep_text:
            self.request_button.setEnabled(False)
            return
        problem = self._dest_problem()
        dest = Path(self.dest_edit.text().strip() or ".").expanduser()
        job = narrow_job(
            self.full, dest, str(self.tier_combo.currentData()), self.days_spin.value(), self.chosen_files()
        )
        pending = [f for f in job.files if f.state == FileState.PENDING]
        if not pending:
            problem = problem or self.tr("Tick at least one file to restore.")
        if self._prices is None:
            self._prices = load_prices()
        estimate = estimate_job(job, self._prices, self.settings.effective_region)
        self.job, self.estimate = job, estimate
        self.estimate_label.setText(self.describe(job, estimate, problem))
        self.request_button.setEnabled(not problem)

    def describe(self, job: RestoreJob, estimate: JobEstimate, problem: str = "") -> str:
        """The plan and its estimate in plain words (rich text)."""
        pending = [f for f in job.files if f.state == FileState.PENDING]
        refused = [f for f in job.files if f.state == FileState.FAILED]
        to_request = objects_to_request(job)
        hours = estimate.hours_max
        lines = [
            self.tr("<b>{0} file(s), {1}</b> from {2} unit(s).").format(
                len(pending), format_size(sum(f.size for f in pending)), len(job.units)
            )
        ]
        if to_request:
            lines.append(
                self.tr(
                    "{0} object(s) are restored from {1} with the <b>{2}</b> tier: ready <b>within {3:g} "
                    "hours</b>, then kept {4} day(s) to download."
                ).format(len(to_request), to_request[0].storage_class, job.tier, hours or 48, job.days)
            )
        ready_now = len(job.objects) - len(to_request)
        if ready_now:
            lines.append(
                self.tr("{0} object(s) can be downloaded now or are already being restored.").format(ready_now)
            )
        parts = []
        for part in estimate.parts:
            parts.append(
                self.tr("retrieval {0}, requests {1}, restored copy {2}, download (egress) {3}").format(
                    format_usd(part.retrieval_cost),
                    format_usd(part.request_cost),
                    format_usd(part.temporary_copy_cost),
                    format_usd(part.egress_cost),
                )
            )
        lines.append(
            self.tr("Estimated cost: <b>{0}</b> ({1}).").format(format_usd(estimate.total), "; ".join(parts) or "-")
        )
        for f in refused[:5]:
            lines.append(
                '<span style="color:#c62828">'
                + html.escape(self.tr("Refused: {0}: {1}").format(f.relpath, f.error))
                + "</span>"
            )
        if problem:
            lines.append(f'<span style="color:#c62828"><b>{html.escape(problem)}</b></span>')
        return "<br>".join(lines)

    # ---- request ------------------------------------------------------------------------------------
    def request(self) -> None:
        """Save the job and send the restore requests (worker); accepted when done."""
        self._update()
        if self.job is None or not self.request_button.isEnabled() or self._prices is None:
            return
        job = self.job
        worker = RestoreRequestWorker(self.settings, self.data_dir, job, self._prices, self.credentials, self.client)
        worker.signals.finished.connect(self._requested)
        worker.signals.failed.connect(self._failed)
        self.worker = worker
        self.request_button.setEnabled(False)
        self._update(keep_text=True)
        self.estimate_label.setText(self.estimate_label.text() + "<br>" + self.tr("Requesting the restore…"))
        log.info(
            "restore job %s: requesting %d object(s), tier %s, %d day(s), into %s",
            job.id,
            len(objects_to_request(job)),
            job.tier,
            job.days,
            job.dest,
        )
        start_worker(self.pool, worker)

    def _requested(self, outcome: object) -> None:
        assert isinstance(outcome, RequestOutcome)
        self.worker = None
        report = outcome.report
        log.info(
            "restore job %s: %d restore(s) requested, %d already under way or restored, %d failed",
            outcome.job.id,
            report.requested,
            report.already,
            len(report.failed),
        )
        for line in report.failed[:10]:
            log.warning("restore request failed: %s", line)
        self.jobCreated.emit(outcome)
        self.accept()

    def reject(self) -> None:
        if isinstance(self.worker, RestoreRequestWorker):
            return  # the job is saved and requests are going out: let them finish (they take seconds)
        if self.worker is not None:
            self.worker.cancel()
        super().reject()
