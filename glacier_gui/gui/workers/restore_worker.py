"""Workers for getting the album back and checking it: restore planning, requests, status, download, verify,
and rebuilding status.csv from the bucket.

Each wraps one core call (``glacier_gui.core.restore`` / ``fetch`` / ``verify`` / ``rebuild``); results come back
through ``finished``, per-unit events through ``progress``.  A worker makes its S3 client when none is handed to
it (the window passes the one it keeps).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from glacier_gui.core.cost import PriceBook
from glacier_gui.core.fetch import FetchReport, fetch_ready
from glacier_gui.core.paths import PathRefused, safe_join
from glacier_gui.core.progress import TransferProgress
from glacier_gui.core.rebuild import RebuildReport, rebuild_status
from glacier_gui.core.restore import (
    DEFAULT_DAYS,
    DEFAULT_TIER,
    RequestReport,
    hours_from_prices,
    new_job_id,
    plan_restore,
    refresh_job,
    request_restores,
)
from glacier_gui.core.restore_job import FileState, RestoreJob, jobs_dir
from glacier_gui.core.s3.client import explain, layout_for, make_client
from glacier_gui.core.s3.probe import load_manifest
from glacier_gui.core.settings import Settings
from glacier_gui.core.verify import UnitCheck, verify_units
from glacier_gui.gui.workers.base import Worker

log = logging.getLogger(__name__)


class S3Worker(Worker):
    """A worker that needs the S3 client: the one handed over, or a new one made in the pool thread."""

    def __init__(self, settings: Settings, credentials: dict[str, str] | None = None, client: Any = None) -> None:
        super().__init__()
        self.settings = settings
        self.credentials = credentials
        self.client = client

    def s3(self) -> Any:
        if self.client is None:
            self.client = make_client(self.settings, credentials=self.credentials)
        return self.client


# ---- restore: plan, request ---------------------------------------------------------------------------
class RestorePlanWorker(S3Worker):
    """Read the units' manifests, ask S3 about every object that holds their files; ``finished(RestoreJob)``.

    The job covers every file of the units; the dialog narrows it (:func:`narrow_job`) to the files, folder,
    tier and days the user picks without asking S3 again.
    """

    name = "restore plan"

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        units: list[str],
        credentials: dict[str, str] | None = None,
        client: Any = None,
    ) -> None:
        super().__init__(settings, credentials, client)
        self.data_dir = data_dir
        self.units = units

    def work(self) -> RestoreJob:
        client = self.s3()
        bucket = self.settings.require_bucket()
        layout = layout_for(self.settings)
        manifests = {}
        for unit in self.units:
            self.cancel_token.raise_if_cancelled()
            manifests[unit] = load_manifest(client, bucket, layout, self.data_dir, unit)[0]
        return plan_restore(
            client, manifests, layout, bucket, self.data_dir, DEFAULT_TIER, DEFAULT_DAYS, cancel=self.cancel_token
        )


def narrow_job(
    full: RestoreJob, dest: Path, tier: str, days: int, chosen: dict[str, set[str]] | None = None
) -> RestoreJob:
    """A new job from a planned one: only the *chosen* files (unit -> paths; None = all) into *dest*.

    Objects are kept only when a chosen file lives in them; a path that would land outside *dest* is marked
    failed, as :func:`plan_restore` does.
    """
    planned = {o.key: o for o in full.objects}
    files = []
    for f in full.files:
        if chosen is not None and f.path not in chosen.get(f.unit, ()):
            continue
        f = replace(f, state=FileState.PENDING, error="")
        try:
            safe_join(dest, f.relpath)
        except PathRefused as exc:
            f.state, f.error = FileState.FAILED, str(exc)
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


@dataclass
class RequestOutcome:
    job: RestoreJob
    report: RequestReport


class RestoreRequestWorker(S3Worker):
    """Save the job in the data dir, then ``RestoreObject`` for each archived object; ``finished(RequestOutcome)``."""

    name = "restore request"

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        job: RestoreJob,
        prices: PriceBook,
        credentials: dict[str, str] | None = None,
        client: Any = None,
    ) -> None:
        super().__init__(settings, credentials, client)
        self.data_dir = data_dir
        self.job = job
        self.prices = prices

    def work(self) -> RequestOutcome:
        client = self.s3()
        self.job.path = jobs_dir(self.data_dir) / f"{self.job.id}.json"
        self.job.save()  # before any request: a crash half-way is still tracked
        hours = hours_from_prices(self.prices, self.settings.effective_region)
        report = request_restores(client, self.job, hours, cancel=self.cancel_token)
        return RequestOutcome(self.job, report)


# ---- restore: status and download ---------------------------------------------------------------------
@dataclass
class JobsOutcome:
    """What happened to each job of a refresh or download round."""

    jobs: list[RestoreJob]
    fetched: dict[str, FetchReport] = field(default_factory=dict)  # job id -> report (download rounds)
    errors: dict[str, str] = field(default_factory=dict)  # job id -> why it could not be handled


class RefreshJobsWorker(S3Worker):
    """Ask S3 about every open object of *jobs* (one job's error does not stop the others)."""

    name = "restore status"
    failure = "status not read"

    def __init__(
        self, settings: Settings, jobs: list[RestoreJob], credentials: dict[str, str] | None = None, client: Any = None
    ) -> None:
        super().__init__(settings, credentials, client)
        self.jobs = jobs

    def work(self) -> JobsOutcome:
        client = self.s3()
        outcome = JobsOutcome(self.jobs)
        for job in self.jobs:
            self.cancel_token.raise_if_cancelled()
            try:
                self.handle(client, job, outcome)
            except Exception as exc:  # report the job, go on
                if self.cancel_token.cancelled:
                    raise
                outcome.errors[job.id] = explain(exc, job.bucket)
                log.warning("restore job %s: %s: %s", job.id, self.failure, outcome.errors[job.id])
            self.job_done(job)
        return outcome

    def handle(self, client: Any, job: RestoreJob, outcome: JobsOutcome) -> None:
        refresh_job(client, job, cancel=self.cancel_token)

    def job_done(self, job: RestoreJob) -> None:
        """Called after each job, whatever happened to it."""


class FetchWorker(RefreshJobsWorker):
    """Refresh each job, then download and verify its ready files (``overwrite`` as the user answered).

    Byte progress is in :attr:`progress` (read on the window's timer); ``progress(job_id)`` is emitted once per
    finished job.
    """

    name = "restore download"
    failure = "download stopped"

    def __init__(
        self,
        settings: Settings,
        jobs: list[RestoreJob],
        overwrite: bool,
        credentials: dict[str, str] | None = None,
        client: Any = None,
    ) -> None:
        super().__init__(settings, jobs, credentials, client)
        self.overwrite = overwrite
        self.progress = TransferProgress()

    def handle(self, client: Any, job: RestoreJob, outcome: JobsOutcome) -> None:
        refresh_job(client, job, cancel=self.cancel_token)
        outcome.fetched[job.id] = fetch_ready(
            client, job, self.overwrite, self.progress, self.cancel_token, concurrency=min(4, self.settings.concurrency)
        )

    def job_done(self, job: RestoreJob) -> None:
        self.signals.progress.emit(job.id)


# ---- verify and rebuild -------------------------------------------------------------------------------
class VerifyWorker(S3Worker):
    """Compare the units' manifests with S3 (LIST + HEAD, no restore); ``progress((unit, done, total))`` per unit,
    ``finished(list[UnitCheck])``."""

    name = "verify"

    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        units: list[str],
        credentials: dict[str, str] | None = None,
        client: Any = None,
    ) -> None:
        super().__init__(settings, credentials, client)
        self.data_dir = data_dir
        self.units = units

    def _unit_done(self, unit: str, done: int, total: int) -> None:
        self.signals.progress.emit((unit, done, total))

    def work(self) -> list[UnitCheck]:
        client = self.s3()
        return verify_units(
            client,
            self.settings.require_bucket(),
            layout_for(self.settings),
            self.data_dir,
            self.units,
            progress=self._unit_done,
            cancel=self.cancel_token,
        )


class RebuildWorker(S3Worker):
    """Rebuild status.csv from the manifests in the bucket (the current file is kept as ``.bak``);
    ``finished(RebuildReport)``."""

    name = "rebuild status.csv"

    def __init__(
        self, settings: Settings, data_dir: Path, credentials: dict[str, str] | None = None, client: Any = None
    ) -> None:
        super().__init__(settings, credentials, client)
        self.data_dir = data_dir

    def work(self) -> RebuildReport:
        return rebuild_status(self.s3(), self.settings, self.data_dir, force=True, cancel=self.cancel_token)
