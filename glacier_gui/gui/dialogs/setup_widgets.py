"""Pieces the settings dialog and the first-run wizard share, so each is written once.

* :class:`FolderPicker` — a path field with *Browse…* (a typed UNC path such as ``\\\\192.168.0.20\\10_Album``
  works as well as a picked folder); :func:`pick_folder`, Qt's folder dialog with the answer in the OS's
  separators (Qt answers ``//192.168.0.20/10_Album`` on Windows too);
* :class:`LatestTask` — a background call after a pause in typing, of which only the latest answer counts
  (the level preview: each key press or level change supersedes the scan before it);
* :class:`CredentialsBox` — where the AWS keys come from: a profile of the user's AWS config, or keys kept in
  the OS keyring (never in a settings file);
* :func:`results_html` / :func:`failure_html` — the Test connection checks in words, ✔ or ✘ in a colour that
  reads on the palette in use (light or dark).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDir, QObject, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3 import credentials
from glacier_gui.core.s3.connection import CheckResult
from glacier_gui.core.settings import Settings
from glacier_gui.gui import texts
from glacier_gui.gui.colors import Tone, tone_color
from glacier_gui.gui.job_runner import JobRunner
from glacier_gui.gui.workers.base import Task

log = logging.getLogger(__name__)


def status_colour(palette: QPalette, ok: bool) -> str:
    """Green for a passed check, red for a failed one, in the variant that reads on *palette*'s window."""
    return tone_color(Tone.GOOD if ok else Tone.PROBLEM, palette).name()


def mark_html(palette: QPalette, ok: bool) -> str:
    """✔ or ✘, coloured (rich text)."""
    return f'<span style="color:{status_colour(palette, ok)}">{"✔" if ok else "✘"}</span>'


def results_html(results: list[CheckResult], palette: QPalette) -> str:
    """One line per check: its mark (✔, ! for a warning, ✘) and its message in the user's language."""
    lines = []
    for r in results:
        if not r.ok and r.severity == "warning":
            mark = f'<span style="color:{tone_color(Tone.WARNING, palette).name()}">!</span>'
        else:
            mark = mark_html(palette, r.ok)
        lines.append(f"{mark} {html.escape(texts.core_text(r.message), quote=False)}")
    return "<br>".join(lines)


def failure_html(message: str, palette: QPalette) -> str:
    """A check that could not run at all (no client, no network): ✘ and the reason."""
    return f"{mark_html(palette, False)} {html.escape(texts.core_text(message), quote=False)}"


class FolderPicker(QWidget):
    """A line edit for a folder and a *Browse…* button; :attr:`edit` holds the path as typed or picked."""

    def __init__(self, caption: str, placeholder: str = "", parent: Any = None) -> None:
        super().__init__(parent)
        self._caption = caption
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMinimumWidth(280)
        self.browse_button = QPushButton(self.tr("Browse…"), self)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse_button)

    def path(self) -> str:
        return self.edit.text().strip()

    def browse(self) -> None:
        chosen = pick_folder(self, self._caption, self.path())
        if chosen:
            self.edit.setText(chosen)


def pick_folder(parent: QWidget, caption: str, start: str) -> str:
    """The folder the user picks ("" if none), written as the OS writes paths: Qt's dialog answers with ``/``
    even on Windows, and a share saved as ``//192.168.0.20/10_Album`` would give status.csv mixed separators."""
    chosen = QFileDialog.getExistingDirectory(parent, caption, start)
    return QDir.toNativeSeparators(chosen) if chosen else ""


class LatestTask(QObject):
    """Runs one background call at a time on the session's runner; only the latest call reports.

    :meth:`schedule` (re)starts a short timer whose ``due`` signal tells the owner to :meth:`run` the call
    (so typing a path starts one scan, not one per key).  A new :meth:`run` cancels the one before it, whose
    answer is then dropped.  Signals: ``finished(object)`` and ``failed(str)`` of the latest call.
    """

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, runner: JobRunner, delay_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._task: Task | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.due = self.timer.timeout

    @property
    def running(self) -> bool:
        return self._task is not None

    def schedule(self) -> None:
        self.timer.start()

    def run(self, fn: Callable[[], object], name: str, cancel: CancelToken | None = None) -> None:
        """Start ``fn()`` (superseding any call still running); *cancel* is the token *fn* checks, if any."""
        self.cancel()
        self._task = self._runner.run_task(fn, self._done, self._failed, name, cancel)

    def cancel(self) -> None:
        """Drop the running call's answer (and ask it to stop, if it checks its token)."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def stop(self) -> None:
        self.timer.stop()
        self.cancel()

    def _latest(self) -> bool:
        task = self._task
        if task is None or self.sender() is not task.signals:
            return False
        self._task = None
        return True

    def _done(self, result: object) -> None:
        if self._latest():
            self.finished.emit(result)

    def _failed(self, message: str) -> None:
        if self._latest():
            self.failed.emit(message)


class CredentialsBox(QObject):
    """Choose where the AWS keys come from; typed keys go to the OS keyring only when :meth:`save_typed_keys`.

    The widgets are children of *parent*; the owner places them in its form with :meth:`add_rows`.
    Signals: ``changed()`` — the source, the profile or a typed key changed; ``problem(str)`` — the OS
    keyring refused something (the owner shows it).
    """

    changed = Signal()
    problem = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.source_combo = QComboBox(parent)
        self.source_combo.addItem(self.tr("AWS profile (from your AWS config)"), "profile")
        self.source_combo.addItem(self.tr("Access keys kept in the OS keyring"), "keyring")
        self.profile_combo = QComboBox(parent)
        self.profile_combo.setEditable(True)
        self.key_id_edit = QLineEdit(parent)
        self.key_id_edit.setPlaceholderText(self.tr("Access key id"))
        self.secret_edit = QLineEdit(parent)
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setPlaceholderText(self.tr("Secret access key"))
        self.forget_keys_button = QPushButton(self.tr("Forget stored keys"), parent)
        self.forget_keys_button.clicked.connect(self.forget_keys)
        self.credential_pages = QStackedWidget(parent)
        profile_page = QWidget(parent)
        profile_form = QFormLayout(profile_page)
        profile_form.addRow(self.tr("Profile:"), self.profile_combo)
        keys_page = QWidget(parent)
        keys_form = QFormLayout(keys_page)
        keys_form.addRow(self.tr("Access key id:"), self.key_id_edit)
        keys_form.addRow(self.tr("Secret key:"), self.secret_edit)
        keys_form.addRow("", self.forget_keys_button)
        for page, page_form in ((profile_page, profile_form), (keys_page, keys_form)):
            page_form.setContentsMargins(0, 0, 0, 0)
            self.credential_pages.addWidget(page)
        self.source_combo.currentIndexChanged.connect(self.refresh)
        for signal in (
            self.source_combo.currentIndexChanged,
            self.profile_combo.currentTextChanged,
            self.key_id_edit.textChanged,
            self.secret_edit.textChanged,
        ):
            signal.connect(self.changed)

    def add_rows(self, form: QFormLayout) -> None:
        """Two rows of *form*: the source, then the profile or key fields of that source."""
        form.addRow(self.tr("Credentials:"), self.source_combo)
        form.addRow("", self.credential_pages)

    def load(self, s: Settings, source: str | None = None) -> None:
        """Show *s*'s profile and credential source (or *source*, when the owner picks a better default)."""
        self.profile_combo.clear()
        self.profile_combo.addItem("")
        self.profile_combo.addItems([p for p in credentials.list_profiles() if p])
        self.profile_combo.setCurrentText(s.profile)
        self.source_combo.setCurrentIndex(max(0, self.source_combo.findData(source or s.credential_source)))
        self.refresh()

    def source(self) -> str:
        return str(self.source_combo.currentData())

    def profile(self) -> str:
        return self.profile_combo.currentText().strip()

    def typed_keys(self) -> dict[str, str] | None:
        """The keys typed in (both fields), as make_client's credentials; None when the fields are empty."""
        key_id, secret = self.key_id_edit.text().strip(), self.secret_edit.text().strip()
        if not (key_id and secret):
            return None
        return {"aws_access_key_id": key_id, "aws_secret_access_key": secret}

    def check_keys(self) -> None:
        """Raise :class:`CredentialError` unless the keyring source has keys (typed now, or stored before)."""
        key_id, secret = self.key_id_edit.text().strip(), self.secret_edit.text().strip()
        if key_id or secret:
            if not (key_id and secret):
                raise credentials.CredentialError(self.tr("enter both the access key id and the secret access key"))
        elif credentials.load_keys() is None:
            raise credentials.CredentialError(
                self.tr(
                    "enter the access key id and secret access key to keep in the OS keyring, or choose an AWS profile"
                )
            )

    def save_typed_keys(self) -> None:
        """Keep typed keys in the OS keyring (typed fields are then cleared); refuses when there are none."""
        self.check_keys()
        keys = self.typed_keys()
        if keys is not None:
            credentials.store_keys(keys["aws_access_key_id"], keys["aws_secret_access_key"])
            self.secret_edit.clear()

    def forget_keys(self) -> None:
        try:
            credentials.delete_keys()
        except credentials.CredentialError as exc:
            self.problem.emit(str(exc))
        self.refresh()

    def refresh(self, *_args: object) -> None:
        """Show the page of the chosen source; for the keyring, which key id is stored."""
        keyring_source = self.source() == "keyring"
        self.credential_pages.setCurrentIndex(1 if keyring_source else 0)
        if keyring_source:
            try:
                stored = credentials.stored_key_id()
            except credentials.CredentialError as exc:
                self.key_id_edit.setPlaceholderText(str(exc))
                return
            hint = self.tr("stored: {0}").format(stored) if stored else self.tr("Access key id")
            self.key_id_edit.setPlaceholderText(hint)
            self.secret_edit.setPlaceholderText(self.tr("(unchanged)") if stored else self.tr("Secret access key"))
