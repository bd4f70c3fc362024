"""Open a CSV in LibreOffice Calc as a user would, mark rows, save it again: the spreadsheet half of the
round-trip tests (tests/test_spreadsheet_roundtrip.py).

Run with the Python that has LibreOffice's ``uno`` module (Debian's /usr/bin/python3 with python3-uno), not
the project's: the test starts it as a subprocess.  Usage::

    calc_roundtrip.py IN.csv OUT.csv IMPORT_OPTIONS EXPORT_OPTIONS JSON_EDITS

IMPORT_OPTIONS and EXPORT_OPTIONS are Calc's CSV filter options (field separator, text delimiter, character
set, first line, column formats, language, quoted as text, detect special numbers, ...).  JSON_EDITS is
``{"match_column": "unit", "set_column": "status", "value": "Upload", "rows": ["2022/a", ...]}``: each row
whose *match_column* cell shows one of *rows* gets *value* typed into its *set_column* cell, as a user types
it.  The sheet's cells are printed as JSON on stdout (what the user saw), one list per row.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main() -> int:
    src, dst, import_options, export_options, edits_json = sys.argv[1:6]
    edits = json.loads(edits_json)
    with tempfile.TemporaryDirectory(prefix="calc-") as profile:
        pipe = f"calc{os.getpid()}"
        office = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                f"-env:UserInstallation=file://{profile}",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            return run(pipe, src, dst, import_options, export_options, edits)
        finally:
            office.terminate()
            try:
                office.wait(30)
            except subprocess.TimeoutExpired:
                office.kill()


def run(pipe: str, src: str, dst: str, import_options: str, export_options: str, edits: dict) -> int:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 90
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(
        Path(src).resolve().as_uri(),
        "_blank",
        0,
        (
            prop("FilterName", "Text - txt - csv (StarCalc)"),
            prop("FilterOptions", import_options),
            prop("Hidden", True),
        ),
    )
    try:
        sheet = doc.Sheets.getByIndex(0)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        last_col, last_row = cursor.RangeAddress.EndColumn, cursor.RangeAddress.EndRow
        header = [sheet.getCellByPosition(c, 0).String for c in range(last_col + 1)]
        if edits.get("rows"):
            match = header.index(edits["match_column"])
            target = header.index(edits["set_column"])
            wanted = set(edits["rows"])
            for r in range(1, last_row + 1):
                if sheet.getCellByPosition(match, r).String in wanted:
                    sheet.getCellByPosition(target, r).String = edits["value"]
        shown = [[sheet.getCellByPosition(c, r).String for c in range(last_col + 1)] for r in range(last_row + 1)]
        doc.storeToURL(
            Path(dst).resolve().as_uri(),
            (
                prop("FilterName", "Text - txt - csv (StarCalc)"),
                prop("FilterOptions", export_options),
                prop("Overwrite", True),
            ),
        )
    finally:
        doc.close(True)
    json.dump(shown, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
