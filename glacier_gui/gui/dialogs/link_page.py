"""The settings dialog's "Home link" row: upload bandwidth, keeping the PC awake, and the automatic backup.

One widget with ``load(settings)`` and ``values(settings)``, so the settings dialog adds it in three lines and
knows nothing of its parts (``bandwidth_page.py``, ``schedule_page.py``).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from glacier_gui.core.settings import Settings, setting_specs
from glacier_gui.gui import texts
from glacier_gui.gui.dialogs.bandwidth_page import BandwidthPage
from glacier_gui.gui.dialogs.schedule_page import SchedulePage
from glacier_gui.gui.session import Session


class LinkPage(QWidget):
    """Bandwidth limit and keep-awake (left), automatic backup (right)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkPage")
        self.bandwidth = BandwidthPage(self)
        self.keep_awake_check = QCheckBox(
            self.tr("Keep the computer awake while scanning, uploading or downloading"), self
        )
        self.keep_awake_check.setToolTip(texts.core_text(setting_specs()["keep_awake"].help))
        self.schedule = SchedulePage(session, self)
        link = QGroupBox(self.tr("Upload bandwidth"), self)
        link_layout = QVBoxLayout(link)
        link_layout.addWidget(self.bandwidth)
        link_layout.addWidget(self.keep_awake_check)
        link_layout.addStretch(1)
        auto = QGroupBox(self.tr("Back up automatically"), self)
        QVBoxLayout(auto).addWidget(self.schedule)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(link, 1)
        layout.addWidget(auto, 1)

    def load(self, s: Settings) -> None:
        self.bandwidth.set_text(s.bwlimit)
        self.keep_awake_check.setChecked(s.keep_awake)
        self.schedule.load(s)

    def values(self, s: Settings) -> Settings:
        """*s* with this page's values (not yet validated: the dialog does that, and shows the reason)."""
        s = replace(s, bwlimit=self.bandwidth.text(), keep_awake=self.keep_awake_check.isChecked())
        return self.schedule.values(s)
