"""Restore jobs: get units (or some of their files) back from Deep Archive, across days and restarts.

A restore from an archived class has three steps that can be days apart, so a *job* is a JSON file in
``<data_dir>/restore_jobs/<job-id>.json`` (written atomically) that any process can pick up:

1. **plan** (:func:`plan_restore`) - from each unit's manifest, the files wanted and the objects that hold
   them (a data object, or a tar volume shared by many packed files: each object appears once), with their
   current state from S3; :func:`estimate_job` prices what still has to be restored;
2. **request** (:func:`request_restores`) - one ``RestoreObject`` per archived object not yet restored or
   being restored, :data:`~glacier_gui.core.inflight.RESTORE_REQUESTS` in flight through the outage gate, each
   outcome one line of the job's journal; ``RestoreAlreadyInProgress`` counts as requested;
3. **track and fetch** (:func:`refresh_job`, then :func:`glacier_gui.core.restore.fetch.fetch_ready`) - see which
   temporary copies are ready, download them, check every file against the manifest's SHA-256.

Jobs are records of :mod:`glacier_gui.core.restore.job`.
"""

from __future__ import annotations

import logging
import secrets
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from glacier_gui.core.clock import iso_utc, utc_now
from glacier_gui.core.cost import PriceBook, RestoreEstimate, restore_estimate
from glacier_gui.core.i18n import message_of, msg
from glacier_gui.core.inflight import RESTORE_REQUESTS, ROUND_TRIP
from glacier_gui.core.ledger.manifest import Manifest
from glacier_gui.core.paths import PathRefused, safe_join
from glacier_gui.core.progress import Cancelled, CancelToken, TransferProgress
from glacier_gui.core.restore.job import FileState, JobFile, JobObject, ObjState, RestoreError, RestoreJob
from glacier_gui.core.s3.client import KeyLayout
from glacier_gui.core.s3.errors import S3RequestError
from glacier_gui.core.s3.objects import restore_object
from glacier_gui.core.s3.outage import GaveUpWaiting, OutageGate
from glacier_gui.core.s3.probe import ProbeProgress, RemoteState, probe_objects

log = logging.getLogger(__name__)

TIERS = ("Bulk", "Standard")  # Deep Archive has no Expedited tier
DEFAULT_TIER = "Bulk"
DEFAULT_DAYS = 7
# Typical upper bounds when the price book cannot tell (AWS documentation: Deep Archive 12 h / 48 h).
FALLBACK_HOURS = {
    ("DEEP_ARCHIVE", "Standard"): 12.0,
    ("DEEP_ARCHIVE", "Bulk"): 48.0,
    ("GLACIER", "Standard"): 5.0,
    ("GLACIER", "Bulk"): 12.0,
}


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
            raise RestoreError(msg("{item!r} is not in the manifest of unit {unit!r}", item=item, unit=manifest.unit))
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
        raise RestoreError(msg("days to keep the restored copy must be at least 1 (got {days})", days=days))
    job = RestoreJob(
        id=new_job_id(),
        bucket=bucket,
        prefix=layout.prefix,
        root_name=layout.root_name,
        dest=str(dest),
        tier=tier,
        days=days,
        created=iso_utc(utc_now()),
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
                f.state, f.error = FileState.FAILED, message_of(exc)  # a Text: the window words it in Japanese
            job.files.append(f)
            if f.state == FileState.PENDING:
                sizes[key] = max(sizes.get(key, 0), m.size if not m.volume else m.offset + m.size)
    if not job.files:
        raise RestoreError(msg("nothing to restore: the chosen units list no files"))
    states = probe_objects(client, bucket, sizes, progress=progress, cancel=cancel)
    for key in sorted(sizes):
        remote = states[key]
        obj = JobObject(key, remote.size or sizes[key], remote.storage_class or "", member_bytes=member_bytes[key])
        _apply_remote(obj, remote, job.tier)
        job.objects.append(obj)
    job.checked = iso_utc(utc_now())
    return job


def narrow_job(
    full: RestoreJob,
    dest: Path,
    tier: str,
    days: int,
    chosen: Mapping[str, Collection[str]] | None = None,
    refused: Mapping[str, str] | None = None,
) -> RestoreJob:
    """A new job (not yet saved) from a planned one: only the *chosen* files (unit -> paths; None = all) into
    *dest*, with *tier* and *days*.  S3 is not asked again: the restore dialog narrows its plan at each tick.

    Objects are kept only when a chosen file lives in them.  A file whose path would land outside *dest* is
    marked failed, as :func:`plan_restore` does; so is a file the plan itself refused.  *refused* (relpath ->
    reason: the failed files of an earlier narrowing for the same *dest*) spares asking the file system again,
    which costs tens of microseconds a file (the fetch checks every path once more before writing).
    """
    tier = _check_tier(tier)
    if days < 1:
        raise RestoreError(msg("days to keep the restored copy must be at least 1 (got {days})", days=days))
    planned = {o.key for o in full.objects}
    files = []
    for f in full.files:
        if chosen is not None and f.path not in chosen.get(f.unit, ()):
            continue
        f = replace(f, state=FileState.PENDING, error="")
        if refused is not None:
            if f.relpath in refused:
                f.state, f.error = FileState.FAILED, refused[f.relpath]
        else:
            try:
                safe_join(dest, f.relpath)
            except PathRefused as exc:
                f.state, f.error = FileState.FAILED, message_of(exc)  # a Text: the window words it in Japanese
        if f.state == FileState.PENDING and f.key not in planned:
            f.state, f.error = FileState.FAILED, "refused when the restore was planned"
        files.append(f)
    keys = {f.key for f in files if f.state == FileState.PENDING}
    return RestoreJob(
        id=new_job_id(),
        bucket=full.bucket,
        prefix=full.prefix,
        root_name=full.root_name,
        dest=str(dest),
        tier=tier,
        days=days,
        created=full.created,
        units=sorted({f.unit for f in files}),
        files=files,
        checked=full.checked,
        objects=[replace(o) for o in full.objects if o.key in keys],
    )


def _check_tier(tier: str) -> str:
    for name in TIERS:
        if name.lower() == tier.strip().lower():
            return name
    raise RestoreError(
        msg("tier {tier!r} is not available for Deep Archive; choose {tiers}", tier=tier, tiers=" or ".join(TIERS))
    )


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
    stopped: str = ""  # why the phase stopped before the end (S3 unreachable too long); "" when it did not
    checked: int = 0  # objects asked about (HEAD) because a killed run may have requested them already


REQUESTS_UNIT = "restore requests"  # the progress unit of the request phase
ASK_BATCH = 256  # objects named in one write-ahead line of the journal (one fsync)


def request_restores(
    client: Any,
    job: RestoreJob,
    hours: Callable[[str, str], float] | None = None,
    progress: TransferProgress | None = None,
    cancel: CancelToken | None = None,
    gate: OutageGate | None = None,
    in_flight: int = RESTORE_REQUESTS,
) -> RequestReport:
    """``RestoreObject`` for each archived object that needs it, *in_flight* at a time; journalled as it goes.

    Every request goes through *gate* (default: one that does not wait): S3 unreachable for longer than its
    window stops the phase cleanly (``report.stopped``), and what was not requested stays for the next run;
    *cancel* stops it the same way.  Before each batch of requests goes out, the batch is written to the job's
    journal (write-ahead); objects of a killed run's last batches are first looked at with HEAD, so none is
    requested twice.  *progress* gets one unit, :data:`REQUESTS_UNIT`, with a file per object.
    """
    report = RequestReport()
    cancel = cancel or CancelToken()
    gate = gate or OutageGate(0.0, cancel)
    hours_of = _cached_hours(hours or default_hours)
    _settle_unsettled(client, job, report, cancel)
    todo = objects_to_request(job)
    if progress is not None:
        progress.plan_unit(REQUESTS_UNIT, len(todo), 0)
        progress.set_state(REQUESTS_UNIT, "uploading")
        gate.subscribe(progress.set_outage)

    def one(obj: JobObject) -> None:
        now = utc_now()
        state, error, already = ObjState.REQUESTED, "", False
        try:
            already = gate.call(lambda: restore_object(client, job.bucket, obj.key, job.days, job.tier))
        except S3RequestError as exc:
            if exc.code == "RestoreAlreadyInProgress":
                state, already = ObjState.IN_PROGRESS, True
            else:
                state, error = ObjState.FAILED, str(exc)
        with job.lock:
            obj.state, obj.error = state, error
            if state == ObjState.FAILED:
                report.failed.append(f"{obj.key}: {error}")
                log.warning("restore request for %s failed: %s", obj.key, error)
            else:
                obj.requested = iso_utc(now)
                obj.ready_by = iso_utc(now + timedelta(hours=hours_of(obj.storage_class, job.tier)))
                if already:  # in progress, or the copy is there (S3 extended its expiry)
                    report.already += 1
                else:
                    report.requested += 1
            job.note_object(obj)
        if progress is not None:
            progress.add(REQUESTS_UNIT, 0, 1)

    asked = sent = 0
    pending: set[Future[None]] = set()
    with ThreadPoolExecutor(max(1, in_flight), "restore") as pool:
        try:
            while sent < len(todo) or pending:
                # Two requests queued per thread: the pool stays busy while this thread writes the journal.
                while sent < len(todo) and len(pending) < 2 * in_flight and not report.stopped:
                    if cancel.cancelled:
                        report.stopped = "cancelled"
                        break
                    if sent == asked:
                        job.note_asking(todo[asked : asked + ASK_BATCH])
                        asked = min(len(todo), asked + ASK_BATCH)
                    pending.add(pool.submit(one, todo[sent]))
                    sent += 1
                if not pending:
                    break
                finished, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                for future in finished:
                    exc = future.exception()
                    if isinstance(exc, GaveUpWaiting | Cancelled):
                        report.stopped = report.stopped or (str(exc) if isinstance(exc, GaveUpWaiting) else "cancelled")
                    elif exc is not None:
                        raise exc
                job.maybe_sync()
        finally:
            for future in pending:
                future.cancel()
            with job.lock:  # asked, never sent: not unsettled (a resumed run requests them without a HEAD)
                for obj in todo[sent:asked]:
                    job.note_object(obj)
            job.sync()
    if progress is not None:
        progress.set_state(REQUESTS_UNIT, "done" if not report.stopped else "failed")
    if job.path is not None:
        job.save()  # the phase is over: fold the journal into the base file, once
    if report.stopped == "cancelled":
        raise Cancelled()
    return report


def _settle_unsettled(client: Any, job: RestoreJob, report: RequestReport, cancel: CancelToken) -> None:
    """Objects a killed run asked for without recording the answer: S3 says whether the request arrived."""
    keys = sorted(k for k in job.unsettled if job.object(k).state in (ObjState.NOT_REQUESTED, ObjState.EXPIRED))
    if keys:
        log.info("restore job %s: %d request(s) of an interrupted run: asking S3 about them first", job.id, len(keys))
        states = probe_objects(client, job.bucket, keys, cancel=cancel)
        with job.lock:
            for key in keys:
                obj = job.object(key)
                _apply_remote(obj, states[key], job.tier)
                job.note_object(obj)
        report.checked = len(keys)
    job.unsettled.clear()
    job.sync()


def _cached_hours(hours: Callable[[str, str], float]) -> Callable[[str, str], float]:
    cache: dict[tuple[str, str], float] = {}

    def cached(storage_class: str, tier: str) -> float:
        if (storage_class, tier) not in cache:
            cache[storage_class, tier] = hours(storage_class, tier)
        return cache[storage_class, tier]

    return cached


def request_seconds(objects: int, in_flight: int = RESTORE_REQUESTS, round_trip: float = ROUND_TRIP) -> float:
    """How long the request phase should take for *objects*: one round trip each, *in_flight* at a time."""
    return objects * round_trip / max(1, in_flight)


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
            job.unsettled.difference_update(open_keys)  # S3 said where each stands
    job.checked = iso_utc(utc_now())
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
