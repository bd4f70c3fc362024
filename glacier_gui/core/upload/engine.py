"""The upload engine: every file of each unit into S3, resumable, verified from S3's own listing.

One engine per run owns one S3 client and two thread pools (files, and parts of large files).  Per unit:

1. **plan** - list the unit's prefix once (1 request per 1,000 keys), read the unit's journal, and sort each
   local file into: already there (skip), there but unrecorded (adopt after a HEAD), to send in one PUT, to send
   in parts (resuming an open multipart upload), or a conflict (a different object under the same key: never
   overwritten unless ``allow_overwrite``);
2. **send** - each file is read from the NAS once: the bytes feed the whole-file SHA-256 (for the manifest) and
   a per-request SHA-256 that S3 checks on receipt (``ChecksumSHA256``);
3. **verify** - list the prefix again: every manifest file present with its size and storage class, and the
   checksum S3 returned equal to ours; ``aws_file_count``/``aws_total_size`` come from that listing.  A multipart
   object that completes while its unit still sends is checked by HEAD at once (``upload_send.py``);
4. **record** - write the manifest (bucket, STANDARD class, and locally) and drop the journal.

Every request goes through one :class:`~glacier_gui.core.s3.outage.OutageGate`: when S3 cannot be reached, the
run waits for the network (``outage_wait``), says so once in the log and in the progress snapshot
(``ProgressSnapshot.outage``), and when the window is over stops cleanly: what is left is resumed next time.

Why not boto3's TransferManager: it cannot resume a multipart upload across runs, and hashing for the
manifest would need a second read of every file (DESIGN.md asks for one).  The engine is a few hundred lines
over the plain client instead.

Steps 1, 3 and 4 cost a few round trips per unit whatever its size: run one unit after another, they would set the
pace of an album of many small folders (100 folders of 4 photos: 36 s where ``rclone copy`` takes 10).  So units
are planned a few ahead on a small pool while earlier ones send, and finished (3, 4 and the thumbnail pack) on
another small pool; a unit is still reported done only after its own files verified and its manifest is in S3.
The run's own checks (the bucket, orphan uploads) go out beside the first units' listings; nothing is sent
before they pass.

Where each step lives: this module runs the units (threads, queue) and does steps 3 and 4;
``upload_plan.py`` does step 1, ``upload_send.py`` step 2, ``upload_job.py`` holds the data they share, and
every S3 request goes through ``core/s3/transfer.py``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from queue import Queue
from typing import Any

from glacier_gui.core.album.scan import Unit
from glacier_gui.core.clock import iso_utc, utc_now
from glacier_gui.core.inflight import FINISHERS, LOOKAHEAD, PLANNERS
from glacier_gui.core.ledger.manifest import ManifestFile, local_manifest_path, save_local_manifest
from glacier_gui.core.progress import Cancelled, CancelToken, TransferProgress
from glacier_gui.core.s3.errors import explain
from glacier_gui.core.s3.objects import RemoteObject, head_object, list_objects, list_requests
from glacier_gui.core.s3.outage import GaveUpWaiting, OutageGate
from glacier_gui.core.s3.transfer import Transfer
from glacier_gui.core.textfmt import format_usd
from glacier_gui.core.thumbs.fill import finish_unit, start_unit
from glacier_gui.core.upload.job import (
    MIB,
    Task,
    UnitDoneFn,
    UnitJob,
    UnitResult,
    UploadOptions,
    UploadReport,
    VerifyError,
)
from glacier_gui.core.upload.plan import UnitGone, UnitPlanner
from glacier_gui.core.upload.send import Sender

__all__ = ["MIB", "PreflightFailed", "UnitResult", "UploadOptions", "UploadReport", "upload_units"]

log = logging.getLogger(__name__)


@dataclass
class _Planned:
    """A unit whose plan is on its way (*job* is None when the run was cancelled before its turn)."""

    unit: Unit
    result: UnitResult
    job: Future[UnitJob] | None


def upload_units(
    client: Any,
    units: list[Unit],
    options: UploadOptions,
    progress: TransferProgress | None = None,
    cancel: CancelToken | None = None,
    on_unit_done: UnitDoneFn | None = None,
    on_unit_start: Callable[[str], None] | None = None,
    gate: OutageGate | None = None,
    preflight: Callable[[], None] | None = None,
) -> UploadReport:
    """Upload, verify and record each unit; returns a report.  Never raises for a unit's failure.

    *gate* waits out outages (default: one with ``options.outage_wait`` that reports to *progress*).
    *preflight* (the bucket check) runs beside the first units' planning, and nothing is sent before it has
    passed; if it raises, no unit starts and :class:`PreflightFailed` carries its exception.
    """
    progress = progress or TransferProgress()
    cancel = cancel or CancelToken()
    gate = gate or OutageGate(options.outage_wait, cancel, progress.set_outage)
    engine = _Engine(client, options, progress, cancel, gate)
    return engine.run(units, on_unit_done, on_unit_start, preflight)


class PreflightFailed(Exception):
    """The run's preflight raised *cause*: nothing was sent, and no unit was reported started or done."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _Engine:
    def __init__(
        self, client: Any, options: UploadOptions, progress: TransferProgress, cancel: CancelToken, gate: OutageGate
    ) -> None:
        self.opt = options
        self.progress = progress
        self.cancel = cancel
        self.gate = gate
        # A dry run sends nothing and waits for nothing: an unreachable bucket is planned as if it were empty.
        self.transfer = Transfer(
            client,
            options.bucket,
            gate=None if options.dry_run else gate,
            limiter=options.limiter,
            cancel=cancel,
        )
        self.planner = UnitPlanner(self.transfer, options, progress)
        self.blind_listing = False  # the server lists every object as STANDARD (see _listing_blind_to_class)

    # ---- the run ------------------------------------------------------------------------------------
    def run(
        self,
        units: list[Unit],
        on_done: UnitDoneFn | None,
        on_start: Callable[[str], None] | None,
        preflight: Callable[[], None] | None = None,
    ) -> UploadReport:
        results: list[UnitResult] = []
        for unit in units:
            self.progress.plan_unit(unit.key, unit.file_count, unit.total_size)
        # Files go to long-lived workers through a short queue; no Future or callback per file: at thousands of
        # small files, that bookkeeping is CPU.  Units are planned up to LOOKAHEAD ahead of that queue (on a small
        # pool) and finished on another: a folder's own round trips overlap the other folders' uploads.
        queue: Queue[tuple[UnitJob, Task] | None] = Queue(maxsize=self.opt.file_workers * 2)
        with (
            ThreadPoolExecutor(self.opt.concurrency, "part") as parts,
            ThreadPoolExecutor(FINISHERS, "finish") as finisher,
            ThreadPoolExecutor(PLANNERS, "plan") as planners,
            ThreadPoolExecutor(1, "preflight") as checker,
        ):
            checked = checker.submit(preflight) if preflight is not None else None
            sender = Sender(self.transfer, self.opt, self.progress, self.cancel, parts)
            workers = [
                threading.Thread(
                    target=self._work, args=(sender, queue, finisher, on_done), name=f"upload-{i}", daemon=True
                )
                for i in range(self.opt.file_workers)
            ]
            for worker in workers:
                worker.start()
            ahead: deque[_Planned] = deque()
            try:
                for n, unit in enumerate(units):
                    result = UnitResult(unit.key, started=time.time())
                    results.append(result)
                    # The first units' listings go out beside the preflight: a round trip less before the first
                    # upload.  They are reported started only once it has passed.
                    early = checked is not None and n < PLANNERS
                    ahead.append(self._start_plan(planners, unit, result, None if early else on_start))
                    if checked is not None and (n + 1 == PLANNERS or n + 1 == len(units)):
                        self._await_preflight(checked, ahead, on_start)
                        checked = None
                    if len(ahead) > LOOKAHEAD:
                        self._dispatch(ahead.popleft(), queue, finisher, on_done)
                while ahead:
                    self._dispatch(ahead.popleft(), queue, finisher, on_done)
            finally:
                for _worker in workers:
                    queue.put(None)
                for worker in workers:
                    worker.join()
            # Every unit's finishing step is queued once its last file is done; leaving the block waits for them.
        return UploadReport(results, self.opt.dry_run)

    def _await_preflight(
        self, checked: Future[None], ahead: deque[_Planned], on_start: Callable[[str], None] | None
    ) -> None:
        """Wait for the preflight; when it fails, drop the plans made meanwhile and raise :class:`PreflightFailed`."""
        try:
            checked.result()
        except BaseException as exc:
            if not isinstance(exc, Exception):  # Ctrl+C here: the preflight's thread may be waiting for the network
                self.cancel.cancel()
            for planned in ahead:
                with contextlib.suppress(Exception):  # a plan that failed has no journal to close
                    if planned.job is not None:
                        planned.job.result().journal.close()
            ahead.clear()
            raise PreflightFailed(exc) from None
        if on_start is not None:
            for planned in ahead:
                if planned.job is not None:
                    on_start(planned.unit.key)

    def _start_plan(
        self, planners: ThreadPoolExecutor, unit: Unit, result: UnitResult, on_start: Callable[[str], None] | None
    ) -> _Planned:
        """Plan *unit* on the planners' pool (None: the run was cancelled before its turn)."""
        if self.cancel.cancelled:
            return _Planned(unit, result, None)
        if on_start is not None:
            on_start(unit.key)
        return _Planned(unit, result, planners.submit(self.planner.plan, unit, result))

    def _dispatch(
        self,
        planned: _Planned,
        queue: Queue[tuple[UnitJob, Task] | None],
        finisher: ThreadPoolExecutor,
        on_done: UnitDoneFn | None,
    ) -> None:
        """The unit's files into the upload queue (in the units' order), or straight to its finishing step."""
        result = planned.result
        if planned.job is None:
            result.error = "cancelled before it started"
            self._finish_failed(result, on_done)
            return
        try:
            job = planned.job.result()
        except Cancelled:
            result.error = "cancelled before it started"
            self._finish_failed(result, on_done)
            return
        except Exception as exc:  # one unit's failure never stops the others
            result.error = str(exc) if isinstance(exc, UnitGone) else explain(exc, self.opt.bucket)
            level = logging.INFO if isinstance(exc, GaveUpWaiting) else logging.WARNING
            log.log(level, "%s: cannot plan the upload: %s", planned.unit.key, result.error)
            self._finish_failed(result, on_done)
            return
        if self.cancel.cancelled:  # planned ahead, but nothing of it sent yet
            job.journal.close()
            result.error = "cancelled before it started"
            self._finish_failed(result, on_done)
            return
        job.thumbs = start_unit(self.opt)  # None when thumbnails are off
        self.progress.set_state(planned.unit.key, "uploading")
        if self.opt.dry_run or not job.tasks:
            finisher.submit(self._finish, job, on_done)
            return
        job.remaining = len(job.tasks)
        for task in job.tasks:
            queue.put((job, task))

    def _work(
        self,
        sender: Sender,
        queue: Queue[tuple[UnitJob, Task] | None],
        finisher: ThreadPoolExecutor,
        on_done: UnitDoneFn | None,
    ) -> None:
        """One upload worker: files from the queue until the sentinel."""
        while (item := queue.get()) is not None:
            job, task = item
            try:
                sender.send(job, task)
            finally:
                with job.lock:
                    job.remaining -= 1
                    last = job.remaining == 0
                if last:
                    finisher.submit(self._finish, job, on_done)

    def _finish_failed(self, result: UnitResult, on_done: UnitDoneFn | None) -> None:
        result.finished = time.time()
        self.progress.set_state(result.unit, "failed")
        if on_done is not None:
            on_done(result)

    # ---- verify and record --------------------------------------------------------------------------
    def _finish(self, job: UnitJob, on_done: UnitDoneFn | None) -> None:
        result = job.result
        unit = job.unit
        try:
            if self.opt.dry_run:
                result.ok = not job.errors
            elif job.errors or result.conflicts:
                result.error = self._describe_failure(job)
            else:
                self.progress.set_state(unit.key, "verifying")
                self._verify(job)
                if job.thumbs is not None:  # the data is safe: now its thumbnail pack (never fails the unit)
                    finish_unit(self.transfer.client, self.opt, job, self.cancel)
                self._record(job)
                result.ok = not unit.errors
                if unit.errors:
                    result.error = f"{len(unit.errors)} file(s) could not be read: {unit.errors[0]}"
        except Exception as exc:
            result.error = explain(exc, self.opt.bucket)
            log.log(
                logging.INFO if isinstance(exc, GaveUpWaiting) else logging.WARNING, "%s: %s", unit.key, result.error
            )
            result.ok = False
        finally:
            job.journal.close()
        result.finished = time.time()
        self.progress.set_state(unit.key, "done" if result.ok else "failed")
        if on_done is not None:
            on_done(result)

    def _describe_failure(self, job: UnitJob) -> str:
        if job.result.conflicts:
            first = job.result.conflict_why or job.result.conflicts[0]
            fee = job.result.early_deletion_fee
            cost = (
                f"; replacing them now costs about {format_usd(fee)} in early-deletion fees (180-day minimum)"
                if fee > 0
                else ""
            )
            return (
                f"{len(job.result.conflicts)} file(s) differ from the object already in S3, or cannot be proven the "
                f"same (e.g. {first}); nothing was overwritten{cost} - upload with --allow-overwrite to replace them"
            )
        real = [e for e in job.errors if e != "cancelled"]
        outage = self.gate.gave_up
        if outage is not None and any(str(outage) in e for e in real):
            return f"{len(real)} file(s) not sent: {outage}"
        if not real:
            return "cancelled; upload again to resume"
        return f"{len(real)} file(s) failed: {real[0]}"

    def _verify(self, job: UnitJob) -> None:
        layout = self.opt.layout
        prefix = layout.unit_prefix(job.unit.key)
        client, bucket = self.transfer.client, self.opt.bucket
        listed = self.transfer.request(lambda: list(list_objects(client, bucket, prefix, recursive=not job.unit.loose)))
        job.result.requests += list_requests(len(listed))
        remote = {o.key: o for o in listed}
        problems = []
        wrong_class: list[ManifestFile] = []
        for f in job.manifest.files.values():
            obj = remote.get(f.key)
            if obj is None:
                problems.append(f"{f.path} is missing in S3")
            elif obj.size != f.size and not f.volume:
                problems.append(f"{f.path} has {obj.size} bytes in S3, {f.size} locally")
            elif f.storage_class and obj.storage_class != f.storage_class:
                wrong_class.append(f)
        sample = next((f for f in wrong_class if f.key in job.classes_seen), wrong_class[0]) if wrong_class else None
        if sample is not None and not self._listing_blind_to_class(job, listed, sample):
            problems += [
                f"{f.path} is in {remote[f.key].storage_class}, expected {f.storage_class}" for f in wrong_class
            ]
        if problems:
            raise VerifyError(
                f"verification failed: {problems[0]}" + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else "")
            )
        job.result.aws_file_count = len(listed)
        job.result.aws_total_size = sum(o.size for o in listed)

    def _listing_blind_to_class(self, job: UnitJob, listed: list[RemoteObject], sample: ManifestFile) -> bool:
        """Some S3-compatible servers (``rclone serve s3``) list every object as STANDARD.  When the whole listing
        says STANDARD, ask one object with HEAD: if it has the class we asked for, the listing is blind to
        classes (for the rest of the run: it is the server's way).  On AWS, LIST and HEAD agree, so this is never
        proved there, and a real wrong class still fails the unit."""
        if any(o.storage_class != "STANDARD" for o in listed):
            return False
        if self.blind_listing:  # proved for an earlier unit of the run: a round trip less per unit
            return True
        with job.lock:
            seen = job.classes_seen.get(sample.key)  # a HEAD right after its upload (upload_send.py)
        if seen is None:
            head = self.transfer.request(lambda: head_object(self.transfer.client, self.opt.bucket, sample.key))
            job.result.requests += 1
            seen = None if head is None else head.get("StorageClass", "STANDARD")
        if seen != sample.storage_class:
            return False
        log.info(
            "%s: the server's listing does not show storage classes; HEAD of %s shows %s",
            job.unit.key,
            sample.key,
            sample.storage_class,
        )
        self.blind_listing = True
        return True

    def _record(self, job: UnitJob) -> None:
        layout = self.opt.layout
        manifest = job.manifest
        manifest.updated = iso_utc(utc_now())
        data = manifest.to_json()
        self.transfer.put_json(layout.manifest_key(job.unit.key), data)
        job.result.requests += 1
        save_local_manifest(
            local_manifest_path(self.opt.data_dir, self.opt.bucket, layout.prefix, layout.root_name, job.unit.key),
            manifest,
            data,
        )
        job.journal.remove()
