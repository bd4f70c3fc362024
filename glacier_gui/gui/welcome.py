"""What the empty main window shows: the two ways in, so a new PC is never a blank table with no hint.

With no unit in the list (a first start, or a new computer), the board shows this panel instead of an empty
table: back up this computer's album (the set-up, or a scan when the album is already chosen), or get the
photos back from an existing backup (the wizard's recovery path).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePanel(QWidget):
    """Two buttons and a line each; ``backupRequested()`` / ``recoverRequested()`` when pressed."""

    backupRequested = Signal()
    recoverRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        title = QLabel(self.tr("<h3>Nothing in the list yet</h3>"), self)
        self.backup_button = QPushButton(self.tr("Back up this computer's photo album…"), self)
        self.backup_button.setObjectName("welcomeBackup")
        self.backup_button.clicked.connect(self.backupRequested)
        backup_note = self._note(self.tr("Choose the album folder; the app lists its folders, then uploads them."))
        self.recover_button = QPushButton(self.tr("Get my photos back from an existing backup…"), self)
        self.recover_button.setObjectName("welcomeRecover")
        self.recover_button.clicked.connect(self.recoverRequested)
        recover_note = self._note(
            self.tr("A new or repaired computer: you need only the bucket's name and your AWS key.")
        )
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        for button, note in ((self.backup_button, backup_note), (self.recover_button, recover_note)):
            layout.addSpacing(12)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(note)  # the whole width: a wrapped line centred by the label itself, never cut
        layout.addStretch(2)

    def _note(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        return label
