"""The app's few colours, chosen for the theme in use: every colour the GUI draws comes from here.

A fixed ``#c62828`` reads well on white and hardly at all on the dark grey of a dark theme (Windows' dark mode,
Fusion with a dark palette).  So each tone has a light-theme and a dark-theme variant, picked by the lightness
of the palette's window colour at the time of drawing; backgrounds are the window colour tinted towards the
tone, so a banner stays a quiet band in both themes and its text keeps the palette's own contrast.
"""

from __future__ import annotations

import enum

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from glacier_gui.core.ledger.status import State


class Tone(enum.Enum):
    """What a colour says, not which colour it is."""

    GOOD = "good"  # synchronized, verified
    WARNING = "warning"  # needs a look: new or changed, a log warning
    PROBLEM = "problem"  # failed, unfinished, expires soon
    INFO = "info"  # marked for upload
    MUTED = "muted"  # folder missing: nothing to do with it


# (light theme, dark theme): the dark variants are lighter and less saturated, to read on dark grey.
_VARIANTS: dict[Tone, tuple[str, str]] = {
    Tone.GOOD: ("#2e7d32", "#81c784"),
    Tone.WARNING: ("#a65f00", "#ffb74d"),
    Tone.PROBLEM: ("#c62828", "#ef9a9a"),
    Tone.INFO: ("#1565c0", "#90caf9"),
}

STATE_TONES: dict[str, Tone] = {
    State.SYNCHRONIZED: Tone.GOOD,
    State.CHECK: Tone.WARNING,
    State.CHECK_FILE_UPLOAD: Tone.PROBLEM,
    State.UPLOAD: Tone.INFO,
    State.CHECK_NOT_EXISTS: Tone.MUTED,
}


def current_palette(palette: QPalette | None = None) -> QPalette:
    return palette if palette is not None else QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window background is dark (a dark theme)."""
    return current_palette(palette).color(QPalette.ColorRole.Window).lightnessF() < 0.5


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """*a* moved *amount* (0..1) of the way towards *b*."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def tone_color(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The text colour for *tone* in the current theme."""
    pal = current_palette(palette)
    if tone is Tone.MUTED:  # half way between text and background: readable, clearly secondary
        return blend(pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base), 0.45)
    light, dark = _VARIANTS[tone]
    return QColor(dark if is_dark(pal) else light)


def tint(tone: Tone, palette: QPalette | None = None, amount: float = 0.18) -> QColor:
    """A background for *tone*: the window colour tinted towards it (a banner, a warning band)."""
    pal = current_palette(palette)
    return blend(pal.color(QPalette.ColorRole.Window), tone_color(tone, pal), amount)


def state_color(state: str, palette: QPalette | None = None) -> QColor | None:
    """The colour of a status.csv state (None for a state the app does not know)."""
    tone = STATE_TONES.get(state)
    return tone_color(tone, palette) if tone is not None else None


def text_style(tone: Tone, bold: bool = False) -> str:
    """A style sheet for a label's text in *tone*."""
    return f"color: {tone_color(tone).name()}" + ("; font-weight: bold" if bold else "")


def band_style(tone: Tone, selector: str = "") -> str:
    """A style sheet for a tinted band (background, border, text in the palette's own colour)."""
    pal = current_palette()
    body = (
        f"background: {tint(tone, pal).name()}; border: 1px solid {tint(tone, pal, 0.6).name()}; "
        f"color: {pal.color(QPalette.ColorRole.WindowText).name()}"
    )
    return f"{selector} {{ {body} }}" if selector else body


def html_span(text: str, tone: Tone, bold: bool = False) -> str:
    """*text* (already escaped) in a rich-text span of *tone*."""
    weight = "; font-weight: bold" if bold else ""
    return f'<span style="color:{tone_color(tone).name()}{weight}">{text}</span>'


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style: the screenshots' and tests' stand-in for a dark desktop theme."""
    roles = QPalette.ColorRole
    palette = QPalette()
    for role, colour in (
        (roles.Window, "#2b2b2b"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e1e1e"),
        (roles.AlternateBase, "#262626"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#353535"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.ToolTipBase, "#3a3a3a"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#8c8c8c"),
        (roles.Highlight, "#2f65ca"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#8ab4f8"),
        (roles.Light, "#5a5a5a"),
        (roles.Midlight, "#454545"),
        (roles.Mid, "#3a3a3a"),
        (roles.Dark, "#202020"),
        (roles.Shadow, "#000000"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette
