"""Whether the album root can be read at all: a NAS that is off is not an album whose folders were all deleted.

A scan that cannot list the root (the NAS is down, the share is not connected, the account has no rights on
it) knows nothing about the album's folders, so it must change nothing: it raises :class:`RootUnreadable`,
the CLI exits 1 with one line naming the root and the cause, and the window shows a banner.  A folder missing
*under* a readable root is still what it always was: ``Check_NotExists``.
"""

from __future__ import annotations

import os
from pathlib import Path

from glacier_gui.core.i18n import msg
from glacier_gui.core.paths import display, extended


class RootUnreadable(OSError):
    """The album root cannot be listed; nothing about its folders may be concluded (no row changes state)."""


def root_unreadable(root: Path | str, exc: OSError) -> RootUnreadable:
    """The error for a root whose listing failed with *exc*, in plain words."""
    cause: str
    if isinstance(exc, PermissionError):
        cause = msg("no permission to read it")
    elif isinstance(exc, FileNotFoundError):
        cause = msg("it cannot be found")
    elif isinstance(exc, NotADirectoryError):
        cause = msg("it is a file, not a folder")
    else:
        cause = printable_cause(exc)
    return RootUnreadable(
        msg(
            "the album root {root} cannot be read ({cause}): is the NAS on and the share connected? Nothing was "
            "changed",
            root=display(root),
            cause=cause,
        )
    )


def printable_cause(exc: OSError) -> str:
    return str(exc.strerror or type(exc).__name__)


def check_root(root: Path) -> None:
    """Raise :class:`RootUnreadable` unless *root* can be listed."""
    try:
        with os.scandir(extended(root)):
            pass
    except OSError as exc:
        raise root_unreadable(root, exc) from None
