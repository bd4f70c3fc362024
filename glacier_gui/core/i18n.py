"""Translatable messages from a core that never imports Qt.

The core words its messages in English, because the CLI, the log and status.csv's ``last_error`` need plain
text. The window shows them in the user's language. :func:`msg` serves both: it returns the English text, as a
:class:`Text` that remembers its template and parameters, so the GUI can look the template up in Qt's
translation catalogue and fill in the same parameters.

``pyside6-lupdate`` extracts every ``msg("...")`` literal when run with ``-tr-function-alias tr+=msg``; they land
in the catalogue's empty context, which is where ``gui/texts.py`` looks them up.
"""

from __future__ import annotations

from typing import Any


class Text(str):
    """English text that remembers how it was made: ``template.format(**params)``."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any]) -> Text:
        made = super().__new__(cls, template.format(**params))
        made.template = template
        made.params = params
        return made


def msg(template: str, /, **params: Any) -> Text:
    """The message *template* with *params* filled in, marked for translation."""
    return Text(template, params)


def message_of(exc: BaseException) -> str:
    """The message an exception was raised with, keeping its :class:`Text` (``str(exc)`` would drop it)."""
    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc)
