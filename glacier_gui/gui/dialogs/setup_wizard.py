"""The first-run wizard: its first question, then album folder, AWS key, region, bucket (created here if need
be) and a summary; or, to get photos back from an existing backup, the recovery path (wizard_recovery.py).

The hardest step of the original set-up was the AWS console: a bucket, sensibly configured, and a key.  This
wizard does the bucket (private, encrypted, unfinished uploads aborted after a week, write-once by a bucket
policy; versioning and Object Lock only if asked)
and explains the key, so a family can start without reading AWS documentation.  It opens instead of the bare
settings dialog when no settings were saved yet; the settings dialog stays for later changes.

Finish saves through the session (the core's settings.json, shared with the CLI); typed keys go to the OS
keyring then, never earlier and never into a file.  "Start the first scan" asks the window's own Scan action.
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from glacier_gui import APP_DISPLAY_NAME
from glacier_gui.core.i18n import message_of
from glacier_gui.core.s3 import credentials
from glacier_gui.core.s3.bucket_setup import (
    DEFAULT_ABORT_DAYS,
    create_backup_bucket,
    list_bucket_names,
)
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.connection import CheckResult, connection_ok, run_connection_checks
from glacier_gui.core.settings import Settings, SettingsError
from glacier_gui.gui import texts
from glacier_gui.gui.actions import ActionId
from glacier_gui.gui.dialogs.setup_widgets import (
    BucketChoices,
    LatestTask,
    failure_html,
    mark_html,
    results_html,
)
from glacier_gui.gui.dialogs.wizard_pages import (
    AlbumPage,
    CredentialsPage,
    RegionPage,
    WizardContext,
    WizardPage,
)
from glacier_gui.gui.dialogs.wizard_recovery import RECOVER, ModePage, album_pages
from glacier_gui.gui.dialogs.wizard_summary import SummaryPage
from glacier_gui.gui.session import Session

log = logging.getLogger(__name__)

_BACKUP_IDS = (0, 1, 2, 3, 4, 5)  # the first question, album, key, region, bucket, summary
_RECOVERY_IDS = (0, 2, 6, 7, 8)  # the first question, key, the existing bucket, its album, where photos go


def suggest_bucket_name(root_name: str) -> str:
    """A name likely free (bucket names are global): the album's name when it is plain ASCII, and a random tail."""
    base = re.sub(r"[^a-z0-9]+", "-", root_name.lower()).strip("-")[:30] or "family-photos"
    return f"{base}-backup-{secrets.token_hex(3)}"


def _escape(text: str) -> str:
    """Text for a rich-text label (quotes kept as they are: they are fine between tags)."""
    return html.escape(text, quote=False)


def _valid_bucket(name: str) -> bool:
    try:
        replace(Settings(), bucket=name).validate()
    except SettingsError:
        return False
    return bool(name)


class BucketPage(WizardPage):
    """Create a bucket or choose an existing one, then Test connection; all S3 calls run on the runner."""

    def __init__(self, context: WizardContext) -> None:
        super().__init__(context)
        self.setTitle(self.tr("Your bucket"))
        self.setSubTitle(self.tr("A bucket is the storage space in your AWS account that receives the backup."))
        self.create_radio = QRadioButton(self.tr("Create a new bucket (recommended)"), self)
        self.existing_radio = QRadioButton(self.tr("Use a bucket I already have"), self)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.create_radio)
        self.mode.addButton(self.existing_radio)
        self.create_box = self._build_create_box()
        self.existing_box = self._build_existing_box()
        self.message_label = self._message_label("bucketMessage")
        self.test_label = self._message_label("connectionResult")
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.copy_button = QPushButton(self.tr("Copy policy"), self)
        self.copy_button.setToolTip(self.tr("The permissions the app needs on this bucket, for the AWS console"))
        self.copy_button.clicked.connect(lambda: self.copy_policy_for(self.chosen(), self.test_label))
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.create_radio)
        layout.addWidget(self.create_box)
        layout.addWidget(self.existing_radio)
        layout.addWidget(self.existing_box)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        layout.addWidget(self.test_label)
        layout.addStretch(1)
        self.created = ""  # the bucket made here (the page may go on once it exists)
        self.created_in = ""  # ... and its region
        self.listed = False
        self.connection_results: list[CheckResult] | None = None
        self.connection_error = ""
        self.tested_bucket = ""
        self._work = LatestTask(context.session.runner, 0, self)
        self._work.finished.connect(lambda result: self._handlers[0](result))
        self._work.failed.connect(lambda message: self._handlers[1](message))
        self._handlers: tuple[Any, Any] = (None, None)
        s = context.draft()
        if s.bucket:
            self.existing_radio.setChecked(True)
            self.bucket_combo.setCurrentText(s.bucket)
        else:
            self.create_radio.setChecked(True)
        self.mode.buttonToggled.connect(self._mode_changed)
        self.name_edit.textChanged.connect(self._bucket_changed)
        self.bucket_combo.currentTextChanged.connect(self._bucket_changed)
        self._mode_changed()

    def _build_create_box(self) -> QWidget:
        box = QWidget(self)
        self.name_edit = QLineEdit(box)
        self.name_edit.setObjectName("newBucketName")
        self.name_edit.setPlaceholderText("family-photos-backup")
        hint = QLabel(
            self.tr(
                "Bucket names are shared by everyone on AWS, so choose something of your own: 3 to 63 lower-case "
                "letters, digits and hyphens. The new bucket is private (nobody else can see it), encrypted, "
                "clears away unfinished uploads after {0} days, and refuses any upload that would replace a file "
                "already in it."
            ).format(DEFAULT_ABORT_DAYS),
            box,
        )
        hint.setWordWrap(True)
        self.choices = BucketChoices(box)  # versioning, Object Lock
        self.versioning_check, self.object_lock = self.choices.versioning_check, self.choices
        self.create_button = QPushButton(self.tr("Create the bucket"), box)
        self.create_button.setToolTip(
            self.tr(
                "Creating a bucket needs a key that may create buckets. If AWS refuses, create the bucket in the "
                "AWS console and choose it below."
            )
        )
        self.create_button.clicked.connect(self.create_bucket)
        form = QFormLayout(box)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow("", hint)
        form.addRow("", self.choices)
        form.addRow("", self.create_button)
        return box

    def _build_existing_box(self) -> QWidget:
        box = QWidget(self)
        self.bucket_combo = QComboBox(box)
        self.bucket_combo.setObjectName("existingBucket")
        self.bucket_combo.setEditable(True)
        self.bucket_combo.setMinimumContentsLength(30)
        self.list_button = QPushButton(self.tr("Show my buckets"), box)
        self.list_button.clicked.connect(self.list_buckets)
        row = QHBoxLayout()
        row.addWidget(self.bucket_combo, 1)
        row.addWidget(self.list_button)
        form = QFormLayout(box)
        form.addRow(self.tr("Bucket:"), row)
        return box

    # ---- values -------------------------------------------------------------------------------------
    def creating(self) -> bool:
        return self.create_radio.isChecked()

    def chosen(self) -> str:
        """The bucket the page stands for now: the new name, or the existing one chosen."""
        return (self.name_edit.text() if self.creating() else self.bucket_combo.currentText()).strip()

    def apply(self, s: Settings) -> Settings:
        return replace(s, bucket=self.chosen())

    def initializePage(self) -> None:
        s = self.context.draft()
        if not self.name_edit.text():
            self.name_edit.setText(suggest_bucket_name(s.root_name))
        if self.created and self.created_in != s.effective_region:
            # Back to the region page and another region chosen: the bucket made before is not in it.
            self.message_label.setText(
                self.tr(
                    "The bucket {0} was made in {1}. Create a new one in {2}, or choose {0} under "
                    '"Use a bucket I already have" to keep it.'
                ).format(self.created, self.created_in, s.effective_region)
            )
        if not self.creating() and not self.listed and not self._work.running:
            self.list_buckets()

    def isComplete(self) -> bool:
        if self._work.running:
            return False
        name = self.chosen()
        if self.creating():
            return bool(name) and name == self.created and self.created_in == self.context.draft().effective_region
        return _valid_bucket(name)

    def validatePage(self) -> bool:
        return self.isComplete()

    def stop(self) -> None:
        self._work.stop()

    def _mode_changed(self, *_args: object) -> None:
        self.create_box.setEnabled(self.creating())
        self.existing_box.setEnabled(not self.creating())
        self.message_label.clear()
        self._bucket_changed()
        if not self.creating() and not self.listed and not self._work.running and self.isVisible():
            self.list_buckets()

    def _bucket_changed(self, *_args: object) -> None:
        if self.tested_bucket and self.tested_bucket != self.chosen():
            self.test_label.clear()
        self.completeChanged.emit()

    # ---- background calls ---------------------------------------------------------------------------
    def _start(self, fn: Any, name: str, label: QLabel, busy_text: str, done: Any, failed: Any) -> None:
        self._handlers = (done, failed)
        label.setText(busy_text)
        self._work.run(fn, name)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.list_button, self.test_button, self.create_radio, self.existing_radio):
            widget.setEnabled(not busy)
        self.completeChanged.emit()

    def create_bucket(self) -> None:
        """Create the named bucket in the chosen region; a refusal (taken, bad name, region) stays on the page."""
        name, s = self.name_edit.text().strip(), self.context.draft()
        # The demo's own server (moto) cannot evaluate the write-once policy's conditions: it would refuse every write.
        options = replace(self.choices.options(), write_once_policy=not self.context.session.demo)
        keys, region = self.context.keys(), s.effective_region
        self._start(
            lambda: create_backup_bucket(make_client(s, credentials=keys), name, region, options),
            "create bucket",
            self.message_label,
            self.tr("Creating the bucket {0} in {1}…").format(name, region),
            lambda steps: self._created_ok(name, region, steps),
            self._failed,
        )

    def _created_ok(self, name: str, region: str, steps: list[str]) -> None:
        self._set_busy(False)
        self.created, self.created_in = name, region
        self.choices.hide()  # decided when the bucket was made: their notes would only be squeezed by the checks
        self.listed = False  # the list of existing buckets has one more now
        mark = mark_html(self.palette(), True)
        self.message_label.setText("<br>".join(f"{mark} {_escape(texts.core_text(step))}" for step in steps))
        self.completeChanged.emit()
        self.test_connection()

    def list_buckets(self) -> None:
        """Fill the list of existing buckets (the account may not allow it: then the name is typed)."""
        s, keys = self.context.draft(), self.context.keys()
        self._start(
            lambda: list_bucket_names(make_client(s, credentials=keys)),
            "list buckets",
            self.message_label,
            self.tr("Asking AWS for your buckets…"),
            self._listed_ok,
            self._failed,
        )

    def _listed_ok(self, names: list[str]) -> None:
        self._set_busy(False)
        self.listed = True
        typed = self.bucket_combo.currentText().strip()
        self.bucket_combo.clear()
        self.bucket_combo.addItems(names)
        self.bucket_combo.setCurrentText(typed or (names[0] if names else ""))
        if names:
            self.message_label.setText(self.tr("Your account has {0} bucket(s): choose one.").format(len(names)))
        else:
            self.message_label.setText(self.tr("Your account has no bucket yet: create one above."))

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.message_label.setText(failure_html(message, self.palette()))

    def test_connection(self) -> None:
        """Run the Test connection checks on the chosen bucket; the results are shown in words."""
        s, keys = self.context.draft(), self.context.keys()
        if not _valid_bucket(s.bucket):
            self.test_label.setText(failure_html(self.tr("Choose or create a bucket first."), self.palette()))
            return
        self.tested_bucket, self.connection_results, self.connection_error = s.bucket, None, ""
        self._start(
            lambda: run_connection_checks(s, make_client(s, credentials=keys)),
            "test connection",
            self.test_label,
            self.tr("Testing the connection…"),
            self._tested,
            self._test_failed,
        )

    def _tested(self, results: list[CheckResult]) -> None:
        self._set_busy(False)
        self.connection_results = results
        self.test_label.setText(results_html(results, self.palette()))

    def _test_failed(self, message: str) -> None:
        self._set_busy(False)
        self.connection_error = message
        self.test_label.setText(failure_html(message, self.palette()))


class SetupWizard(QWizard):
    """The first-run set-up; Finish saves the settings through the session.

    Signals: ``scanRequested()`` — the settings were saved and "Start the first scan" was ticked;
    ``recoveryRequested()`` — the recovery path's settings were saved: status.csv is to be rebuilt from the bucket.
    """

    scanRequested = Signal()
    recoveryRequested = Signal()

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Set up {0}").format(APP_DISPLAY_NAME))
        self._session = session
        self._base = replace(session.settings)
        self._result: Settings | None = None
        self._pages: list[WizardPage] = []
        context = WizardContext(session, self.draft, self.keys, self.bucket_name)
        self.mode_page: ModePage = self._add(ModePage(context))
        self.album_page = self._add(AlbumPage(context))
        self.credentials_page = self._add(CredentialsPage(context))
        self.region_page = self._add(RegionPage(context))
        self.bucket_page = self._add(BucketPage(context))
        self.summary_page = self._add(SummaryPage(context, self.describe))
        self.find_page, self.album_choice_page, self.destination_page = (
            self._add(page) for page in album_pages(context)
        )
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(760, 580)

    def _add(self, page: Any) -> Any:
        self._pages.append(page)  # before addPage: a later page's constructor reads the draft of those before it
        self.addPage(page)
        return page

    def recovering(self) -> bool:
        return bool(self.mode_page.mode() == RECOVER)

    def _path(self) -> list[WizardPage]:
        """The pages of the chosen way in, in order (the first question and the key page are on both)."""
        if len(self._pages) <= max(_RECOVERY_IDS):  # still being built: every page so far
            return self._pages
        return [self._pages[i] for i in (_RECOVERY_IDS if self.recovering() else _BACKUP_IDS)]

    def nextId(self) -> int:
        path = [self._pages.index(p) for p in self._path()]
        current = self.currentId()
        later = path[path.index(current) + 1 :] if current in path else []
        return later[0] if later else -1

    # ---- the draft ----------------------------------------------------------------------------------
    def draft(self) -> Settings:
        """The session's settings with every page's fields so far (not yet validated)."""
        s = self._base
        for page in self._path():
            s = page.apply(s)
        return s

    def keys(self) -> dict[str, str] | None:
        """The keys to sign in with before Finish: the session's (demo), or those typed on the key page."""
        if self._session.credentials is not None:
            return self._session.credentials
        return self.credentials_page.keys() if len(self._pages) > _BACKUP_IDS[2] else None

    def bucket_name(self) -> str:
        if self.recovering() and len(self._pages) > _RECOVERY_IDS[2]:
            return str(self.find_page.bucket())
        return self.bucket_page.chosen() if len(self._pages) > _BACKUP_IDS[4] else ""

    def result_settings(self) -> Settings | None:
        return self._result

    def describe(self) -> str:
        """The summary page's text: what will be saved, in the user's words (rich text)."""
        s = self.draft()
        outline = self.album_page.outline()
        units = self.tr("level {0}").format(s.level)
        if outline is not None and outline.units:
            units = self.tr("level {0}: {1} units, e.g. {2}").format(s.level, outline.units, outline.example)
        rows = [
            (self.tr("Album folder"), _escape(s.album_root)),
            (self.tr("Backup units"), _escape(units)),
            (self.tr("AWS key"), _escape(self._describe_key(s))),
            (self.tr("Region"), _escape(self.region_page.region_text())),
            (self.tr("Bucket"), _escape(s.bucket)),
            (self.tr("Connection test"), self._describe_test(s)),
            (self.tr("Settings file"), _escape(str(self._session.data_dir / "settings.json"))),
        ]
        if s.endpoint_url:
            rows.insert(5, (self.tr("Endpoint URL"), _escape(s.endpoint_url)))
        cells = "".join(f"<tr><td><b>{name}</b>&nbsp;&nbsp;</td><td>{value}</td></tr>" for name, value in rows)
        return f"<table>{cells}</table>"

    def _describe_key(self, s: Settings) -> str:
        if s.credential_source == "keyring":
            typed = self.credentials_page.box.typed_keys()
            try:
                key_id = typed["aws_access_key_id"] if typed else credentials.stored_key_id()
            except credentials.CredentialError:
                key_id = ""
            return self.tr("access key {0}, kept in {1}").format(key_id, self.credentials_page.vault())
        if s.profile:
            return self.tr("AWS profile {0}").format(s.profile)
        return self.tr("the AWS command line's default sign-in")

    def _describe_test(self, s: Settings) -> str:
        page = self.bucket_page
        if page.tested_bucket != s.bucket or (page.connection_results is None and not page.connection_error):
            return _escape(self.tr("not run (you can run it later in Settings)"))
        if page.connection_results is not None and connection_ok(page.connection_results):
            return f"{mark_html(self.palette(), True)} " + _escape(self.tr("passed"))
        failed = [r.message for r in page.connection_results or [] if not r.ok] or [page.connection_error]
        return failure_html("; ".join(failed), self.palette())

    # ---- finishing ----------------------------------------------------------------------------------
    def accept(self) -> None:
        s = self.draft()
        error = self.destination_page.show_error if self.recovering() else self.summary_page.show_error
        try:
            s.validate()
            s.require_bucket()
            if self.recovering() and s.album_root:
                s.require_root()
            if s.credential_source == "keyring" and self._session.credentials is None:
                self.credentials_page.box.save_typed_keys()
        except (SettingsError, credentials.CredentialError) as exc:
            error(message_of(exc))
            return
        if not self._session.apply_settings(s):
            error(self.tr("The settings could not be saved (the message says why)."))
            return
        self._result = s
        if self.recovering():
            self._session.remember_restore_dest(self.destination_page.destination())
        log.info("%s", self.tr("Set-up saved: album {0} in bucket {1} ({2})").format(s.root_name, s.bucket, s.region))
        super().accept()
        if self.recovering():
            self.recoveryRequested.emit()
        elif self.summary_page.start_scan_check.isChecked():
            self.scanRequested.emit()

    def done(self, result: int) -> None:
        for page in self._pages:
            page.stop()
        super().done(result)


def open_setup_wizard(window: Any, recover: bool = False) -> SetupWizard:
    """Open the wizard over *window* (window-modal, non-blocking); its first scan runs through the Scan action.
    With *recover*, the first question is answered: get the photos back from an existing backup."""
    wizard = SetupWizard(window.session, window)
    wizard.scanRequested.connect(window.action(ActionId.SCAN).trigger)
    wizard.recoveryRequested.connect(window.backup.start_rebuild)
    wizard.open()
    if recover:
        wizard.mode_page.recover_radio.setChecked(True)
        wizard.next()
    return wizard
