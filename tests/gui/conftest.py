"""GUI fixtures: offscreen Qt (tests/conftest.py), an in-memory keyring, no real file dialog, no browser, and
English number formats (1,000) whatever the machine's LANG - a test of another language sets its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFileDialog

from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.test_credentials import MemoryKeyring


@pytest.fixture(autouse=True)
def english_numbers() -> Iterator[None]:
    """Each test starts with the English UI's number format (the suite passed only when an earlier test had left it
    so: under LANG=C a file alone formatted 1000, not 1,000)."""
    saved = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(saved)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Never a real keychain in tests."""
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def _no_dialog(*_args, **_kwargs):
    raise AssertionError("a real QFileDialog would hang a headless test: patch it")


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """A real file dialog hangs headless tests; the desktop must not open folders.  Calls are recorded."""
    for name in ("getExistingDirectory", "getOpenFileName", "getSaveFileName", "getOpenFileNames"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(_no_dialog))
    opened: list[object] = []
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    return opened


@pytest.fixture
def make_session(qtbot, data_dir: Path):
    """Build a Session over *settings* (no window); its jobs are stopped and its lock released after the test."""
    from glacier_gui.gui.session import Session

    sessions: list[Session] = []

    def make(settings: Settings, credentials: dict[str, str] | None = None) -> Session:
        session = Session(settings, data_dir, credentials=credentials)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.shutdown()


@pytest.fixture
def make_window(qtbot, data_dir: Path):
    """Build a MainWindow over *settings* (scanned first when asked); it is shut down after the test.

    Uploads accept their estimate dialog at once unless ``auto_accept_estimate=False``.
    """
    from glacier_gui.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(
        settings: Settings,
        scanned: bool = False,
        credentials: dict[str, str] | None = None,
        auto_accept_estimate: bool = True,
    ) -> MainWindow:
        if scanned:
            table = backup.open_status(settings, data_dir)
            backup.scan_into(settings, table)
            table.save()
        window = MainWindow(settings, data_dir, credentials=credentials)
        window.backup.auto_accept_estimate = auto_accept_estimate  # the estimate dialog has its own tests
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.shutdown()
