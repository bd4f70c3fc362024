"""Every setting explained once, in words, from its declaration: ``glacier-gui help settings`` and the docs' table.

The settings are declared in :mod:`glacier_gui.core.settings` (name, help text, choices) and their flags are made
in :mod:`glacier_gui.cli.common`.  Both readers of this module - the ``help settings`` command and
``build_spec/make_settings_table.py``, which writes the table in ``docs/reference.md`` - build from
:func:`setting_rows`, so the terminal and the documentation cannot drift apart from the code or each other.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, fields

from glacier_gui.cli.common import REPEATABLE, setting_flag
from glacier_gui.core.settings import Settings, SettingSpec

INTRO = (
    "Settings are saved by the window in settings.json in the data folder, and the command line reads the same "
    "file. A flag overrides a setting for one run; --config FILE (JSON with the names below) sits between the "
    "saved settings and the flags. Credentials are never settings: they come from the AWS profile or the OS "
    "keyring."
)


@dataclass(frozen=True)
class SettingRow:
    """One setting as the help and the docs show it."""

    name: str  # the key in settings.json and in a --config file
    label: str  # what the window calls it
    flag: str  # the command-line flag with its value, e.g. "--level N" or "--thumbnails / --no-thumbnails"
    default: str  # the default, as one would type it
    allowed: str  # the only values the flag takes, or ""
    help: str
    repeatable: bool = False  # a list: the flag is given once per value, and the values add up


def setting_rows() -> list[SettingRow]:
    """The rows, in declaration order (the order of the settings dialog and of ``--help``)."""
    defaults = Settings()
    return [_row(f.name, f.metadata["spec"], getattr(defaults, f.name)) for f in fields(Settings)]


def _row(name: str, spec: SettingSpec, default: object) -> SettingRow:
    flag = setting_flag(name, spec)
    if isinstance(default, bool):
        shown = f"{flag} / --no-{flag[2:]}" if default else flag
        value = "on" if default else "off"
    elif isinstance(default, list):
        shown = f"{flag} {spec.metavar or 'VALUE'}"
        value = " ".join(f'"{v}"' if " " in v else v for v in default)
    else:
        shown = f"{flag} {spec.metavar or ('N' if isinstance(default, int) else 'VALUE')}"
        value = f"{default:g}" if isinstance(default, float) else str(default)
    help_text = str(spec.help).rstrip()
    if help_text and help_text[-1] not in ".)":
        help_text += "."
    return SettingRow(name, spec.label, shown, value, ", ".join(spec.choices), help_text, isinstance(default, list))


def settings_text(width: int = 100) -> str:
    """The text of ``glacier-gui help settings``: the intro, then each setting with its flag, default and help."""
    wrap = textwrap.TextWrapper(width, break_on_hyphens=False, break_long_words=False)
    indented = textwrap.TextWrapper(
        width, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False, break_long_words=False
    )
    lines = wrap.wrap(INTRO) + [""]
    for row in setting_rows():
        facts = [f"settings.json: {row.name}", f"default: {row.default or '(empty)'}"]
        if row.allowed:
            facts.append(f"one of: {row.allowed}")
        if row.repeatable:
            facts.append(REPEATABLE)
        lines.append(f"{row.flag}    {row.label}")
        lines += indented.wrap("; ".join(facts)) + indented.wrap(row.help)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: the characters Markdown would eat are escaped."""
    for char in ("\\", "|", "*", "<", "_"):
        text = text.replace(char, "\\" + char)
    return text


def _code(text: str) -> str:
    return f"`{text.replace('|', '&#124;')}`" if text else "(empty)"


def settings_table() -> str:
    """The Markdown table of every setting (what ``docs/reference.md`` holds between its markers)."""
    lines = ["| setting (`settings.json`) | flag | default | what it does |", "|---|---|---|---|"]
    for row in setting_rows():
        what = _cell(row.help)
        if row.allowed:
            what += f" One of: {', '.join(_code(v) for v in row.allowed.split(', '))}."
        if row.repeatable:
            what += f" The flag is {REPEATABLE}."
        lines.append(f"| `{row.name}` ({_cell(row.label)}) | {_code(row.flag)} | {_code(row.default)} | {what} |")
    return "\n".join(lines) + "\n"


__all__ = ["INTRO", "SettingRow", "setting_rows", "settings_table", "settings_text"]
