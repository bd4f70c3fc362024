"""Thumbnail packs: one standard tar per unit holding a JPEG per photo and an index, kept in STANDARD storage.

The photos themselves sit in Deep Archive; the pack is what the family browses without a restore.  It is a
plain POSIX (pax, UTF-8 names) tar, so ``tar``, 7-Zip or Windows' own archive support open it years from now
with no help from this app: the thumbnail of ``2022/0601_運動会/リレー.jpg`` is the member
``2022/0601_運動会/リレー.jpg.jpg``.

``index.json`` is the **first** member.  The app browses a pack in the bucket with ranged GETs: one GET of the
first :data:`INDEX_HEAD_BYTES` gives the index (its tar header says how long it is, so a larger index costs
one more GET), then each thumbnail is one small GET at the offset the index records.  With the index last,
finding it would need the pack's size and a guess at the tail.  A streaming reader (``tar t``) also meets the
map before the data.  The price: offsets must be known before the index is written.  The builder spools the
JPEGs, computes the layout (the index's own size moves every offset after it, so the layout is iterated until
it settles) and then writes the tar in one sequential pass to any open file.

Packs are deterministic: the same thumbnails give the same bytes (members sorted by path, times from the
photos), so a pack already in the bucket can be recognised and not sent again.

Reading never trusts the pack: names with ``..``, absolute paths, drive letters or backslashes are refused,
offsets are checked against the pack's size, entries that point at another entry's bytes are refused, and
extraction joins every path through :func:`glacier_gui.core.paths.safe_join`.
"""

from __future__ import annotations

import io
import json
import logging
import os
import tarfile
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from glacier_gui.core.paths import PathRefused, path_refusal, safe_join
from glacier_gui.core.thumbs.render import Thumb

log = logging.getLogger(__name__)

INDEX_NAME = "index.json"
PACK_FORMAT = "glacier_gui-thumbs"
PACK_VERSION = 1
INDEX_HEAD_BYTES = 64 * 1024  # a first ranged GET; holds the index of ~250 photos
MAX_THUMB_BYTES = 4 * 2**20  # a 320-pixel JPEG is 10-40 KB; a member this big is not one of ours
MAX_INDEX_BYTES = 256 * 2**20
# No pack this app makes is larger (30,000 photos at 30 KB is 0.9 GB): a bigger object is not downloaded.
MAX_PACK_BYTES = 2**30
_BLOCK = 512
_SPOOL_IN_MEMORY = 16 * 2**20
_ENTRY_FIELDS = ("member", "offset", "length", "kind", "size", "mtime", "taken", "camera", "width", "height")

PackSource = bytes | bytearray | memoryview | os.PathLike[str]
PackItem = tuple[str, Thumb, int | None, float | None]  # relative path, thumbnail, file size, file mtime


class PackError(ValueError):
    """The bytes are not a thumbnail pack this app can read."""


class PackIncomplete(PackError):
    """Only the head of a pack was given and the index goes on past it: its first *needed* bytes hold it."""

    def __init__(self, needed: int) -> None:
        super().__init__(f"the pack's index needs its first {needed} bytes")
        self.needed = needed


@dataclass(frozen=True)
class PackEntry:
    """One photo's record in the index; ``offset``/``length`` locate its JPEG inside the tar."""

    relpath: str
    member: str
    offset: int
    length: int
    kind: str = "photo"
    size: int | None = None
    mtime: float | None = None
    taken: str | None = None
    camera: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass
class PackIndex:
    """The index of one pack, keyed by NFC relative path; ``refused`` lists names it did not accept."""

    entries: dict[str, PackEntry] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    def get(self, relpath: str) -> PackEntry | None:
        return self.entries.get(nfc(relpath))

    def __len__(self) -> int:
        return len(self.entries)


@dataclass
class ExtractReport:
    written: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def nfc(relpath: str) -> str:
    """Keys are NFC: macOS writes Japanese names decomposed, and one photo must not have two keys."""
    return unicodedata.normalize("NFC", relpath)


def member_name(relpath: str) -> str:
    """The tar member holding *relpath*'s thumbnail: the relative path plus ``.jpg``."""
    return nfc(relpath) + ".jpg"


def refusal(name: str) -> str:
    """Why *name* cannot be a path inside a pack ('' when it can): ``safe_join``'s rules, and no backslash or
    colon anywhere, so a pack extracts the same on every system."""
    if why := path_refusal(name, windows=False):
        return why
    return "a backslash or colon in the name" if "\\" in name or ":" in name else ""


# --- writing --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pending:
    entry: PackEntry  # offset still 0: set by the layout
    spool_at: int


class PackBuilder:
    """Collects a unit's thumbnails, then writes the pack.  JPEGs wait in a spool (memory, then a temp file),
    so a unit of 10,000 photos does not hold 300 MB of thumbnails in memory."""

    def __init__(self, spool_dir: Path | None = None) -> None:
        # Closed by close() or the with-block: the spool lives as long as the builder.
        self._spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=_SPOOL_IN_MEMORY, dir=None if spool_dir is None else str(spool_dir)
        )
        self._pending: dict[str, _Pending] = {}
        self._spooled = 0

    def __enter__(self) -> PackBuilder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._spool.close()

    def __len__(self) -> int:
        return len(self._pending)

    def add(self, relpath: str, thumb: Thumb, size: int | None = None, mtime: float | None = None) -> bool:
        """Add one thumbnail; False (and a log line) for a path a pack cannot hold or a duplicate."""
        key = nfc(relpath)
        why = refusal(key) or ("a duplicate after Unicode normalisation" if key in self._pending else "")
        if why:
            log.warning("thumbnail of %r left out of the pack: %s", relpath, why)
            return False
        if not thumb.jpeg or len(thumb.jpeg) > MAX_THUMB_BYTES:
            raise ValueError(f"thumbnail of {relpath!r} is {len(thumb.jpeg)} bytes")  # not from make_thumbnail
        entry = PackEntry(
            key, member_name(key), 0, len(thumb.jpeg), str(thumb.kind), size, mtime,
            thumb.taken, thumb.camera, thumb.width, thumb.height,
        )  # fmt: skip
        self._pending[key] = _Pending(entry, self._spooled)
        self._spool.seek(self._spooled)
        self._spool.write(thumb.jpeg)
        self._spooled += len(thumb.jpeg)
        return True

    def write_to(self, out: IO[bytes]) -> int:
        """Write the whole pack to *out* (an open binary file, written sequentially); returns its size."""
        order = [self._pending[k] for k in sorted(self._pending)]
        headers = [_header(p.entry.member, p.entry.length, p.entry.mtime) for p in order]
        reserved = 0
        for _ in range(64):  # settles in two or three rounds: offsets only grow as the index grows
            entries = _layout([p.entry for p in order], headers, _BLOCK + _padded(reserved))
            blob = _index_json(entries)
            if _padded(len(blob)) <= _padded(reserved):
                break
            reserved = len(blob)
        else:  # pragma: no cover - the loop above is monotone and bounded
            raise RuntimeError("thumbnail pack layout did not settle")
        blob = blob.ljust(_padded(reserved), b" ")  # JSON allows trailing blanks; they keep every offset exact
        mtimes = [p.entry.mtime for p in order if p.entry.mtime is not None]
        written = _write_member(out, _header(INDEX_NAME, len(blob), max(mtimes, default=0)), blob)
        for pending, header in zip(order, headers, strict=True):
            self._spool.seek(pending.spool_at)
            written += _write_member(out, header, self._spool.read(pending.entry.length))
        out.write(b"\0" * (2 * _BLOCK))  # the end-of-archive marker
        return written + 2 * _BLOCK


def write_pack(items: Iterable[PackItem], out: IO[bytes], spool_dir: Path | None = None) -> int:
    """Build a pack from ``(relpath, thumb, size, mtime)`` items and write it to *out*; returns its size."""
    with PackBuilder(spool_dir) as builder:
        for relpath, thumb, size, mtime in items:
            builder.add(relpath, thumb, size, mtime)
        return builder.write_to(out)


def build_pack(items: Iterable[PackItem]) -> bytes:
    """The pack as bytes (for small units and tests; :func:`write_pack` streams to a file)."""
    out = io.BytesIO()
    write_pack(items, out)
    return out.getvalue()


def _padded(size: int) -> int:
    return (size + _BLOCK - 1) // _BLOCK * _BLOCK


def _header(name: str, size: int, mtime: float | None) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime or 0)  # a whole second: a float would add a pax record to every member
    info.mode = 0o644
    info.uname = info.gname = ""
    return info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")


def _layout(entries: list[PackEntry], headers: list[bytes], start: int) -> list[PackEntry]:
    placed, pos = [], start
    for entry, header in zip(entries, headers, strict=True):
        pos += len(header)
        placed.append(PackEntry(**{**asdict(entry), "offset": pos}))
        pos += _padded(entry.length)
    return placed


def _index_json(entries: list[PackEntry]) -> bytes:
    """One line per photo, so the index stays readable in a text editor after 7-Zip extracts it."""
    head = json.dumps({"format": PACK_FORMAT, "version": PACK_VERSION, "count": len(entries)}, ensure_ascii=False)
    lines = [
        json.dumps(e.relpath, ensure_ascii=False) + ": " + json.dumps(_entry_record(e), ensure_ascii=False)
        for e in entries
    ]
    return (head[:-1] + ', "files": {\n' + ",\n".join(lines) + "\n}}\n").encode()


def _entry_record(entry: PackEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in _ENTRY_FIELDS}


def _write_member(out: IO[bytes], header: bytes, data: bytes) -> int:
    out.write(header)
    out.write(data)
    pad = _padded(len(data)) - len(data)
    out.write(b"\0" * pad)
    return len(header) + len(data) + pad


# --- reading --------------------------------------------------------------------------------------------------


class _Reader:
    """Random access to a pack held in memory or in a file."""

    def __init__(self, buf: bytes | bytearray | memoryview | None, file: IO[bytes] | None) -> None:
        self._buf, self._file = buf, file
        if buf is not None:
            self.size = len(buf)
        else:
            assert file is not None
            self.size = os.fstat(file.fileno()).st_size

    def read_at(self, offset: int, length: int) -> bytes:
        if offset < 0 or length < 0 or offset + length > self.size:
            raise PackIncomplete(offset + length)
        if self._buf is not None:
            return bytes(self._buf[offset : offset + length])
        assert self._file is not None
        self._file.seek(offset)
        return self._file.read(length)

    def fileobj(self) -> IO[bytes]:
        if self._buf is not None:
            return io.BytesIO(self._buf)
        assert self._file is not None
        self._file.seek(0)
        return self._file


@contextmanager
def _reader(source: PackSource) -> Iterator[_Reader]:
    if isinstance(source, bytes | bytearray | memoryview):
        yield _Reader(source, None)
    else:
        with open(source, "rb") as f:
            yield _Reader(None, f)


def read_index(source: PackSource, pack_size: int | None = None) -> PackIndex:
    """The index of a pack: from the whole pack, or from its head when *pack_size* (the whole pack's size, as
    the bucket lists it) is given; :class:`PackIncomplete` then says how many bytes hold the index.

    A pack whose first member is not our index (re-made by hand with ``tar``) is read member by member, and
    the index is rebuilt from the JPEG names when there is none.
    """
    with _reader(source) as reader:
        return _read_index(reader, pack_size)


def _read_index(reader: _Reader, pack_size: int | None = None) -> PackIndex:
    head = reader.read_at(0, min(_BLOCK, reader.size))
    if len(head) < _BLOCK:
        raise PackError("too short to be a thumbnail pack")
    try:
        info = tarfile.TarInfo.frombuf(head, "utf-8", "surrogateescape")
    except tarfile.TarError as e:
        raise PackError(f"not a tar file: {e}") from e
    if info.name == INDEX_NAME and info.isfile() and 0 < info.size <= MAX_INDEX_BYTES:
        blob = reader.read_at(_BLOCK, info.size)
        return _parse_index(blob, reader.size if pack_size is None else pack_size)
    return _scan_members(reader)


def _parse_index(blob: bytes, pack_size: int) -> PackIndex:
    try:
        doc = json.loads(blob)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise PackError(f"the pack's index is not readable JSON: {e}") from e
    if not isinstance(doc, dict) or doc.get("format") != PACK_FORMAT or not isinstance(doc.get("files"), dict):
        raise PackError("the pack's index is not a glacier_gui thumbnail index")
    if not isinstance(doc.get("version"), int) or doc["version"] > PACK_VERSION:
        raise PackError(f"thumbnail index version {doc.get('version')!r}: made by a newer version of this app")
    index = PackIndex()
    for relpath, record in doc["files"].items():
        entry = _entry_from(relpath, record, pack_size)
        if isinstance(entry, str):
            log.warning("thumbnail pack: entry %r refused: %s", relpath, entry)
            index.refused.append(relpath)
        elif entry.relpath not in index.entries:
            index.entries[entry.relpath] = entry
    _refuse_shared_bytes(index)
    return index


def _refuse_shared_bytes(index: PackIndex) -> None:
    """Each thumbnail has its own bytes in a pack this app makes: an entry that starts inside another's is refused
    (the first by offset is kept), so an index that names one JPEG 300 times cannot write it 300 times."""
    end, kept = 0, ""
    for entry in sorted(index.entries.values(), key=lambda e: (e.offset, e.relpath)):
        if entry.offset < end:
            log.warning("thumbnail pack: entry %r refused: it points at the bytes of %r", entry.relpath, kept)
            index.refused.append(entry.relpath)
            del index.entries[entry.relpath]
            continue
        end, kept = entry.offset + entry.length, entry.relpath


def _entry_from(relpath: str, record: object, pack_size: int) -> PackEntry | str:
    """The entry, or why it is refused."""
    if not isinstance(record, dict):
        return "not a record"
    key = nfc(relpath)
    member = record.get("member")
    if not isinstance(member, str):
        return "no member name"
    why = refusal(key) or refusal(member)
    if why:
        return why
    offset, length = record.get("offset"), record.get("length")
    if type(offset) is not int or type(length) is not int:  # bool is an int too: refused
        return "no offset or length"
    if offset < _BLOCK or not 0 < length <= MAX_THUMB_BYTES or offset + length > pack_size:
        return f"offset {offset} and length {length} do not fit in a pack of {pack_size} bytes"

    def typed(name: str, kind: type | tuple[type, ...]) -> Any:
        value = record.get(name)
        return value if isinstance(value, kind) and not isinstance(value, bool) else None

    return PackEntry(
        key, nfc(member), offset, length, typed("kind", str) or "photo", typed("size", int),
        typed("mtime", (int, float)), typed("taken", str), typed("camera", str), typed("width", int),
        typed("height", int),
    )  # fmt: skip


def _scan_members(reader: _Reader) -> PackIndex:
    """Read a tar that does not start with our index: use an index member if any, else the JPEG members."""
    index = PackIndex()
    try:
        with tarfile.open(fileobj=reader.fileobj(), mode="r:") as tar:
            members = tar.getmembers()
    except (tarfile.TarError, EOFError) as e:
        raise PackError(f"not a readable tar file: {e}") from e
    for info in members:
        if info.name == INDEX_NAME and info.isfile() and info.size <= MAX_INDEX_BYTES:
            return _parse_index(reader.read_at(info.offset_data, info.size), reader.size)
    for info in members:
        if not info.isfile() or not info.name.lower().endswith(".jpg"):
            continue
        relpath = nfc(info.name[:-4])
        why = refusal(relpath) or ("too large for a thumbnail" if info.size > MAX_THUMB_BYTES else "")
        if why:
            log.warning("thumbnail pack: member %r refused: %s", info.name, why)
            index.refused.append(info.name)
            continue
        entry = PackEntry(relpath, nfc(info.name), info.offset_data, info.size, "unknown", mtime=float(info.mtime))
        index.entries.setdefault(relpath, entry)
    return index


def read_thumbnail(source: PackSource, relpath: str, index: PackIndex | None = None) -> bytes | None:
    """The JPEG of *relpath* (None when the pack has none), read at the offset the index gives."""
    with _reader(source) as reader:
        entry = (index if index is not None else _read_index(reader)).get(relpath)
        if entry is None:
            return None
        return _member_bytes(reader, entry)


def _member_bytes(reader: _Reader, entry: PackEntry) -> bytes:
    data = reader.read_at(entry.offset, entry.length)
    if not data.startswith(b"\xff\xd8"):
        raise PackError(f"the thumbnail of {entry.relpath!r} is not where the index says")
    return data


def extract_pack(source: PackSource, dest: Path) -> ExtractReport:
    """Write every thumbnail to ``dest/<relative path>.jpg``; names that would land outside *dest* are refused.

    Existing files are replaced (they are thumbnails); each gets the photo's mtime, so a file browser sorts
    them like the album.
    """
    report = ExtractReport()
    with _reader(source) as reader:
        index = _read_index(reader)
        report.refused.extend(index.refused)
        for entry in index.entries.values():
            try:
                target = safe_join(dest, entry.relpath + ".jpg")
            except PathRefused as e:
                log.warning("thumbnail pack: %s", e)
                report.refused.append(entry.relpath)
                continue
            data = _member_bytes(reader, entry)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            if entry.mtime is not None:
                os.utime(target, (entry.mtime, entry.mtime))
            report.written.append(target)
    return report
