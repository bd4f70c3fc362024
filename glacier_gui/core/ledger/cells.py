"""What a spreadsheet may have made of status.csv's numbers and times, and how to compare them at the precision
their text kept.

Excel and LibreOffice rewrite cells they recognise when they save a CSV: ``2022-06-01 10:00:37.125678`` becomes
``2022/6/1 10:00`` (Excel's ``yyyy/m/d h:mm``) or ``10:00:37.126`` (LibreOffice rounds to milliseconds), and a
number of 12 or more digits becomes ``1.23457E+11`` (Excel's General format).  Such text is never taken as the
exact value: a time compares at the precision its text holds (a minute, a second, a millisecond: rounded or
cut, either way), and a number written with an exponent or a fraction is *approximate*, equal to any whole
number it rounds from.  The app's exact values are in its own record (core/ledger/record.py); these rules are
for a status.csv without one (the original script's, another computer's).

Also here: what an evaluated formula or a lost character looks like in a unit's name (:func:`damage_cause`).
"""

from __future__ import annotations

import ast
import re
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from glacier_gui.core.clock import parse_time
from glacier_gui.core.i18n import msg

_FRACTION = re.compile(r"\d:\d\d:\d\d[.,](\d+)")
_SECONDS = re.compile(r"\d:\d\d:\d\d")
_MINUTES = re.compile(r"\d:\d\d")
_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")


def time_precision(text: str) -> timedelta:
    """The finest unit *text* shows: a day, a minute, a second, or its fraction's last digit."""
    if m := _FRACTION.search(text):
        return timedelta(microseconds=10 ** max(0, 6 - len(m.group(1))))
    if _SECONDS.search(text):
        return timedelta(seconds=1)
    if _MINUTES.search(text):
        return timedelta(minutes=1)
    return timedelta(days=1)


def same_time(text: str, actual: datetime | None) -> bool:
    """Whether *text* shows *actual* (naive local time) at the precision it holds, rounded or cut."""
    text = text.strip()
    if actual is None:
        return text == ""
    shown = parse_time(text)
    if shown is None:
        return False
    if actual.tzinfo is not None:
        actual = actual.astimezone().replace(tzinfo=None)
    return abs(shown - actual) < time_precision(text)


def read_number(text: str) -> tuple[int | None, bool]:
    """(value, exact) of a count or size cell: ``("", True)`` is empty; ``1.23457E+11`` is ``(None, False)``.

    Raises ValueError for text that is no number at all.
    """
    if not text:
        return None, True
    if text.isdigit() and text.isascii():  # what the app itself writes
        return int(text), True
    text = text.strip().replace(",", "")
    if text == "":
        return None, True
    if _WHOLE.fullmatch(text):
        return int(Decimal(text)), True
    try:
        Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not Decimal(text).is_finite():
        raise ValueError(text)
    return None, False


def number_fits(text: str, actual: int | None) -> bool:
    """Whether the approximate *text* (``1.23457E+11``) is *actual* rounded to the digits it shows."""
    if actual is None:
        return False
    try:
        shown = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        return False
    unit = Decimal(1).scaleb(shown.as_tuple().exponent)  # type: ignore[arg-type]
    return abs(shown - actual) * 2 <= unit


_ERROR_VALUES = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")
_LO_ERROR = re.compile(r"(?:Err:\d{3}|#[A-Z/0]+[!?]?)")
_FORMULA_CHARS = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+(?:\.\d*)?[eE][+-]?\d+)")


def damage_cause(key: str, candidates: list[str]) -> str:
    """Why *key*, which matches no folder and no record, is probably a name a spreadsheet broke ("" when
    nothing points that way).  *candidates* are units with no row of their own: the one the name was."""
    last = key.rsplit("/", 1)[-1]
    if last in _ERROR_VALUES or _LO_ERROR.fullmatch(last) or _NUMBER.fullmatch(last) or last in ("TRUE", "FALSE"):
        formulas = [c for c in candidates if c[:1] in _FORMULA_CHARS or c.rsplit("/", 1)[-1][:1] in _FORMULA_CHARS]
        formulas.sort(key=lambda c: not _evaluates_to(c, key))  # the one whose value the cell shows, first
        if formulas:
            return msg("a spreadsheet may have evaluated {name}", name=formulas[0])
        return msg("a spreadsheet may have evaluated a name beginning with =, +, - or @ as a formula")
    if "?" in key:
        lost = [c for c in candidates if text_fits(key, c)]
        if lost:
            return msg(
                "a character the file's encoding cannot hold (an emoji saved as Shift-JIS) became ? in {name}",
                name=lost[0],
            )
        return msg("a character the file's encoding cannot hold (an emoji saved as Shift-JIS) may have become ?")
    return ""


def broken_name_of(key: str, candidates: list[str]) -> str:
    """The one candidate *key* can be: with its ``?`` put back, or the formula whose value it shows ("" when
    none or several fit)."""
    fits = {c for c in candidates if c != key and (("?" in key and text_fits(key, c)) or _evaluates_to(c, key))}
    return fits.pop() if len(fits) == 1 else ""


_ARITHMETIC = re.compile(r"[=+\-]?[0-9+\-*/.() ]+")


def _evaluates_to(name: str, shown: str) -> bool:
    """Whether a spreadsheet evaluating *name* as a formula shows *shown* (15 significant digits)."""
    if not _ARITHMETIC.fullmatch(name) or name[:1] not in _FORMULA_CHARS:
        return False
    try:
        value = _arithmetic(ast.parse(name.lstrip("="), mode="eval").body)
        return abs(value - float(shown)) <= 1e-12 * max(1.0, abs(value))
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, RecursionError):
        return False


def _arithmetic(node: ast.expr) -> float:
    """The value of digits, + - * / and parentheses; ValueError for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd | ast.USub):
        value = _arithmetic(node.operand)
        return value if isinstance(node.op, ast.UAdd) else -value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub | ast.Mult | ast.Div):
        left, right = _arithmetic(node.left), _arithmetic(node.right)
        ops = {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right}
        return ops[type(node.op)] if not isinstance(node.op, ast.Div) else left / right
    raise ValueError("not arithmetic")


def text_fits(shown: str, exact: str) -> bool:
    """Whether *shown* is *exact* as a spreadsheet saved it: equal, or with ``?`` for characters it lost."""
    if shown == exact or shown.strip() == exact.strip():
        return True
    if "?" not in shown:
        return False
    pattern = ".+?".join(re.escape(part) for part in shown.split("?"))
    return re.fullmatch(pattern, exact, re.DOTALL) is not None
