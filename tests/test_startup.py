"""The windowed exe never fails silently (glacier_gui/startup.py): a message box (the seam ``show_box``, a real
``MessageBoxW`` only on Windows) and ``startup-error.txt`` in the data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from glacier_gui import startup
from glacier_gui.__main__ import main

REPO = Path(__file__).resolve().parents[1]
ENTRY_GUI = REPO / "build_spec" / "entry_gui.py"


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(startup, "show_box", lambda title, text: shown.append((title, text)))
    monkeypatch.setenv("GLACIER_GUI_DATA_DIR", str(tmp_path / "データ"))
    return shown


def test_the_windowed_exe_shows_a_box_and_writes_the_file(boxes, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(startup, "windowed", True)
    written = startup.report_failure("Qt is missing", "Traceback: line 1")
    assert written == tmp_path / "データ" / startup.ERROR_FILE
    body = written.read_text(encoding="utf-8")
    assert "Qt is missing" in body and "Traceback: line 1" in body
    [(title, text)] = boxes
    assert title == "Glacier GUI" and "Qt is missing" in text and str(written) in text
    assert "起動できませんでした" in text  # the family reads Japanese; Qt's catalogue may be what failed


def test_the_console_exe_and_a_scheduled_run_get_no_box(boxes, monkeypatch, tmp_path: Path) -> None:
    startup.report_failure("printed on the console instead")  # not windowed
    monkeypatch.setattr(startup, "windowed", True)
    startup.report_failure("a 02:00 run: nobody to click OK", interactive=False)
    assert boxes == []
    assert "02:00" in (tmp_path / "データ" / startup.ERROR_FILE).read_text(encoding="utf-8")


def test_an_exception_before_the_window_exists_is_reported(boxes, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(startup, "windowed", True)

    def broken() -> int:
        raise OSError("the bundle is damaged")

    assert startup.guarded(broken, argv=[]) == 1
    assert "OSError: the bundle is damaged" in boxes[0][1]
    assert "Traceback" in (tmp_path / "データ" / startup.ERROR_FILE).read_text(encoding="utf-8")
    assert startup.guarded(broken, argv=["run", "--data-dir", "x"]) == 1  # Task Scheduler's run: file only
    assert len(boxes) == 1
    assert startup.opens_window(["--demo"]) and not startup.opens_window(["scan"])


def test_a_missing_qt_in_the_windowed_exe_is_shown(boxes, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(startup, "windowed", True)
    monkeypatch.setitem(sys.modules, "glacier_gui.gui.app", None)  # the import fails as a broken bundle's would
    assert main([]) == 2
    [(_title, text)] = boxes
    assert "the window cannot open" in text
    assert (tmp_path / "データ" / startup.ERROR_FILE).is_file()


def test_the_windowed_entry_script_reports_a_qt_that_cannot_be_imported(tmp_path: Path) -> None:
    """build_spec/entry_gui.py as the exe runs it, in a process where PySide6 cannot be imported."""
    box = tmp_path / "box.txt"
    code = (
        "import runpy, sys\n"
        "sys.modules['PySide6'] = None\n"
        "from glacier_gui import startup\n"
        "box = sys.argv[1]\n"
        "startup.show_box = lambda title, text: open(box, 'w', encoding='utf-8').write(text)\n"
        "sys.argv = ['GlacierGUI']\n"
        f"runpy.run_path({str(ENTRY_GUI)!r}, run_name='__main__')\n"
    )
    env = dict(os.environ, GLACIER_GUI_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([sys.executable, "-c", code, str(box)], cwd=REPO, env=env, capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert "the window cannot open" in box.read_text(encoding="utf-8")
    assert "PySide6" in (tmp_path / "data" / startup.ERROR_FILE).read_text(encoding="utf-8")
