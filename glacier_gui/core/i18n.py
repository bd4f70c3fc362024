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

    def __reduce__(self) -> tuple[type[Text], tuple[str, dict[str, Any]]]:
        """Copies (``dataclasses.asdict``, ``copy.deepcopy``) and pickles keep the template and parameters."""
        return Text, (self.template, self.params)

    def to_json(self) -> dict[str, Any]:
        """A record JSON can hold: ``{"text", "template", "params"}``; :meth:`from_json` makes the Text again."""
        return {"text": str(self), "template": self.template, "params": _plain(self.params)}

    @staticmethod
    def from_json(value: Any) -> str:
        """The text :meth:`to_json` recorded (a Text again when its template still fills in), or plain text."""
        if isinstance(value, dict):
            text = str(value.get("text", ""))
            template, params = value.get("template"), value.get("params")
            if isinstance(template, str) and isinstance(params, dict):
                try:
                    filled = {k: Text.from_json(v) if isinstance(v, dict) else v for k, v in params.items()}
                    return Text(template, filled)
                except (KeyError, IndexError, ValueError, TypeError, AttributeError):
                    return text
            return text
        return value if isinstance(value, str) else str(value)


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters as JSON values: nested Texts as records, numbers kept, anything else as its text."""
    out: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, Text):
            out[name] = value.to_json()
        elif isinstance(value, bool | int | float | str) or value is None:
            out[name] = value
        else:
            out[name] = str(value)
    return out


def msg(template: str, /, **params: Any) -> Text:
    """The message *template* with *params* filled in, marked for translation."""
    return Text(template, params)


def message_of(exc: BaseException) -> str:
    """The message an exception was raised with, keeping its :class:`Text` (``str(exc)`` would drop it)."""
    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc)
