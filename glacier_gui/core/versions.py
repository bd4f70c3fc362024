"""The versions a bug report needs, gathered in one place: ``glacier-gui --version`` and the log's first line.

A problem seen by one user and not another is often a different library: the fresh install that picked a new
moto is how issue 19 began.  So both the command line and every log start with the app's version, Python's
and the platform's, and those of the libraries that touch the user's data: PySide6 (and the Qt it runs),
boto3/botocore, Pillow, pillow-heif and PyAV.

The library versions come from the installed distributions' metadata (``importlib.metadata``), so nothing is
imported to learn them; the frozen bundle carries that metadata (``build_spec/glacier_gui.spec`` copies it for
:data:`DISTRIBUTIONS`).  The core never imports Qt: the version of the Qt *running* is read only where Qt is
already loaded (the window), or handed in by the caller (``--version`` asks ``PySide6.QtCore``).
"""

from __future__ import annotations

import platform
import sys
from functools import cache
from importlib import metadata

from glacier_gui import APP_NAME, __version__

# (name shown, distribution names to look up in that order): the libraries a bug report names.
DISTRIBUTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("PySide6", ("PySide6-Essentials", "PySide6")),
    ("boto3", ("boto3",)),
    ("botocore", ("botocore",)),
    ("Pillow", ("pillow",)),
    ("pillow-heif", ("pillow-heif",)),
    ("PyAV", ("av",)),
)
NOT_INSTALLED = "not installed"


@cache
def installed_version(*names: str) -> str:
    """The version of the first of the distributions *names* that is installed, else :data:`NOT_INSTALLED`."""
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return NOT_INSTALLED


def running_qt() -> str | None:
    """The version of the Qt library this process has loaded, or None when Qt is not loaded (never loads it)."""
    qt_core = sys.modules.get("PySide6.QtCore")
    q_version = getattr(qt_core, "qVersion", None)
    return str(q_version()) if callable(q_version) else None


def version_items(qt: str | None = None) -> list[tuple[str, str]]:
    """(what, version) pairs: the app, Python and the platform, then :data:`DISTRIBUTIONS`.

    *qt*: the Qt version when the caller knows it; else that of a Qt already loaded, if any.
    """
    qt = qt or running_qt()
    items = [
        (APP_NAME, __version__),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()}, {_platform()})"),
    ]
    for shown, names in DISTRIBUTIONS:
        version = installed_version(*names)
        if shown == "PySide6" and qt:
            version += f" (Qt {qt})"
        items.append((shown, version))
    return items


def version_text(qt: str | None = None) -> str:
    """One line per item, for ``--version``; the first line is ``glacier_gui <version>`` as it always was."""
    return "\n".join(f"{what} {version}" for what, version in version_items(qt))


def version_line(qt: str | None = None) -> str:
    """Everything on one line, for the log."""
    return "; ".join(f"{what} {version}" for what, version in version_items(qt))


def _platform() -> str:
    system = platform.system() or sys.platform
    if system == "Windows":
        return f"Windows {platform.release()} {platform.version()} {platform.machine()}"
    return f"{system} {platform.release()} {platform.machine()}"
