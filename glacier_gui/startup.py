"""When the windowed exe cannot start, the user must see why: a message box, and a file in the data folder.

``GlacierGUI.exe`` has no console: its stdout and stderr go nowhere (build_spec/entry_gui.py), and logging is set up
only once the window starts.  A failure before that (Qt's DLLs missing from the bundle, a broken install, any
exception on the way up) would otherwise end the process with nothing on screen and nothing on disk.  So the
windowed entry reports such a failure here: the text goes to ``startup-error.txt`` in the data folder (for a bug
report) and, when a person started the window, into a Windows message box (``MessageBoxW`` through ctypes: no Qt,
which may be what failed).  A scheduled ``run`` gets the file only: a box at 02:00 would keep the task "running"
until someone clicks it.

Only the standard library is used on the way (any of our dependencies may be what is broken).  The box is a seam
(:data:`show_box`), so the Linux tests check what would be shown.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from glacier_gui import APP_DISPLAY_NAME, APP_NAME, __version__

ERROR_FILE = "startup-error.txt"
MB_OK, MB_ICONERROR, MB_SETFOREGROUND = 0x0, 0x10, 0x10000

windowed = False
"""Set by the windowed exe's entry (build_spec/entry_gui.py): there is no console to print to."""


def _message_box(title: str, text: str) -> None:
    """Windows' own message box (blocks until closed); nothing elsewhere."""
    if sys.platform != "win32":
        return
    import ctypes

    ctypes.windll.user32.MessageBoxW(None, text, title, MB_OK | MB_ICONERROR | MB_SETFOREGROUND)


show_box: Callable[[str, str], None] = _message_box
"""What shows the message box (looked up at each call, so tests can put a fake here)."""


def data_dir() -> Path:
    """The data folder as core/settings.py names it, found with the standard library if that import fails."""
    env = os.environ.get("GLACIER_GUI_DATA_DIR")
    if env:
        return Path(env)
    try:
        from glacier_gui.core.settings import default_data_dir

        return default_data_dir()
    except Exception:  # the failure being reported may be this very import
        appdata = os.environ.get("APPDATA")
        return Path(appdata, APP_NAME) if appdata else Path.home() / f".{APP_NAME}"


def report_failure(what: str, details: str = "", folder: Path | None = None, interactive: bool = True) -> Path | None:
    """Write *what* (one line for the user) and *details* (a traceback) to the error file; show *what* in a box
    when the process is windowed and *interactive* (a person opened the window).  Returns the file written."""
    written = None
    body = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {APP_NAME} {__version__}\n{what}\n\n{details}".rstrip() + "\n"
    for place in (folder or data_dir(), Path(tempfile.gettempdir())):
        with contextlib.suppress(OSError):
            place.mkdir(parents=True, exist_ok=True)
            (place / ERROR_FILE).write_text(body, encoding="utf-8", errors="backslashreplace")
            written = place / ERROR_FILE
            break
    if windowed and interactive:
        where = f"\n\nDetails: {written}" if written else ""
        text = f"{APP_DISPLAY_NAME} を起動できませんでした。\n{APP_DISPLAY_NAME} could not start.\n\n{what}{where}"
        with contextlib.suppress(Exception):  # the box is the last resort: nothing to report its failure to
            show_box(APP_DISPLAY_NAME, text)
    return written


def opens_window(argv: Sequence[str]) -> bool:
    """Whether the command line *argv* (without the program) opens the window: no sub-command is named."""
    return not any(not a.startswith("-") for a in argv[:1])


def guarded(entry: Callable[[], int], argv: Sequence[str] | None = None) -> int:
    """Run the windowed exe's *entry*; an exception that escapes it (before the window's own excepthook exists)
    is reported by :func:`report_failure` and ends the process with exit status 1."""
    try:
        return entry()
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        args = sys.argv[1:] if argv is None else argv
        report_failure(f"{type(exc).__name__}: {exc}", traceback.format_exc(), interactive=opens_window(args))
        return 1
