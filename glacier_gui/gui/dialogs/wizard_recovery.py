"""The wizard's first question, and its recovery path: get the photos back from an existing backup on a new PC.

The day the PC died the user has a bucket name and keys; the old settings, status.csv and maybe the NAS are
gone, and nobody remembers the album's name in the bucket.  After the key page (shared with the backup path)
the recovery path asks only what the user knows: the bucket (its region is found by itself, from HeadBucket's
answer), then which of the albums the bucket holds (listed with their folders, files, size and last backup),
then where restored photos should go.  Finish saves the settings with the album's name in the bucket, and the
window rebuilds status.csv from the bucket and opens the board ready to browse and restore.  No album folder
is needed; one may be named to go on backing up into the same archive, whatever it is called.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from glacier_gui.core.s3.albums import AlbumSummary, bucket_region, list_albums
from glacier_gui.core.s3.bucket_setup import list_bucket_names
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
from glacier_gui.gui import texts
from glacier_gui.gui.dialogs.setup_widgets import FolderPicker, LatestTask, failure_html, mark_html
from glacier_gui.gui.dialogs.wizard_pages import WizardContext, WizardPage

log = logging.getLogger(__name__)

BACKUP, RECOVER = "backup", "recover"  # the two ways in
FIND_DELAY_MS = 700  # the bucket is looked for once the typed name rests


@dataclass(frozen=True)
class FoundBackup:
    """What a bucket holds, as the recovery pages show it."""

    bucket: str
    region: str
    albums: list[AlbumSummary]


def find_backup(settings: Settings, keys: dict[str, str] | None, bucket: str) -> FoundBackup:
    """The region of *bucket* (asked without GetBucketLocation) and the albums it holds (pool thread)."""
    region = bucket_region(make_client(settings, credentials=keys), bucket)
    located = replace(settings, bucket=bucket, region=region or settings.region)
    return FoundBackup(
        bucket, located.region, list_albums(make_client(located, credentials=keys), bucket, located.prefix)
    )


class ModePage(WizardPage):
    """The first question: back up this PC's album, or get the photos back from an existing backup."""

    def __init__(self, context: WizardContext) -> None:
        super().__init__(context)
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(self.tr("What would you like to do?"))
        self.backup_radio = QRadioButton(self.tr("Back up this computer's photo album"), self)
        self.backup_radio.setObjectName("modeBackup")
        self.recover_radio = QRadioButton(self.tr("Get my photos back from an existing backup"), self)
        self.recover_radio.setObjectName("modeRecover")
        backup_note = self._note(
            self.tr("The first set-up: choose the album folder, the AWS key and a bucket for the backup.")
        )
        recover_note = self._note(
            self.tr(
                "For a new or repaired computer: you need only the bucket's name and your AWS key. No album "
                "folder or NAS is needed to get your photos back."
            )
        )
        self.group = QButtonGroup(self)
        self.group.addButton(self.backup_radio)
        self.group.addButton(self.recover_radio)
        self.backup_radio.setChecked(True)
        layout = QVBoxLayout(self)
        for radio, note in ((self.backup_radio, backup_note), (self.recover_radio, recover_note)):
            layout.addWidget(radio)
            layout.addWidget(note)
            layout.addSpacing(12)
        layout.addStretch(1)

    def _note(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setIndent(24)
        return label

    def mode(self) -> str:
        return RECOVER if self.recover_radio.isChecked() else BACKUP


class FindBackupPage(WizardPage):
    """The bucket that holds the backup: typed or listed; its region and albums are found by themselves."""

    def __init__(self, context: WizardContext) -> None:
        super().__init__(context)
        self.setTitle(self.tr("Your backup"))
        self.setSubTitle(
            self.tr(
                "Type the name of the bucket that holds your backup. The app finds where it is kept and which "
                "albums it holds by itself."
            )
        )
        self.bucket_combo = QComboBox(self)
        self.bucket_combo.setObjectName("recoveryBucket")
        self.bucket_combo.setEditable(True)
        self.bucket_combo.setMinimumContentsLength(30)
        self.list_button = QPushButton(self.tr("Show my buckets"), self)
        self.list_button.clicked.connect(self.list_buckets)
        self.find_button = QPushButton(self.tr("Look in this bucket"), self)
        self.find_button.setObjectName("findBackup")
        self.find_button.clicked.connect(self.look)
        row = QHBoxLayout()
        row.addWidget(self.bucket_combo, 1)
        row.addWidget(self.list_button)
        form = QFormLayout()
        form.addRow(self.tr("Bucket:"), row)
        form.addRow("", self.find_button)
        self.result_label = self._message_label("recoveryFound")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self.found: FoundBackup | None = None
        self._work = LatestTask(context.session.runner, FIND_DELAY_MS, self)
        self._work.due.connect(self.look)
        self._work.finished.connect(self._done)
        self._work.failed.connect(self._failed)
        self._listing = False
        self.bucket_combo.setCurrentText(context.draft().bucket)
        self.bucket_combo.currentTextChanged.connect(self._bucket_changed)

    def bucket(self) -> str:
        return self.bucket_combo.currentText().strip()

    def apply(self, s: Settings) -> Settings:
        found = self.found if self.found is not None and self.found.bucket == self.bucket() else None
        return replace(s, bucket=self.bucket(), region=found.region if found is not None else s.region)

    def initializePage(self) -> None:
        if self.bucket() and self.found is None and not self._work.running:
            self.look()

    def isComplete(self) -> bool:
        found = self.found
        return not self._work.running and found is not None and found.bucket == self.bucket() and bool(found.albums)

    def validatePage(self) -> bool:
        return self.isComplete()

    def stop(self) -> None:
        self._work.stop()

    def _bucket_changed(self, *_args: object) -> None:
        self.result_label.clear()
        self.completeChanged.emit()
        if not self._listing and self.bucket():
            self._work.schedule()

    def look(self) -> None:
        bucket = self.bucket()
        if not bucket:
            self.result_label.setText(failure_html(self.tr("Type the bucket's name first."), self.palette()))
            return
        s, keys = self.context.draft(), self.context.keys()
        self.result_label.setText(self.tr("Looking in the bucket {0}…").format(bucket))
        self._work.run(lambda: find_backup(s, keys, bucket), "find backup")
        self.completeChanged.emit()

    def list_buckets(self) -> None:
        s, keys = self.context.draft(), self.context.keys()
        self.result_label.setText(self.tr("Asking AWS for your buckets…"))
        self._work.run(lambda: list_bucket_names(make_client(s, credentials=keys)), "list buckets")

    def _done(self, result: object) -> None:
        if isinstance(result, list):  # the bucket names
            self._listing = True
            typed = self.bucket()
            self.bucket_combo.clear()
            self.bucket_combo.addItems(result)
            self.bucket_combo.setCurrentText(typed or (result[0] if result else ""))
            self._listing = False
            self.result_label.setText(self.tr("Your account has {0} bucket(s): choose one.").format(len(result)))
            if self.bucket():
                self.look()
            return
        assert isinstance(result, FoundBackup)
        self.found = result
        if result.albums:
            names = ", ".join(a.name for a in result.albums)
            self.result_label.setText(
                f"{mark_html(self.palette(), True)} "
                + self.tr("Found: the bucket {0} is kept in {1} and holds {2} album(s): {3}").format(
                    result.bucket, result.region or "?", len(result.albums), names
                )
            )
        else:
            self.result_label.setText(
                failure_html(
                    self.tr("The bucket {0} holds no backup made by this app. Is it the right bucket?").format(
                        result.bucket
                    ),
                    self.palette(),
                )
            )
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.result_label.setText(failure_html(message, self.palette()))
        self.completeChanged.emit()


class AlbumChoicePage(WizardPage):
    """Which album of the bucket to get back: the list the bucket holds, with what each contains."""

    def __init__(self, context: WizardContext, find_page: FindBackupPage) -> None:
        super().__init__(context)
        self._find = find_page
        self.setTitle(self.tr("Which album?"))
        self.setSubTitle(
            self.tr(
                "Your backup holds these albums. Choose the one to get back: its name stays as it is in the "
                "backup, whatever your folders are called now."
            )
        )
        self.album_list = QTreeWidget(self)
        self.album_list.setObjectName("albumList")
        self.album_list.setRootIsDecorated(False)
        self.album_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.album_list.setHeaderLabels(
            [self.tr("Album"), self.tr("Folders"), self.tr("Files"), self.tr("Size"), self.tr("Last backup")]
        )
        self.album_list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.album_list.itemSelectionChanged.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.album_list)

    def initializePage(self) -> None:
        chosen = self.chosen()
        self.album_list.clear()
        found = self._find.found
        for album in found.albums if found is not None else []:
            item = QTreeWidgetItem(
                [
                    album.name,
                    texts.number(album.units),
                    texts.number(album.files),
                    texts.size(album.size),
                    texts.date_time(album.last_backup.astimezone() if album.last_backup else None),
                ]
            )
            for column in (1, 2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, Qt.ItemDataRole.UserRole, album)
            self.album_list.addTopLevelItem(item)
            if album.name == (chosen.name if chosen else self.context.draft().bucket_album):
                item.setSelected(True)
        first = self.album_list.topLevelItem(0)
        if not self.album_list.selectedItems() and first is not None:
            first.setSelected(True)

    def chosen(self) -> AlbumSummary | None:
        items = self.album_list.selectedItems()
        album = items[0].data(0, Qt.ItemDataRole.UserRole) if items else None
        return album if isinstance(album, AlbumSummary) else None

    def select(self, name: str) -> None:
        for i in range(self.album_list.topLevelItemCount()):
            item = self.album_list.topLevelItem(i)
            if item is not None:
                item.setSelected(item.text(0) == name)

    def apply(self, s: Settings) -> Settings:
        album = self.chosen()
        return replace(s, bucket_album=album.name, level=album.level) if album is not None else s

    def isComplete(self) -> bool:
        return self.chosen() is not None


class DestinationPage(WizardPage):
    """Where restored photos go; optionally the album folder to go on backing up into the same archive."""

    def __init__(self, context: WizardContext) -> None:
        super().__init__(context)
        self.setTitle(self.tr("Where should restored photos go?"))
        self.setSubTitle(
            self.tr(
                "Photos you get back are written into this folder. Finish then reads the list of your backed-up "
                "folders from the bucket and opens it, ready to browse and restore."
            )
        )
        self.dest_picker = FolderPicker(self.tr("Restore into which folder?"), "", self)
        self.dest_picker.edit.setObjectName("recoveryDest")
        self.album_picker = FolderPicker(self.tr("Choose the album folder"), r"\\192.168.0.20\アルバム", self)
        self.album_picker.edit.setObjectName("recoveryAlbumFolder")
        album_note = QLabel(
            self.tr(
                "Optional. To go on backing up into the same backup, choose the album folder on this computer or "
                "your new NAS; it may have another name. Leave it empty if you only want your photos back."
            ),
            self,
        )
        album_note.setWordWrap(True)
        self.summary_label = self._message_label("recoverySummary")
        self.error_label = self._message_label("recoveryError")
        form = QFormLayout()
        form.addRow(self.tr("Restore into:"), self.dest_picker)
        form.addRow(self.tr("Album folder:"), self.album_picker)
        form.addRow("", album_note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.dest_picker.edit.textChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        s = self.context.draft()
        if not self.dest_picker.path():
            pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
            base = Path(pictures) if pictures else Path.home()
            self.dest_picker.edit.setText(str(base / self.tr("{0} (restored)").format(s.bucket_album)))
        self.summary_label.setText(
            self.tr("Bucket {0} ({1}), album {2}: the list is read from the bucket when you press Finish.").format(
                s.bucket, s.region, s.bucket_album
            )
        )

    def destination(self) -> str:
        return self.dest_picker.path()

    def apply(self, s: Settings) -> Settings:
        return replace(s, album_root=self.album_picker.path())

    def isComplete(self) -> bool:
        return bool(self.destination())

    def show_error(self, message: str) -> None:
        self.error_label.setText(failure_html(message, self.palette()))


def album_pages(context: WizardContext) -> tuple[FindBackupPage, AlbumChoicePage, DestinationPage]:
    """The recovery path's own pages, in order (the key page before them is the backup path's)."""
    find = FindBackupPage(context)
    return find, AlbumChoicePage(context, find), DestinationPage(context)


__all__ = ["BACKUP", "RECOVER", "FoundBackup", "ModePage", "album_pages", "find_backup"]
