"""Where files land on local disk: the one safe join, Windows' extended-length paths, and paths for messages.

Every path built from text we did not choose (a status.csv row, a manifest entry, a bucket key) goes through
:func:`safe_join`, so nothing is ever written outside the folder the user picked.

Windows paths longer than 260 characters use the extended-length form (``\\\\?\\`` and ``\\\\?\\UNC\\``).

Albums on a NAS nest deep (``\\\\192.168.0.20\\10_Album\\2022\\0601_運動会\\...``), and Windows refuses longer
paths unless long-path support is on in the registry. The extended form works everywhere: the scan starts
from it, so every path built below it (units, files, restores) carries it too. Elsewhere nothing changes.
"""

from __future__ import annotations

import ntpath
import os
import re
from pathlib import Path

_DRIVE = re.compile(r"^[A-Za-z]:")


def extended(path: Path, windows: bool | None = None) -> Path:
    """*path* in Windows' extended-length form (absolute, backslashes); unchanged on other systems."""
    if not (os.name == "nt" if windows is None else windows):
        return path
    text = str(path)
    if text.startswith("\\\\?\\"):
        return path
    text = ntpath.normpath(ntpath.abspath(text) if windows is None else text)
    if text.startswith("\\\\"):  # \\server\share\... -> \\?\UNC\server\share\...
        return Path("\\\\?\\UNC\\" + text[2:])
    return Path("\\\\?\\" + text)


def display(path: Path | str) -> str:
    """The path as the user typed it: without the extended-length prefix (for messages)."""
    text = str(path)
    if text.startswith("\\\\?\\UNC\\"):
        return "\\\\" + text[8:]
    if text.startswith("\\\\?\\"):
        return text[4:]
    return text


class PathRefused(ValueError):
    """A file's path would land outside the destination folder."""


def safe_join(dest: Path, relpath: str) -> Path:
    """``dest / relpath`` for a relative, ``/``-separated path that stays inside *dest*; else :class:`PathRefused`.

    Refused: empty paths, absolute paths, drive letters (``C:``) and colons (Windows streams), backslashes,
    empty, ``.`` or ``..`` components (also ``.. `` and ``...``, which Windows trims to dots), NUL, and
    anything that resolves (through symlinks) outside *dest*.
    """
    why = _refusal(relpath)
    if why:
        raise PathRefused(f"refused {relpath!r}: {why}; it would not stay inside the destination folder")
    target = dest.joinpath(*relpath.split("/"))
    base = dest.resolve()
    if not target.resolve().is_relative_to(base):
        raise PathRefused(f"refused {relpath!r}: it resolves outside the destination folder")
    return target


def _refusal(relpath: str) -> str:
    if not relpath:
        return "empty path"
    if "\x00" in relpath:
        return "NUL character"
    if "\\" in relpath:
        return "backslash in the path"
    if relpath.startswith("/"):
        return "absolute path"
    if _DRIVE.match(relpath) or ":" in relpath:
        return "drive letter or colon in the path"
    for part in relpath.split("/"):
        if part == "":
            return "empty path component"
        if part.strip(". ") == "":
            return f"path component {part!r}"
    return ""
