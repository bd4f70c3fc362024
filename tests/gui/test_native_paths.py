"""A folder picked in Qt's dialog is saved with the OS's separators: on Windows Qt answers
``//192.168.0.20/10_Album``, which would be saved as such and give status.csv mixed separators."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QDir
from PySide6.QtWidgets import QFileDialog

from glacier_gui.core.settings import Settings
from glacier_gui.gui.dialogs import setup_widgets
from glacier_gui.gui.dialogs.settings_dialog import SettingsDialog

QT_ANSWER = "//192.168.0.20/10_Album"  # what getExistingDirectory returns for a share, on Windows too
WINDOWS_PATH = r"\\192.168.0.20\10_Album"


class WindowsQDir:
    """QDir.toNativeSeparators as it behaves on Windows (the Linux tests run the same code path)."""

    @staticmethod
    def toNativeSeparators(path: str) -> str:  # noqa: N802 - Qt's name
        return path.replace("/", "\\")


@pytest.fixture
def windows_separators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: QT_ANSWER))
    if sys.platform != "win32":  # on Windows the real QDir does it
        monkeypatch.setattr(setup_widgets, "QDir", WindowsQDir)


def test_qt_itself_converts_on_this_platform() -> None:
    expected = WINDOWS_PATH if sys.platform == "win32" else QT_ANSWER
    assert QDir.toNativeSeparators(QT_ANSWER) == expected


def test_the_settings_dialog_saves_a_picked_share_with_backslashes(
    windows_separators, qtbot, settings: Settings, make_session
) -> None:
    dialog = SettingsDialog(make_session(settings))
    qtbot.addWidget(dialog)
    dialog.browse_button.click()
    assert dialog.root_edit.text() == WINDOWS_PATH
    assert dialog.form_settings().album_root == WINDOWS_PATH and dialog.form_settings().root_name == "10_Album"


def test_nothing_picked_changes_nothing(monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: ""))
    assert setup_widgets.pick_folder(None, "caption", "start") == ""  # type: ignore[arg-type]
