"""Help → "Get my photos back": the recovery guide, in the window's language, with a button that starts it.

The guide a family reads on the day the PC died: what to have ready (the bucket's name and the AWS key), and the
steps of the wizard's recovery path, Browse, Restore, download and Verify, in plain words.  It lives in the app
(no browser, no file to find); docs/recovery.md says the same for readers of the repository.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout


class RecoveryGuideDialog(QDialog):
    """The steps to get the photos back; ``startRequested()`` when the user asks to begin (the wizard opens)."""

    startRequested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryGuide")
        self.setWindowTitle(self.tr("Get my photos back"))
        self.text = QTextBrowser(self)
        self.text.setObjectName("recoveryGuideText")
        self.text.setOpenLinks(False)
        self.text.setHtml(self.guide_html())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.start_button = self.buttons.addButton(
            self.tr("Start: get my photos back…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setObjectName("startRecovery")
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 620)

    def guide_html(self) -> str:
        steps = [
            self.tr(
                "Choose <b>Get my photos back from an existing backup</b> (this guide's Start button does it), "
                "and type your AWS access key."
            ),
            self.tr(
                "Type the <b>bucket's name</b>. The app finds by itself where the bucket is kept and which albums "
                "it holds."
            ),
            self.tr(
                "Choose the <b>album</b> from the list. Its name in the backup stays as it was, even if your "
                "folders are called differently now."
            ),
            self.tr(
                "Choose <b>where restored photos should go</b>. An album folder is not needed; choose one only "
                "to go on backing up into the same backup."
            ),
            self.tr(
                "Press Finish: the list of your backed-up folders is read from the bucket. They show as "
                "<b>Archive only (not on this PC)</b>."
            ),
            self.tr(
                "Select folders and choose <b>Browse</b> to see the photos as thumbnails at once (no wait, no "
                "cost), or <b>Restore</b> to get the photos themselves."
            ),
            self.tr(
                "Amazon gets the photos ready within 48 hours (Bulk, cheapest) or 12 hours (Standard). The "
                "<b>Restore jobs</b> panel shows when they are ready: press <b>Download</b>. Each file is checked "
                "as it arrives; <b>Verify</b> checks the whole backup without a restore."
            ),
        ]
        items = "".join(f"<li>{step}</li>" for step in steps)
        return (
            self.tr("<h3>Get my photos back on a new computer</h3>")
            + self.tr(
                "<p>You need only two things: the <b>name of your bucket</b> and your <b>AWS access key</b> "
                "(access key id and secret access key). The old computer, its settings and the NAS are not "
                "needed.</p>"
            )
            + f"<ol>{items}</ol>"
            + self.tr(
                "<p>Nothing is deleted or changed in your backup while you do this: the app only reads it and asks "
                "Amazon for temporary copies.</p>"
            )
        )

    def _start(self) -> None:
        self.accept()
        self.startRequested.emit()


__all__ = ["RecoveryGuideDialog"]
