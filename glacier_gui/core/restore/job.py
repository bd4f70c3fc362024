"""Restore job records: one JSON file per job in ``<data_dir>/restore_jobs/``, and what a job looks like now.

A restore from an archived class takes steps that can be days apart (see :mod:`glacier_gui.core.restore.plan`), so
the job is written down, atomically, after every step: any process can pick it up, and a crash loses nothing.
:func:`job_summary` reads a job without the network (for the window and ``restore status --offline``).
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from glacier_gui.core.album.scan import ROOT_UNIT
from glacier_gui.core.atomic import atomic_write
from glacier_gui.core.clock import parse_iso, utc_now
from glacier_gui.core.i18n import Text, msg
from glacier_gui.core.s3.probe import ARCHIVED_CLASSES

log = logging.getLogger(__name__)

JOBS_DIR = "restore_jobs"
EXPIRY_WARNING = timedelta(days=2)


class RestoreError(Exception):
    """A restore cannot be planned or continued; the message says why in the user's words."""


class ObjState:
    NOT_REQUESTED = "not-requested"  # archived, no restore asked for (yet)
    REQUESTED = "requested"  # RestoreObject accepted; S3 did not report progress yet
    IN_PROGRESS = "in-progress"  # S3 says ongoing-request="true"
    READY = "ready"  # a GET works: restored copy available, or a class read directly
    EXPIRED = "expired"  # the restored copy lapsed before every file was downloaded: request again
    DOWNLOADED = "downloaded"  # every wanted file in it is downloaded (or settled)
    FAILED = "failed"  # missing in S3, or the request was refused


class FileState:
    PENDING = "pending"
    DOWNLOADED = "downloaded"  # written and verified (or an identical file was already there)
    SKIPPED = "skipped"  # a different local file is in the way and --overwrite was not given
    FAILED = "failed"  # checksum mismatch, refused path, download error


@dataclass
class JobObject:
    key: str
    size: int
    storage_class: str
    state: str = ObjState.NOT_REQUESTED
    requested: str = ""  # ISO UTC of our RestoreObject
    ready_by: str = ""  # ISO UTC: requested + the tier's typical maximum
    expiry: str = ""  # ISO UTC end of the temporary copy
    error: str = ""
    member_bytes: int = 0  # tar volumes: data bytes of all its members (what a whole download would bring)

    @property
    def archived(self) -> bool:
        return self.storage_class in ARCHIVED_CLASSES


@dataclass
class JobFile:
    unit: str
    path: str  # relative to the unit, as in the manifest
    key: str  # the object holding the bytes (the volume for packed files)
    size: int
    mtime: float
    sha256: str
    volume: str = ""
    offset: int = -1
    state: str = FileState.PENDING
    error: str = ""

    @property
    def relpath(self) -> str:
        """Where it lands under the destination: ``<unit>/<path>`` (just ``<path>`` for the root unit)."""
        return self.path if self.unit == ROOT_UNIT else f"{self.unit}/{self.path}"

    def to_dict(self) -> dict[str, Any]:
        """The fields as JSON values; a refusal worded by the core (a :class:`Text`) keeps its template and
        parameters, so the window still says it in the user's language after the job is read back."""
        body = dict(vars(self))
        if isinstance(self.error, Text):
            body["error"] = self.error.to_json()
        return body

    @classmethod
    def from_dict(cls, body: dict[str, Any]) -> JobFile:
        return cls(**(body | {"error": Text.from_json(body.get("error", ""))}))


@dataclass
class RestoreJob:
    id: str
    bucket: str
    prefix: str
    root_name: str
    dest: str
    tier: str
    days: int
    created: str
    units: list[str]
    objects: list[JobObject] = field(default_factory=list)
    files: list[JobFile] = field(default_factory=list)
    checked: str = ""  # last time the state was read from S3
    path: Path | None = field(default=None, repr=False, compare=False)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    # ---- persistence ----------------------------------------------------------------------------------
    def to_json(self) -> str:
        with self.lock:
            body = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("path", "lock")}
            body["objects"] = [asdict(o) for o in self.objects]
            body["files"] = [f.to_dict() for f in self.files]
            return json.dumps({"format": "glacier_gui-restore-job", "version": 1, **body}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str, path: Path | None = None) -> RestoreJob:
        body = json.loads(text)
        if body.pop("format", None) != "glacier_gui-restore-job":
            raise ValueError("not a glacier_gui restore job")
        body.pop("version", None)
        objects = [JobObject(**o) for o in body.pop("objects", [])]
        files = [JobFile.from_dict(f) for f in body.pop("files", [])]
        return cls(**body, objects=objects, files=files, path=path)

    def save(self) -> Path:
        """Write atomically (core/atomic.py): a crash leaves the previous version."""
        if self.path is None:
            raise RestoreError(msg("this restore job has no file yet"))
        atomic_write(self.path, self.to_json())
        return self.path

    # ---- lookups --------------------------------------------------------------------------------------
    def object(self, key: str) -> JobObject:
        for o in self.objects:
            if o.key == key:
                return o
        raise KeyError(key)

    def files_of(self, key: str) -> list[JobFile]:
        return [f for f in self.files if f.key == key]


def jobs_dir(data_dir: Path) -> Path:
    return data_dir / JOBS_DIR


def load_job(data_dir: Path, job_id: str) -> RestoreJob:
    path = jobs_dir(data_dir) / f"{job_id}.json"
    if not path.is_file() or "/" in job_id or "\\" in job_id:
        known = ", ".join(j.id for j in list_jobs(data_dir)[-5:])
        raise RestoreError(
            msg(
                "no restore job {job!r} in {folder} (jobs: {known})",
                job=job_id,
                folder=str(jobs_dir(data_dir)),
                known=known or "-",
            )
        )
    return RestoreJob.from_json(path.read_text(encoding="utf-8"), path)


def list_jobs(data_dir: Path) -> list[RestoreJob]:
    """Every job in the data dir, oldest first; unreadable files are logged and left alone."""
    jobs = []
    for path in sorted(jobs_dir(data_dir).glob("*.json")):
        try:
            jobs.append(RestoreJob.from_json(path.read_text(encoding="utf-8"), path))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            log.warning("cannot read restore job %s: %s", path, exc)
    return sorted(jobs, key=lambda j: (j.created, j.id))


@dataclass
class JobSummary:
    """What a job looks like now, from its file alone (no network)."""

    job_id: str
    objects: dict[str, int]  # state -> count
    files: dict[str, int]
    files_total: int
    bytes_total: int
    bytes_downloaded: int
    ready_by: datetime | None  # when the last object still being restored is expected
    expiry: datetime | None  # the earliest expiry among ready objects with files still to download
    expiry_near: bool
    done: bool  # nothing left that fetch could still do
    stuck: list[str]  # what needs the user: expired or failed objects

    @property
    def ok(self) -> bool:
        return not self.files.get(FileState.FAILED) and not self.files.get(FileState.SKIPPED) and not self.stuck


def job_summary(job: RestoreJob, now: datetime | None = None) -> JobSummary:
    now = now or utc_now()
    with job.lock:
        objects = Counter(o.state for o in job.objects)
        files = Counter(f.state for f in job.files)
        pending_keys = {f.key for f in job.files if f.state == FileState.PENDING}
        waiting = [
            o for o in job.objects if o.key in pending_keys and o.state in (ObjState.REQUESTED, ObjState.IN_PROGRESS)
        ]
        ready_by = max((d for o in waiting if (d := parse_iso(o.ready_by))), default=None)
        expiries = [
            d for o in job.objects if o.key in pending_keys and o.state == ObjState.READY and (d := parse_iso(o.expiry))
        ]
        expiry = min(expiries, default=None)
        stuck = [
            f"{o.key}: {o.state}" + (f" ({o.error})" if o.error else "")
            for o in job.objects
            if o.key in pending_keys
            and o.state in (ObjState.EXPIRED, ObjState.FAILED, ObjState.NOT_REQUESTED)
            and o.archived
        ]
        stuck += [
            f"{o.key}: {o.error}"
            for o in job.objects
            if o.key in pending_keys and o.state == ObjState.FAILED and not o.archived
        ]
        movable = any(
            o.state in (ObjState.REQUESTED, ObjState.IN_PROGRESS, ObjState.READY)
            for o in job.objects
            if o.key in pending_keys
        )
        return JobSummary(
            job_id=job.id,
            objects=dict(objects),
            files=dict(files),
            files_total=len(job.files),
            bytes_total=sum(f.size for f in job.files),
            bytes_downloaded=sum(f.size for f in job.files if f.state == FileState.DOWNLOADED),
            ready_by=ready_by,
            expiry=expiry,
            expiry_near=expiry is not None and expiry - now < EXPIRY_WARNING,
            done=not movable,
            stuck=stuck,
        )
