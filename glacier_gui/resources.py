"""Where the app's own files (icon, pricing.json, translations) are: beside the package, or inside the bundle.

A PyInstaller bundle unpacks (one-file) or keeps (one-folder) them under ``sys._MEIPASS/resources``; a
source checkout or an editable install has them in ``<repo>/resources``.  No Qt here, so the CLI can use it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def is_frozen() -> bool:
    """True inside a PyInstaller bundle (the Windows exe, or the Linux build the tests make)."""
    return bool(getattr(sys, "frozen", False)) and isinstance(getattr(sys, "_MEIPASS", None), str)


def resources_dir() -> Path:
    """The ``resources`` folder: ``sys._MEIPASS/resources`` when frozen, else the one beside the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str) and (Path(bundle) / "resources").is_dir():
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(name: str) -> Path:
    """A file in :func:`resources_dir`, e.g. ``resource_path("icon.png")`` for the window icon."""
    return resources_dir() / name
