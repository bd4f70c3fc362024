"""The bandwidth limit as a family sets it — "limit to 1 MiB/s from 08:00 to 23:00, no limit otherwise" — and as
the rclone timetable text it makes, which an expert may also type directly.

The setting itself is the text (``bwlimit``, rclone's ``--bwlimit`` syntax, checked by ``core/bwlimit.py``); the
form is only a way to write the common case.  A text the form can show (off, one rate, or one daily period and
the rest of the day) opens in the form; anything else opens as text.  :class:`BandwidthDialog` is the page on its
own, for changing the limit while an upload runs (the settings dialog is closed then).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from glacier_gui.core.bwlimit import BwLimitError, parse_bwlimit, parse_rate

MIB = 1024 * 1024
_DAILY_PERIOD = re.compile(r"(\d\d:\d\d),(\S+)\s+(\d\d:\d\d),(\S+)")
OFF, FORM, TEXT = 0, 1, 2


def rate_text(mib_per_second: float) -> str:
    """A MiB/s figure in rclone's syntax (``1M``, ``1.5M``); ``off`` for 0."""
    return f"{mib_per_second:g}M" if mib_per_second > 0 else "off"


def _as_mib(text: str) -> float | None:
    """*text* (an rclone rate) as MiB/s with one decimal, when that is exactly what it says; else None."""
    try:
        rate = parse_rate(text)
    except BwLimitError:
        return None
    if rate is None:
        return 0.0
    mib = round(rate / MIB, 1)
    return mib if mib > 0 and parse_rate(rate_text(mib)) == rate else None


class BandwidthPage(QWidget):
    """Off / a simple daily form / the timetable text, always showing the text the choice makes.

    Signals: ``changed()`` when the text changes.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.off_radio = QRadioButton(self.tr("No limit"), self)
        self.form_radio = QRadioButton(self.tr("Limit to"), self)
        self.text_radio = QRadioButton(self.tr("Timetable:"), self)
        self.modes = QButtonGroup(self)
        for mode, radio in ((OFF, self.off_radio), (FORM, self.form_radio), (TEXT, self.text_radio)):
            self.modes.addButton(radio, mode)
        self.rate_spin = self._rate_spin(0.1)
        self.from_edit = QTimeEdit(QTime(8, 0), self)
        self.to_edit = QTimeEdit(QTime(23, 0), self)
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("HH:mm")
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("00:00") + 40)
            edit.setToolTip(self.tr("The same time twice: all day"))
        self.other_spin = self._rate_spin(0.0)
        self.other_spin.setValue(0.0)
        self.other_spin.setSpecialValueText(self.tr("no limit"))
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("bwlimitText")
        self.text_edit.setPlaceholderText("08:00,1M 23:00,off")
        self.text_edit.setToolTip(
            self.tr("rclone's --bwlimit syntax: 4M, 512k, '08:00,1M 23:00,off', 'Mon-08:00,512k Sat-00:00,off'")
        )
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("bwlimitHint")
        self.hint_label.setWordWrap(True)

        form_row = QHBoxLayout()
        for widget in (self.rate_spin, QLabel(self.tr("from"), self), self.from_edit):
            form_row.addWidget(widget)
        form_row.addWidget(QLabel(self.tr("to"), self))
        form_row.addWidget(self.to_edit)
        form_row.addStretch(1)
        other_row = QHBoxLayout()
        other_row.addWidget(QLabel(self.tr("otherwise"), self))
        other_row.addWidget(self.other_spin)
        other_row.addStretch(1)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.off_radio, 0, 0)
        grid.addWidget(self.form_radio, 1, 0)
        grid.addLayout(form_row, 1, 1)
        grid.addLayout(other_row, 2, 1)
        grid.addWidget(self.text_radio, 3, 0)
        grid.addWidget(self.text_edit, 3, 1)
        grid.addWidget(self.hint_label, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)

        self.modes.idToggled.connect(lambda _id, on: self._form_changed() if on else None)
        for spin in (self.rate_spin, self.other_spin):
            spin.valueChanged.connect(self._form_changed)
        for edit in (self.from_edit, self.to_edit):
            edit.timeChanged.connect(self._form_changed)
        self.text_edit.textEdited.connect(self._typed)
        self.set_text("")

    def _rate_spin(self, minimum: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(minimum, 10000.0)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setValue(1.0)
        spin.setSuffix(self.tr(" MiB/s"))
        spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("0000.0 MiB/s") + 40)
        return spin

    # ---- the text ------------------------------------------------------------------------------------
    def text(self) -> str:
        """The ``bwlimit`` value: empty for no limit."""
        return self.text_edit.text().strip()

    def set_text(self, text: str) -> None:
        """Show *text*: in the form when it can say it, else as text."""
        self._loading = True
        try:
            self.text_edit.setText(text.strip())
            self.modes.button(self._fill_form(text.strip())).setChecked(True)
        finally:
            self._loading = False
        self._show_hint()

    def _fill_form(self, text: str) -> int:
        """Put *text* into the form; the mode that shows it."""
        if text in ("", "off", "0"):
            return OFF
        single = _as_mib(text) if not re.search(r"[\s;,]", text) else None
        if single:
            self.rate_spin.setValue(single)
            self.from_edit.setTime(QTime(0, 0))
            self.to_edit.setTime(QTime(0, 0))  # the same time: all day
            return FORM
        match = _DAILY_PERIOD.fullmatch(text)
        if match:
            start, end = QTime.fromString(match[1], "HH:mm"), QTime.fromString(match[3], "HH:mm")
            during, other = _as_mib(match[2]), _as_mib(match[4])
            if start.isValid() and end.isValid() and start != end and during and other is not None:
                self.rate_spin.setValue(during)
                self.other_spin.setValue(other)
                self.from_edit.setTime(start)
                self.to_edit.setTime(end)
                return FORM
        return TEXT

    def form_text(self) -> str:
        """What the form says, in rclone's syntax."""
        during = rate_text(self.rate_spin.value())
        start, end = self.from_edit.time(), self.to_edit.time()
        if start == end:
            return during
        return f"{start.toString('HH:mm')},{during} {end.toString('HH:mm')},{rate_text(self.other_spin.value())}"

    def _form_changed(self, *_args: object) -> None:
        mode = self.modes.checkedId()
        for widget in (self.rate_spin, self.from_edit, self.to_edit, self.other_spin):
            widget.setEnabled(mode == FORM)
        if self._loading:
            return
        if mode == OFF:
            self.text_edit.setText("")
        elif mode == FORM:
            self.text_edit.setText(self.form_text())
        self._show_hint()
        self.changed.emit()

    def _typed(self, _text: str) -> None:
        self._loading = True
        try:
            self.text_radio.setChecked(True)
        finally:
            self._loading = False
        self._form_changed()

    # ---- the hint under the text ---------------------------------------------------------------------
    def error(self) -> str:
        """Why the text is not a bandwidth limit (empty when it is)."""
        try:
            if self.text():
                parse_bwlimit(self.text())
        except BwLimitError as exc:
            return str(exc)
        return ""

    def _show_hint(self) -> None:
        problem = self.error()
        if problem:
            self.hint_label.setText(self.tr("Not a bandwidth limit: {0}").format(problem))
            return
        if not self.text():
            self.hint_label.setText(self.tr("Uploads use the whole line."))
            return
        if self.modes.checkedId() != FORM:
            self.hint_label.setText(self.tr("All uploads together follow this timetable."))
            return
        mbit = self.rate_spin.value() * MIB * 8 / 1e6
        self.hint_label.setText(
            self.tr("All uploads together stay below this; {0} MiB/s is about {1} Mbit/s of your line.").format(
                f"{self.rate_spin.value():g}", f"{mbit:.1f}"
            )
        )


class BandwidthDialog(QDialog):
    """The bandwidth page on its own (also while an upload runs); :meth:`text` once accepted."""

    def __init__(self, text: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Upload bandwidth"))
        self.setObjectName("bandwidthDialog")
        self.page = BandwidthPage(self)
        self.page.set_text(text)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Changes apply at once, also to an upload that is running."), self))
        layout.addWidget(self.page)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.page.text()

    def accept(self) -> None:
        problem = self.page.error()
        if problem:
            self.error_label.setText(problem)
            return
        super().accept()
