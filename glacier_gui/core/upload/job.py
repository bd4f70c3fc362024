"""The upload engine's data: a run's options, a unit's result, the run's report, and the work planned per unit.

These are shared by the engine's modules (``upload.py`` runs a unit, ``upload_plan.py`` plans it,
``upload_send.py`` sends its files), so they live below all three; callers import the public ones from
:mod:`glacier_gui.core.upload.engine`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glacier_gui.core.album.scan import FileEntry, Unit
from glacier_gui.core.bwlimit import Limiter
from glacier_gui.core.cost.prices import DEFAULT_PART_SIZE
from glacier_gui.core.inflight import file_workers
from glacier_gui.core.ledger.manifest import Journal, Manifest
from glacier_gui.core.ledger.volumes import VolumePlan
from glacier_gui.core.s3.client import KeyLayout
from glacier_gui.core.s3.objects import RemoteObject

MIB = 2**20
READ_CHUNK = 1 * MIB


@dataclass(frozen=True)
class UploadOptions:
    bucket: str
    layout: KeyLayout
    storage_class: str = "DEEP_ARCHIVE"
    concurrency: int = 8
    part_size: int = DEFAULT_PART_SIZE  # also the multipart threshold (cost/requests.py: plan_object)
    dry_run: bool = False
    allow_overwrite: bool = False
    data_dir: Path = Path(".")
    pack_below: int = 0  # files smaller than this go into tar volumes (0 = off)
    region: str = "us-east-1"  # for the early-deletion fee of overwrites
    outage_wait: float = 1800.0  # seconds to wait for S3 when the network is down (setting outage_wait)
    limiter: Limiter | None = None  # the process's bandwidth limiter (core/homelink/link.py): every body passes it
    thumbnails: bool = False  # a thumbnail pack per unit (core/thumbs/store.py)
    thumbnail_class: str = "STANDARD"

    @property
    def file_workers(self) -> int:
        """Files sent at once (``core/inflight.py``): ``concurrency`` of them above SMALL_FILE, more small ones."""
        return file_workers(self.concurrency)


@dataclass
class UnitResult:
    """What happened to one unit.  ``ok`` means uploaded and verified (or, in a dry run, planned)."""

    unit: str
    ok: bool = False
    error: str = ""
    files_uploaded: int = 0
    bytes_uploaded: int = 0
    files_skipped: int = 0  # already in S3 from an earlier run
    parts_resumed: int = 0  # parts of a large file not sent again
    requests: int = 0  # S3 requests sent (or, in a dry run, that would be sent)
    aws_file_count: int | None = None
    aws_total_size: int | None = None
    conflicts: list[str] = field(default_factory=list)  # files whose object in S3 differs (not overwritten)
    conflict_why: str = ""  # the first conflict's file and what differs (or why it cannot be proven the same)
    overwrites: int = 0  # objects replaced (only with allow_overwrite)
    early_deletion_fee: float = 0.0  # USD, for the conflicts (or the overwrites): objects younger than 180 days
    volumes: int = 0  # tar volumes sent (small-file packing)
    warnings: list[str] = field(default_factory=list)  # not failures: the data is safe (a thumbnail pack not sent)
    started: float = 0.0
    finished: float = 0.0


@dataclass
class UploadReport:
    units: list[UnitResult]
    dry_run: bool

    @property
    def failed(self) -> list[UnitResult]:
        return [u for u in self.units if not u.ok]

    def totals(self) -> dict[str, int]:
        keys = ("files_uploaded", "bytes_uploaded", "files_skipped", "parts_resumed", "requests")
        return {k: sum(getattr(u, k) for u in self.units) for k in keys}


UnitDoneFn = Callable[[UnitResult], None]


@dataclass
class Task:
    """One object to send (or to adopt): a file, or a tar volume of small files."""

    file: FileEntry
    key: str
    kind: str  # "put", "multipart", "adopt", "volume"
    resume: dict[str, Any] | None = None  # the journal's open multipart upload of this file
    volume: VolumePlan | None = None
    replace_fee: float = 0.0  # adopt: the early-deletion fee (USD) of replacing the object there


@dataclass
class UnitJob:
    """One unit on its way: its tasks, what S3 held when it was planned, and what has been done so far."""

    unit: Unit
    result: UnitResult
    journal: Journal
    manifest: Manifest
    tasks: list[Task]
    remote: dict[str, RemoteObject]
    open_uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    remaining: int = 0
    errors: list[str] = field(default_factory=list)
    classes_seen: dict[str, str] = field(default_factory=dict)  # key -> storage class a HEAD showed (upload_send)
    thumbs: Any = None  # the unit's thumbnail collector (core/thumbs/store.py), None when thumbnails are off


class ChangedWhileReading(Exception):
    """The file's size or mtime changed between the scan and the end of its upload."""


class ChecksumMismatch(Exception):
    """S3 reports a checksum different from the one computed while reading the file."""


class VerifyError(Exception):
    """After upload, S3's listing does not show every file with its size and storage class."""
