"""Refresh the Japanese catalogue: ``python build_spec/update_translations.py`` (from the repository root).

1. ``pyside6-lupdate`` reads every ``.py`` under ``glacier_gui/`` and merges the strings it finds into
   ``resources/translations/glacier_gui_ja.ts``: ``self.tr("…")`` (context: the class),
   ``QCoreApplication.translate("Texts", "…")`` and ``QT_TRANSLATE_NOOP(…)``, and the core's ``msg("…")``
   (``-tr-function-alias tr+=msg``; context: empty).  New strings arrive as ``type="unfinished"``; strings no
   longer in the source are dropped (``-no-obsolete``).
2. Translate the new ones (Qt Linguist, or any editor: fill ``<translation>`` and remove ``type="unfinished"``).
3. ``pyside6-lrelease`` compiles the .ts into the ``.qm`` the app loads; run this script again after translating.
   Commit both files: a plain install (and the PyInstaller bundle) uses the .qm as it is.

``tests/test_translations.py`` fails while a string has no finished translation, or sits in a context the app
never looks up.  ``--check`` only reports what lupdate would change, without writing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "glacier_gui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ja",)  # English is the source language: no catalogue


def sources(package: Path = PACKAGE) -> list[str]:
    """Every Python file of the package, relative to the repository root, in a stable order."""
    return sorted(str(p.relative_to(ROOT)) for p in package.rglob("*.py"))


def lupdate_command(ts_file: Path, locations: str = "relative") -> list[str]:
    """The exact lupdate call: every source file, ``msg`` as an alias of ``tr``, no obsolete entries."""
    return [
        "pyside6-lupdate",
        *sources(),
        "-tr-function-alias",
        "tr+=msg",
        "-no-obsolete",
        "-locations",
        locations,
        "-source-language",
        "en",
        "-target-language",
        ts_file.stem.rpartition("_")[2],
        "-ts",
        str(ts_file),
    ]


def lrelease_command(ts_file: Path) -> list[str]:
    return ["pyside6-lrelease", str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))]


def run(command: list[str]) -> str:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({done.returncode}):\n{output}")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report lupdate's figures only; write nothing")
    args = parser.parse_args(argv)
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"glacier_gui_{language}.ts"
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                copy = Path(tmp) / ts_file.name
                if ts_file.exists():
                    shutil.copy(ts_file, copy)
                print(run(lupdate_command(copy)).strip())
            continue
        print(run(lupdate_command(ts_file)).strip())
        print(run(lrelease_command(ts_file)).strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
