"""The smoke test's checks for a Japanese Windows install: Qt's own Japanese catalogue (also from the frozen
bundle's folders) and a HEIC decoded through pillow-heif."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QTranslator

from glacier_gui import smoke
from glacier_gui.gui import i18n
from glacier_gui.resources import resource_path

REPO = Path(__file__).resolve().parents[1]


def test_the_shipped_heic_sample_is_a_heic() -> None:
    data = resource_path(smoke.HEIC_SAMPLE).read_bytes()
    assert data[4:12] == b"ftypheic" and len(data) < 4096
    assert "HEIC via pillow-heif" in smoke.check_thumbnail()


def test_the_thumbnail_check_fails_when_pillow_heif_is_missing() -> None:
    code = "import sys; sys.modules['pillow_heif'] = None\nfrom glacier_gui import smoke\nsmoke.check_thumbnail()\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SmokeFailure: thumbnail: a HEIC gave a placeholder thumbnail" in result.stderr


def test_the_language_check_finds_qtbase_ja(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "Cancel -> キャンセル" in smoke.check_language()
    monkeypatch.setattr(i18n, "qt_translation_dirs", lambda: ["/nowhere/translations"])
    with pytest.raises(smoke.SmokeFailure, match="qtbase_ja.qm is in none of /nowhere/translations"):
        smoke.check_language()


def test_the_frozen_app_falls_back_to_the_bundles_pyside6_translations(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = tmp_path / "_internal"
    (bundle / "PySide6" / "translations").mkdir(parents=True)
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    shutil.copy(qt_dir / "qtbase_ja.qm", bundle / "PySide6" / "translations")  # the Windows wheel's layout
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    folders = i18n.qt_translation_dirs()
    assert folders[1:] == [str(bundle / "PySide6" / "translations"), str(bundle / "PySide6" / "Qt" / "translations")]
    # Qt's own path is wrong in the bundle: the bundle's folder is used.
    found = i18n.load_catalogue(QTranslator(), "qtbase_ja", [str(tmp_path / "missing"), *folders[1:]])
    assert found == str(bundle / "PySide6" / "translations")
