"""status.csv on disk: bytes to records and back, whatever Excel (or a crash elsewhere) made of the file.

Read: UTF-8 with or without BOM, Excel's Shift-JIS (cp932), and Excel's "Unicode text" (UTF-16, found by its
BOM or its NUL bytes, tab-separated); the separator is whichever of comma, tab or semicolon splits the header
into ``status`` and ``local_path``.  Write: UTF-8 with BOM and commas, which Excel opens with Japanese intact.

A file cut short (a copy that stopped, a disk that filled up, an editor that crashed) must not be read as if
it were whole: a last line without its line end and with fewer fields than the header, a quote left open at
the end, or an empty file are refused as *truncated*, naming the line, so nothing is ever saved over it.  The
previous version the app saved stays beside it as ``status.csv.bak``.

A spreadsheet evaluates a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and Excel one that begins with a
tab or CR) as a formula: a folder named ``=1+2/3`` would come back as ``1.66666666666667``, and a crafted name
could run a formula (OWASP: CSV injection).  Such a cell is written with a leading apostrophe (``'=1+2/3``),
which Excel and LibreOffice both show as text and save back unchanged; reading drops that one apostrophe again
(:func:`escape_cell`, :func:`unescape_cell`: a name that itself begins with apostrophes and then one of those
characters gets one more, so every text reads back as it was).

Encoding trouble is named rather than shown as missing columns: a UTF-8 file that a spreadsheet opened as
Shift-JIS and saved again (``・ｿstatus``, ``譌･譛ｬ``), or a Shift-JIS file opened as UTF-8 (``\ufffd``), is
refused with what happened and where the last good copy is.  Every error of the csv module (a field over its
128 KiB limit, a stray NUL) is refused as bad input naming the file and the line.

This module knows nothing of units or states (core/ledger/status.py does): it reads and writes rows of text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from glacier_gui.core.i18n import msg
from glacier_gui.core.paths import display

DELIMITERS = (",", "\t", ";")
_FORMULA_START = re.compile("'*[=+\\-@\t\r]")  # what a spreadsheet evaluates, after any apostrophes
_RISKY_FIRST = frozenset("=+-@\t\r'")
_ESCAPED = re.compile("'+[=+\\-@\t\r]")
_BOM_AS_CP932 = ("\u30fb\uff7f", "\uf8f0", "\u7e3a")  # the UTF-8 BOM (EF BB BF) as Shift-JIS shows it


class StatusFileError(Exception):
    """status.csv cannot be read as a status table; the message says why and where."""


class Record(dict[str, str]):
    """One data row of the file: column name -> text as written, and the line it starts on."""

    line: int = 0


def check_status_path(path: Path) -> None:
    """Refuse a status.csv path that can never hold the file: a folder there, or a file where a folder on the way
    should be.  The path is a setting (``status_file``), so this is bad input, said before any lock is taken;
    a folder that only cannot be written (read-only) is not refused here: the change then waits in the data
    folder.  A path that cannot even be looked at is left to the operation that needs it (it names the error).
    """
    try:
        if path.is_dir():
            raise StatusFileError(
                msg(
                    "{path} is a folder, where status.csv (a file) should be: choose a file with --status-file "
                    "(setting status_file)",
                    path=display(path),
                )
            )
        for folder in path.parents:
            if folder.exists():
                if not folder.is_dir():
                    raise StatusFileError(
                        msg(
                            "{folder} is a file, where the folder of {path} should be: choose another place with "
                            "--status-file (setting status_file)",
                            folder=display(folder),
                            path=display(path),
                        )
                    )
                return
    except OSError:
        return


def read_records(path: Path, required: Sequence[str] = ("status", "local_path")) -> list[Record]:
    """The data rows of *path*; :class:`StatusFileError` for a file that cannot be decoded, parsed or is cut
    short, and for one without the *required* columns."""
    raw = path.read_bytes()
    text = decode_status(raw, path)
    if not text.strip():
        raise StatusFileError(_truncated(path, 1, empty=True))
    _check_mojibake(text, path)
    delimiter = _delimiter(text)
    rows, open_quote_at = _parse(text, delimiter, path)
    if open_quote_at:
        raise StatusFileError(_truncated(path, open_quote_at))
    (_, header), *data = rows
    header = [h.strip().lstrip("\ufeff") for h in header]
    whole = text.endswith(("\n", "\r"))
    missing = [c for c in required if c not in header]
    if missing:
        if not whole and not data:
            raise StatusFileError(_truncated(path, 1))
        if header and header[0].endswith(required[0]) and header[0].startswith(_BOM_AS_CP932):
            raise StatusFileError(_misread(path, utf8_as_sjis=True))
        raise StatusFileError(
            msg(
                "{path} is not a status.csv: the column(s) {missing} are missing",
                path=display(path),
                missing=", ".join(missing),
            )
        )
    if data and not whole and len(data[-1][1]) < len(header):
        raise StatusFileError(_truncated(path, data[-1][0]))
    records = []
    for line, fields in data:
        if len(fields) > len(header) and any(f.strip() for f in fields[len(header) :]):
            raise StatusFileError(
                msg(
                    "{path} is not a readable CSV table: line {line} has {count} fields, the header {expected}",
                    path=display(path),
                    line=line,
                    count=len(fields),
                    expected=len(header),
                )
            )
        cells = [unescape_cell(f) if f[:1] == "'" else f for f in fields]
        record = Record(zip(header, [*cells, *[""] * (len(header) - len(fields))], strict=False))
        record.line = line
        records.append(record)
    return records


def decode_status(raw: bytes, path: Path) -> str:
    """The file's text: UTF-16 by BOM or NUL bytes, UTF-8 (with or without BOM), else cp932 as Excel saves it
    on Japanese Windows."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in raw[:4096]:  # UTF-16 without a BOM: the NULs sit on the high bytes of ASCII characters
        encodings = ("utf-16-le" if raw[1:4096:2].count(0) >= raw[0:4096:2].count(0) else "utf-16-be",)
    else:
        encodings = ("utf-8-sig", "cp932")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    if encodings[0].startswith("utf-16"):
        raise StatusFileError(
            msg(
                "{path} looks like Unicode text (UTF-16) but cannot be decoded: save it from Excel as 'CSV UTF-8'",
                path=display(path),
            )
        )
    raise StatusFileError(msg("{path} is neither UTF-8 nor Shift-JIS (cp932) text", path=display(path)))


def encode_rows(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """The file's bytes: UTF-8 with BOM, commas, CRLF line ends, fields quoted only where needed.

    Text that cannot be UTF-8 (an undecodable name that slipped through) is written with backslash escapes:
    one odd name never stops the whole table from being saved.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    risky = _RISKY_FIRST
    writer.writerows([escape_cell(c) if c[:1] in risky else c for c in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig", errors="backslashreplace")


def escape_cell(text: str) -> str:
    """*text* as a cell no spreadsheet evaluates: one leading apostrophe when it would start a formula."""
    return "'" + text if text[:1] in _RISKY_FIRST and _FORMULA_START.match(text) else text


def unescape_cell(text: str) -> str:
    """The text :func:`escape_cell` was given (a cell without the apostrophe is taken as it is)."""
    return text[1:] if text[:1] == "'" and _ESCAPED.match(text) else text


def _check_mojibake(text: str, path: Path) -> None:
    """Refuse text a spreadsheet decoded with the wrong encoding and saved again: its names are garbled, and
    reading it as it is would only turn every row into a unit that matches no folder."""
    if text.isascii():
        return
    first = text.lstrip("\ufeff").split("\n", 1)[0].split(",", 1)[0].split("\t", 1)[0].strip('"')
    junk_before_header = first.endswith("status") and first != "status"  # the BOM's bytes, shown as text
    if junk_before_header or _utf8_shown_as_sjis(text):
        raise StatusFileError(_misread(path, utf8_as_sjis=True))
    if "\ufffd" in text:  # a Shift-JIS byte the spreadsheet could not read as UTF-8
        raise StatusFileError(_misread(path, utf8_as_sjis=False))


def _utf8_shown_as_sjis(text: str) -> bool:
    """Whether *text* reads as UTF-8 once turned back into the Shift-JIS bytes it was shown as (a character
    the spreadsheet dropped or replaced on the way costs one error, not the verdict).  Real Japanese text,
    turned into Shift-JIS and read as UTF-8, gives almost nothing but errors."""
    if len(text) - len(text.encode("ascii", "ignore")) < 2:  # fewer than two characters beyond ASCII
        return False
    fixed = text.encode("cp932", errors="replace").decode("utf-8", errors="replace")
    bad = fixed.count("\ufffd")
    good = len(fixed) - len(fixed.encode("ascii", "ignore")) - bad
    return fixed != text and good > 0 and bad * 4 <= good


def _misread(path: Path, utf8_as_sjis: bool) -> str:
    what = (
        msg("this looks like UTF-8 read as Shift-JIS (the Japanese is garbled)")
        if utf8_as_sjis
        else msg("this looks like Shift-JIS read as UTF-8 (some characters were lost)")
    )
    backup = path.with_name(path.name + ".bak")
    if backup.exists():
        return msg(
            "{path} cannot be read: {what}. Use {bak} (the copy kept beside it), or open the file again choosing "
            "the encoding UTF-8 and save it as 'CSV UTF-8'",
            path=display(path),
            what=what,
            bak=backup.name,
        )
    return msg(
        "{path} cannot be read: {what}. Restore it from a backup, or open the file again choosing the encoding "
        "UTF-8 and save it as 'CSV UTF-8'",
        path=display(path),
        what=what,
    )


def _delimiter(text: str) -> str:
    """The separator that splits the header line into the columns of a status table (comma when none does)."""
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    best, most = ",", 0
    for delimiter in DELIMITERS:
        names = [n.strip().lower() for n in next(csv.reader([first], delimiter=delimiter), [])]
        if "status" in names and "local_path" in names:
            return delimiter
        if len(names) > most:
            best, most = delimiter, len(names)
    return best


def _parse(text: str, delimiter: str, path: Path) -> tuple[list[tuple[int, list[str]]], int]:
    """(line it starts on, fields) for every non-blank record, and the line of a quote still open at the end
    (0: none).  Read strictly first, to notice the open quote; leniently (as Excel would) when that fails.
    Any other error of the csv module is bad input, said with the file and the line."""
    rows: list[tuple[int, list[str]]] = []
    start = 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                rows.append((start, fields))
            start = reader.line_num + 1
        return rows, 0
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return rows, start
    rows, start = [], 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                rows.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise StatusFileError(
            msg(
                "{path}, line {line}: not a readable CSV row ({why})",
                path=display(path),
                line=start,
                why=str(exc),
            )
        ) from None
    return rows, 0


def _truncated(path: Path, line: int, empty: bool = False) -> str:
    backup = path.with_name(path.name + ".bak")
    where = (
        msg("restore it from {bak} (kept beside it) or fix the line", bak=backup.name)
        if backup.exists()
        else msg("fix the line, or restore the file from a backup")
    )
    if empty:
        where = (
            msg("restore it from {bak} (kept beside it)", bak=backup.name)
            if backup.exists()
            else msg("restore it from a backup, or rebuild it with 'glacier-gui rebuild-status --force'")
        )
        return msg("{path} is empty (truncated?): {where}", path=display(path), where=where)
    return msg("{path} looks truncated at line {line}: {where}", path=display(path), line=line, where=where)
