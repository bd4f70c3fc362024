"""The About box: name, version, where the data and logs are, and the licence."""

from __future__ import annotations

import html
import platform
from pathlib import Path
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from glacier_gui import APP_DISPLAY_NAME, __version__


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About {0}").format(APP_DISPLAY_NAME))
        text = self.tr(
            "<h3>{name} {version}</h3>"
            "<p>Backs up a photo album to Amazon S3 Glacier Deep Archive, one folder at a time, "
            "with a status.csv you can also open in Excel.</p>"
            "<p>Settings, logs and status.csv: <br><code>{data}</code></p>"
            "<p>Python {python}, Qt for Python {qt}. MIT licence.</p>"
        ).format(
            name=APP_DISPLAY_NAME,
            version=__version__,
            data=html.escape(str(data_dir)),
            python=platform.python_version(),
            qt=pyside_version,
        )
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
