"""One place that chooses the UI language and installs Qt's translators for it.

The language follows the system (``QLocale.system()``) unless the user picked one in Settings; the environment
variable ``GLACIER_GUI_LANG=ja|en`` overrides both, for tests and for support ("run it in English and send me the
log"). Two catalogues are installed: the app's own (``resources/translations/glacier_gui_<lang>.qm``) and Qt's
``qtbase_<lang>.qm`` that ships with PySide6, so standard buttons and file dialogs speak the same language.  In
the frozen app Qt's own idea of where its translations are may not hold, so the bundle's ``PySide6/translations``
(the Windows wheel's layout) and ``PySide6/Qt/translations`` (Linux, macOS) are tried as well.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from glacier_gui.resources import is_frozen, resource_path

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


def qt_translation_dirs() -> list[str]:
    """Where Qt's own catalogues (``qtbase_ja.qm``) may be: Qt's path, then, when frozen, the bundle's folders."""
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    bundle = getattr(sys, "_MEIPASS", None)
    if is_frozen() and isinstance(bundle, str):
        folders += [str(Path(bundle, "PySide6", "translations")), str(Path(bundle, "PySide6", "Qt", "translations"))]
    return folders


def load_catalogue(translator: QTranslator, name: str, folders: list[str]) -> str | None:
    """Load the catalogue *name* (``qtbase_ja``) from the first of *folders* that has it; that folder, or None."""
    for folder in folders:
        if folder and translator.load(name, folder):
            return folder
    return None


def init_translations(app: QCoreApplication, setting: str = "auto") -> str:
    """Install the translators for the chosen language (again on a change); return the language."""
    language = choose_language(setting)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English))
    if language == "en":
        return language
    for name, folders in (
        (f"qtbase_{language}", qt_translation_dirs()),
        (f"glacier_gui_{language}", [str(catalogue_path(language).parent)]),
    ):
        translator = QTranslator(app)
        if load_catalogue(translator, name, folders):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no %s translation catalogue in %s: that part stays in English", name, ", ".join(folders))
    return language
