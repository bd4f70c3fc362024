"""The backup path's last wizard page: what Finish will save, and whether to start the first scan.

Apart from the wizard itself (setup_wizard.py), which routes between the backup and the recovery paths.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QVBoxLayout

from glacier_gui.gui.dialogs.setup_widgets import failure_html
from glacier_gui.gui.dialogs.wizard_pages import WizardContext, WizardPage


class SummaryPage(WizardPage):
    """What Finish will save, and whether to start the first scan right away (it only reads the album)."""

    def __init__(self, context: WizardContext, describe: Any) -> None:
        super().__init__(context)
        self._describe = describe
        self.setTitle(self.tr("Ready to go"))
        self.setSubTitle(self.tr("Finish saves these settings. You can change them any time in Settings."))
        self.summary_label = self._message_label("setupSummary")
        self.start_scan_check = QCheckBox(
            self.tr("Start the first scan now (it only reads the album; nothing is uploaded until you choose)"), self
        )
        self.start_scan_check.setChecked(True)
        self.error_label = self._message_label("summaryError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addSpacing(12)
        layout.addWidget(self.start_scan_check)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.error_label.clear()
        self.summary_label.setText(self._describe())

    def show_error(self, message: str) -> None:
        self.error_label.setText(failure_html(message, self.palette()))
