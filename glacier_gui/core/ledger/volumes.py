"""Small-file packing: bundle a unit's small files into standard tar volumes.

Each PUT to Deep Archive costs 0.05 USD per 1,000 and each object carries ~40 KB of billed overhead, so ten
thousand 50 KB photos cost more in requests than in a year of storage.  Packing puts files below a size
threshold into POSIX (pax) tar volumes, UTF-8 names, readable by ``tar`` and 7-Zip years later.  The manifest
records each member's volume and the byte offset of its data, so one photo can be fetched with a ranged GET
once its volume is restored.

Volumes are deterministic: the same members (path, size, mtime) give the same bytes and the same key, so an
interrupted volume upload resumes like any large file, and a volume already in S3 is not sent again.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from glacier_gui.core.album.scan import FileEntry

VOLUME_CAP = 64 * 2**20  # bytes of member data per volume: a restore of one photo restores at most this
# No volume this app makes is larger: VOLUME_CAP of data, or one file below the largest pack-below (512 MiB) on
# its own, plus tar headers.  Restore refuses a "volume" above it before anything is restored or downloaded.
MAX_VOLUME_SIZE = 2**30
VOLUME_PREFIX = "glacier_gui-pack-"
_BLOCK = 512
_COPY_CHUNK = 2**20


@dataclass(frozen=True)
class VolumePlan:
    """Which files go into one volume, and the volume's object name (relative to the unit prefix)."""

    name: str
    members: tuple[FileEntry, ...]

    @property
    def data_size(self) -> int:
        return sum(f.size for f in self.members)

    def estimated_size(self) -> int:
        """Tar size without building it: a pax header + a ustar header per member, data padded, end blocks."""
        return sum(3 * _BLOCK + _padded(f.size) for f in self.members) + 2 * _BLOCK


@dataclass(frozen=True)
class PackedMember:
    rel: str
    size: int
    mtime: float
    sha256: str
    offset: int  # of the member's data inside the volume


def _padded(size: int) -> int:
    return (size + _BLOCK - 1) // _BLOCK * _BLOCK


def plan_volumes(files: Iterable[FileEntry], cap: int = VOLUME_CAP) -> list[VolumePlan]:
    """Group files (in path order) into volumes of at most *cap* bytes of data; names hash the member list."""
    groups: list[list[FileEntry]] = [[]]
    size = 0
    for f in sorted(files, key=lambda f: f.rel):
        if groups[-1] and size + f.size > cap:
            groups.append([])
            size = 0
        groups[-1].append(f)
        size += f.size
    plans = []
    for members in groups:
        if not members:
            continue
        digest = hashlib.sha256()
        for f in members:
            digest.update(f"{f.rel}\0{f.size}\0{f.mtime!r}\n".encode())
        plans.append(VolumePlan(f"{VOLUME_PREFIX}{digest.hexdigest()[:16]}.tar", tuple(members)))
    return plans


def build_volume(
    plan: VolumePlan, unit_dir: Path, work_dir: Path, on_bytes: Callable[[int], None] | None = None
) -> tuple[Path, list[PackedMember]]:
    """Write the tar for *plan* to a temporary file in *work_dir*; each member is read once and hashed.

    Raises ``OSError`` if a member cannot be read, and :class:`MemberChanged` if one changed while read.
    The caller deletes the returned file.
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="volume-", suffix=".tar", dir=work_dir)
    path = Path(name)
    members: list[PackedMember] = []
    try:
        with (
            os.fdopen(fd, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT, encoding="utf-8") as tar,
        ):
            for f in plan.members:
                source = unit_dir / f.fs_rel
                info = tarfile.TarInfo(f.rel)
                info.size = f.size
                info.mtime = f.mtime  # a float mtime goes into the pax header
                info.mode = 0o644
                info.uname = info.gname = ""
                with open(source, "rb") as fh:
                    hashing = _HashingReader(fh, on_bytes)
                    tar.addfile(info, hashing)
                st = os.stat(source)
                if st.st_size != f.size or st.st_mtime != f.mtime or hashing.count != f.size:
                    raise MemberChanged(f"{f.rel} changed while it was being packed; scan again, then upload")
                members.append(PackedMember(f.rel, f.size, f.mtime, hashing.hexdigest(), tar.offset - _padded(f.size)))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, members


class _HashingReader(io.RawIOBase):
    """A file wrapper that hashes what tarfile reads from it."""

    def __init__(self, fh: io.BufferedReader, on_bytes: Callable[[int], None] | None) -> None:
        super().__init__()
        self._fh = fh
        self._sha = hashlib.sha256()
        self._on_bytes = on_bytes
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        self._sha.update(data)
        self.count += len(data)
        if self._on_bytes is not None and data:
            self._on_bytes(len(data))
        return data

    def hexdigest(self) -> str:
        return self._sha.hexdigest()


class MemberChanged(Exception):
    """A file changed between the scan and the moment it was packed."""
