"""Getting the album back: the calls the restore dialog and the Restore jobs panel run in the background.

Planning and requesting a restore, and asking S3 how far the jobs are, are single calls for ``run_task``; the
download is a long job (:class:`FetchWorker`) whose byte progress the panel polls on the runner's timer.
Each takes a *client* callable (the session's :meth:`~glacier_gui.gui.session.Session.client_source`), called in
the pool thread: the cached S3 client, or a new one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from glacier_gui.core.cost import PriceBook
from glacier_gui.core.progress import CancelToken, TransferProgress
from glacier_gui.core.restore.fetch import FetchReport, fetch_ready
from glacier_gui.core.restore.job import JobHead, RestoreJob, jobs_dir, read_job
from glacier_gui.core.restore.plan import DEFAULT_DAYS, DEFAULT_TIER, plan_restore, refresh_job
from glacier_gui.core.restore.request import RequestReport, hours_from_prices, request_restores
from glacier_gui.core.s3.client import layout_for
from glacier_gui.core.s3.errors import explain
from glacier_gui.core.s3.history import generation_objects
from glacier_gui.core.s3.outage import OutageGate
from glacier_gui.core.s3.probe import load_manifests
from glacier_gui.core.setting_checks import parse_duration
from glacier_gui.core.settings import Settings
from glacier_gui.gui.workers.base import Worker

log = logging.getLogger(__name__)

ClientSource = Callable[[], Any]


# ---- restore: plan, request ---------------------------------------------------------------------------
def plan_units(
    settings: Settings,
    data_dir: Path,
    units: list[str],
    client: ClientSource,
    cancel: CancelToken | None = None,
    as_of: datetime | None = None,
) -> RestoreJob:
    """Read the units' manifests and ask S3 about every object that holds their files.

    The job covers every file of the units; the dialog narrows it (``narrow_job``) to the files, folder, tier
    and days the user picks without asking S3 again.  With *as_of*, each unit as its backup was then (the newest
    manifest generation S3 stored by that time).
    """
    s3 = client()
    bucket = settings.require_bucket()
    layout = layout_for(settings)
    manifests = load_manifests(s3, bucket, layout, data_dir, units, cancel, as_of)
    return plan_restore(s3, manifests, layout, bucket, data_dir, DEFAULT_TIER, DEFAULT_DAYS, cancel=cancel)


def backup_dates(settings: Settings, units: list[str], client: ClientSource) -> list[datetime]:
    """When S3 stored each manifest generation of *units*, newest first (one LIST per unit, nothing read)."""
    s3, bucket, layout = client(), settings.require_bucket(), layout_for(settings)
    dates = {g.modified for unit in units for g in generation_objects(s3, bucket, layout, unit) if g.modified}
    return sorted(dates, reverse=True)


@dataclass
class RequestOutcome:
    job: RestoreJob
    report: RequestReport


def request_job(
    settings: Settings,
    data_dir: Path,
    job: RestoreJob,
    prices: PriceBook,
    client: ClientSource,
    progress: TransferProgress | None = None,
    cancel: CancelToken | None = None,
) -> RequestOutcome:
    """Save the job in the data dir, then ``RestoreObject`` for each archived object it still needs (in
    parallel, through an outage gate of the setting ``outage_wait``)."""
    s3 = client()
    if job.path is None:
        job.path = jobs_dir(data_dir) / f"{job.id}.json"
        job.save()  # before any request: a crash half-way is still tracked
    hours = hours_from_prices(prices, settings.effective_region)
    cancel = cancel or CancelToken()
    gate = OutageGate(parse_duration(settings.outage_wait), cancel)
    return RequestOutcome(job, request_restores(s3, job, hours, progress, cancel, gate))


class RequestWorker(Worker):
    """The request phase of a saved job as the restore lane's long job; ``finished(RequestOutcome)``.

    Its :attr:`progress` has one unit (the requests, a file each) that the Restore jobs panel and the restore
    dialog read on the runner's timer, with the time left.
    """

    name = "restore requests"

    def __init__(
        self, settings: Settings, data_dir: Path, job: RestoreJob | JobHead, prices: PriceBook, client: ClientSource
    ) -> None:
        super().__init__()
        self.settings, self.data_dir, self.job, self.prices, self.client = settings, data_dir, job, prices, client
        self.progress = TransferProgress()

    def work(self) -> RequestOutcome:
        if not isinstance(self.job, RestoreJob):  # a saved job, resumed: the panel reads it from here meanwhile
            self.job = load_jobs([self.job])[0]
        return request_job(
            self.settings, self.data_dir, self.job, self.prices, self.client, self.progress, self.cancel_token
        )


# ---- restore: status and download ---------------------------------------------------------------------
@dataclass
class JobsOutcome:
    """What happened to each job of a refresh or download round."""

    jobs: list[RestoreJob]
    fetched: dict[str, FetchReport] = field(default_factory=dict)  # job id -> report (download rounds)
    errors: dict[str, str] = field(default_factory=dict)  # job id -> why it could not be handled


def for_each_job(
    jobs: list[RestoreJob],
    handle: Callable[[RestoreJob, JobsOutcome], None],
    cancel: CancelToken,
    failure: str,
) -> JobsOutcome:
    """``handle(job, outcome)`` for each job; one job's error is noted in the outcome and does not stop the rest."""
    outcome = JobsOutcome(jobs)
    for job in jobs:
        cancel.raise_if_cancelled()
        try:
            handle(job, outcome)
        except Exception as exc:  # report the job, go on
            if cancel.cancelled:
                raise
            outcome.errors[job.id] = explain(exc, job.bucket)
            log.warning("restore job %s: %s: %s", job.id, failure, outcome.errors[job.id])
    return outcome


def load_jobs(heads: list[JobHead]) -> list[RestoreJob]:
    """The whole jobs of *heads*, from their files (a 200,000-object job takes seconds: call it in the pool)."""
    return [read_job(h.path) for h in heads if h.path is not None]


def refresh_jobs(heads: list[JobHead], client: ClientSource, cancel: CancelToken) -> JobsOutcome:
    """Ask S3 about every open object of the jobs of *heads*."""
    jobs = load_jobs(heads)
    s3 = client()
    return for_each_job(jobs, lambda job, _outcome: refresh_job(s3, job, cancel=cancel), cancel, "status not read")


class FetchWorker(Worker):
    """Refresh each job, then download and verify its ready files (``overwrite`` as the user answered);
    ``finished(JobsOutcome)``.

    Byte progress is in :attr:`progress` (read on the runner's timer); no per-chunk signal.
    """

    name = "restore download"

    def __init__(self, settings: Settings, heads: list[JobHead], overwrite: bool, client: ClientSource) -> None:
        super().__init__()
        self.settings = settings
        self.heads = heads
        self.overwrite = overwrite
        self.client = client
        self.progress = TransferProgress()

    def work(self) -> JobsOutcome:
        jobs = load_jobs(self.heads)
        s3 = self.client()
        concurrency = self.settings.fetch_concurrency

        def handle(job: RestoreJob, outcome: JobsOutcome) -> None:
            refresh_job(s3, job, cancel=self.cancel_token)
            outcome.fetched[job.id] = fetch_ready(
                s3, job, self.overwrite, self.progress, self.cancel_token, concurrency=concurrency
            )

        return for_each_job(jobs, handle, self.cancel_token, "download stopped")
