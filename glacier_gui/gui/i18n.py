"""One place that chooses the UI language and installs Qt's translators for it.

The language follows the system (``QLocale.system()``) unless the user picked one in Settings; the environment
variable ``GLACIER_GUI_LANG=ja|en`` overrides both, for tests and for support ("run it in English and send me the
log"). Two catalogues are installed: the app's own (``resources/translations/glacier_gui_<lang>.qm``) and Qt's
``qtbase_<lang>.qm`` that ships with PySide6, so standard buttons and file dialogs speak the same language.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from glacier_gui.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("ja", "en")  # what the app has catalogues for; English is the source language
LANG_ENV = "GLACIER_GUI_LANG"

_installed: list[QTranslator] = []


def choose_language(setting: str = "auto", system: str | None = None) -> str:
    """``ja`` or ``en``: the environment variable, else the setting, else the system's language."""
    for wanted in (os.environ.get(LANG_ENV, ""), setting):
        wanted = wanted.strip().lower()[:2]
        if wanted in LANGUAGES:
            return wanted
    system = system if system is not None else QLocale.system().name()
    return "ja" if system.lower().startswith("ja") else "en"


def catalogue_path(language: str) -> Path:
    return resource_path("translations") / f"glacier_gui_{language}.qm"


def init_translations(app: QCoreApplication, setting: str = "auto") -> str:
    """Install the translators for the chosen language (again on a change); return the language."""
    language = choose_language(setting)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English))
    if language == "en":
        return language
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        (f"qtbase_{language}", qt_dir),
        (f"glacier_gui_{language}", str(catalogue_path(language).parent)),
    ):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no %s translation catalogue in %s: that part stays in English", name, folder)
    return language
