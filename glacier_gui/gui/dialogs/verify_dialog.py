"""The result of "Verify selected units in S3": one row per unit, problems in red, the details below."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from glacier_gui.core.restore.verify import UnitCheck
from glacier_gui.gui import texts
from glacier_gui.gui.colors import Tone, text_style, tone_color


def verdict(check: UnitCheck) -> str:
    """One line per unit, in the user's words (also for the log, hence not a method)."""
    if check.error:
        return QCoreApplication.translate("VerifyResultsDialog", "Could not be checked: {0}").format(
            texts.core_text(check.error)
        )
    if not check.ok:
        kinds = sorted({texts.problem_kind(p.kind) for p in check.problems})
        return QCoreApplication.translate("VerifyResultsDialog", "{0} problem(s): {1}").format(
            len(check.problems), ", ".join(kinds)
        )
    return QCoreApplication.translate(
        "VerifyResultsDialog", "OK: every file is there, sizes, storage class and checksums match"
    )


class VerifyResultsDialog(QDialog):
    """A table of :class:`UnitCheck` (few rows: the units the user selected)."""

    def __init__(self, checks: list[UnitCheck], parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.setWindowTitle(self.tr("Verify in S3"))
        self.checks = checks
        bad = [c for c in checks if not c.ok]
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("verifySummary")
        self.summary_label.setWordWrap(True)
        if bad:
            self.summary_label.setText(
                self.tr(
                    "{0} unit(s) checked: {1} with problems. Nothing was restored or "
                    "downloaded; this compared the backup's file lists with S3."
                ).format(len(checks), len(bad))
            )
            self.summary_label.setStyleSheet(text_style(Tone.PROBLEM, bold=True))
        else:
            self.summary_label.setText(
                self.tr("{0} unit(s) checked: all in S3, whole and in the right storage class.").format(len(checks))
            )
            self.summary_label.setStyleSheet(text_style(Tone.GOOD, bold=True))
        self.table = QTableWidget(len(checks), 5, self)
        self.table.setObjectName("verifyTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Unit"), self.tr("Files"), self.tr("Size"), self.tr("Objects"), self.tr("Result")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, check in enumerate(checks):
            cells = [
                check.unit,
                texts.number(check.files),
                texts.size(check.bytes),
                texts.number(check.objects),
                verdict(check),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the result may be longer than the column: in full on hover
                tone = Tone.GOOD if check.ok else Tone.PROBLEM
                item.setForeground(QBrush(tone_color(tone)) if col == 4 or not check.ok else QBrush())
                self.table.setItem(row, col, item)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        lines = []
        for check in bad:
            lines.append(f"{check.unit}:" + (f" {texts.core_text(check.error)}" if check.error else ""))
            lines += [
                f"  {texts.problem_kind(p.kind)}: {p.path} ({p.key}): {texts.core_text(p.detail)}"
                for p in check.problems[:200]
            ]
        self.details.setPlainText("\n".join(lines))
        self.details.setVisible(bool(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(max(820, self.table.horizontalHeader().length() + 40), 420)  # the results' words, whole
