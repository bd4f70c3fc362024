"""Adopting an object that is in S3 but in none of our records: is it the local file?  Decided from facts.

A run killed after S3 stored an object (a PUT answered, a multipart upload completed) but before the journal
recorded it leaves an object the next run does not know.  Sending it again costs requests and, in Deep
Archive, an early-deletion fee; taking it on trust could record another file as backed up.  So the object is
adopted only when S3's own facts match the local file: its size, the mtime metadata the engine writes, and its
SHA-256 checksum compared like with like (``core/s3/checksums.py``) - a single-part object's with the file's
digest, a multipart object's COMPOSITE checksum with the composite of the file's parts at the part size it was
sent with.  That part size is the journal's, or the one of the sizes the engine would have used (the configured
one and its doublings) that gives S3's part count, or - when none does - S3's own size of part 1.

Anything else cannot be proven equal: the object is kept, and the file goes beside it in ``.versions/``
(``upload/send.py``; nothing is ever replaced).  Nothing here is permanent: the next run decides again.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glacier_gui.core.cost.requests import effective_part_size
from glacier_gui.core.i18n import msg
from glacier_gui.core.s3.checksums import checksum_base, composite_sha256, multipart_parts
from glacier_gui.core.s3.client import MTIME_META
from glacier_gui.core.s3.transfer import Transfer
from glacier_gui.core.upload.job import READ_CHUNK, ChangedWhileReading, Task

MAX_CANDIDATES = 4  # part sizes hashed at once in the one read of the file


@dataclass
class Adoption:
    """What S3 holds under a task's key, compared with the local file."""

    exists: bool = True
    same: bool = False
    why: str = ""  # when not the same: what differs, or why it cannot be proven equal
    sha256: str = ""  # hex digest of the local file (when it was read)
    s3_checksum: str = ""  # S3's checksum, with the ``-<parts>`` suffix for a multipart object
    storage_class: str = "STANDARD"
    requests: int = 0


def examine(transfer: Transfer, task: Task, path: Path, part_size: int) -> Adoption:
    """Compare the object under ``task.key`` with the file at *path* (*part_size*: the configured one).

    One HEAD, and the file read once, only when size and mtime already match.  A HEAD of part 1 when S3 does
    not say the part count, and one more (with a second read) when no candidate part size gives S3's checksum.
    """
    head = transfer.head(task.key)
    result = Adoption(requests=1)
    if head is None:
        result.exists = False  # gone since the listing: send it as any other file
        return result
    result.storage_class = str(head.get("StorageClass", "STANDARD"))
    size, mtime = task.file.size, task.file.mtime
    remote_size = int(head.get("ContentLength", -1))
    remote_mtime = str(head.get("Metadata", {}).get(MTIME_META, ""))
    checksum = str(head.get("ChecksumSHA256", ""))
    if remote_size != size:
        result.why = msg("{remote} bytes in S3, {local} here", remote=remote_size, local=size)
    elif remote_mtime != repr(mtime):
        result.why = (
            msg("another modification time in S3 ({remote}, here {local})", remote=remote_mtime, local=repr(mtime))
            if remote_mtime
            else msg("the object in S3 carries no modification time: not sent by this app")
        )
    elif not checksum:
        result.why = msg("S3 holds no SHA-256 checksum of the object to compare with")
    if result.why:
        return result

    first_part: list[dict[str, Any]] = []  # HEAD of part 1, asked at most once

    def part_one() -> dict[str, Any]:
        if not first_part:
            first_part.append(transfer.head(task.key, part_number=1) or {})
            result.requests += 1
        return first_part[0]

    parts = multipart_parts(head)
    if parts is None:  # a composite checksum that does not say how many parts (moto; some servers)
        parts = int(part_one().get("PartsCount", 1) or 1)
    wanted = checksum_base(checksum)
    composite = parts > 1 or "-" in checksum or str(head.get("ChecksumType", "")).upper() == "COMPOSITE"
    if not composite:
        whole, _ = _hash_file(task, path, [])
        result.sha256, result.s3_checksum = whole.hex(), checksum
        result.same = whole == _b64decode(wanted)
    else:
        result.s3_checksum = f"{wanted}-{parts}"
        sizes = _candidate_part_sizes(size, parts, part_size, task.resume)
        if sizes:
            whole, composites = _hash_file(task, path, sizes)
            result.sha256, result.same = whole.hex(), wanted in composites
        if not result.same:
            # No size the engine would have used explains it (sent with another part size setting, or by another
            # tool): S3's own size of part 1 is the last word, at the price of one more HEAD and read.
            exact = int(part_one().get("ContentLength", 0) or 0)
            if exact > 0 and exact not in sizes and math.ceil(size / exact) == parts:
                whole, composites = _hash_file(task, path, [exact])
                result.sha256, result.same = whole.hex(), wanted in composites
    if not result.same:
        result.why = msg("same size and date, different content (S3's SHA-256 checksum differs)")
    return result


def _candidate_part_sizes(size: int, parts: int, configured: int, resume: dict[str, Any] | None) -> list[int]:
    """Part sizes that split *size* bytes into *parts* parts: the journal's, then the configured one's doublings."""
    tried: list[int] = []
    if resume and int(resume.get("part_size", 0) or 0) > 0:
        tried.append(int(resume["part_size"]))
    chunk = effective_part_size(size, configured)
    while chunk < size and len(tried) < 16:
        tried.append(chunk)
        chunk *= 2
    if parts == 1:
        tried.append(size)  # a one-part multipart upload (other tools): the part is the whole file
    fitting = [p for p in dict.fromkeys(tried) if p > 0 and math.ceil(size / p) == parts]
    return fitting[:MAX_CANDIDATES]


def _hash_file(task: Task, path: Path, part_sizes: list[int]) -> tuple[bytes, set[str]]:
    """The file's SHA-256 and, per part size, its composite checksum: all from one read."""
    whole = hashlib.sha256()
    splitters = [_PartSplitter(p) for p in part_sizes]
    with open(path, "rb") as fh:
        while chunk := fh.read(READ_CHUNK):
            whole.update(chunk)
            for splitter in splitters:
                splitter.update(chunk)
        st = os.fstat(fh.fileno())
    if st.st_size != task.file.size or st.st_mtime != task.file.mtime:
        raise ChangedWhileReading(f"changed while it was being compared with S3 ({path}); scan again, then upload")
    return whole.digest(), {s.composite() for s in splitters}


class _PartSplitter:
    """The SHA-256 of each *part_size* slice of a stream, for its composite checksum."""

    def __init__(self, part_size: int) -> None:
        self.part_size = part_size
        self.digests: list[bytes] = []
        self._current = hashlib.sha256()
        self._filled = 0

    def update(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            take = min(len(view), self.part_size - self._filled)
            self._current.update(view[:take])
            self._filled += take
            view = view[take:]
            if self._filled == self.part_size:
                self.digests.append(self._current.digest())
                self._current, self._filled = hashlib.sha256(), 0

    def composite(self) -> str:
        digests = self.digests + ([self._current.digest()] if self._filled else [])
        return composite_sha256(digests)


def _b64decode(value: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return b""
