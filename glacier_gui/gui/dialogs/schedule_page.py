"""Settings → "Back up automatically": off, daily at a time, or weekly on some days.

On Windows the page shows what Task Scheduler says about the task (its last run and result, read with
``schtasks /Query`` through the runner); the task itself is made or removed when the settings are saved
(``gui/link_control.py``).  On other systems there is nothing we register: the page shows the crontab line or
launchd plist to copy, made from the form as it stands.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTime
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from glacier_gui.core.homelink import autorun
from glacier_gui.core.homelink.schedule import Outcome, ScheduleError, TaskStatus
from glacier_gui.core.setting_checks import WEEKDAY_NAMES
from glacier_gui.core.settings import Settings
from glacier_gui.gui.session import Session

SCHEDULE_CHOICES = ("off", "daily", "weekly")


class SchedulePage(QWidget):
    """The automatic backup's form, and the task's state (Windows) or the text to copy (elsewhere)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.when_combo = QComboBox(self)
        self.when_combo.setObjectName("scheduleCombo")
        for value, label in zip(SCHEDULE_CHOICES, (self.tr("Off"), self.tr("Daily"), self.tr("Weekly")), strict=True):
            self.when_combo.addItem(label, value)
        self.time_edit = QTimeEdit(QTime(2, 0), self)
        self.time_edit.setDisplayFormat("HH:mm")
        names = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"))
        self.day_checks = {
            day: QCheckBox(label, self) for day, label in zip(WEEKDAY_NAMES, (*names, self.tr("Sun")), strict=True)
        }
        self.state_label = QLabel(self)
        self.state_label.setObjectName("scheduleState")
        self.state_label.setWordWrap(True)
        self.copy_text = QPlainTextEdit(self)
        self.copy_text.setObjectName("scheduleCopyText")
        self.copy_text.setReadOnly(True)
        self.copy_text.setMaximumHeight(90)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.copy_text.toPlainText()))

        self.time_edit.setMinimumWidth(self.time_edit.fontMetrics().horizontalAdvance("00:00") + 40)
        row = QHBoxLayout()
        row.addWidget(self.when_combo)
        row.addWidget(QLabel(self.tr("at"), self))
        row.addWidget(self.time_edit)
        row.addStretch(1)
        days_row = QHBoxLayout()
        for check in self.day_checks.values():
            days_row.addWidget(check)
        days_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addLayout(days_row)
        layout.addWidget(self.state_label)
        layout.addWidget(self.copy_text)
        layout.addWidget(self.copy_button)
        layout.addStretch(1)
        on_windows = autorun.uses_task_scheduler()
        self.copy_text.setVisible(not on_windows)
        self.copy_button.setVisible(not on_windows)

        self.when_combo.currentIndexChanged.connect(self._form_changed)
        self.time_edit.timeChanged.connect(self._form_changed)
        for check in self.day_checks.values():
            check.toggled.connect(self._form_changed)

    # ---- values --------------------------------------------------------------------------------------
    def load(self, s: Settings) -> None:
        self.when_combo.setCurrentIndex(max(0, self.when_combo.findData(s.schedule)))
        when = QTime.fromString(s.schedule_time.zfill(5), "HH:mm")
        self.time_edit.setTime(when if when.isValid() else QTime(2, 0))
        days = set(s.schedule_day_list)
        for day, check in self.day_checks.items():
            check.setChecked(day in days)
        self._form_changed()
        if autorun.uses_task_scheduler():
            self.read_task()

    def values(self, s: Settings) -> Settings:
        """*s* with the form's schedule."""
        days = ",".join(day for day, check in self.day_checks.items() if check.isChecked())
        return replace(
            s,
            schedule=str(self.when_combo.currentData()),
            schedule_time=self.time_edit.time().toString("HH:mm"),
            schedule_days=days,
        )

    def _form_changed(self, *_args: object) -> None:
        weekly = self.when_combo.currentData() == "weekly"
        self.time_edit.setEnabled(self.when_combo.currentData() != "off")
        for check in self.day_checks.values():
            check.setVisible(weekly)
        if not autorun.uses_task_scheduler():
            self._show_copy_text()

    def _show_copy_text(self) -> None:
        s = self.values(self.session.settings)
        for widget in (self.copy_text, self.copy_button):
            widget.setVisible(s.schedule != "off")  # no empty box to copy from while off
        if s.schedule == "off":
            self.copy_text.clear()
            self.state_label.setText(self.tr("Off: back up with the Upload button."))
            return
        try:
            text = autorun.copy_text(s, self.session.data_dir)
        except ScheduleError as exc:
            self.copy_text.clear()
            self.state_label.setText(str(exc))
            return
        self.copy_text.setPlainText(text)
        self.state_label.setText(
            self.tr("Install this yourself (launchd on macOS, 'crontab -e' elsewhere); it runs 'glacier-gui run'.")
        )

    # ---- the Windows task ----------------------------------------------------------------------------
    def read_task(self) -> None:
        """Ask Task Scheduler about the task (in the background)."""
        self.state_label.setText(self.tr("Reading the task from Task Scheduler…"))
        runner = autorun.task_runner  # looked up now: tests replace it
        self.session.runner.run_task(
            lambda: autorun.query_task(runner), self.show_task, self.state_label.setText, "query the backup task"
        )

    def show_task(self, status: object) -> None:
        if status is None:
            self.state_label.setText(self.tr("No task in Task Scheduler yet: it is made when you press OK."))
            return
        assert isinstance(status, TaskStatus)
        outcome = {
            Outcome.SUCCESS: self.tr("succeeded"),
            Outcome.FAILED: self.tr("failed ({0})").format(status.last_result_hex),
            Outcome.RUNNING: self.tr("running now"),
            Outcome.NEVER_RAN: self.tr("has not run yet"),
            Outcome.UNKNOWN: self.tr("result unknown"),
        }[status.outcome]
        last = status.last_run_text if status.outcome != Outcome.NEVER_RAN else ""
        self.state_label.setText(
            self.tr("Task Scheduler: last run {0} {1}; next run {2}.").format(last, outcome, status.next_run_text)
        )
