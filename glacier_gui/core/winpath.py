"""Windows paths longer than 260 characters: the extended-length form (``\\\\?\\`` and ``\\\\?\\UNC\\``).

Albums on a NAS nest deep (``\\\\192.168.0.20\\10_Album\\2022\\0601_運動会\\...``), and Windows refuses longer
paths unless long-path support is on in the registry. The extended form works everywhere: the scan starts
from it, so every path built below it (units, files, restores) carries it too. Elsewhere nothing changes.
"""

from __future__ import annotations

import ntpath
import os
from pathlib import Path


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
