"""The estimate shown before an upload: files, bytes, objects, requests and what they cost, once and per month.

Nothing is sent until the user presses Upload.  When packing small files would save money (and packing is off),
a tip says how much and a check box turns the setting on for this upload and the next ones.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from glacier_gui.core.settings import Settings
from glacier_gui.core.textfmt import format_size, format_usd
from glacier_gui.core.upload.estimate import SUGGESTED_PACK_BELOW, UploadPlan
from glacier_gui.gui import texts
from glacier_gui.gui.colors import Tone, text_style


class UploadEstimateDialog(QDialog):
    """Shows :class:`UploadPlan` for the units about to be uploaded; Upload = ``accepted``, Cancel = ``rejected``.

    After acceptance :attr:`pack_below` is the packing threshold the user chose (unchanged unless the tip's
    check box was ticked).
    """

    def __init__(
        self, settings: Settings, units: list[str], plan: UploadPlan | None, problem: str = "", parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("uploadEstimateDialog")
        self.setWindowTitle(self.tr("Upload estimate"))
        self.plan = plan
        self.pack_below = settings.pack_below
        self.jpy_rate = settings.jpy_rate
        self.labels: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Before anything is sent: what uploading {0} unit(s) to {1} ({2}) costs.").format(
                len(units), settings.bucket or "-", texts.storage_class_name(settings.storage_class)
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.pack_check: QCheckBox | None = None
        if plan is None:
            self._row(
                form,
                "problem",
                self.tr("Estimate:"),
                self.tr("no cost estimate ({0}); the upload itself is not affected").format(texts.core_text(problem)),
            )
        else:
            self._fill(form, plan)
            if plan.with_packing is not None:
                layout.addWidget(self._packing_tip(plan))
        if settings.dry_run:
            self._row(form, "dry_run", self.tr("Dry run:"), self.tr("on: nothing will be sent, only planned"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.upload_button = self.buttons.addButton(self.tr("Upload"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.upload_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _row(self, form: QFormLayout, key: str, caption: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(f"estimate_{key}")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(caption, label)
        self.labels[key] = label
        return label

    def _fill(self, form: QFormLayout, plan: UploadPlan) -> None:
        e, rate, number = plan.estimate, self.jpy_rate, texts.number
        self._row(
            form, "files", self.tr("Files:"), self.tr("{0} in {1} unit(s)").format(number(plan.files), plan.units)
        )
        size = texts.size(plan.bytes)
        if plan.bytes >= 10**7:  # the decimal GB the prices are quoted in, once it says something
            size = self.tr("{0} ({1} GB)").format(size, QLocale().toString(plan.bytes / 1e9, "f", 2))
        self._row(form, "bytes", self.tr("Size:"), size)
        objects = number(plan.objects)
        if plan.pack_below:
            objects += self.tr(" (files below {0} packed into tar volumes)").format(texts.size(plan.pack_below))
        self._row(form, "objects", self.tr("Objects in S3:"), objects)
        self._row(form, "requests", self.tr("Requests:"), number(plan.total_requests))
        self._row(form, "request_cost", self.tr("Once, for the requests:"), texts.money(plan.one_time_cost, rate))
        self._row(
            form,
            "monthly",
            self.tr("Storage per month:"),
            self.tr("{0} (data {1} + per-object overhead {2}); {3} per year").format(
                texts.money(e.storage_monthly, rate),
                texts.money(e.storage_monthly_data),
                texts.money(e.overhead_monthly),
                texts.money(e.cost_per_year, rate),
            ),
        )
        if e.min_storage_days:
            self._row(
                form,
                "minimum",
                self.tr("Minimum commitment:"),
                self.tr("{0}: {1} days of storage are billed even if the files are deleted earlier").format(
                    texts.money(e.minimum_commitment, self.jpy_rate), e.min_storage_days
                ),
            )
        if (t := plan.thumbnails) is not None:
            self._row(
                form,
                "thumbnails",
                self.tr("Thumbnails for browsing:"),
                self.tr("{0} photos, {1} in {2}: {3} per month + {4} once (not in the figures above)").format(
                    number(t.photos),
                    texts.size(t.total_bytes),
                    texts.storage_class_name(t.storage_class),
                    texts.money(t.storage_monthly, rate),
                    texts.money(t.request_cost, rate),
                ),
            )

    def _packing_tip(self, plan: UploadPlan) -> QWidget:
        alt = plan.with_packing
        assert alt is not None
        box = QWidget(self)
        tip_layout = QVBoxLayout(box)
        tip_layout.setContentsMargins(0, 6, 0, 0)
        tip = QLabel(
            self.tr(
                "Tip: packing files smaller than {0} into tar volumes would need {1} requests ({2}) "
                "and {3} per month: {4} less in the first year."
            ).format(
                texts.size(SUGGESTED_PACK_BELOW),
                texts.number(alt.total_requests),
                texts.money(alt.one_time_cost),
                texts.money(alt.estimate.storage_monthly),
                texts.money(plan.packing_saves, self.jpy_rate),
            ),
            box,
        )
        tip.setObjectName("packingTip")
        tip.setWordWrap(True)
        tip.setStyleSheet(text_style(Tone.GOOD))
        self.labels["tip"] = tip
        check = QCheckBox(
            self.tr("Pack files smaller than {0} (this upload and later ones; see Settings)").format(
                texts.size(SUGGESTED_PACK_BELOW)
            ),
            box,
        )
        check.setObjectName("packingCheck")
        self.pack_check = check
        tip_layout.addWidget(tip)
        tip_layout.addWidget(check)
        return box

    def accept(self) -> None:
        if self.pack_check is not None and self.pack_check.isChecked():
            self.pack_below = SUGGESTED_PACK_BELOW
        super().accept()

    def summary(self) -> str:
        """One line for the log."""
        plan = self.plan
        if plan is None:
            return self.labels["problem"].text()
        e = plan.estimate
        line = (
            f"{plan.files} file(s), {format_size(plan.bytes)}, {plan.objects} object(s), {plan.total_requests} "
            f"request(s) ({format_usd(plan.one_time_cost)} once), {format_usd(e.storage_monthly)} per month"
        )
        if e.min_storage_days:
            line += f", minimum commitment {format_usd(e.minimum_commitment)} ({e.min_storage_days} days)"
        if plan.with_packing is not None:
            line += f"; packing small files would save {format_usd(plan.packing_saves)} in the first year"
        return line

    def text(self) -> str:
        """Everything shown, as plain text (for the log and tests)."""
        return "\n".join(f"{key}: {label.text()}" for key, label in self.labels.items())
