"""The request phase of a restore: one ``RestoreObject`` per archived object, many in flight, each outcome journalled.

A whole album is 200,000 objects, each needing its own request before S3's 12-48 hours start; one at a time over
an 80 ms round trip that was half a day.  So :func:`request_restores` keeps
:data:`~glacier_gui.core.inflight.RESTORE_REQUESTS` in flight, through the same outage gate as the upload
(:mod:`glacier_gui.core.s3.outage`), and writes each outcome as one line of the job's journal
(:mod:`glacier_gui.core.restore.journal`): O(1) per request, fsync'd in batches.  Each batch of requests is
named in the journal *before* it goes out (write-ahead), so after a kill the next run asks S3 (HEAD) about the
requests whose answer was lost instead of sending them again: nothing is lost, nothing is requested twice.
``RestoreAlreadyInProgress`` counts as requested.  The ready-by time of each object comes from the tier's
typical maximum wait (:func:`hours_from_prices`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from glacier_gui.core.clock import iso_utc, utc_now
from glacier_gui.core.cost import PriceBook
from glacier_gui.core.inflight import RESTORE_REQUESTS, ROUND_TRIP
from glacier_gui.core.progress import Cancelled, CancelToken, TransferProgress
from glacier_gui.core.restore.job import JobObject, ObjState, RestoreJob
from glacier_gui.core.restore.plan import apply_remote, objects_to_request
from glacier_gui.core.s3.errors import S3RequestError
from glacier_gui.core.s3.objects import restore_object
from glacier_gui.core.s3.outage import GaveUpWaiting, OutageGate
from glacier_gui.core.s3.probe import probe_objects

log = logging.getLogger(__name__)

# Typical upper bounds when the price book cannot tell (AWS documentation: Deep Archive 12 h / 48 h).
FALLBACK_HOURS = {
    ("DEEP_ARCHIVE", "Standard"): 12.0,
    ("DEEP_ARCHIVE", "Bulk"): 48.0,
    ("GLACIER", "Standard"): 5.0,
    ("GLACIER", "Bulk"): 12.0,
}


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
                apply_remote(obj, states[key], job.tier)
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
