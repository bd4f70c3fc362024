"""Restore jobs: get units (or some of their files) back from Deep Archive, across days and restarts.

A restore from an archived class has three steps that can be days apart, so a *job* is a JSON file in
``<data_dir>/restore_jobs/<job-id>.json`` (written atomically) that any process can pick up:

1. **plan** (:func:`plan_restore`) - from each unit's manifest, the files wanted and the objects that hold
   them (a data object, or a tar volume shared by many packed files: each object appears once), with their
   current state from S3; :func:`estimate_job` prices what still has to be restored;
2. **request** (:func:`request_restores`) - one ``RestoreObject`` per archived object not yet restored or
   being restored; ``RestoreAlreadyInProgress`` counts as requested, an object already restored is skipped;
3. **track and fetch** (:func:`refresh_job`, then :func:`glacier_gui.core.fetch.fetch_ready`) - see which
   temporary copies are ready, download them, check every file against the manifest's SHA-256.

:func:`job_summary` reads a job without the network (for the window and ``restore status --offline``).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import botocore.exceptions

from glacier_gui.core.cost import PriceBook, RestoreEstimate, restore_estimate
from glacier_gui.core.manifest import Manifest
from glacier_gui.core.paths import PathRefused, safe_join
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3.client import KeyLayout, explain
from glacier_gui.core.s3.probe import ARCHIVED_CLASSES, ProbeProgress, RemoteState, probe_objects
from glacier_gui.core.scan import ROOT_UNIT

log = logging.getLogger(__name__)

JOBS_DIR = "restore_jobs"
TIERS = ("Bulk", "Standard")  # Deep Archive has no Expedited tier
DEFAULT_TIER = "Bulk"
DEFAULT_DAYS = 7
EXPIRY_WARNING = timedelta(days=2)
# Typical upper bounds when the price book cannot tell (AWS documentation: Deep Archive 12 h / 48 h).
FALLBACK_HOURS = {
    ("DEEP_ARCHIVE", "Standard"): 12.0,
    ("DEEP_ARCHIVE", "Bulk"): 48.0,
    ("GLACIER", "Standard"): 5.0,
    ("GLACIER", "Bulk"): 12.0,
}


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
            body["files"] = [asdict(f) for f in self.files]
            return json.dumps({"format": "glacier_gui-restore-job", "version": 1, **body}, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str, path: Path | None = None) -> RestoreJob:
        body = json.loads(text)
        if body.pop("format", None) != "glacier_gui-restore-job":
            raise ValueError("not a glacier_gui restore job")
        body.pop("version", None)
        objects = [JobObject(**o) for o in body.pop("objects", [])]
        files = [JobFile(**f) for f in body.pop("files", [])]
        return cls(**body, objects=objects, files=files, path=path)

    def save(self) -> Path:
        """Write atomically (temp file + ``os.replace``): a crash leaves the previous version."""
        if self.path is None:
            raise RestoreError("this restore job has no file yet")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = self.to_json()
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
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
        raise RestoreError(f"no restore job {job_id!r} in {jobs_dir(data_dir)} (jobs: {known or 'none'})")
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


def utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# ---- plan ---------------------------------------------------------------------------------------------
def select_files(manifest: Manifest, wanted: Iterable[str] | None) -> list[str]:
    """Manifest paths picked by *wanted* (exact paths or folder prefixes); all when *wanted* is None."""
    if wanted is None:
        return sorted(manifest.files)
    picked: set[str] = set()
    for item in wanted:
        item = item.strip("/")
        hits = [p for p in manifest.files if p == item or p.startswith(item + "/")]
        if not hits:
            raise RestoreError(f"{item!r} is not in the manifest of unit {manifest.unit!r}")
        picked.update(hits)
    return sorted(picked)


def plan_restore(
    client: Any,
    manifests: Mapping[str, Manifest],
    layout: KeyLayout,
    bucket: str,
    dest: Path,
    tier: str = DEFAULT_TIER,
    days: int = DEFAULT_DAYS,
    files: Mapping[str, Iterable[str] | None] | None = None,
    progress: ProbeProgress | None = None,
    cancel: CancelToken | None = None,
) -> RestoreJob:
    """A new job (not yet saved) for the files of *manifests* (all, or those named per unit in *files*).

    Each object is listed once however many files it holds, with its real storage class and restore state
    from S3.  A file whose path would land outside *dest* is marked failed here already.
    """
    tier = _check_tier(tier)
    if days < 1:
        raise RestoreError(f"--days must be at least 1 (got {days})")
    job = RestoreJob(
        id=new_job_id(),
        bucket=bucket,
        prefix=layout.prefix,
        root_name=layout.root_name,
        dest=str(dest),
        tier=tier,
        days=days,
        created=_iso(utc_now()),
        units=sorted(manifests),
    )
    sizes: dict[str, int] = {}
    member_bytes: Counter[str] = Counter()
    for unit, manifest in sorted(manifests.items()):
        for m in manifest.files.values():
            if m.volume:
                member_bytes[m.volume] += m.size
        for path in select_files(manifest, (files or {}).get(unit)):
            m = manifest.files[path]
            key = m.volume or m.key
            f = JobFile(unit, path, key, m.size, m.mtime, m.sha256, m.volume, m.offset)
            try:
                safe_join(dest, f.relpath)
            except PathRefused as exc:
                f.state, f.error = FileState.FAILED, str(exc)
            job.files.append(f)
            if f.state == FileState.PENDING:
                sizes[key] = max(sizes.get(key, 0), m.size if not m.volume else m.offset + m.size)
    if not job.files:
        raise RestoreError("nothing to restore: the chosen units list no files")
    states = probe_objects(client, bucket, sizes, progress=progress, cancel=cancel)
    for key in sorted(sizes):
        remote = states[key]
        obj = JobObject(key, remote.size or sizes[key], remote.storage_class or "", member_bytes=member_bytes[key])
        _apply_remote(obj, remote, job.tier)
        job.objects.append(obj)
    job.checked = _iso(utc_now())
    return job


def _check_tier(tier: str) -> str:
    for name in TIERS:
        if name.lower() == tier.strip().lower():
            return name
    raise RestoreError(f"tier {tier!r} is not available for Deep Archive; choose {' or '.join(TIERS)}")


def new_job_id() -> str:
    return utc_now().strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(2)


def objects_to_request(job: RestoreJob) -> list[JobObject]:
    """Archived objects that still need a RestoreObject (never asked, or the copy lapsed)."""
    return [o for o in job.objects if o.archived and o.state in (ObjState.NOT_REQUESTED, ObjState.EXPIRED)]


@dataclass(frozen=True)
class JobEstimate:
    """Cost and wait of a job: one estimate per storage class still to be fetched."""

    parts: list[RestoreEstimate]

    @property
    def total(self) -> float:
        return sum(p.total for p in self.parts)

    @property
    def hours_max(self) -> float:
        return max((p.hours_max for p in self.parts), default=0.0)

    @property
    def hours_min(self) -> float:
        return max((p.hours_min for p in self.parts), default=0.0)


def estimate_job(job: RestoreJob, prices: PriceBook, region: str) -> JobEstimate:
    """Restore (archived objects still to request) plus download (everything not yet downloaded) cost."""
    region = region or "us-east-1"
    pending = {f.key for f in job.files if f.state == FileState.PENDING}
    to_request = {o.key for o in objects_to_request(job)}
    groups: dict[tuple[str, str | None], list[JobObject]] = {}
    for o in job.objects:
        if o.key not in pending:
            continue
        if o.key in to_request:
            groups.setdefault((o.storage_class, job.tier), []).append(o)
        else:  # read directly, or already restored: only GET and egress remain
            groups.setdefault(("STANDARD", None), []).append(o)
    parts = []
    for (cls, tier), objs in sorted(groups.items(), key=lambda g: g[0][0]):
        try:
            parts.append(
                restore_estimate(
                    prices,
                    region,
                    cls,
                    tier,
                    len(objs),
                    sum(o.size for o in objs),
                    restore_days=job.days if tier else 1,
                )
            )
        except KeyError:  # a region the price book does not list: the us-east-1 figures are close enough
            parts.append(
                restore_estimate(
                    prices,
                    "us-east-1",
                    cls,
                    tier,
                    len(objs),
                    sum(o.size for o in objs),
                    restore_days=job.days if tier else 1,
                )
            )
    return JobEstimate(parts)


# ---- request ------------------------------------------------------------------------------------------
@dataclass
class RequestReport:
    requested: int = 0
    already: int = 0  # in progress or restored before we asked
    failed: list[str] = field(default_factory=list)  # "key: reason"


def request_restores(
    client: Any,
    job: RestoreJob,
    hours: Callable[[str, str], float] | None = None,
    progress: ProbeProgress | None = None,
    cancel: CancelToken | None = None,
) -> RequestReport:
    """``RestoreObject`` for each archived object that needs it; the job is saved as it goes."""
    report = RequestReport()
    todo = objects_to_request(job)
    for n, obj in enumerate(todo, start=1):
        if cancel is not None and cancel.cancelled:
            break
        now = utc_now()
        try:
            response = client.restore_object(
                Bucket=job.bucket,
                Key=obj.key,
                RestoreRequest={"Days": job.days, "GlacierJobParameters": {"Tier": job.tier}},
            )
            status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", 202)
            obj.state = ObjState.REQUESTED
            if status == 200:  # S3: "already restored" - the copy is there (its expiry was extended)
                report.already += 1
            else:
                report.requested += 1
        except botocore.exceptions.ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code == "RestoreAlreadyInProgress":
                obj.state = ObjState.IN_PROGRESS
                report.already += 1
            else:
                obj.state, obj.error = ObjState.FAILED, explain(exc, job.bucket)
                report.failed.append(f"{obj.key}: {obj.error}")
                log.warning("restore request for %s failed: %s", obj.key, obj.error)
        if obj.state != ObjState.FAILED:
            obj.requested = _iso(now)
            obj.ready_by = _iso(now + timedelta(hours=(hours or default_hours)(obj.storage_class, job.tier)))
            obj.error = ""
        if n % 100 == 0 and job.path is not None:
            job.save()  # a crash mid-way loses at most 100 requests' bookkeeping (they are idempotent)
        if progress is not None:
            progress(n, len(todo))
    if job.path is not None:
        job.save()
    return report


def default_hours(storage_class: str, tier: str) -> float:
    return FALLBACK_HOURS.get((storage_class, tier), 48.0)


def hours_from_prices(prices: PriceBook, region: str) -> Callable[[str, str], float]:
    """The tier's typical maximum wait from the price book (falls back to AWS's documented figures)."""

    def hours(storage_class: str, tier: str) -> float:
        try:
            for name, t in prices.prices(region or "us-east-1", storage_class).restore_tiers.items():
                if name.lower() == tier.lower():
                    return t.hours_max
        except KeyError:
            pass
        return default_hours(storage_class, tier)

    return hours


# ---- status -------------------------------------------------------------------------------------------
def refresh_job(
    client: Any, job: RestoreJob, progress: ProbeProgress | None = None, cancel: CancelToken | None = None
) -> None:
    """Ask S3 about every object that is not settled yet, update the job and save it."""
    open_keys = [o.key for o in job.objects if o.state not in (ObjState.DOWNLOADED, ObjState.FAILED)]
    if open_keys:
        states = probe_objects(client, job.bucket, open_keys, progress=progress, cancel=cancel)
        with job.lock:
            for key in open_keys:
                _apply_remote(job.object(key), states[key], job.tier)
    job.checked = _iso(utc_now())
    if job.path is not None:
        job.save()


def _apply_remote(obj: JobObject, remote: RemoteState, tier: str) -> None:
    if not remote.exists:
        obj.state, obj.error = ObjState.FAILED, "the object is not in the bucket (deleted, or another prefix?)"
        return
    obj.storage_class = remote.storage_class
    if not remote.archived or remote.restore == "ready":
        obj.state, obj.expiry, obj.error = ObjState.READY, remote.expiry, ""
    elif remote.restore == "ongoing":
        obj.state = ObjState.IN_PROGRESS
    elif obj.state == ObjState.READY:
        obj.state, obj.error = ObjState.EXPIRED, "the restored copy expired before it was downloaded"
    elif obj.state in (ObjState.REQUESTED, ObjState.IN_PROGRESS):
        # S3 shows a request at once (it is strongly consistent): no restore now means it lapsed.
        obj.state, obj.error = ObjState.EXPIRED, "S3 reports no restore for this object any more"


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
