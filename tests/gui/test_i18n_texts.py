"""The words for codes (gui/texts.py), core messages in the user's language, locale figures, the yen, the palette's
colours (gui/colors.py), and the language setting from Settings to the installed translators."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.status import State
from glacier_gui.core.lock import StatusInUse, StatusLock
from glacier_gui.core.settings import Settings, SettingsError, save_settings, settings_from_mapping
from glacier_gui.gui import app as gui_app
from glacier_gui.gui import main_window, texts
from glacier_gui.gui.app import follow_language_setting
from glacier_gui.gui.colors import STATE_TONES, Tone, dark_palette, is_dark, state_color, tint, tone_color
from glacier_gui.gui.dialogs.settings_dialog import SettingsDialog
from glacier_gui.gui.i18n import LANG_ENV, choose_language, init_translations
from glacier_gui.gui.main_window import MainWindow
from tests.gui.test_app import restore_process_state  # noqa: F401 - a fixture

GUI = Path(__file__).resolve().parents[2] / "glacier_gui" / "gui"


@pytest.fixture
def japanese(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    saved = QLocale()
    monkeypatch.setenv(LANG_ENV, "ja")
    init_translations(qapp)
    yield
    monkeypatch.setenv(LANG_ENV, "en")
    init_translations(qapp)
    QLocale.setDefault(saved)


@pytest.fixture
def english(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    saved = QLocale()
    monkeypatch.setenv(LANG_ENV, "en")
    init_translations(qapp)
    yield
    QLocale.setDefault(saved)


STATE_WORDS = {
    State.SYNCHRONIZED: ("Synchronized", "同期済み"),
    State.CHECK: ("New or changed", "新規・変更あり"),
    State.CHECK_FILE_UPLOAD: ("Upload unfinished", "アップロード未完了"),
    State.CHECK_NOT_EXISTS: ("Folder missing", "フォルダなし"),
    State.UPLOAD: ("To upload", "アップロード予定"),
}


def test_codes_in_english_words(english) -> None:
    assert {state: texts.state_name(state) for state in State} == {s: en for s, (en, _ja) in STATE_WORDS.items()}
    assert texts.state_name("Something_new") == "Something_new"  # a state this app does not know: as it is
    assert texts.state_tooltip(State.CHECK_FILE_UPLOAD, "timeout") == (
        "Upload unfinished (Check_FileUpload in status.csv)\ntimeout"
    )
    assert (texts.tier_name("Bulk"), texts.tier_name("Standard")) == (
        "Bulk (up to 48 hours)",
        "Standard (up to 12 hours)",
    )
    assert texts.problem_kind("storage-class") == "wrong storage class"
    assert texts.storage_class_name("DEEP_ARCHIVE") == "Glacier Deep Archive"
    assert texts.object_state("in-progress") == "being restored" and texts.file_state("skipped").startswith("skipped")


def test_codes_in_japanese_words(japanese) -> None:
    assert {state: texts.state_name(state) for state in State} == {s: ja for s, (_en, ja) in STATE_WORDS.items()}
    assert (texts.tier_name("Bulk"), texts.tier_name("Standard")) == ("大容量（最大48時間）", "標準（最大12時間）")
    assert texts.problem_kind("missing") == "S3 にない"
    assert texts.stopped() == "停止しました。"
    assert "最安" in texts.storage_class_choice("DEEP_ARCHIVE") or "安い" in texts.storage_class_choice("DEEP_ARCHIVE")


class _Catalogue(QTranslator):
    """A catalogue of core templates (empty context), as lrelease would make it."""

    def __init__(self, entries: dict[str, str]) -> None:
        super().__init__()
        self.entries = entries

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201 - Qt's signature
        return self.entries.get(source) if context == "" else None


def test_core_text_translates_templates_and_their_text_parameters(qapp) -> None:
    catalogue = _Catalogue(
        {"{unit}: {why}": "{unit}：{why}", "not in the bucket": "バケットにない", "{n} left": "残り"}
    )
    qapp.installTranslator(catalogue)
    try:
        message = msg("{unit}: {why}", unit="2022/0601_運動会", why=msg("not in the bucket"))
        assert message == "2022/0601_運動会: not in the bucket"  # the core's English, as the log and CLI see it
        assert texts.core_text(message) == "2022/0601_運動会：バケットにない"
        assert texts.core_text("plain text stays") == "plain text stays"
        assert texts.core_text(msg("{n} left", n=3)) == "残り"  # a translation may leave a parameter out
        assert texts.core_text(msg("untranslated {n}", n=3)) == "untranslated 3"
    finally:
        qapp.removeTranslator(catalogue)


def test_core_text_falls_back_to_english_when_a_translation_breaks_its_fields(qapp) -> None:
    catalogue = _Catalogue({"{a} and {b}": "{a} と {c}"})
    qapp.installTranslator(catalogue)
    try:
        assert texts.core_text(msg("{a} and {b}", a=1, b=2)) == "1 and 2"
    finally:
        qapp.removeTranslator(catalogue)


def test_a_core_message_from_the_catalogue(japanese, tmp_path: Path) -> None:
    held = StatusLock(tmp_path / "status.csv").acquire()
    try:
        with pytest.raises(StatusInUse) as caught:
            StatusLock(tmp_path / "status.csv").acquire()
    finally:
        held.release()
    english = caught.value.args[0]
    assert "is in use by" in english  # the CLI and the log keep English
    assert texts.core_text(english).startswith("status.csv は ") and "使用中" in texts.core_text(english)


def test_figures_follow_the_locale(english, qapp) -> None:
    assert texts.number(1234567) == "1,234,567"
    assert texts.size(1536) == "1.5 KiB"
    assert texts.money(2.02) == "$2.02" and texts.money(2.02, 150) == "$2.02 (about ¥303)"
    assert texts.money(0.0001, 150) == "$0.00010 (about ¥0.02)"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert texts.size(1536) == "1,5 KiB" and texts.number(1234567) == "1.234.567"


def test_yen_in_japanese(japanese) -> None:
    assert texts.money(2.02, 150) == "$2.02（約 303 円）"
    assert re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d", texts.date_time(datetime(2022, 5, 9, 23, 20)))
    assert texts.date_time(None) == "–"


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        parts = [
            (v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4) for v in (c.redF(), c.greenF(), c.blueF())
        ]
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_status_colours_read_on_the_theme(qapp, dark: bool) -> None:
    palette = dark_palette() if dark else QPalette(QColor("#f0f0f0"), QColor("#ffffff"))
    assert is_dark(palette) == dark
    base = palette.color(QPalette.ColorRole.Base)
    for tone in Tone:
        colour = tone_color(tone, palette)
        assert _contrast(colour, base) >= 3.0, (tone, colour.name(), base.name())  # WCAG AA for large/bold text
        band = tint(tone, palette)
        assert _contrast(palette.color(QPalette.ColorRole.WindowText), band) >= 4.5, (tone, band.name())
    assert set(STATE_TONES) == set(State)
    assert state_color("Unknown", palette) is None


def test_light_and_dark_variants_differ(qapp) -> None:
    light = QPalette(QColor("#f0f0f0"), QColor("#ffffff"))
    assert tone_color(Tone.PROBLEM, light) != tone_color(Tone.PROBLEM, dark_palette())


def test_no_hard_coded_colour_outside_colors_py() -> None:
    pattern = re.compile(
        r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b(?!\w)|QColor\(|Qt\.(GlobalColor\.)?(red|green|blue|yellow|gray|darkRed)\b"
    )
    found = [
        f"{path.relative_to(GUI)}:{n}: {line.strip()}"
        for path in sorted(GUI.rglob("*.py"))
        if path.name != "colors.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "#readOnlyBanner" not in line
    ]
    assert not found, "use gui/colors.py:\n" + "\n".join(found)


def test_language_and_yen_settings_are_checked() -> None:
    assert settings_from_mapping({"language": "ja", "jpy_rate": "151.5"}).validate().jpy_rate == 151.5
    assert settings_from_mapping({"jpy_rate": 150}).jpy_rate == 150.0
    for bad in ({"language": "fr"}, {"jpy_rate": -1}, {"jpy_rate": "lots"}, {"jpy_rate": True}):
        with pytest.raises(SettingsError):
            settings_from_mapping(bad).validate()
    assert Settings().language == "auto" and Settings().jpy_rate == 0


def test_settings_dialog_edits_language_and_yen_and_the_app_follows(
    qtbot, make_session, settings: Settings, qapp, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = QLocale()
    monkeypatch.delenv(LANG_ENV, raising=False)
    session = make_session(settings)
    follow_language_setting(qapp, session, settings.language)
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.language_combo.currentData() == "auto" and dialog.jpy_spin.value() == 0
    assert dialog.jpy_spin.text().startswith("off")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ja"))
    dialog.jpy_spin.setValue(150)
    dialog.accept()
    new = dialog.result_settings()
    assert new is not None and (new.language, new.jpy_rate) == ("ja", 150.0)
    try:
        assert session.apply_settings(new)
        assert QCoreApplication.translate("Texts", "Synchronized") == "同期済み"
        assert "円" in SettingsDialog(session).jpy_spin.text()
    finally:
        from dataclasses import replace

        session.apply_settings(replace(new, language="en"))
        QLocale.setDefault(saved)
    assert QCoreApplication.translate("Texts", "Synchronized") == "Synchronized"


def test_choose_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LANG_ENV, raising=False)
    assert choose_language("auto", "ja_JP") == "ja" and choose_language("auto", "en_US") == "en"
    assert choose_language("auto", "de_DE") == "en"  # no German catalogue: English
    assert choose_language("en", "ja_JP") == "en" and choose_language("ja", "en_GB") == "ja"
    monkeypatch.setenv(LANG_ENV, "en")
    assert choose_language("ja", "ja_JP") == "en"  # "run it in English and send me the log"


@pytest.mark.usefixtures("restore_process_state")
def test_the_app_starts_in_the_language_of_its_settings(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """run_app installs the translators before the window is built: the first start's Settings is Japanese."""
    monkeypatch.delenv(LANG_ENV, raising=False)
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    save_settings(Settings(language="ja"), data_dir)
    seen: dict[str, str] = {}
    saved = QLocale()

    made: list[MainWindow] = []

    class Recorded(MainWindow):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(main_window, "MainWindow", Recorded)  # other tests' windows may still be about

    def fake_exec(self) -> int:
        window = made[-1]
        seen["menu"] = window.menuBar().actions()[0].text()
        seen["state"] = texts.state_name(State.CHECK)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    try:
        assert gui_app.run_app(argparse.Namespace(demo=False, screenshot=None, top_data_dir=data_dir)) == 0
    finally:
        init_translations(QApplication.instance(), "en")
        QLocale.setDefault(saved)
    assert seen == {"menu": "ファイル(&F)", "state": "新規・変更あり"}
