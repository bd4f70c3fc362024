"""Numbers in words people read: sizes, money and durations, and text in terminal columns (no Qt; the GUI and
CLI both use these)."""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

KiB = 2**10
MiB = 2**20
GiB = 2**30
TiB = 2**40


_SIZE_UNITS: dict[str, int] = {
    "": 1,
    "b": 1,
    "byte": 1,
    "bytes": 1,
    "k": 10**3,
    "kb": 10**3,
    "m": 10**6,
    "mb": 10**6,
    "g": 10**9,
    "gb": 10**9,
    "t": 10**12,
    "tb": 10**12,
    "p": 10**15,
    "pb": 10**15,
    "ki": KiB,
    "kib": KiB,
    "mi": MiB,
    "mib": MiB,
    "gi": GiB,
    "gib": GiB,
    "ti": TiB,
    "tib": TiB,
    "pi": 2**50,
    "pib": 2**50,
}

_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Return the number of bytes that *text* names.

    Accepted: a whole number of bytes (``"1048576"``), or a number followed by a unit, case-insensitive,
    with or without a space.  Units without ``i`` are decimal, as the original README counts
    (``"2TB"`` = 2 * 10**12, ``"512k"`` = 512,000); units with ``i`` are binary (``"2TiB"`` = 2 * 2**40,
    ``"1.5 GiB"`` = 1,610,612,736).  A fraction with a unit is rounded to the nearest byte.

    Raises :class:`ValueError` with a readable message for anything else: empty text, negative or
    non-finite numbers, exponents, thousands separators, unknown units, or a fractional byte count.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_size expects text, not {type(text).__name__}")
    match = _SIZE_RE.match(text)
    if match is None:
        raise ValueError(
            f"not a size: {text!r} (write a number and an optional unit, e.g. '500GB', '1.5 GiB', "
            "'2TB' or a byte count such as '1048576')"
        )
    number, unit = match.group(1), match.group(2).lower()
    if unit not in _SIZE_UNITS:
        raise ValueError(
            f"unknown size unit {match.group(2)!r} in {text!r} (use B, KB, MB, GB, TB, PB for powers of "
            "1000 or KiB, MiB, GiB, TiB, PiB for powers of 1024)"
        )
    factor = _SIZE_UNITS[unit]
    value = Decimal(number) * factor
    if factor == 1 and value != value.to_integral_value():
        raise ValueError(f"a byte count must be a whole number, not {text!r}")
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


_BINARY_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB")


def format_size(n: int, decimal_point: str = ".") -> str:
    """Format a byte count with binary units and one decimal: ``"512 B"``, ``"1.5 GiB"``, ``"2.0 TiB"``.

    *decimal_point* is the locale's (the GUI passes ``QLocale().decimalPoint()``: ``"1,5 GiB"`` in German)."""
    magnitude = abs(n)
    sign = "-" if n < 0 else ""
    if magnitude < KiB:
        return f"{sign}{magnitude} B"
    last = len(_BINARY_UNITS) - 1
    index = 1
    while index < last and magnitude >= 1024 ** (index + 1):
        index += 1
    value = magnitude / 1024**index
    if round(value, 1) >= 1024 and index < last:  # 1023.96 KiB would print as "1024.0 KiB"
        index += 1
        value = magnitude / 1024**index
    return f"{sign}{value:.1f} {_BINARY_UNITS[index]}".replace(".", decimal_point, 1)


def format_usd(amount: float) -> str:
    """Format a USD amount: ``"$1,234.50"``; below one cent, two significant digits (``"$0.0065"``).

    Amounts below 0.000001 USD show as ``"$0.00"``.  Negative amounts get a leading minus (``"-$3.00"``).
    """
    if not math.isfinite(amount):
        raise ValueError(f"not an amount of money: {amount!r}")
    sign = "-" if amount < 0 else ""
    magnitude = abs(amount)
    if magnitude >= 0.01:
        return f"{sign}${magnitude:,.2f}"
    if magnitude < 0.000001:
        return "$0.00"
    decimals = min(6, 1 - math.floor(math.log10(magnitude)))
    return f"{sign}${magnitude:.{decimals}f}"


def format_duration(seconds: float) -> str:
    """``0:05``, ``12:30``, ``3:02:10``."""
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# ---- terminal columns -----------------------------------------------------------------------------------
def display_width(text: str) -> int:
    """Terminal columns *text* takes: East Asian Wide and Fullwidth characters (``運``, ``Ａ``) take two,
    combining marks (the separate ``゛`` of a macOS NFD name) none, everything else one."""
    return sum(_char_width(c) for c in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def pad(text: str, width: int, align: str = "<") -> str:
    """*text* filled with spaces to *width* columns, on the right (``<``) or the left (``>``); never cut.

    ``f"{text:<28}"`` counts characters, so a Japanese unit name would push the next columns right."""
    if align not in ("<", ">"):
        raise ValueError(f"align must be '<' or '>', not {align!r}")
    fill = " " * max(0, width - display_width(text))
    return text + fill if align == "<" else fill + text


def clip(text: str, width: int) -> str:
    """*text* cut to at most *width* columns, ending in ``…`` when something was cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += _char_width(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"
