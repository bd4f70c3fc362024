"""Every action of the window, declared once and found by :class:`ActionId` (Picard's actions module).

Text, shortcut, icon and tip live here; what an action does is connected by the part that owns the work
(``actions.bind(ActionId.SCAN, backup.start_scan)``), so no part reaches into another for its actions.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle, QWidget


class ActionId(enum.Enum):
    SCAN = enum.auto()
    UPLOAD = enum.auto()
    STOP = enum.auto()
    MARK = enum.auto()
    SETTINGS = enum.auto()
    OPEN_FOLDER = enum.auto()
    REBUILD = enum.auto()
    ABOUT = enum.auto()
    RECOVERY_GUIDE = enum.auto()
    QUIT = enum.auto()
    RESTORE = enum.auto()
    RESTORE_JOBS = enum.auto()
    VERIFY = enum.auto()
    BROWSE = enum.auto()
    PAUSE = enum.auto()
    BANDWIDTH = enum.auto()
    RESTORE_ALL = enum.auto()


# Off while a job may write status.csv, or while another process holds it.
WRITING = frozenset({ActionId.SCAN, ActionId.UPLOAD, ActionId.MARK, ActionId.REBUILD})


@dataclass(frozen=True)
class _Spec:
    text: str
    shortcut: QKeySequence.StandardKey | str | None = None
    icon: QStyle.StandardPixmap | None = None
    tip: str = ""
    short: str = ""  # the toolbar's text, when the menu's is too long for it
    checkable: bool = False


class Actions(QObject):
    """The QActions of *parent* (the window), by :class:`ActionId`: ``actions[ActionId.SCAN]``."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._actions = {action_id: self._make(spec, parent) for action_id, spec in self._specs().items()}

    def _specs(self) -> dict[ActionId, _Spec]:
        sp = QStyle.StandardPixmap
        return {
            ActionId.SCAN: _Spec(
                self.tr("&Scan"), "F5", sp.SP_BrowserReload, self.tr("Scan the album and update status.csv")
            ),
            ActionId.UPLOAD: _Spec(
                self.tr("&Upload marked"), "Ctrl+U", sp.SP_ArrowUp, self.tr("Upload the units marked for upload")
            ),
            ActionId.STOP: _Spec(
                self.tr("S&top"),
                "Esc",
                sp.SP_BrowserStop,
                self.tr("Stop; unfinished units resume on the next upload"),
            ),
            ActionId.MARK: _Spec(self.tr("&Mark selected for upload"), "Ctrl+M"),
            ActionId.SETTINGS: _Spec(
                self.tr("S&ettings…"), "Ctrl+,", sp.SP_FileDialogDetailedView, self.tr("Album, level and S3 settings")
            ),
            ActionId.OPEN_FOLDER: _Spec(
                self.tr("&Open status.csv folder"),
                None,
                sp.SP_DirOpenIcon,
                self.tr("Show status.csv in the file manager"),
            ),
            ActionId.REBUILD: _Spec(
                self.tr("&Read the folder list again from the backup…"),
                tip=self.tr(
                    "Replace the list of folders (status.csv) with one read from the backup in the bucket (the "
                    "current file is kept as .bak)"
                ),
            ),
            ActionId.ABOUT: _Spec(self.tr("&About")),
            ActionId.RECOVERY_GUIDE: _Spec(
                self.tr("&Get my photos back…"),
                tip=self.tr("How to get the photos back on a new computer, with only the bucket's name and the key"),
            ),
            ActionId.QUIT: _Spec(self.tr("&Quit"), QKeySequence.StandardKey.Quit),
            ActionId.RESTORE: _Spec(
                self.tr("&Restore selected units…"),
                "Ctrl+R",
                tip=self.tr("Get the selected units (or some of their files) back from S3"),
            ),
            ActionId.RESTORE_ALL: _Spec(
                self.tr("Restore &everything…"),
                tip=self.tr(
                    "Get the whole album back from S3 (every unit in the bucket): the cost and the time are shown first"
                ),
            ),
            ActionId.RESTORE_JOBS: _Spec(
                self.tr("Restore &jobs"), tip=self.tr("Show the restore jobs: what is ready, what expires, download")
            ),
            ActionId.BROWSE: _Spec(
                self.tr("&Browse photos of selected units…"),
                "Ctrl+B",
                sp.SP_FileDialogContentsView,
                self.tr("See every photo of the selected units as thumbnails, without a restore"),
                self.tr("Browse"),
            ),
            ActionId.VERIFY: _Spec(
                self.tr("&Verify selected units in S3"),
                tip=self.tr("Check without a restore that every file is in S3, whole"),
            ),
            ActionId.PAUSE: _Spec(
                self.tr("&Pause"),
                "Ctrl+P",
                sp.SP_MediaPause,
                self.tr("Stop sending for now; Resume goes on where it stopped"),
                checkable=True,
            ),
            ActionId.BANDWIDTH: _Spec(
                self.tr("&Bandwidth limit…"),
                tip=self.tr("How fast uploads may use the internet line; applies at once, also while uploading"),
            ),
        }

    @staticmethod
    def _make(spec: _Spec, parent: QWidget) -> QAction:
        action = QAction(spec.text, parent)
        action.setCheckable(spec.checkable)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.icon is not None:
            action.setIcon(QApplication.style().standardIcon(spec.icon))
        if spec.short:
            action.setIconText(spec.short)
        if spec.tip:
            action.setStatusTip(spec.tip)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{spec.tip} ({keys})" if keys else spec.tip)
        return action

    def __getitem__(self, action_id: ActionId) -> QAction:
        return self._actions[action_id]

    def __iter__(self) -> Iterator[ActionId]:
        return iter(self._actions)

    def bind(self, action_id: ActionId, slot: Callable[[], object]) -> None:
        """Run *slot* (no arguments) when the action is triggered."""
        self._actions[action_id].triggered.connect(lambda _checked=False: slot())

    def enable(self, ids: frozenset[ActionId] | set[ActionId], enabled: bool) -> None:
        for action_id in ids:
            self._actions[action_id].setEnabled(enabled)
