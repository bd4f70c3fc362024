"""Excel's own display rules, applied to a CSV as Excel would save it: Excel cannot run here.

Documented behaviour of Excel (Japanese Windows, "General" cells) when it opens a CSV and saves it again:

* a whole number of 12 or more digits is shown, and saved, in scientific notation with 6 significant digits
  (``123456789012`` -> ``1.23457E+11``; trailing zeros dropped: ``1E+11``);
* a cell it recognises as a date and time is shown, and saved, as ``yyyy/m/d h:mm`` (the seconds and their
  fraction are gone);
* a cell that begins with ``=``, ``+``, ``-`` or ``@`` is a formula: its value is saved (``=1+2/3`` ->
  ``1.66666666666667``: 15 significant digits); a cell that begins with an apostrophe is text and kept as is.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

_INT = re.compile(r"\d+")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?")


def general_number(value: int) -> str:
    """How a General cell shows a whole number."""
    if len(str(abs(value))) < 12:
        return str(value)
    mantissa, exponent = f"{value:.5E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{exponent[0]}{int(exponent[1:]):02d}"


def short_time(text: str) -> str:
    """How Excel shows a date and time it recognised: ``yyyy/m/d h:mm`` (cut to the minute)."""
    d = datetime.fromisoformat(text)
    return f"{d.year}/{d.month}/{d.day} {d.hour}:{d.minute:02d}"


def formula_value(text: str) -> str:
    """The value Excel saves for a cell it evaluates (only the simple arithmetic the tests use)."""
    expression = text.lstrip("=")
    if not re.fullmatch(r"[0-9+\-*/. ()]+", expression):
        return "#NAME?"
    value = eval(expression, {"__builtins__": {}})  # noqa: S307 - digits and operators only, checked above
    return f"{value:.15g}"


def excel_cell(text: str) -> str:
    if _INT.fullmatch(text):
        return general_number(int(text))
    if _TIME.fullmatch(text):
        return short_time(text)
    if text[:1] in ("=", "+", "-", "@") and len(text) > 1:
        return formula_value(text)
    return text


def excel_resave(text: str) -> str:
    """A CSV's text as Excel saves it again after the user opened it (no cell edited)."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rows[0])
    writer.writerows([excel_cell(c) for c in row] for row in rows[1:])
    return out.getvalue()
