"""The settings dialog: album root and level (with a live preview), skip lists, AWS target, Test connection.

It edits a copy of the core's :class:`Settings` and calls ``validate()`` before accepting; a refused value
keeps the dialog open with the reason shown.  Keys typed for the keyring source go to the OS keyring on
accept, never into the settings file.
"""

from __future__ import annotations

import html
import logging
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from glacier_gui.core.i18n import message_of
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3 import credentials
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.connection import CheckResult, run_connection_checks
from glacier_gui.core.setting_checks import DEFAULT_SKIP_FILES, DEFAULT_SKIP_FOLDERS, MAX_JPY_RATE, STORAGE_CLASSES
from glacier_gui.core.settings import Settings, SettingsError, album_root_name, setting_specs
from glacier_gui.gui import texts
from glacier_gui.gui.colors import Tone, text_style
from glacier_gui.gui.dialogs.link_page import LinkPage
from glacier_gui.gui.dialogs.list_editor import ListEditor
from glacier_gui.gui.dialogs.setup_widgets import (
    CredentialsBox,
    FolderPicker,
    LatestTask,
    failure_html,
    results_html,
)
from glacier_gui.gui.session import Session
from glacier_gui.gui.workers.base import Task
from glacier_gui.gui.workers.scan_worker import LevelPreview, level_preview

log = logging.getLogger(__name__)
W = TypeVar("W", bound=QWidget)

PREVIEW_DELAY_MS = 400  # debounce: typing a path or spinning the level starts one scan, not one per key


class SettingsDialog(QDialog):
    """Edit a copy of the session's settings; once ``accepted``, :meth:`result_settings` has the new values.

    The session's credentials, when set, override the credential source for Test connection (the demo passes
    its own keys); the preview and Test connection run on the session's runner.
    """

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self._runner = session.runner
        self._original = replace(session.settings)
        self._credentials = session.credentials
        self._result: Settings | None = None
        self._connection_task: Task | None = None
        self._specs = setting_specs()
        self.link_page = LinkPage(session, self)  # bandwidth, keep-awake, automatic backup
        self._preview = LatestTask(self._runner, PREVIEW_DELAY_MS, self)
        self._preview.due.connect(self.start_preview)
        self._preview.finished.connect(self._preview_done)
        self._preview.failed.connect(self._preview_failed)
        self._build()
        # Never narrower than the layout needs: a translation or a large font must not clip the form's labels.
        layout = self.layout()
        self.setMinimumWidth(max(960, layout.minimumSize().width() if layout is not None else 0))
        self.load(session.settings)

    # ---- building -----------------------------------------------------------------------------------
    def _tip(self, widget: W, name: str) -> W:
        widget.setToolTip(texts.core_text(self._specs[name].help))
        return widget

    def _build(self) -> None:
        # Album
        self.root_picker = FolderPicker(self.tr("Choose the album root"), r"\\192.168.0.20\10_Album", self)
        self.root_edit, self.browse_button = self.root_picker.edit, self.root_picker.browse_button
        self._tip(self.root_edit, "album_root")
        self.album_name_edit = self._tip(QLineEdit(self), "bucket_album")
        self.album_name_edit.setObjectName("bucketAlbum")
        self.level_spin = QSpinBox(self)
        self.level_spin.setRange(0, 99)  # validate() says what is allowed, rather than a silent clamp
        self._tip(self.level_spin, "level")
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("levelPreview")
        self.preview_label.setWordWrap(True)
        level_row = QHBoxLayout()
        level_row.addWidget(self.level_spin)
        level_row.addWidget(self.preview_label, 1)
        self.skip_files = ListEditor([], DEFAULT_SKIP_FILES, self.tr("e.g. *.tmp"), self)
        self.skip_folders = ListEditor([], DEFAULT_SKIP_FOLDERS, self.tr("e.g. @eaDir"), self)
        album = QGroupBox(self.tr("Album"), self)
        form = QFormLayout(album)
        form.addRow(self.tr("Album root:"), self.root_picker)
        form.addRow(self.tr("Album name in the backup:"), self.album_name_edit)
        form.addRow(self.tr("Level:"), level_row)
        form.addRow(self.tr("Skip files:"), self.skip_files)
        form.addRow(self.tr("Skip folders:"), self.skip_folders)

        # AWS
        self.credentials_box = CredentialsBox(self)
        self.credentials_box.problem.connect(self.show_error)
        box = self.credentials_box
        self.source_combo, self.profile_combo = box.source_combo, box.profile_combo
        self.key_id_edit, self.secret_edit, self.forget_keys_button = (
            box.key_id_edit,
            box.secret_edit,
            box.forget_keys_button,
        )
        self._tip(self.profile_combo, "profile")
        self.region_edit = self._tip(QLineEdit(self), "region")
        self.region_edit.setPlaceholderText("us-east-1, ap-northeast-1, …")
        self.bucket_edit = self._tip(QLineEdit(self), "bucket")
        self.prefix_edit = self._tip(QLineEdit(self), "prefix")
        self.endpoint_edit = self._tip(QLineEdit(self), "endpoint_url")
        self.endpoint_edit.setPlaceholderText(self.tr("empty for AWS"))
        self.storage_combo = self._tip(QComboBox(self), "storage_class")
        for storage_class in STORAGE_CLASSES:
            self.storage_combo.addItem(texts.storage_class_choice(storage_class), storage_class)
        # The choices explain themselves at length: the closed box shows the chosen one whole (never cut).
        self.storage_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.concurrency_spin = self._tip(QSpinBox(self), "concurrency")
        self.concurrency_spin.setRange(0, 999)
        self.fetch_spin = self._tip(QSpinBox(self), "fetch_concurrency")
        self.fetch_spin.setObjectName("fetchConcurrency")
        self.fetch_spin.setRange(0, 999)  # the core's check says what is allowed, in words
        self.pack_spin = self._tip(QSpinBox(self), "pack_below")
        self.pack_spin.setObjectName("packBelow")
        self.pack_spin.setRange(0, 512 * 1024)  # KiB; the core allows up to 512 MiB
        self.pack_spin.setSingleStep(256)
        self.pack_spin.setSuffix(self.tr(" KiB"))
        self.pack_spin.setSpecialValueText(self.tr("off (each file its own object)"))
        self.dry_run_check = self._tip(
            QCheckBox(self.tr("Dry run: plan and report only, send nothing"), self), "dry_run"
        )
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connectionResult")
        self.connection_label.setWordWrap(True)
        aws = QGroupBox(self.tr("Amazon S3"), self)
        form = QFormLayout(aws)
        self.credentials_box.add_rows(form)
        form.addRow(self.tr("Region:"), self.region_edit)
        form.addRow(self.tr("Bucket:"), self.bucket_edit)
        form.addRow(self.tr("Key prefix:"), self.prefix_edit)
        form.addRow(self.tr("Endpoint URL:"), self.endpoint_edit)
        form.addRow(self.tr("Storage class:"), self.storage_combo)
        form.addRow(self.tr("Concurrency:"), self.concurrency_spin)
        form.addRow(self.tr("Download concurrency:"), self.fetch_spin)
        form.addRow(self.tr("Pack files smaller than:"), self.pack_spin)
        form.addRow("", self.dry_run_check)
        form.addRow("", self.test_button)
        form.addRow("", self.connection_label)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("settingsError")
        self.error_label.setStyleSheet(text_style(Tone.PROBLEM, bold=True))
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(album)
        left.addWidget(self._build_display())
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(aws, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.link_page)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.root_edit.textChanged.connect(self.schedule_preview)
        self.root_edit.textChanged.connect(self._album_name_hint)
        self.level_spin.valueChanged.connect(self.schedule_preview)
        self.skip_folders.list.model().rowsInserted.connect(self.schedule_preview)
        self.skip_folders.list.model().rowsRemoved.connect(self.schedule_preview)

    def _build_display(self) -> QGroupBox:
        """Language and the yen rate: how the app speaks, not what it backs up."""
        self.language_combo = self._tip(QComboBox(self), "language")
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem(self.tr("Automatic (the system's language)"), "auto")
        self.language_combo.addItem("日本語", "ja")  # each language in its own words
        self.language_combo.addItem("English", "en")
        self.language_note = QLabel(self.tr("The new language shows fully after the app is restarted."), self)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.language_note.setStyleSheet(text_style(Tone.MUTED))
        self.jpy_spin = self._tip(QDoubleSpinBox(self), "jpy_rate")
        self.jpy_spin.setObjectName("jpyRate")
        self.jpy_spin.setRange(0, MAX_JPY_RATE)
        self.jpy_spin.setDecimals(2)
        self.jpy_spin.setSingleStep(1)
        self.jpy_spin.setSuffix(self.tr(" yen"))
        self.jpy_spin.setSpecialValueText(self.tr("off (dollars only)"))
        group = QGroupBox(self.tr("Display"), self)
        form = QFormLayout(group)
        form.addRow(self.tr("Language:"), self.language_combo)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Costs also in yen, 1 dollar ="), self.jpy_spin)
        return group

    # ---- values -------------------------------------------------------------------------------------
    def load(self, s: Settings) -> None:
        """Show *s* in the form."""
        self.root_edit.setText(s.album_root)
        self.album_name_edit.setText(s.bucket_album)
        self._album_name_hint()
        self.level_spin.setValue(s.level)
        self.skip_files.set_values(s.skip_files)
        self.skip_folders.set_values(s.skip_folders)
        self.credentials_box.load(s)
        self.region_edit.setText(s.region)
        self.bucket_edit.setText(s.bucket)
        self.prefix_edit.setText(s.prefix)
        self.endpoint_edit.setText(s.endpoint_url)
        self.storage_combo.setCurrentIndex(max(0, self.storage_combo.findData(s.storage_class)))
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(s.language)))
        self.jpy_spin.setValue(s.jpy_rate)
        self.concurrency_spin.setValue(s.concurrency)
        self.fetch_spin.setValue(s.fetch_concurrency)
        self.pack_spin.setValue(s.pack_below // 1024)
        self.dry_run_check.setChecked(s.dry_run)
        self.link_page.load(s)
        self.schedule_preview()

    def form_settings(self) -> Settings:
        """The form's values on a copy of the original settings (not yet validated)."""
        form = replace(
            self._original,
            album_root=self.root_edit.text().strip(),
            bucket_album=self.album_name_edit.text().strip(),
            level=self.level_spin.value(),
            skip_files=self.skip_files.values(),
            skip_folders=self.skip_folders.values(),
            credential_source=self.credentials_box.source(),
            profile=self.credentials_box.profile(),
            region=self.region_edit.text().strip(),
            bucket=self.bucket_edit.text().strip(),
            prefix=self.prefix_edit.text().strip(),
            endpoint_url=self.endpoint_edit.text().strip(),
            storage_class=str(self.storage_combo.currentData()),
            concurrency=self.concurrency_spin.value(),
            fetch_concurrency=self.fetch_spin.value(),
            pack_below=self._pack_below(),
            dry_run=self.dry_run_check.isChecked(),
            language=str(self.language_combo.currentData()),
            jpy_rate=self.jpy_spin.value(),
        )
        return self.link_page.values(form)

    def _pack_below(self) -> int:
        """Bytes; a value set elsewhere (CLI) that is not whole KiB stays as it was unless the spin box moved."""
        kib = self.pack_spin.value()
        return self._original.pack_below if kib == self._original.pack_below // 1024 else kib * 1024

    def result_settings(self) -> Settings | None:
        return self._result

    def accept(self) -> None:
        try:
            s = self.form_settings().validate()
            if s.album_root or not s.bucket_album:  # photos come back without the album's folder (a new PC)
                s.require_root()
            if s.credential_source == "keyring":
                self.credentials_box.save_typed_keys()
        except (SettingsError, credentials.CredentialError) as exc:
            self.show_error(message_of(exc))
            return
        self._result = s
        self._stop_workers()
        super().accept()

    def reject(self) -> None:
        self._stop_workers()
        super().reject()

    def show_error(self, message: str) -> None:
        self.error_label.setText(texts.core_text(message))
        self.error_label.show()

    # ---- album root and level preview --------------------------------------------------------------
    def _album_name_hint(self, *_args: object) -> None:
        """An empty name in the backup means the folder's name: the box shows which one."""
        self.album_name_edit.setPlaceholderText(album_root_name(self.root_edit.text()))

    def browse_root(self) -> None:
        self.root_picker.browse()

    def schedule_preview(self, *_args: object) -> None:
        self.preview_label.setText(self.tr("counting units…") if self.root_edit.text().strip() else "")
        self._preview.schedule()

    def start_preview(self) -> None:
        self._preview.cancel()
        s = self.form_settings()
        if not s.album_root:
            self.preview_label.setText(self.tr("Choose the folder that holds the album."))
            return
        try:
            s.validate()
        except SettingsError as exc:
            self.preview_label.setText(texts.core_text(message_of(exc)))
            return
        cancel = CancelToken()
        self._preview.run(lambda: level_preview(s, cancel), "level preview", cancel)

    def _preview_done(self, preview: LevelPreview) -> None:
        text = self.tr("level {0} → {1} units").format(preview.level, preview.units)
        if preview.example:
            text += self.tr(", e.g. {0}").format(preview.example)
        if preview.loose:
            text += self.tr(" ({0} with files above the unit level)").format(preview.loose)
        self.preview_label.setText(text)

    def _preview_failed(self, message: str) -> None:
        self.preview_label.setText(message)

    # ---- credentials --------------------------------------------------------------------------------
    def forget_keys(self) -> None:
        self.credentials_box.forget_keys()

    # ---- test connection ----------------------------------------------------------------------------
    def test_connection(self) -> None:
        try:
            s = self.form_settings().validate()
            s.require_bucket()
            if s.credential_source == "keyring" and self._credentials is None:
                self.credentials_box.save_typed_keys()
        except (SettingsError, credentials.CredentialError) as exc:
            self.connection_label.setText(html.escape(texts.core_text(message_of(exc))))
            return
        keys = self._credentials
        self._connection_task = self._runner.run_task(
            lambda: run_connection_checks(s, make_client(s, credentials=keys)),
            self._connection_done,
            self._connection_failed,
            "test connection",
        )
        self.test_button.setEnabled(False)
        self.connection_label.setText(self.tr("testing…"))

    def _connection_done(self, results: object) -> None:
        self.test_button.setEnabled(True)
        self._connection_task = None
        assert isinstance(results, list)
        self.connection_results: list[CheckResult] = results
        self.connection_label.setText(results_html(results, self.palette()))

    def _connection_failed(self, message: str) -> None:
        self.test_button.setEnabled(True)
        self._connection_task = None
        self.connection_label.setText(failure_html(message, self.palette()))

    def _stop_workers(self) -> None:
        self._preview.stop()
        if self._connection_task is not None:
            self._connection_task.cancel()
