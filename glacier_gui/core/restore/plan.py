"""Restore jobs: get units (or some of their files) back from Deep Archive, across days and restarts.

A restore from an archived class has three steps that can be days apart, so a *job* is a JSON file in
``<data_dir>/restore_jobs/<job-id>.json`` (written atomically) that any process can pick up:

1. **plan** (:func:`plan_restore`) - from each unit's manifest, the files wanted and the objects that hold
   them (a data object, or a tar volume shared by many packed files: each object appears once), with their
   current state from S3; :func:`estimate_job` prices what still has to be restored;
2. **request** (:mod:`glacier_gui.core.restore.request`) - one ``RestoreObject`` per archived object not yet
   restored or being restored, many in flight, each outcome one line of the job's journal;
3. **track and fetch** (:func:`refresh_job`, then :func:`glacier_gui.core.restore.fetch.fetch_ready`) - see which
   temporary copies are ready, download them, check every file against the manifest's SHA-256.

Jobs are records of :mod:`glacier_gui.core.restore.job`.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from glacier_gui.core.album.scan import ROOT_UNIT
from glacier_gui.core.clock import iso_utc, utc_now
from glacier_gui.core.cost import PriceBook, RestoreEstimate, restore_estimate
from glacier_gui.core.i18n import Text, message_of, msg
from glacier_gui.core.ledger.manifest import Manifest
from glacier_gui.core.ledger.volumes import MAX_VOLUME_SIZE
from glacier_gui.core.paths import PathRefused, path_refusal, printable, safe_join
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.restore.job import FileState, JobFile, JobObject, ObjState, RestoreError, RestoreJob
from glacier_gui.core.s3.client import KeyLayout
from glacier_gui.core.s3.probe import ProbeProgress, RemoteState, probe_objects

log = logging.getLogger(__name__)

TIERS = ("Bulk", "Standard")  # Deep Archive has no Expedited tier
DEFAULT_TIER = "Bulk"
DEFAULT_DAYS = 7


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
    shared = shared_bytes(
        (m.volume or m.key, m.offset if m.volume else 0, m.size, unit, m.path)
        for unit, manifest in manifests.items()
        for m in manifest.files.values()
    )
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
            if f.state == FileState.PENDING and (unit, path) in shared:
                f.state, f.error = FileState.FAILED, shared[unit, path]
            job.files.append(f)
            if f.state == FileState.PENDING:
                sizes[key] = max(sizes.get(key, 0), m.size if not m.volume else m.offset + m.size)
    if not job.files:
        raise RestoreError(msg("nothing to restore: the chosen units list no files"))
    states = probe_objects(client, bucket, sizes, progress=progress, cancel=cancel)
    for key in sorted(sizes):
        remote = states[key]
        if _refuse_object(job, key, remote, sizes[key], member_bytes[key] > 0):
            continue
        obj = JobObject(key, remote.size or sizes[key], remote.storage_class or "", member_bytes=member_bytes[key])
        apply_remote(obj, remote, job.tier)
        job.objects.append(obj)
    job.checked = iso_utc(utc_now())
    return job


def shared_bytes(entries: Iterable[tuple[str, int, int, str, str]]) -> dict[tuple[str, str], Text]:
    """Entries that point at bytes another entry already points at: (unit, path) -> why, in words.

    *entries* are ``(object key, start, size, unit, path)``: a file's own object starts at 0, a packed file at
    its offset in the tar volume.  This app stores each file's bytes once, so two entries on the same bytes are
    never ours: a manifest that repeats one range 300 times would turn 51 KB in the bucket into 15 MB on disk.
    The first entry on each range (by offset, then unit and path) is kept; every entry that starts inside a
    range already kept is refused, naming the unit and the entry it repeats.  Entries whose path is refused
    anyway (``..``, absolute) are left out, so they never push a good entry aside.
    """
    by_object: dict[str, list[tuple[int, int, str, str]]] = {}
    windows = os.name == "nt"
    for key, start, size, unit, path in entries:
        if not path_refusal(path if unit == ROOT_UNIT else f"{unit}/{path}", windows):  # refused anyway
            by_object.setdefault(key, []).append((start, size, unit, path))
    refused: dict[tuple[str, str], Text] = {}
    for key, ranges in by_object.items():
        kept: tuple[int, int, str, str] | None = None
        for start, size, unit, path in sorted(ranges):
            if kept is not None and (start < kept[0] + kept[1] or start == kept[0]):
                refused[unit, path] = msg(
                    "refused: entry {path!r} of unit {unit!r} points at the same bytes of {key} as {other!r} of "
                    "unit {other_unit!r}; the manifest in the bucket may have been altered",
                    path=printable(path),
                    unit=unit,
                    key=key,
                    other=printable(kept[3]),
                    other_unit=kept[2],
                )
                continue
            kept = (start, size, unit, path)
    return refused


def _refuse_object(job: RestoreJob, key: str, remote: RemoteState, needed: int, volume: bool) -> bool:
    """Refuse (mark failed) the files of an object too big for what the manifest says of it, before anything is
    restored or downloaded: a tar volume larger than any this app makes, or smaller than its entries need."""
    why: Text | None = None
    if volume and remote.size > MAX_VOLUME_SIZE:
        why = msg(
            "refused: the tar volume {key} holds {size} bytes, more than any volume this app makes ({most}); "
            "it was not written by this app",
            key=key,
            size=remote.size,
            most=MAX_VOLUME_SIZE,
        )
    elif volume and remote.exists and remote.size < needed:
        why = msg(
            "refused: the tar volume {key} holds {size} bytes, its entries need {needed}",
            key=key,
            size=remote.size,
            needed=needed,
        )
    if why is None:
        return False
    log.warning("restore: %s", why)
    for f in job.files:
        if f.key == key and f.state == FileState.PENDING:
            f.state, f.error = FileState.FAILED, why
    return True


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
    marked failed, as :func:`plan_restore` does; so is a file the plan itself refused (its reason kept), and
    one on the same bytes as another (:func:`shared_bytes`).  *refused* (relpath ->
    reason: the failed files of an earlier narrowing for the same *dest*) spares asking the file system again,
    which costs tens of microseconds a file (the fetch checks every path once more before writing).
    """
    tier = _check_tier(tier)
    if days < 1:
        raise RestoreError(msg("days to keep the restored copy must be at least 1 (got {days})", days=days))
    planned = {o.key for o in full.objects}
    shared = shared_bytes((f.key, f.offset if f.volume else 0, f.size, f.unit, f.path) for f in full.files)
    files = []
    for f in full.files:
        if chosen is not None and f.path not in chosen.get(f.unit, ()):
            continue
        planned_error = f.error if f.state == FileState.FAILED else ""
        f = replace(f, state=FileState.PENDING, error="")
        if refused is not None:
            if f.relpath in refused:
                f.state, f.error = FileState.FAILED, refused[f.relpath]
        else:
            try:
                safe_join(dest, f.relpath)
            except PathRefused as exc:
                f.state, f.error = FileState.FAILED, message_of(exc)  # a Text: the window words it in Japanese
        if f.state == FileState.PENDING and (f.unit, f.path) in shared:
            f.state, f.error = FileState.FAILED, shared[f.unit, f.path]
        if f.state == FileState.PENDING and f.key not in planned:
            f.state, f.error = FileState.FAILED, planned_error or "refused when the restore was planned"
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
                apply_remote(job.object(key), states[key], job.tier)
            job.unsettled.difference_update(open_keys)  # S3 said where each stands
    job.checked = iso_utc(utc_now())
    if job.path is not None:
        job.save()


def apply_remote(obj: JobObject, remote: RemoteState, tier: str) -> None:
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
