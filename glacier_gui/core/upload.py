"""The upload engine: every file of each unit into S3, resumable, verified from S3's own listing.

One engine per run owns one S3 client and two thread pools (files, and parts of large files).  Per unit:

1. **plan** - list the unit's prefix once (1 request per 1,000 keys), read the unit's journal, and sort each
   local file into: already there (skip), there but unrecorded (adopt after a HEAD), to send in one PUT, to send
   in parts (resuming an open multipart upload), or a conflict (a different object under the same key: never
   overwritten unless ``allow_overwrite``);
2. **send** - each file is read from the NAS once: the bytes feed the whole-file SHA-256 (for the manifest) and
   a per-request SHA-256 that S3 checks on receipt (``ChecksumSHA256``);
3. **verify** - list the prefix again: every manifest file present with its size and storage class, and the
   checksum S3 returned equal to ours; ``aws_file_count``/``aws_total_size`` come from that listing;
4. **record** - write the manifest (bucket, STANDARD class, and locally) and drop the journal.

Why not boto3's TransferManager: it cannot resume a multipart upload across runs, and hashing for the
manifest would need a second read of every file (DESIGN.md asks for one).  The engine is a few hundred lines
over the plain client instead.  Single-part PUTs of small files go through ``core/s3/leanput.py`` (the same signed
request for half the CPU; botocore remains the fallback), because with thousands of photos the CPU per request,
not the network, sets the pace.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import math
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from queue import Queue
from typing import Any

from glacier_gui.core.cost import PriceBook, early_deletion_fee, load_prices
from glacier_gui.core.manifest import (
    Journal,
    Manifest,
    ManifestFile,
    load_local_manifest,
    local_manifest_path,
    save_local_manifest,
    utc_now,
)
from glacier_gui.core.pack import VolumePlan, build_volume, plan_volumes
from glacier_gui.core.progress import CancelToken, TransferProgress
from glacier_gui.core.s3.client import (
    MTIME_META,
    KeyLayout,
    RemoteObject,
    explain,
    head_object,
    list_objects,
    list_requests,
)
from glacier_gui.core.s3.leanput import FastPut
from glacier_gui.core.scan import FileEntry, Unit
from glacier_gui.core.textfmt import format_usd

log = logging.getLogger(__name__)

MIB = 2**20
MAX_PARTS = 10_000
READ_CHUNK = 1 * MIB


@dataclass(frozen=True)
class UploadOptions:
    bucket: str
    layout: KeyLayout
    storage_class: str = "DEEP_ARCHIVE"
    concurrency: int = 8
    part_size: int = 16 * MIB  # also the multipart threshold
    dry_run: bool = False
    allow_overwrite: bool = False
    data_dir: Path = Path(".")
    pack_below: int = 0  # files smaller than this go into tar volumes (0 = off)
    region: str = "us-east-1"  # for the early-deletion fee of overwrites


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
    overwrites: int = 0  # objects replaced (only with allow_overwrite)
    early_deletion_fee: float = 0.0  # USD, for the conflicts (or the overwrites): objects younger than 180 days
    volumes: int = 0  # tar volumes sent (small-file packing)
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


@dataclass
class _Task:
    file: FileEntry
    key: str
    kind: str  # "put", "multipart", "adopt", "volume"
    resume: dict[str, Any] | None = None
    volume: VolumePlan | None = None


@dataclass
class _UnitJob:
    unit: Unit
    result: UnitResult
    journal: Journal
    manifest: Manifest
    tasks: list[_Task]
    remote: dict[str, RemoteObject]
    open_uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    remaining: int = 0
    errors: list[str] = field(default_factory=list)


UnitDoneFn = Callable[[UnitResult], None]


def upload_units(
    client: Any,
    units: list[Unit],
    options: UploadOptions,
    progress: TransferProgress | None = None,
    cancel: CancelToken | None = None,
    on_unit_done: UnitDoneFn | None = None,
    on_unit_start: Callable[[str], None] | None = None,
) -> UploadReport:
    """Upload, verify and record each unit; returns a report.  Never raises for a unit's failure."""
    engine = _Engine(client, options, progress or TransferProgress(), cancel or CancelToken())
    return engine.run(units, on_unit_done, on_unit_start)


class _Engine:
    def __init__(self, client: Any, options: UploadOptions, progress: TransferProgress, cancel: CancelToken) -> None:
        self.client = client
        self.opt = options
        self.progress = progress
        self.cancel = cancel
        # One buffer per part in flight, reused: memory stays at concurrency x part size however large the files
        # (fresh 16 MiB allocations per part made glibc keep freed ones around: 340 MiB instead of 230 at 8 x 16).
        self.part_buffers: Queue[bytearray] = Queue()
        for _ in range(options.concurrency):
            self.part_buffers.put(bytearray())
        self._prices: PriceBook | None = None  # loaded on the first overwrite that needs a fee
        self.slow = float(os.environ.get("GLACIER_GUI_TEST_SLOW_REQUEST", "0") or 0)  # tests: widen kill windows
        self.lean = _lean_put(client, options)

    # ---- the run ------------------------------------------------------------------------------------
    def run(
        self, units: list[Unit], on_done: UnitDoneFn | None, on_start: Callable[[str], None] | None
    ) -> UploadReport:
        results: list[UnitResult] = []
        for unit in units:
            self.progress.plan_unit(unit.key, unit.file_count, unit.total_size)
        # Files go to long-lived workers through a short queue (planning the next unit overlaps the uploads of
        # this one); no Future or callback per file: at thousands of small files, that bookkeeping is CPU.
        queue: Queue[tuple[_UnitJob, _Task] | None] = Queue(maxsize=self.opt.concurrency * 2)
        with ThreadPoolExecutor(self.opt.concurrency, "part") as parts, ThreadPoolExecutor(1, "verify") as finisher:
            self.parts_pool = parts
            workers = [
                threading.Thread(target=self._work, args=(queue, finisher, on_done), name=f"upload-{i}", daemon=True)
                for i in range(self.opt.concurrency)
            ]
            for worker in workers:
                worker.start()
            try:
                for unit in units:
                    result = UnitResult(unit.key, started=time.time())
                    results.append(result)
                    if self.cancel.cancelled:
                        result.error = "cancelled before it started"
                        self._finish_failed(result, on_done)
                        continue
                    if on_start is not None:
                        on_start(unit.key)
                    try:
                        job = self._plan(unit, result)
                    except Exception as exc:  # one unit's failure never stops the others
                        log.warning("%s: cannot plan the upload: %s", unit.key, explain(exc, self.opt.bucket))
                        result.error = explain(exc, self.opt.bucket)
                        self._finish_failed(result, on_done)
                        continue
                    self.progress.set_state(unit.key, "uploading")
                    if self.opt.dry_run or not job.tasks:
                        finisher.submit(self._finish, job, on_done)
                        continue
                    job.remaining = len(job.tasks)
                    for task in job.tasks:
                        queue.put((job, task))
            finally:
                for _worker in workers:
                    queue.put(None)
                for worker in workers:
                    worker.join()
            # Every unit's finishing step is queued once its last file is done; leaving the block waits for them.
        return UploadReport(results, self.opt.dry_run)

    def _work(
        self, queue: Queue[tuple[_UnitJob, _Task] | None], finisher: ThreadPoolExecutor, on_done: UnitDoneFn | None
    ) -> None:
        """One upload worker: files from the queue until the sentinel."""
        while (item := queue.get()) is not None:
            job, task = item
            try:
                self._run_task(job, task)
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

    # ---- planning -----------------------------------------------------------------------------------
    def _plan(self, unit: Unit, result: UnitResult) -> _UnitJob:
        opt = self.opt
        layout = opt.layout
        journal = Journal.for_unit(opt.data_dir, opt.bucket, layout.prefix, layout.root_name, unit.key)
        manifest_path = local_manifest_path(opt.data_dir, opt.bucket, layout.prefix, layout.root_name, unit.key)
        manifest = load_local_manifest(manifest_path) or Manifest(layout.root_name, unit.key, opt.bucket, layout.prefix)
        done, open_uploads = journal.read()
        manifest.files.update(done)
        remote: dict[str, RemoteObject] = {}
        try:
            remote = {
                o.key: o
                for o in list_objects(self.client, opt.bucket, layout.unit_prefix(unit.key), recursive=not unit.loose)
            }
            result.requests += list_requests(len(remote))
        except Exception:
            if not opt.dry_run:
                raise
            log.info("%s: bucket not reachable, planning as if it were empty", unit.key)
        tasks: list[_Task] = []
        to_pack: list[FileEntry] = []
        for f in unit.files:
            key = layout.data_key(unit.key, f.rel)
            known = manifest.files.get(f.rel)
            there = remote.get(known.key if known else key)
            if (
                known
                and there
                and known.size == f.size
                and known.mtime == f.mtime
                and (known.volume or there.size == f.size)
            ):
                result.files_skipped += 1
                self.progress.add(unit.key, f.size, 1)
                continue
            if f.size < opt.pack_below:
                to_pack.append(f)  # a changed small file goes into a new volume: nothing is overwritten
                continue
            there = remote.get(key)
            if there is not None and not known:
                tasks.append(_Task(f, key, "adopt"))  # sent by a run killed before it wrote its journal?
                continue
            if there is not None:
                result.early_deletion_fee += self._early_deletion_fee(there)
                if not opt.allow_overwrite:
                    result.conflicts.append(f.rel)
                    continue
                result.overwrites += 1
            kind = "multipart" if f.size > opt.part_size else "put"
            resume = open_uploads.get(f.rel)
            if resume and (resume["size"] != f.size or resume["mtime"] != f.mtime):
                self._abort(resume)
                resume = None
            tasks.append(_Task(f, key, kind, resume))
        for volume in plan_volumes(to_pack):
            size = volume.estimated_size()
            tasks.append(
                _Task(
                    FileEntry(volume.name, size, 0.0, ""),
                    layout.data_key(unit.key, volume.name),
                    "volume",
                    volume=volume,
                )
            )
        if opt.dry_run:
            for t in tasks:
                if t.kind != "adopt":
                    members = len(t.volume.members) if t.volume else 1
                    result.files_uploaded += members
                    result.bytes_uploaded += t.volume.data_size if t.volume else t.file.size
                    result.requests += self._requests_for(t.file.size)
                    result.volumes += 1 if t.volume else 0
            result.requests += 1  # the manifest
        return _UnitJob(unit, result, journal, manifest, tasks, remote, open_uploads)

    def _early_deletion_fee(self, obj: RemoteObject) -> float:
        """What replacing *obj* now would cost in early-deletion fees (0 when unknown or old enough)."""
        if obj.last_modified is None:
            return 0.0
        try:
            if self._prices is None:
                self._prices = load_prices()
            age = (datetime.now(UTC) - obj.last_modified).total_seconds() / 86400
            return early_deletion_fee(self._prices, self.opt.region, obj.storage_class, obj.size, max(0.0, age))
        except (KeyError, ValueError, OSError):
            return 0.0

    def _requests_for(self, size: int) -> int:
        return 1 if size <= self.opt.part_size else 2 + math.ceil(size / self._part_size(size))

    def _part_size(self, size: int) -> int:
        part = self.opt.part_size
        while math.ceil(size / part) > MAX_PARTS:
            part *= 2
        return part

    # ---- sending ------------------------------------------------------------------------------------
    def _run_task(self, job: _UnitJob, task: _Task) -> None:
        if self.cancel.cancelled:
            with job.lock:
                job.errors.append("cancelled")
            return
        try:
            path = job.unit.path / task.file.fs_rel
            if task.kind == "volume":
                self._volume(job, task)
                return
            if task.kind == "adopt":
                entry = self._adopt(job, task, path)
            elif task.kind == "put":
                entry = self._put(job, task, path)
            else:
                entry = self._multipart(job, task, path)
            if entry is None:
                return
            job.journal.file_done(entry)
            with job.lock:
                job.manifest.files[entry.path] = entry
            self.progress.add(job.unit.key, 0, 1)
        except Exception as exc:
            message = f"{task.file.rel}: {explain(exc, self.opt.bucket)}"
            log.warning("%s: %s", job.unit.key, message)
            with job.lock:
                job.errors.append(message)

    def _entry(self, task: _Task, sha256: str, s3_checksum: str) -> ManifestFile:
        f = task.file
        return ManifestFile(
            f.rel, f.size, f.mtime, sha256, task.key, self.opt.storage_class, s3_checksum, uploaded=utc_now()
        )

    def _check_unchanged(self, task: _Task, path: Path, fd: int | None = None) -> None:
        """The file still has the scan's size and mtime (``fd``: the open file itself, no second path lookup)."""
        st = os.stat(path) if fd is None else os.fstat(fd)
        if st.st_size != task.file.size or st.st_mtime != task.file.mtime:
            raise ChangedWhileReading(f"changed while it was being uploaded ({path}); scan again, then upload")

    def _put(self, job: _UnitJob, task: _Task, path: Path) -> ManifestFile:
        with open(path, "rb", buffering=0) as fh:
            data = fh.read()
            self._check_unchanged(task, path, fh.fileno())
        digest = hashlib.sha256(data).digest()
        b64 = base64.b64encode(digest).decode()
        metadata = {MTIME_META: repr(task.file.mtime)}
        response = self.lean.put(task.key, data, digest, b64, self.opt.storage_class, metadata) if self.lean else None
        if response is None:  # botocore: the lean path is off, or did not get a plain 200 (retries, redirects)
            response = self.client.put_object(
                Bucket=self.opt.bucket,
                Key=task.key,
                Body=data,
                StorageClass=self.opt.storage_class,
                ChecksumAlgorithm="SHA256",
                ChecksumSHA256=b64,
                Metadata=metadata,
            )
        self._request_done(job)
        returned = response.get("ChecksumSHA256", "")
        if returned and returned != b64:
            raise ChecksumMismatch(f"S3 stored checksum {returned}, expected {b64}")
        job.result.files_uploaded += 1
        job.result.bytes_uploaded += task.file.size
        self.progress.add(job.unit.key, task.file.size)
        return self._entry(task, digest.hex(), returned or b64)

    def _multipart(self, job: _UnitJob, task: _Task, path: Path) -> ManifestFile | None:
        size = task.file.size
        opt = self.opt
        existing: dict[int, dict[str, Any]] = {}
        upload_id = ""
        part_size = self._part_size(size)
        if task.resume:
            upload_id = task.resume["upload_id"]
            part_size = int(task.resume["part_size"])
            listed = self._list_parts(task.key, upload_id)
            if listed is None:
                upload_id = ""
            else:
                existing = listed
        if not upload_id:
            created = self.client.create_multipart_upload(
                Bucket=opt.bucket,
                Key=task.key,
                StorageClass=opt.storage_class,
                ChecksumAlgorithm="SHA256",
                Metadata={MTIME_META: repr(task.file.mtime)},
            )
            self._request_done(job)
            upload_id = created["UploadId"]
            job.journal.multipart_started(task.file.rel, size, task.file.mtime, task.key, upload_id, part_size)
        whole = hashlib.sha256()
        part_digests: list[bytes] = []
        futures: list[Future[dict[str, Any]]] = []
        count = math.ceil(size / part_size)
        with open(path, "rb") as fh:
            for number in range(1, count + 1):
                if self.cancel.cancelled:
                    break
                # A buffer is taken before the read: at most `concurrency` parts are in memory, however many
                # large files are on their way (the sender gives it back).
                buffer = self._take_buffer(part_size)
                submitted = False
                try:
                    data = _read_into(fh, memoryview(buffer)[:part_size])
                    whole.update(data)
                    digest = hashlib.sha256(data).digest()
                    part_digests.append(digest)
                    b64 = base64.b64encode(digest).decode()
                    have = existing.get(number)
                    if have and _same_part(have, data, b64):
                        job.result.parts_resumed += 1
                        self.progress.add(job.unit.key, len(data))
                        done: Future[dict[str, Any]] = Future()
                        done.set_result({"PartNumber": number, "ETag": have["ETag"], "ChecksumSHA256": b64})
                        futures.append(done)
                        continue
                    futures.append(
                        self.parts_pool.submit(
                            self._send_part, job, task.key, upload_id, number, buffer, len(data), b64
                        )
                    )
                    submitted = True
                finally:
                    if not submitted:
                        self.part_buffers.put(buffer)
        parts = []
        failure: BaseException | None = None
        for fut in futures:
            try:
                parts.append(fut.result())
            except Exception as exc:
                failure = failure or exc
        if failure is not None:
            raise failure
        if self.cancel.cancelled:
            with job.lock:
                job.errors.append("cancelled")
            return None  # the multipart upload stays open: the next run resumes it from the journal
        self._check_unchanged(task, path)
        response = self.client.complete_multipart_upload(
            Bucket=opt.bucket,
            Key=task.key,
            UploadId=upload_id,
            MultipartUpload={"Parts": parts},
        )
        self._request_done(job)
        composite = base64.b64encode(hashlib.sha256(b"".join(part_digests)).digest()).decode() + f"-{count}"
        returned = response.get("ChecksumSHA256", "")
        if returned and returned.split("-")[0] != composite.split("-")[0]:
            raise ChecksumMismatch(f"S3 stored checksum {returned}, expected {composite}")
        job.result.files_uploaded += 1
        job.result.bytes_uploaded += size
        return self._entry(task, whole.hexdigest(), returned or composite)

    def _take_buffer(self, size: int) -> bytearray:
        buffer = self.part_buffers.get()
        if len(buffer) < size:
            buffer = bytearray(size)  # first use, or a file so large that its parts are bigger
        return buffer

    def _send_part(
        self, job: _UnitJob, key: str, upload_id: str, number: int, buffer: bytearray, length: int, b64: str
    ) -> dict[str, Any]:
        try:
            response = self.client.upload_part(
                Bucket=self.opt.bucket,
                Key=key,
                UploadId=upload_id,
                PartNumber=number,
                Body=_BufferBody(memoryview(buffer)[:length]),
                ChecksumAlgorithm="SHA256",
                ChecksumSHA256=b64,
            )
            self._request_done(job)
            self.progress.add(job.unit.key, length)
            return {"PartNumber": number, "ETag": response["ETag"], "ChecksumSHA256": b64}
        finally:
            self.part_buffers.put(buffer)  # botocore is done with it: the call returned or gave up

    def _list_parts(self, key: str, upload_id: str) -> dict[int, dict[str, Any]] | None:
        """Parts S3 already holds for an open upload; None if the upload is gone (aborted or completed)."""
        parts: dict[int, dict[str, Any]] = {}
        try:
            for page in self.client.get_paginator("list_parts").paginate(
                Bucket=self.opt.bucket, Key=key, UploadId=upload_id
            ):
                for p in page.get("Parts", ()):
                    parts[int(p["PartNumber"])] = p
        except self.client.exceptions.NoSuchUpload:
            return None
        except Exception as exc:
            if "NoSuchUpload" in str(exc):
                return None
            raise
        return parts

    def _abort(self, resume: dict[str, Any]) -> None:
        try:
            self.client.abort_multipart_upload(Bucket=self.opt.bucket, Key=resume["key"], UploadId=resume["upload_id"])
        except Exception as exc:  # best effort: an upload we cannot abort is reported, not fatal
            log.info("could not abort an old multipart upload of %s: %s", resume["key"], explain(exc))

    def _adopt(self, job: _UnitJob, task: _Task, path: Path) -> ManifestFile | None:
        """An object is there but our journal does not say so (a kill right after the PUT): check, don't resend."""
        head = head_object(self.client, self.opt.bucket, task.key)
        self._request_done(job)
        meta_mtime = (head or {}).get("Metadata", {}).get(MTIME_META, "")
        if head is None or int(head["ContentLength"]) != task.file.size or meta_mtime != repr(task.file.mtime):
            if not self.opt.allow_overwrite:
                with job.lock:
                    job.result.conflicts.append(task.file.rel)
                return None
            task.kind = "put" if task.file.size <= self.opt.part_size else "multipart"
            return self._put(job, task, path) if task.kind == "put" else self._multipart(job, task, path)
        whole = hashlib.sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(READ_CHUNK):
                whole.update(chunk)
        returned = head.get("ChecksumSHA256", "")
        if returned and "-" not in returned and base64.b64decode(returned) != whole.digest():
            raise ChecksumMismatch(f"the object in S3 does not match the local file ({task.key})")
        job.result.files_skipped += 1
        self.progress.add(job.unit.key, task.file.size)
        entry = self._entry(task, whole.hexdigest(), returned)
        entry.storage_class = head.get("StorageClass", "STANDARD")
        return entry

    def _volume(self, job: _UnitJob, task: _Task) -> None:
        """Pack the task's small files into a tar (each read once), send it like a large file, record members."""
        assert task.volume is not None
        tar_path, members = build_volume(task.volume, job.unit.path, self.opt.data_dir / "tmp")
        try:
            st = tar_path.stat()
            size = st.st_size
            task.file = FileEntry(task.volume.name, size, st.st_mtime, str(tar_path))
            there = job.remote.get(task.key)
            if there is not None and there.size == size:  # sent by an earlier run: the same bytes
                job.result.files_skipped += len(members)
                self.progress.add(job.unit.key, task.volume.data_size)
            else:
                resume = job.open_uploads.get(task.volume.name)
                task.resume = resume if resume and resume["size"] == size else None
                if size > self.opt.part_size:
                    sent = self._multipart(job, task, tar_path)
                else:
                    sent = self._put(job, task, tar_path)
                if sent is None:
                    return
                job.result.files_uploaded += len(members) - 1
                job.result.volumes += 1
        finally:
            tar_path.unlink(missing_ok=True)
        uploaded = utc_now()
        for m in members:
            entry = ManifestFile(
                m.rel,
                m.size,
                m.mtime,
                m.sha256,
                task.key,
                self.opt.storage_class,
                "",
                volume=task.key,
                offset=m.offset,
                uploaded=uploaded,
            )
            job.journal.file_done(entry)
            with job.lock:
                job.manifest.files[m.rel] = entry
        self.progress.add(job.unit.key, 0, len(members))

    def _request_done(self, job: _UnitJob) -> None:
        with job.lock:
            job.result.requests += 1
        if self.slow:
            time.sleep(self.slow)

    # ---- verify and record --------------------------------------------------------------------------
    def _finish(self, job: _UnitJob, on_done: UnitDoneFn | None) -> None:
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
                self._record(job)
                result.ok = not unit.errors
                if unit.errors:
                    result.error = f"{len(unit.errors)} file(s) could not be read: {unit.errors[0]}"
        except Exception as exc:
            log.warning("%s: %s", unit.key, explain(exc, self.opt.bucket))
            result.error = explain(exc, self.opt.bucket)
            result.ok = False
        finally:
            job.journal.close()
        result.finished = time.time()
        self.progress.set_state(unit.key, "done" if result.ok else "failed")
        if on_done is not None:
            on_done(result)

    def _describe_failure(self, job: _UnitJob) -> str:
        if job.result.conflicts:
            first = job.result.conflicts[0]
            fee = job.result.early_deletion_fee
            cost = (
                f"; replacing them now costs about {format_usd(fee)} in early-deletion fees (180-day minimum)"
                if fee > 0
                else ""
            )
            return (
                f"{len(job.result.conflicts)} file(s) differ from the object already in S3 (e.g. {first}); "
                f"nothing was overwritten{cost} - upload with --allow-overwrite to replace them"
            )
        real = [e for e in job.errors if e != "cancelled"]
        if not real:
            return "cancelled; upload again to resume"
        return f"{len(real)} file(s) failed: {real[0]}"

    def _verify(self, job: _UnitJob) -> None:
        layout = self.opt.layout
        listed = list(
            list_objects(self.client, self.opt.bucket, layout.unit_prefix(job.unit.key), recursive=not job.unit.loose)
        )
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
        if wrong_class and not self._listing_blind_to_class(job, listed, wrong_class[0]):
            problems += [
                f"{f.path} is in {remote[f.key].storage_class}, expected {f.storage_class}" for f in wrong_class
            ]
        if problems:
            raise VerifyError(
                f"verification failed: {problems[0]}" + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else "")
            )
        job.result.aws_file_count = len(listed)
        job.result.aws_total_size = sum(o.size for o in listed)

    def _listing_blind_to_class(self, job: _UnitJob, listed: list[RemoteObject], sample: ManifestFile) -> bool:
        """Some S3-compatible servers (``rclone serve s3``) list every object as STANDARD.  When the whole listing
        says STANDARD, ask one object with HEAD: if it has the class we asked for, the listing is blind to
        classes.  On AWS, LIST and HEAD agree, so a real wrong class still fails the unit."""
        if any(o.storage_class != "STANDARD" for o in listed):
            return False
        head = head_object(self.client, self.opt.bucket, sample.key)
        job.result.requests += 1
        if head is None or head.get("StorageClass", "STANDARD") != sample.storage_class:
            return False
        log.info(
            "%s: the server's listing does not show storage classes; HEAD of %s shows %s",
            job.unit.key,
            sample.key,
            sample.storage_class,
        )
        return True

    def _record(self, job: _UnitJob) -> None:
        layout = self.opt.layout
        manifest = job.manifest
        manifest.updated = utc_now()
        data = manifest.to_json()
        self.client.put_object(
            Bucket=self.opt.bucket,
            Key=layout.manifest_key(job.unit.key),
            Body=data,
            StorageClass="STANDARD",
            ContentType="application/json",
            ChecksumAlgorithm="SHA256",
        )
        job.result.requests += 1
        save_local_manifest(
            local_manifest_path(self.opt.data_dir, self.opt.bucket, layout.prefix, layout.root_name, job.unit.key),
            manifest,
            data,
        )
        job.journal.remove()


def _read_into(fh: Any, view: memoryview) -> memoryview:
    """Fill *view* from *fh* (a NAS may return short reads); the part of it that holds data."""
    filled = 0
    while filled < len(view):
        n = fh.readinto(view[filled:])
        if not n:
            break
        filled += n
    return view[:filled]


class _BufferBody(io.RawIOBase):
    """A part's bytes as the seekable stream botocore wants, without copying the buffer (retries seek to 0)."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._pos + size)
        chunk = self._view[self._pos : end].tobytes()
        self._pos = end
        return chunk

    def readinto(self, target: Any) -> int:
        chunk = self.read(len(target))
        target[: len(chunk)] = chunk
        return len(chunk)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._view)}[whence]
        self._pos = max(0, min(len(self._view), base + offset))
        return self._pos

    def tell(self) -> int:
        return self._pos


def _lean_put(client: Any, options: UploadOptions) -> FastPut | None:
    """The lean PutObject for small files (core/s3/leanput.py), unless turned off or not possible here."""
    if options.dry_run or os.environ.get("GLACIER_GUI_LEAN_PUT", "1") == "0":
        return None
    try:
        return FastPut(client, options.bucket)
    except Exception as exc:  # noqa: BLE001 - e.g. no credentials yet: botocore will say so in plain words
        log.info("lean PUT path not used: %s", explain(exc, options.bucket))
        return None


def _same_part(listed: dict[str, Any], data: bytes | memoryview, b64: str) -> bool:
    """Does a part S3 already holds carry these bytes?  Its SHA-256 if listed, else its ETag (the part's MD5)."""
    if int(listed.get("Size", -1)) != len(data):
        return False
    if listed.get("ChecksumSHA256"):
        return bool(listed["ChecksumSHA256"] == b64)
    return bool(listed.get("ETag", "").strip('"') == hashlib.md5(data, usedforsecurity=False).hexdigest())


class ChangedWhileReading(Exception):
    """The file's size or mtime changed between the scan and the end of its upload."""


class ChecksumMismatch(Exception):
    """S3 reports a checksum different from the one computed while reading the file."""


class VerifyError(Exception):
    """After upload, S3's listing does not show every file with its size and storage class."""
