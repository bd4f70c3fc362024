"""The app entry: first start opens the setup wizard, --smoke-test (builds the real window), --demo --screenshot,
excepthook, Qt messages."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from glacier_gui.gui import app as gui_app
from glacier_gui.gui.dialogs.setup_wizard import SetupWizard

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def restore_process_state():
    """run_app installs process-wide hooks; put pytest-qt's and pytest's back afterwards."""
    hook = sys.excepthook
    yield
    sys.excepthook = hook
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(previous if previous is not gui_app.qt_message_handler else None)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_glacier_gui", False):
            root.removeHandler(handler)
            handler.close()


def test_first_start_opens_the_setup_wizard(qtbot, tmp_path: Path, monkeypatch, restore_process_state):
    seen: dict[str, object] = {}

    def fake_exec(self) -> int:
        qtbot.waitUntil(
            lambda: any(isinstance(w, SetupWizard) and w.isVisible() for w in QApplication.topLevelWidgets()),
            timeout=5000,
        )
        seen["dialog"] = True
        for widget in QApplication.topLevelWidgets():
            widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    args = argparse.Namespace(demo=False, screenshot=None, smoke_test=False, top_data_dir=tmp_path / "fresh")
    assert gui_app.run_app(args) == 0
    assert seen == {"dialog": True}
    assert not (tmp_path / "fresh" / "settings.json").exists()  # cancelled: nothing saved


def test_excepthook_logs_and_shows_the_error(qtbot, caplog, restore_process_state):
    gui_app.install_excepthook()
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        with caplog.at_level(logging.CRITICAL):
            sys.excepthook(*sys.exc_info())
    assert "boom in a slot" in caplog.text
    box = gui_app._keep.pop()
    assert "boom in a slot" in box.text()
    box.close()


def test_the_crash_dialog_shows_the_filtered_text(qtbot, caplog, restore_process_state):
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # AWS's documented example key, not a real one
    gui_app.install_excepthook()
    try:
        raise RuntimeError(f"request failed: AKIAIOSFODNN7EXAMPLE {secret} boom")
    except RuntimeError:
        with caplog.at_level(logging.CRITICAL):
            sys.excepthook(*sys.exc_info())
    box = gui_app._keep.pop()
    shown = box.text() + box.detailedText()
    assert "boom" in box.text() and "RuntimeError" in box.detailedText()
    assert secret not in shown and "AKIAIOSFODNN7EXAMPLE" not in shown and "*** *** boom" in box.detailedText()
    assert secret not in caplog.text
    box.close()


def test_qt_messages_go_to_python_logging(caplog):
    from PySide6.QtCore import QtMsgType

    with caplog.at_level(logging.WARNING, logger="qt"):
        gui_app.qt_message_handler(QtMsgType.QtWarningMsg, None, "a Qt warning")
        gui_app.qt_message_handler(QtMsgType.QtWarningMsg, None, "This plugin does not support propagateSizeHints()")
    assert [r.getMessage() for r in caplog.records] == ["a Qt warning"]


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "GLACIER_GUI_DATA_DIR": str(tmp_path / "user-data"),
    }  # the user's real data dir stays untouched
    return subprocess.run(
        [sys.executable, "-m", "glacier_gui", *args], env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path
    )


@pytest.mark.slow
def test_demo_screenshot_renders_a_png_and_exits_0(tmp_path: Path):
    shot = tmp_path / "shot.png"
    result = _run(["--demo", "--screenshot", str(shot)], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert not (tmp_path / "user-data").exists()  # the demo never touches the user's settings


def test_smoke_test_builds_the_window(tmp_path: Path):
    result = _run(["--smoke-test", "--data-dir", str(tmp_path / "d")], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "smoke test passed" in result.stdout
    assert "ok    window" in result.stdout and "MainWindow painted" in result.stdout


def test_screenshot_without_demo_is_refused(tmp_path: Path):
    result = _run(["--screenshot", str(tmp_path / "x.png")], tmp_path)
    assert result.returncode == 2 and "--demo" in result.stderr
