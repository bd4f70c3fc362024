"""The first three pages of the setup wizard: the album folder, the AWS key, the region.

Each page adds its fields to the wizard's settings draft (:meth:`WizardPage.apply`); the pages after it read
the draft through the :class:`WizardContext` the wizard hands them, never the wizard itself.  Anything that
touches the NAS or the network runs on the session's runner (the album page's folder check and level outline).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from glacier_gui.core.album.levels import LevelOutline, outline_levels
from glacier_gui.core.cost import PriceBook, PricingFileError
from glacier_gui.core.i18n import message_of
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3 import credentials
from glacier_gui.core.s3.policy import PLACEHOLDER_BUCKET, iam_policy
from glacier_gui.core.settings import Settings, SettingsError
from glacier_gui.core.upload.backup import skip_rules
from glacier_gui.gui import texts
from glacier_gui.gui.dialogs.setup_widgets import CredentialsBox, FolderPicker, LatestTask, failure_html, mark_html
from glacier_gui.gui.session import Session

log = logging.getLogger(__name__)

OUTLINE_DELAY_MS = 400  # debounce: typing a path starts one folder check, not one per key
LEVELS = (1, 2, 3)  # the wizard offers these; deeper albums set the level in Settings later
IAM_USER_HELP_URL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users_create.html"
IAM_USER_HELP_URL_JA = "https://docs.aws.amazon.com/ja_jp/IAM/latest/UserGuide/id_users_create.html"
TB = 10**12

# Offered when the price file cannot be read (the same regions it lists).
FALLBACK_REGIONS = (
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-northeast-1",
    "ap-northeast-3",
)
_REGION_RE = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")
_EUROPE = frozenset(
    {"AT", "BE", "CH", "CZ", "DE", "DK", "ES", "FI", "FR", "GB", "IE", "IS", "IT", "LU", "NL", "NO", "PL", "PT", "SE"}
)


def default_region(locale_name: str, offered: Sequence[str]) -> str:
    """The region to suggest for a locale such as ``ja_JP``.

    Japan: Tokyo (the photos stay in the country and uploads travel a short way; about twice the US price,
    which the page shows beside it).  Europe: Ireland, the cheapest European region.  Elsewhere: Ohio
    (us-east-2), which costs the same as N. Virginia but is a plain, newer region without us-east-1's
    special cases and its history of the largest outages.
    """
    parts = locale_name.replace("-", "_").split("_")
    language, territory = parts[0].lower(), parts[-1].upper() if len(parts) > 1 else ""
    if language == "ja" or territory == "JP":
        wanted = "ap-northeast-1"
    elif territory in _EUROPE:
        wanted = "eu-west-1"
    else:
        wanted = "us-east-2"
    if wanted in offered:
        return wanted
    return offered[0] if offered else wanted


@dataclass(frozen=True)
class WizardContext:
    """What the pages need from the wizard: the session, the current draft, the keys to sign in with now,
    and the bucket name chosen so far (for the policy text)."""

    session: Session
    draft: Callable[[], Settings]
    keys: Callable[[], dict[str, str] | None]
    bucket: Callable[[], str]


class WizardPage(QWizardPage):
    """A page that contributes to the settings draft; :meth:`stop` ends its background work."""

    def __init__(self, context: WizardContext) -> None:
        super().__init__()
        self.context = context
        self._fit_timer = QTimer(self)  # one fit per burst of text changes, after their layout requests
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self.grow_to_fit)

    def apply(self, s: Settings) -> Settings:
        return s

    def setSubTitle(self, text: str) -> None:
        """The subtitle as a word-wrapped line at the top of the page: QWizard's header keeps one line's height,
        so a longer (Japanese) subtitle would be cut in half."""
        label = getattr(self, "subtitle_label", None)
        if label is None:
            label = self.subtitle_label = QLabel(self)
            label.setObjectName("pageSubtitle")
            label.setWordWrap(True)
        label.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        label, layout = getattr(self, "subtitle_label", None), self.layout()
        if label is not None and isinstance(layout, QBoxLayout) and layout.indexOf(label) < 0:
            layout.insertWidget(0, label)
            layout.insertSpacing(1, 8)
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self._fit_timer.start(0)
        return super().event(event)

    def grow_to_fit(self) -> None:
        """Make the wizard taller when this page's word-wrapped text needs it (up to the screen's height).

        QWizard sizes its pages without asking what height their width needs: longer messages (the bucket's
        set-up steps, the connection test, Japanese lines) would be squeezed into cut single lines instead."""
        wizard, layout = self.wizard(), self.layout()
        if wizard is None or layout is None or not self.isVisible():
            return
        missing = layout.totalHeightForWidth(self.width()) - self.height()
        if missing <= 0:
            return
        room = wizard.screen().availableGeometry().height() - (wizard.frameGeometry().height() - wizard.height())
        height = min(wizard.height() + missing, room)
        if height > wizard.height():
            wizard.resize(wizard.width(), height)

    def stop(self) -> None:
        pass

    def copy_policy_for(self, bucket: str, label: QLabel) -> None:
        """Put the IAM policy for *bucket* (or the placeholder) on the clipboard and say so in *label*."""
        # The words live in gui/texts.py: self.tr here would look them up under the subclass's name.
        QGuiApplication.clipboard().setText(iam_policy(bucket or PLACEHOLDER_BUCKET))
        label.setText(texts.policy_copied(bucket, PLACEHOLDER_BUCKET))

    def _message_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label


class AlbumPage(WizardPage):
    """The album folder (picked or typed, UNC paths too) and the level, with what levels 1-3 would make of it.

    The page is complete once the folder has been read (in the background: a NAS may be slow or away).
    """

    def __init__(self, context: WizardContext) -> None:
        super().__init__(context)
        self.setTitle(self.tr("Your photo album"))
        self.setSubTitle(
            self.tr("Choose the folder that holds your photos and videos, for example the album folder on your NAS.")
        )
        self.picker = FolderPicker(self.tr("Choose the album folder"), r"\\192.168.0.20\10_Album", self)
        self.root_edit = self.picker.edit
        self.folder_label = self._message_label("folderCheck")
        intro = QLabel(
            self.tr(
                "The app backs up the album one folder at a time: each of these <i>backup units</i> is checked, "
                "uploaded and shown as one row. Choose the level of the folders that hold your events:"
            ),
            self,
        )
        intro.setWordWrap(True)
        self.level_buttons = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(self.folder_label)
        layout.addSpacing(12)
        layout.addWidget(intro)
        for level in LEVELS:
            button = QRadioButton(self.tr("Level {0}").format(level), self)
            self.level_buttons.addButton(button, level)
            layout.addWidget(button)
        layout.addStretch(1)
        self.outlines: list[LevelOutline] = []
        self._opened = ""  # the path whose outline succeeded: the folder opens
        self._asked = ""  # the path of the outline running now
        self._outline = LatestTask(context.session.runner, OUTLINE_DELAY_MS, self)
        self._outline.due.connect(self.start_outline)
        self._outline.finished.connect(self._outline_done)
        self._outline.failed.connect(self._outline_failed)
        s = context.draft()
        self.root_edit.setText(s.album_root)
        checked = self.level_buttons.button(s.level if s.level in LEVELS else 2)
        checked.setChecked(True)
        self.root_edit.textChanged.connect(self._root_changed)
        self.level_buttons.idToggled.connect(lambda *_: self.completeChanged.emit())
        self._root_changed()

    def apply(self, s: Settings) -> Settings:
        level = self.level_buttons.checkedId()
        # The folder's name becomes the album's name in the bucket (kept if the folder is renamed later).
        return replace(s, album_root=self.picker.path(), level=level if level in LEVELS else s.level).with_album_name()

    def outline(self) -> LevelOutline | None:
        """What the chosen level makes of the folder (None until the folder has been read)."""
        level = self.level_buttons.checkedId()
        return next((o for o in self.outlines if o.level == level), None)

    def isComplete(self) -> bool:
        return bool(self._opened) and self._opened == self.picker.path() and self.level_buttons.checkedId() in LEVELS

    def validatePage(self) -> bool:
        return self.isComplete()

    def stop(self) -> None:
        self._outline.stop()

    def _root_changed(self, *_args: object) -> None:
        self._opened = ""
        self.outlines = []
        self._show_outlines()
        self.folder_label.setText(self.tr("Reading the folder…") if self.picker.path() else "")
        self.completeChanged.emit()
        self._outline.schedule()

    def start_outline(self) -> None:
        path = self.picker.path()
        self._outline.cancel()
        if not path:
            self.folder_label.setText(self.tr("Choose the folder that holds the album."))
            return
        rules, cancel = skip_rules(self.context.draft()), CancelToken()
        self._asked = path
        self._outline.run(lambda: outline_levels(Path(path), rules, max(LEVELS), cancel), "level outline", cancel)

    def _outline_done(self, outlines: list[LevelOutline]) -> None:
        self._opened, self.outlines = self._asked, outlines
        if outlines and outlines[0].units == 0:
            self.folder_label.setText(self.tr("This folder is empty. Is it the right one?"))
        else:
            self.folder_label.setText(f"{mark_html(self.palette(), True)} " + self.tr("The folder can be read."))
        self._show_outlines()
        self.completeChanged.emit()

    def _outline_failed(self, message: str) -> None:
        self.folder_label.setText(failure_html(message, self.palette()))

    def _show_outlines(self) -> None:
        by_level = {o.level: o for o in self.outlines}
        for level in LEVELS:
            button = self.level_buttons.button(level)
            o = by_level.get(level)
            if o is None:
                text = self.tr("Level {0}").format(level)
            elif o.units == 0:
                text = self.tr("Level {0}: no folders at this level").format(level)
            else:
                text = self.tr("Level {0}: {1} units, e.g. {2}").format(level, o.units, o.example)
                if o.loose:
                    text += self.tr(" ({0} of them with files above this level)").format(o.loose)
            button.setText(text)


class CredentialsPage(WizardPage):
    """The AWS key: a profile of the AWS command line, or an access key pair typed here.

    Typed keys stay in memory until Finish, which puts them in the OS keyring (never in a settings file).
    """

    def __init__(self, context: WizardContext) -> None:
        super().__init__(context)
        self.setTitle(self.tr("Your AWS access key"))
        self.setSubTitle(
            self.tr(
                "The app signs in to Amazon S3 with the access key of an IAM user. Best is a user that may use "
                "only your backup bucket."
            )
        )
        self.error_label = self._message_label("credentialsError")
        self.box = CredentialsBox(self)
        self.box.source_combo.setItemText(0, self.tr("A profile of the AWS command line (~/.aws)"))
        self.box.source_combo.setItemText(1, self.tr("An access key I type here (kept in {0})").format(self.vault()))
        self.box.problem.connect(self._show_error)
        self.box.changed.connect(lambda: self.error_label.clear())
        help_label = QLabel(
            self.tr(
                'No key yet? <a href="{0}">How to create an IAM user and its access key</a> (AWS documentation). '
                "Give that user only the permissions in this policy: it can back up and restore, but never "
                "delete anything."
            ).format(IAM_USER_HELP_URL_JA if QLocale().language() == QLocale.Language.Japanese else IAM_USER_HELP_URL),
            self,
        )
        help_label.setWordWrap(True)
        help_label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.help_label = help_label
        self.copy_button = QPushButton(self.tr("Copy policy"), self)
        self.copy_button.clicked.connect(self.copy_policy)
        self.copy_label = self._message_label("policyCopied")
        form = QFormLayout()
        self.box.add_rows(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(help_label)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.copy_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        s = context.draft()
        self.box.load(s)
        # No AWS command line set up (the usual case at home): typing a key is the way.
        if s.credential_source == "profile" and not s.profile and self.box.profile_combo.count() <= 1:
            self.box.source_combo.setCurrentIndex(self.box.source_combo.findData("keyring"))

    def vault(self) -> str:
        """Where the OS keeps secrets, in the user's words."""
        if sys.platform == "win32":
            return self.tr("Windows Credential Manager")
        if sys.platform == "darwin":
            return self.tr("the macOS Keychain")
        return self.tr("the system keyring")

    def apply(self, s: Settings) -> Settings:
        return replace(s, credential_source=self.box.source(), profile=self.box.profile())

    def keys(self) -> dict[str, str] | None:
        """Keys typed on this page (to sign in before they are stored), or None."""
        return self.box.typed_keys() if self.box.source() == "keyring" else None

    def copy_policy(self) -> None:
        self.copy_policy_for(self.context.bucket(), self.copy_label)

    def initializePage(self) -> None:
        self.keyring_works()

    def keyring_works(self) -> bool:
        """Test the OS keyring here, not at Finish: when there is none, say so and offer the profile instead."""
        if self.box.source() != "keyring" or self.context.session.credentials is not None:
            return True
        try:
            credentials.check_keyring()
        except credentials.CredentialError as exc:
            self.box.source_combo.setCurrentIndex(self.box.source_combo.findData("profile"))
            self._show_error(texts.core_text(message_of(exc)))
            return False
        return True

    def validatePage(self) -> bool:
        if self.box.source() != "keyring":
            return True
        try:
            if not self.keyring_works():
                return False
            self.box.check_keys()
        except credentials.CredentialError as exc:
            self._show_error(message_of(exc))
            return False
        return True

    def _show_error(self, message: str) -> None:
        self.error_label.setText(failure_html(message, self.palette()))


class RegionPage(WizardPage):
    """The AWS region, each with its monthly storage price per TB; an endpoint URL under *Advanced*."""

    def __init__(self, context: WizardContext) -> None:
        super().__init__(context)
        self.setTitle(self.tr("Where to keep the backup"))
        self.setSubTitle(
            self.tr(
                "Amazon keeps your backup in the region you choose. Prices differ a little; a region close to you "
                "uploads a little faster."
            )
        )
        s = context.draft()
        self.region_list = QListWidget(self)
        self.region_list.setObjectName("regionList")
        offered = self._fill(s.storage_class)
        rows = self.region_list.count()
        self.region_list.setMaximumHeight(rows * self.region_list.sizeHintForRow(0) + 4 * self.region_list.frameWidth())
        note = QLabel(
            self.tr("Prices are estimates for keeping the photos; uploading and restoring cost a little extra."), self
        )
        note.setWordWrap(True)
        self.advanced_check = QCheckBox(self.tr("Advanced: another region or an S3-compatible service"), self)
        self.advanced = QWidget(self)
        self.other_region_edit = QLineEdit(self.advanced)
        self.other_region_edit.setPlaceholderText(self.tr("e.g. ap-southeast-2 (empty: the one chosen above)"))
        self.endpoint_edit = QLineEdit(self.advanced)
        self.endpoint_edit.setPlaceholderText(self.tr("empty for AWS"))
        form = QFormLayout(self.advanced)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Other region:"), self.other_region_edit)
        form.addRow(self.tr("Endpoint URL:"), self.endpoint_edit)
        self.error_label = self._message_label("regionError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.region_list)
        layout.addWidget(note)
        layout.addWidget(self.advanced_check)
        layout.addWidget(self.advanced)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        region = s.region or default_region(QLocale().name(), offered)
        self.select_region(region)
        if region not in offered:
            self.other_region_edit.setText(region)
        self.endpoint_edit.setText(s.endpoint_url)
        self.advanced_check.setChecked(bool(s.endpoint_url) or region not in offered)
        self.advanced.setVisible(self.advanced_check.isChecked())
        self.advanced_check.toggled.connect(self.advanced.setVisible)
        self.region_list.currentItemChanged.connect(lambda *_: self.completeChanged.emit())
        self.other_region_edit.textChanged.connect(lambda *_: self.completeChanged.emit())

    def _fill(self, storage_class: str) -> list[str]:
        try:
            book: PriceBook | None = self.context.session.prices()
        except (PricingFileError, OSError) as exc:
            log.warning("prices not shown in the setup wizard: %s", exc)
            book = None
        codes = list(book.regions) if book is not None else list(FALLBACK_REGIONS)
        for code in codes:
            item = QListWidgetItem(self.priced_text(code, book, storage_class), self.region_list)
            item.setData(Qt.ItemDataRole.UserRole, code)
        return codes

    def priced_text(self, code: str, book: PriceBook | None, storage_class: str) -> str:
        places = {
            "us-east-1": self.tr("N. Virginia, USA"),
            "us-east-2": self.tr("Ohio, USA"),
            "us-west-2": self.tr("Oregon, USA"),
            "eu-west-1": self.tr("Ireland"),
            "eu-central-1": self.tr("Frankfurt"),
            "ap-northeast-1": self.tr("Tokyo"),
            "ap-northeast-3": self.tr("Osaka"),
        }
        place = places.get(code) or (book.regions[code].name if book is not None else code)
        if book is None or storage_class not in book.regions[code].classes:
            return self.tr("{0} ({1})").format(code, place)
        per_tb = book.prices(code, storage_class).storage_per_gb_month * book.gb(TB)
        return self.tr("{0} ({1}) — about {2} USD per TB per month").format(code, place, f"{per_tb:.2f}")

    def select_region(self, code: str) -> None:
        for row in range(self.region_list.count()):
            if self.region_list.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.region_list.setCurrentRow(row)
                return

    def region(self) -> str:
        other = self.other_region_edit.text().strip().lower()
        if other:
            return other
        item = self.region_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def region_text(self) -> str:
        """The chosen region as the list shows it (with its place and price), or the code typed."""
        item = self.region_list.currentItem()
        if self.other_region_edit.text().strip() or item is None:
            return self.region()
        return item.text()

    def apply(self, s: Settings) -> Settings:
        return replace(s, region=self.region(), endpoint_url=self.endpoint_edit.text().strip())

    def isComplete(self) -> bool:
        return bool(self.region())

    def validatePage(self) -> bool:
        try:
            if not _REGION_RE.match(self.region()):
                raise SettingsError(self.tr("{0} is not a region name such as ap-southeast-2").format(self.region()))
            self.context.draft().validate()
        except SettingsError as exc:
            self.error_label.setText(failure_html(str(exc), self.palette()))
            return False
        self.error_label.clear()
        return self.isComplete()
