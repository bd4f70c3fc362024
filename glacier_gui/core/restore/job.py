"""Restore job records: one JSON file per job in ``<data_dir>/restore_jobs/``, and what a job looks like now.

A restore from an archived class takes steps that can be days apart (see :mod:`glacier_gui.core.restore.plan`), so
the job is written down: its base file ``<id>.json`` (written atomically, whole, when the job is created and when
a phase ends) and its journal ``<id>.journal`` (:mod:`glacier_gui.core.restore.journal`: one line per request or
download outcome, fsync'd in batches), so a crash loses nothing and each outcome costs O(1) however big the album.
:func:`job_summary` reads a job without the network (for the window and ``restore status --offline``); a small
``<id>.summary`` beside the job keeps that summary, so the jobs panel opens at once even for a 200,000-object job
(:func:`list_job_heads`).
"""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from glacier_gui.core.album.scan import ROOT_UNIT
from glacier_gui.core.atomic import atomic_write
from glacier_gui.core.clock import parse_iso, utc_now
from glacier_gui.core.i18n import Text, msg
from glacier_gui.core.restore.journal import Journal, journal_path, replay
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
    # Keys whose RestoreObject may or may not have reached S3 (asked in the journal, no outcome recorded).
    unsettled: set[str] = field(default_factory=set, repr=False, compare=False)
    _journal: Journal | None = field(default=None, repr=False, compare=False)
    _objects_at: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _files_at: dict[int, int] = field(default_factory=dict, repr=False, compare=False)  # id(file) -> index
    _files_by_key: dict[str, list[JobFile]] = field(default_factory=dict, repr=False, compare=False)
    _files_indexed: int = field(default=-1, repr=False, compare=False)

    # ---- persistence ----------------------------------------------------------------------------------
    def to_json(self) -> str:
        """The base file: every field, objects and files as lists of records (compact: 200,000 objects)."""
        with self.lock:
            body: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self) if f.name in _HEADER}
            body["objects"] = [vars(o) for o in self.objects]
            body["files"] = [f.to_dict() for f in self.files]
            if self.unsettled:
                body["unsettled"] = sorted(self.unsettled)
            return json.dumps(
                {"format": "glacier_gui-restore-job", "version": 1, **body}, ensure_ascii=False, separators=(",", ":")
            )

    @classmethod
    def from_json(cls, text: str, path: Path | None = None) -> RestoreJob:
        body = json.loads(text)
        if body.pop("format", None) != "glacier_gui-restore-job":
            raise ValueError("not a glacier_gui restore job")
        body.pop("version", None)
        unsettled = set(body.pop("unsettled", ()))
        objects = [JobObject(**o) for o in body.pop("objects", [])]
        files = [JobFile.from_dict(f) for f in body.pop("files", [])]
        return cls(**body, objects=objects, files=files, path=path, unsettled=unsettled)

    def save(self) -> Path:
        """Write the base file whole, atomically (core/atomic.py), then drop the journal it now contains.

        O(size of the job): for the start and the end of a phase; outcomes between go to :meth:`note_object`
        and :meth:`note_file`.  A crash between the two steps leaves the journal, whose replay over the new base
        changes nothing (each line sets fields to what they already are).
        """
        if self.path is None:
            raise RestoreError(msg("this restore job has no file yet"))
        with self.lock:
            atomic_write(self.path, self.to_json())
            self.journal.reset()
            write_head(self)
        return self.path

    @property
    def journal(self) -> Journal:
        if self.path is None:
            raise RestoreError(msg("this restore job has no file yet"))
        if self._journal is None or self._journal.path != journal_path(self.path):
            self._journal = Journal(journal_path(self.path))
        return self._journal

    def note_object(self, obj: JobObject) -> None:
        """Journal *obj*'s changing fields (no-op for a job without a file); O(1)."""
        if self.path is None:
            return
        self.unsettled.discard(obj.key)
        record = {"o": self._object_index(obj.key)} | {name: getattr(obj, name) for name in _OBJECT_CHANGES}
        self.journal.add(record)

    def note_file(self, f: JobFile) -> None:
        """Journal *f*'s state and error (no-op for a job without a file); O(1)."""
        if self.path is None:
            return
        if len(self._files_at) != len(self.files):
            self._files_at = {id(item): n for n, item in enumerate(self.files)}
        error = f.error.to_json() if isinstance(f.error, Text) else f.error  # a refusal stays data
        self.journal.add({"f": self._files_at[id(f)], "state": f.state, "error": error})

    def note_asking(self, objects: list[JobObject]) -> None:
        """Write-ahead: *objects* are about to be requested; on the disk (fsync'd) when this returns."""
        if self.path is None or not objects:
            return
        self.unsettled.update(o.key for o in objects)
        self.journal.add({"ask": [self._object_index(o.key) for o in objects]})
        self.journal.sync()

    def sync(self) -> None:
        """Everything journalled so far reaches the disk."""
        if self.path is not None:
            self.journal.sync()

    def maybe_sync(self) -> None:
        """:meth:`sync` in batches (a second or a thousand outcomes)."""
        if self.path is not None:
            self.journal.maybe_sync()

    def replay_journal(self) -> None:
        """Apply ``<id>.journal`` over the base just read (see :mod:`glacier_gui.core.restore.journal`)."""
        if self.path is None:
            return
        for record in replay(journal_path(self.path)):
            try:
                if "o" in record:
                    obj = self.objects[int(record["o"])]
                    for name in _OBJECT_CHANGES:
                        if name in record:
                            setattr(obj, name, record[name])
                    self.unsettled.discard(obj.key)
                elif "f" in record:
                    f = self.files[int(record["f"])]
                    f.state = record.get("state", f.state)
                    f.error = Text.from_json(record.get("error", f.error))
                elif "ask" in record:
                    self.unsettled.update(self.objects[int(n)].key for n in record["ask"])
            except (IndexError, TypeError, ValueError) as exc:  # a line from another job's file: not ours
                log.warning("restore job %s: journal line %r ignored: %s", self.id, record, exc)

    # ---- lookups --------------------------------------------------------------------------------------
    def _object_index(self, key: str) -> int:
        if len(self._objects_at) != len(self.objects):
            self._objects_at = {o.key: n for n, o in enumerate(self.objects)}
        return self._objects_at[key]

    def object(self, key: str) -> JobObject:
        return self.objects[self._object_index(key)]

    def files_of(self, key: str) -> list[JobFile]:
        if self._files_indexed != len(self.files):
            self._files_by_key = {}
            for f in self.files:
                self._files_by_key.setdefault(f.key, []).append(f)
            self._files_indexed = len(self.files)
        return self._files_by_key.get(key, [])


_HEADER = ("id", "bucket", "prefix", "root_name", "dest", "tier", "days", "created", "units", "checked")
_OBJECT_CHANGES = ("state", "storage_class", "requested", "ready_by", "expiry", "error")


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
    return read_job(path)


def read_job(path: Path) -> RestoreJob:
    """The job in *path* (its base file) with its journal applied."""
    job = RestoreJob.from_json(path.read_text(encoding="utf-8"), path)
    job.replay_journal()
    return job


def list_jobs(data_dir: Path) -> list[RestoreJob]:
    """Every job in the data dir, oldest first; unreadable files are logged and left alone."""
    jobs = []
    for path in sorted(jobs_dir(data_dir).glob("*.json")):
        try:
            jobs.append(read_job(path))
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


# ---- heads: the jobs panel's view, without the objects -------------------------------------------------
SUMMARY_SUFFIX = ".summary"
SUMMARY_STUCK = 20  # lines of "needs attention" kept in the summary file
SUMMARY_PROBLEMS = 10  # failed or skipped files kept in the summary file


@dataclass
class JobHead:
    """A job as the jobs panel and ``restore status --offline`` show it: header, summary, first problems."""

    id: str
    bucket: str
    prefix: str
    root_name: str
    dest: str
    tier: str
    days: int
    created: str
    units: list[str]
    checked: str
    summary: JobSummary
    problems: list[tuple[str, str, str]]  # (relpath, state, error) of the first failed or skipped files
    path: Path | None = None


def job_head(job: RestoreJob, summary: JobSummary | None = None) -> JobHead:
    summary = summary or job_summary(job)
    problems = [(f.relpath, f.state, f.error) for f in job.files if f.state in (FileState.FAILED, FileState.SKIPPED)]
    header: dict[str, Any] = {name: getattr(job, name) for name in _HEADER}
    return JobHead(**header, summary=summary, problems=problems[:SUMMARY_PROBLEMS], path=job.path)


def _stamp(base: Path) -> list[int]:
    """What changes when the job changes: the base file's size and mtime, the journal's size."""
    st = base.stat()
    try:
        journal = journal_path(base).stat().st_size
    except FileNotFoundError:
        journal = 0
    return [st.st_size, st.st_mtime_ns, journal]


def write_head(job: RestoreJob, summary: JobSummary | None = None) -> None:
    """Write ``<id>.summary`` for the job as it is on the disk now (best effort: it is a cache)."""
    if job.path is None:
        return
    head = job_head(job, summary)
    s = head.summary
    body = {
        "stamp": _stamp(job.path),
        "head": {name: getattr(head, name) for name in _HEADER},
        "summary": vars(s)
        | {
            "ready_by": s.ready_by.isoformat() if s.ready_by else None,
            "expiry": s.expiry.isoformat() if s.expiry else None,
            "stuck": s.stuck[:SUMMARY_STUCK],
        },
        "problems": [
            [rel, state, error.to_json() if isinstance(error, Text) else error] for rel, state, error in head.problems
        ],
    }
    try:
        atomic_write(job.path.with_suffix(SUMMARY_SUFFIX), json.dumps(body, ensure_ascii=False, default=str))
    except OSError as exc:
        log.warning("cannot write the summary of restore job %s: %s", job.id, exc)


def _read_head(path: Path) -> JobHead | None:
    """The head from ``<id>.summary`` when it describes the job files as they are now; None otherwise."""
    try:
        body = json.loads(path.with_suffix(SUMMARY_SUFFIX).read_text(encoding="utf-8"))
        if body["stamp"] != _stamp(path):
            return None
        raw = dict(body["summary"])
        raw["ready_by"] = parse_iso(raw["ready_by"] or "")
        raw["expiry"] = parse_iso(raw["expiry"] or "")
        summary = JobSummary(**raw)
        now = utc_now()
        summary.expiry_near = summary.expiry is not None and summary.expiry - now < EXPIRY_WARNING
        problems = [(rel, state, Text.from_json(error)) for rel, state, error in body["problems"]]
        return JobHead(**body["head"], summary=summary, problems=problems, path=path)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def list_job_heads(data_dir: Path, live: Iterable[RestoreJob] = ()) -> list[JobHead]:
    """Every job of the data dir as a head, oldest first: from the summary files, reading (and summarising
    again) only the jobs that changed since; *live* jobs (being worked on in this process) are summarised from
    memory instead.  Unreadable jobs are logged and left alone."""
    heads = []
    in_memory = {j.path: j for j in live if j.path is not None}
    for path in sorted(jobs_dir(data_dir).glob("*.json")):
        head = job_head(in_memory[path]) if path in in_memory else _read_head(path)
        if head is None:
            try:
                job = read_job(path)
            except (OSError, ValueError, TypeError, KeyError) as exc:
                log.warning("cannot read restore job %s: %s", path, exc)
                continue
            summary = job_summary(job)
            write_head(job, summary)
            head = job_head(job, summary)
        heads.append(head)
    return sorted(heads, key=lambda h: (h.created, h.id))
