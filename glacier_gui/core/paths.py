"""Where files land on local disk: the one safe join, Windows' extended-length paths, and paths for messages.

Every path built from text we did not choose goes through one check: a restored file through
:func:`safe_join` (below the destination), a unit named in status.csv through :func:`unit_path` (below the
album root).  Nothing is ever read or written outside the folder the user picked.

Names are the user's, and some cannot travel: bytes that are not valid in the file system's encoding (a NAS
share written by an old Mac; Python keeps them as surrogate escapes, see :func:`undecodable`), and names that
Windows cannot hold (:func:`windows_trouble`).  :func:`printable` shows any of them in a message, a log line or
status.csv without ever raising.

Windows paths longer than 260 characters use the extended-length form (``\\\\?\\`` and ``\\\\?\\UNC\\``).

Albums on a NAS nest deep (``\\\\192.168.0.20\\10_Album\\2022\\0601_運動会\\...``), and Windows refuses longer
paths unless long-path support is on in the registry. The extended form works everywhere: the scan starts
from it, so every path built below it (units, files, restores) carries it too. Elsewhere nothing changes.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import ntpath
import os
import re
import tempfile
import unicodedata
from pathlib import Path

from glacier_gui.core.i18n import msg

_DRIVE = re.compile(r"^[A-Za-z]:")  # Windows reads C:x as "x in drive C's current folder"
_DRIVE_ROOT = re.compile(r"^[A-Za-z]:(?:/|$)")  # elsewhere only C:/... and C: look like a drive
_DRIVE_PART = re.compile(r"^[A-Za-z]:$")  # a component that is nothing but a drive: never a real name


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
    """The path as the user typed it, for messages: no extended-length prefix, undecodable bytes as ``\\xff``."""
    text = str(path)
    if text.startswith("\\\\?\\UNC\\"):
        text = "\\\\" + text[8:]
    elif text.startswith("\\\\?\\"):
        text = text[4:]
    return printable(text)


def printable(text: str) -> str:
    """*text* safe to print, log and save as UTF-8: a name's undecodable bytes become ``\\xff`` escapes."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:  # the bytes the file system really holds (POSIX keeps them as surrogate escapes)
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate from a Windows name: show its code point
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


_SURROGATE = re.compile("[\ud800-\udfff]")


def undecodable(name: str) -> bool:
    """True when *name* is not valid Unicode: bytes the file system's encoding cannot decode.

    Such a name cannot become an S3 key or a status.csv cell; the scan skips it and says so.
    """
    return not name.isascii() and _SURROGATE.search(name) is not None


_WINDOWS_CHARS = re.compile(r'[\\:*?"<>|\x00-\x1f]')
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))]
)


def windows_trouble(name: str) -> str:
    """Why Windows cannot hold a file or folder named *name* ('' when it can).

    The characters ``\\ : * ? " < > |`` and control characters, a trailing dot or space (Windows drops it),
    and the device names CON, PRN, AUX, NUL, COM1-9, LPT1-9 with any extension.  Called once per scanned
    file on Linux and macOS, so the common case costs one regex search.
    """
    if not name:
        return ""
    found = _WINDOWS_CHARS.search(name)
    if found:
        char = found.group()
        shown = repr(char) if char.isprintable() else f"control character {ord(char):#04x}"
        return str(msg("Windows does not allow {char} in a name", char=shown))
    if name[-1] in ". ":
        return str(msg("Windows drops a name's trailing dot or space"))
    head = name[:5].partition(".")[0]
    if len(head) in (3, 4) and head.lower() in _WINDOWS_RESERVED:
        return str(msg("{head} is a device name on Windows", head=head.upper()))
    return ""


_WINDOWS_BAD_BYTES = bytes(range(32)) + b'\\:*?"<>|'
_WINDOWS_DEVICE_IN = re.compile(r"/(?:con|prn|aux|nul|com[1-9]|lpt[1-9])[./]")


def windows_trouble_among(names: list[str]) -> set[str]:
    """The names among *names* (one folder's listing) that Windows cannot hold (see :func:`windows_trouble`).

    The scan asks this once per folder: the usual folder of camera files passes in a few scans of the names
    joined together, in C, instead of one regex search per name (which cost the scan 15 %).
    """
    joined = "/" + "/".join(names) + "/"
    raw = joined.encode("utf-8", "surrogatepass")
    if (
        len(raw.translate(None, _WINDOWS_BAD_BYTES)) == len(raw)
        and "./" not in joined
        and " /" not in joined
        and _WINDOWS_DEVICE_IN.search(joined.lower()) is None
    ):
        return set()
    return {name for name in names if windows_trouble(name)}


class PathRefused(ValueError):
    """A path would land outside the folder it must stay in (the restore destination, the album root)."""


def safe_join(dest: Path, relpath: str, windows: bool | None = None) -> Path:
    """``dest / relpath`` for a relative, ``/``-separated path that stays inside *dest*; else :class:`PathRefused`.

    Refused: empty paths, absolute paths, drive letters (``C:/``), empty, ``.`` or ``..`` components (also
    ``.. `` and ``...``, which Windows trims to dots), NUL, and anything that resolves (through symlinks)
    outside *dest*.  On Windows (*windows* None: this system) also backslashes, colons (``C:x``, streams) and
    every name Windows cannot hold (:func:`windows_trouble`); elsewhere those are ordinary characters of a name
    (macOS shows a ``/`` typed in Finder as ``:``), so such files come back on Linux and macOS.
    """
    why = path_refusal(relpath, os.name == "nt" if windows is None else windows)
    if why:
        raise PathRefused(
            msg(
                "refused {path!r}: {why}; it would not stay inside the destination folder",
                path=printable(relpath),
                why=why,
            )
        )
    target = dest.joinpath(*relpath.split("/"))
    if not is_inside(dest, target):
        raise PathRefused(msg("refused {path!r}: it resolves outside the destination folder", path=printable(relpath)))
    return target


def is_inside(base: Path, target: Path) -> bool:
    """True when *target* stays inside *base* once symlinks are followed (both resolved)."""
    return target.resolve().is_relative_to(base.resolve())


def path_refusal(relpath: str, windows: bool) -> str:
    """Why *relpath* cannot be joined below a folder ('' when it can): the rules of :func:`safe_join`."""
    if not relpath:
        return "empty path"
    if "\x00" in relpath:
        return "NUL character"
    if relpath.startswith("/") or (windows and relpath.startswith("\\")):
        return "absolute path"
    if (_DRIVE if windows else _DRIVE_ROOT).match(relpath):
        return "drive letter"
    if windows and "\\" in relpath:
        return "backslash in the path"
    for part in relpath.split("/"):
        if part == "":
            return "empty path component"
        if part.strip(". ") == "":
            return f"path component {part!r}"
        if _DRIVE_PART.match(part):
            return "drive letter"
        if windows and (trouble := windows_trouble(part)):
            return f"{trouble} ({printable(part)!r})"
    return ""


# ---- units: folders below the album root named by status.csv -----------------------------------------------
ROOT_UNIT = "."  # the unit of the files directly in the album root (also scan.ROOT_UNIT)


def unit_refusal(unit: str, windows: bool | None = None) -> str:
    """Why *unit* cannot name a folder inside the album ('' when it can); a check of the text alone.

    A unit is ``.`` or a relative, ``/``-separated path of real names: no ``..`` or ``.`` (nor ``...``, which
    Windows trims to ``..``), no absolute path or drive letter, no backslash (Windows' separator: ``..\\x``
    would climb out there), no NUL, and valid Unicode.  On Windows a colon (a stream) is refused too; on Linux
    and macOS ``12:30 party`` is an ordinary folder name (macOS shows ``/`` typed in Finder as ``:``).
    """
    if unit == ROOT_UNIT:
        return ""
    if undecodable(unit):
        return str(msg("the name is not valid Unicode"))
    if "\\" in unit:
        return str(msg("a backslash is Windows' folder separator"))
    if _DRIVE_ROOT.match(unit):
        return str(msg("it is an absolute path (drive letter)"))
    if (os.name == "nt" if windows is None else windows) and ":" in unit:
        return str(msg("a colon is not allowed in a folder name on Windows"))
    return path_refusal(unit, windows=False)


def check_unit(unit: str) -> str:
    """*unit* itself when :func:`unit_refusal` finds nothing wrong with it; else :class:`PathRefused`.

    Use it on every unit name that comes from outside (status.csv, a ``--unit`` argument, a manifest key in
    the bucket) before it becomes a path or an S3 key.
    """
    why = unit_refusal(unit)
    if why:
        raise PathRefused(msg("unit {unit!r} is not a folder inside the album: {why}", unit=printable(unit), why=why))
    return unit


def unit_path(root: Path, unit: str) -> Path:
    """The folder of *unit* under the album *root*: :func:`check_unit`, then the join, then a check that it does
    not resolve (through a symbolic link) outside *root*.  Raises :class:`PathRefused` naming the unit."""
    if check_unit(unit) == ROOT_UNIT:
        return root
    target = root.joinpath(*unit.split("/"))
    if not is_inside(root, target):
        raise PathRefused(
            msg("unit {unit!r} resolves outside the album (through a symbolic link?)", unit=printable(unit))
        )
    return target


def unit_folder(root: Path, unit: str) -> Path:
    """The local folder of *unit* under *root* (:func:`unit_path`), matching NFD names on disk to the NFC key.

    A Mac writes ``ガ`` as ``カ`` + ``゛``; units are keyed in NFC, so a folder not found under the key's own
    spelling is looked up among its parent's entries.  Checked again once found.
    """
    path = unit_path(root, unit)
    if unit == ROOT_UNIT or path.exists():
        return path
    path = root
    for part in unit.split("/"):
        candidate = path / part
        if not candidate.exists() and path.is_dir():
            with contextlib.suppress(OSError):
                candidate = next(
                    (Path(e.path) for e in os.scandir(path) if unicodedata.normalize("NFC", e.name) == part),
                    candidate,
                )
        path = candidate
    return unit_path(root, "/".join(path.relative_to(root).parts))


def stand_in(path: Path, folder: Path, suffix: str) -> Path:
    """Where a file that belongs beside *path* (its lock, its pending change) goes when *path*'s own folder
    cannot be written: in *folder*, named after *path* and a digest of its full path, so that two files of the
    same name in different folders never share one."""
    digest = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()[:10]
    return folder / f"{path.name}.{digest}{suffix}"


# ---- OS errors in the user's words ---------------------------------------------------------------------------
def make_writable_folder(path: Path) -> None:
    """Create *path* if needed and prove a file can be written in it (an OSError says why not)."""
    path.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=path, prefix=".glacier_gui-probe"):
        pass


def describe_os_error(exc: OSError) -> str:
    """One line for a failed file operation that names the file and says what is wrong in plain words.

    An ``OSError`` raised with a message of our own (no errno) is returned as it is.
    """
    if exc.errno is None and exc.filename is None:
        return printable(str(exc))
    name = exc.filename2 if exc.filename2 is not None else exc.filename
    if name is None:
        return printable(f"{exc.strerror or exc}")
    path = display(os.fsdecode(name) if isinstance(name, bytes) else str(name))
    if isinstance(exc, IsADirectoryError):
        return msg("{path} is a folder, where a file was expected", path=path)
    if isinstance(exc, NotADirectoryError | FileExistsError):
        blocker = _file_in_the_way(Path(str(name)))
        if blocker is not None:
            here = display(blocker)
            suffix = "" if here == path else str(msg(" (on the way to {path})", path=path))
            return msg("{here} is a file, where a folder is needed{suffix}", here=here, suffix=suffix)
    if isinstance(exc, PermissionError):
        return msg("permission denied: {path} (read-only, or in use by another program)", path=path)
    if isinstance(exc, FileNotFoundError):
        return msg("{path} does not exist (or a folder on the way to it is missing)", path=path)
    if exc.errno == errno.ENOSPC:
        return msg("the disk is full: cannot write {path}", path=path)
    return msg("{why}: {path}", why=exc.strerror or type(exc).__name__, path=path)


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest of *path* and its parents that exists as something other than a folder."""
    for candidate in (path, *path.parents):
        try:
            if candidate.exists():
                return None if candidate.is_dir() else candidate
        except OSError:
            continue
    return None
