"""The Japanese catalogue is complete, compiled, and every string sits where the app looks it up.

``pyside6-lupdate`` is run over the sources exactly as ``build_spec/update_translations.py`` runs it (into a
temporary .ts, with absolute locations), and what it finds is compared with the committed
``resources/translations/glacier_gui_ja.ts``:

* every string has a finished Japanese translation (no ``type="unfinished"``, not missing, not empty) whose
  ``{placeholders}`` are the source's and which keeps a menu's ``&`` shortcut;
* every context is one the runtime looks up: a class that calls ``self.tr`` in the file the string is in (PySide
  looks ``self.tr`` up under the class's name), ``Texts`` (``gui/texts.py`` and its ``translate("Texts", …)``
  calls), or the empty context of the core's ``msg()`` texts, found only in ``glacier_gui/core``;
* the committed ``.qm`` is what ``pyside6-lrelease`` makes of the committed ``.ts``.
"""

from __future__ import annotations

import ast
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build_spec"))
from update_translations import lrelease_command, lupdate_command  # noqa: E402

sys.path.remove(str(ROOT / "build_spec"))

TS_FILE = ROOT / "resources" / "translations" / "glacier_gui_ja.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
CORE = ROOT / "glacier_gui" / "core"
GUI = ROOT / "glacier_gui" / "gui"

pytestmark = pytest.mark.skipif(
    shutil.which("pyside6-lupdate") is None or shutil.which("pyside6-lrelease") is None,
    reason="pyside6-lupdate/lrelease are not on PATH",
)


def _messages(ts_file: Path) -> list[tuple[str, str, ET.Element, list[Path]]]:
    """(context, source, translation element, source files) for every message of *ts_file*."""
    found = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            files = [
                (ts_file.parent / loc.attrib["filename"]).resolve()
                for loc in message.iter("location")
                if "filename" in loc.attrib
            ]
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation, files))
    return found


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, ET.Element, list[Path]]]:
    """What lupdate finds in the sources today (a fresh catalogue: nothing merged from the committed one)."""
    ts_file = tmp_path_factory.mktemp("lupdate") / "glacier_gui_ja.ts"
    done = subprocess.run(
        lupdate_command(ts_file, locations="absolute"), cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "Found" in done.stdout + done.stderr
    return _messages(ts_file)


def _finished(translation: ET.Element) -> bool:
    return translation.get("type") not in ("unfinished", "obsolete", "vanished") and bool(translation.text)


def test_every_string_has_a_finished_japanese_translation(extracted) -> None:
    committed = {(context, source): tr for context, source, tr, _files in _messages(TS_FILE)}
    assert extracted, "lupdate found no strings: is the source list right?"
    missing = [
        f"{context or '<core msg>'}: {source!r}"
        for context, source, _tr, _files in extracted
        if (context, source) not in committed or not _finished(committed[(context, source)])
    ]
    assert not missing, (
        f"{len(missing)} string(s) without a finished Japanese translation: run "
        "`python build_spec/update_translations.py`, translate them in resources/translations/glacier_gui_ja.ts, "
        "and run it again:\n" + "\n".join(missing)
    )


def _fields(text: str) -> list[str]:
    """The ``{…}`` fields of a format string, sorted (``{0}``, ``{name}``, ``{3:g}``)."""
    return sorted(
        f"{name}:{spec}" for _literal, name, spec, _conv in string.Formatter().parse(text) if name is not None
    )


def test_translations_keep_placeholders_and_shortcuts() -> None:
    wrong = []
    for context, source, translation, _files in _messages(TS_FILE):
        text = translation.text or ""
        if not _finished(translation):
            continue
        if _fields(source) != _fields(text):
            wrong.append(f"{context}: {source!r} -> {text!r}: placeholders differ")
        if "&" in source.replace("&&", "") and not source.startswith("<") and "&" not in text:
            wrong.append(f"{context}: {source!r} -> {text!r}: the & shortcut is lost")
    assert not wrong, "\n".join(wrong)


@cache
def _classes_calling_tr(path: Path) -> frozenset[str]:
    """Names of the classes in *path* whose own body calls ``self.tr(...)``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ClassDef):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Attribute)
                    and inner.func.attr == "tr"
                    and isinstance(inner.func.value, ast.Name)
                    and inner.func.value.id == "self"
                ):
                    names.add(node.name)
                    break
    return frozenset(names)


def test_every_context_is_one_the_app_looks_up(extracted) -> None:
    wrong = []
    for context, source, _tr, files in extracted:
        assert files, f"{context}: {source!r} has no location (lupdate must run with locations)"
        for path in files:
            if context == "":
                ok = path.is_relative_to(CORE)  # core msg(): looked up by texts.core_text
            elif context == "Texts":
                ok = path.is_relative_to(GUI)  # translate("Texts", …): looked up by gui/texts.py
            else:
                ok = context in _classes_calling_tr(path)  # self.tr in that class looks it up
            if not ok:
                wrong.append(f"{path.relative_to(ROOT)}: context {context!r} for {source!r}")
    assert not wrong, (
        "strings in a context the app never looks up (use self.tr in a QObject class, "
        'QCoreApplication.translate("Texts", …) in gui/texts.py, or msg() in the core):\n' + "\n".join(wrong)
    )


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    copy = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, copy)
    subprocess.run(lrelease_command(copy), cwd=ROOT, capture_output=True, check=True)
    assert QM_FILE.read_bytes() == copy.with_suffix(".qm").read_bytes(), (
        "glacier_gui_ja.qm is out of date: run `python build_spec/update_translations.py`"
    )
