"""The versions a bug report needs (core/versions.py): ``glacier-gui --version`` and the log's first line."""

from __future__ import annotations

import logging
import subprocess
import sys
import types
from importlib import metadata
from pathlib import Path

import pytest

from glacier_gui import APP_NAME, __version__
from glacier_gui.core import versions
from glacier_gui.core.logs import setup_logging

REPO = Path(__file__).resolve().parents[1]
NAMES = ["glacier_gui", "Python", "PySide6", "boto3", "botocore", "Pillow", "pillow-heif", "PyAV"]


def test_the_items_name_the_app_python_and_each_library_with_its_installed_version() -> None:
    items = dict(versions.version_items())
    assert list(items) == NAMES
    assert items[APP_NAME] == __version__
    assert items["Python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}.")
    assert items["boto3"] == metadata.version("boto3") and items["botocore"] == metadata.version("botocore")
    assert items["Pillow"] == metadata.version("pillow") and items["PyAV"] == metadata.version("av")
    assert items["PySide6"].startswith(metadata.version("PySide6-Essentials"))


def test_a_missing_library_is_named_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    versions.installed_version.cache_clear()
    monkeypatch.setattr(versions.metadata, "version", missing)
    try:
        assert dict(versions.version_items())["PyAV"] == versions.NOT_INSTALLED
    finally:
        versions.installed_version.cache_clear()


def test_the_qt_version_is_the_callers_or_that_of_a_qt_already_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "PySide6.QtCore", raising=False)
    assert versions.running_qt() is None
    assert "(Qt" not in dict(versions.version_items())["PySide6"]
    assert dict(versions.version_items(qt="6.99.1"))["PySide6"].endswith("(Qt 6.99.1)")
    monkeypatch.setitem(sys.modules, "PySide6.QtCore", types.SimpleNamespace(qVersion=lambda: "6.98.0"))
    assert versions.running_qt() == "6.98.0"
    assert "(Qt 6.98.0)" in versions.version_line()


def test_version_prints_every_version_and_loads_no_qt_gui_module() -> None:
    code = (
        "import sys\n"
        "from glacier_gui.__main__ import main\n"
        "code = main(['--version'])\n"
        "print('loaded:', sorted(m for m in sys.modules if m.startswith('PySide6.Qt')))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[0] == f"{APP_NAME} {__version__}"  # the first line, as it always was
    assert [line.split()[0] for line in lines[:-1]] == NAMES
    assert "(Qt 6." in lines[2]
    assert lines[-1] == "loaded: ['PySide6.QtCore']"


def test_the_cli_alone_prints_the_versions_without_qt(capsys: pytest.CaptureFixture[str]) -> None:
    from glacier_gui.cli import main

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == versions.version_text() + "\n"


def test_each_run_of_the_log_starts_with_the_versions(tmp_path: Path) -> None:
    log_path = setup_logging(tmp_path, console_level=None)
    assert log_path is not None
    logging.getLogger("glacier_gui.test").warning("something happened")
    setup_logging(None, console_level=None)
    first, second = log_path.read_text(encoding="utf-8").splitlines()
    assert first.endswith(versions.version_line()) and "; boto3 " in first and "; PyAV " in first
    assert second.endswith("something happened")
