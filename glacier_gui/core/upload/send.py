"""Sending one planned object: a single PUT, a resumable multipart upload, an adoption, or a tar volume.

Each file is read from the NAS once: the bytes feed the whole-file SHA-256 (for the manifest) and a
per-request SHA-256 that S3 checks on receipt (``ChecksumSHA256``).  Parts of large files go to a shared pool
of senders; a multipart upload that stops (cancel, crash) stays open and is written in the unit's journal, so
the next run lists its parts and sends only the missing ones.  Every request goes through
``core/s3/transfer.py``; the part size and count come from ``cost/requests.py``, as the estimates do.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from queue import Queue
from typing import Any

from glacier_gui.core.album.scan import FileEntry
from glacier_gui.core.clock import iso_utc, utc_now
from glacier_gui.core.cost.requests import effective_part_size, part_count, plan_object
from glacier_gui.core.inflight import SMALL_FILE
from glacier_gui.core.ledger.manifest import ManifestFile
from glacier_gui.core.ledger.volumes import build_volume
from glacier_gui.core.progress import Cancelled, CancelToken, TransferProgress
from glacier_gui.core.s3.checksums import checksum_base, composite_sha256, multipart_parts
from glacier_gui.core.s3.client import MTIME_META
from glacier_gui.core.s3.errors import already_exists, explain
from glacier_gui.core.s3.outage import GaveUpWaiting
from glacier_gui.core.s3.transfer import Transfer
from glacier_gui.core.upload.adopt import examine
from glacier_gui.core.upload.job import (
    ChangedWhileReading,
    ChecksumMismatch,
    Task,
    UnitJob,
    UploadOptions,
    VerifyError,
)

log = logging.getLogger(__name__)


class Sender:
    """Sends the tasks of every unit of a run; thread-safe (one call per upload worker at a time)."""

    def __init__(
        self,
        transfer: Transfer,
        options: UploadOptions,
        progress: TransferProgress,
        cancel: CancelToken,
        parts_pool: ThreadPoolExecutor,
    ) -> None:
        self.transfer = transfer
        self.opt = options
        self.progress = progress
        self.cancel = cancel
        self.parts_pool = parts_pool
        # One buffer per part in flight, reused: memory stays at concurrency x part size however large the files
        # (fresh 16 MiB allocations per part made glibc keep freed ones around: 340 MiB instead of 230 at 8 x 16).
        self.part_buffers: Queue[bytearray] = Queue()
        for _ in range(options.concurrency):
            self.part_buffers.put(bytearray())
        # Files above SMALL_FILE take one of `concurrency` slots while held in memory (file_workers is twice that).
        self.large_files = threading.BoundedSemaphore(options.concurrency)
        self.slow = float(os.environ.get("GLACIER_GUI_TEST_SLOW_REQUEST", "0") or 0)  # tests: widen kill windows

    def send(self, job: UnitJob, task: Task) -> None:
        """Send *task*, record it in the journal and the manifest; a failure is kept in ``job.errors``."""
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
            else:
                try:
                    entry = self._put(job, task, path) if task.kind == "put" else self._multipart(job, task, path)
                except Exception as exc:
                    if not already_exists(exc):
                        raise
                    # Write-once: S3 kept what is there (a run killed after S3 stored it, another computer).
                    log.info("%s: %s is in S3 already: comparing it with the file", job.unit.key, task.key)
                    entry = self._adopt(job, task, path)
            if entry is None:
                return
            if job.thumbs is not None:  # the file is in S3: its thumbnail, its date taken into the entry
                job.thumbs.file_done(entry, path)
            job.journal.file_done(entry)
            with job.lock:
                job.manifest.files[entry.path] = entry
            self.progress.add(job.unit.key, 0, 1)
        except Cancelled:  # while waiting for the network
            with job.lock:
                job.errors.append("cancelled")
        except Exception as exc:
            message = f"{task.file.rel}: {explain(exc, self.opt.bucket)}"
            # After an outage the gate has said it once; the unit's error carries it, the log need not repeat it.
            log.log(
                logging.INFO if isinstance(exc, GaveUpWaiting) else logging.WARNING, "%s: %s", job.unit.key, message
            )
            with job.lock:
                job.errors.append(message)
        finally:
            if job.thumbs is not None:
                job.thumbs.forget(task.file.rel)  # what a failed or stopped file fed

    def _entry(self, task: Task, sha256: str, s3_checksum: str) -> ManifestFile:
        f = task.file
        return ManifestFile(
            f.rel, f.size, f.mtime, sha256, task.key, self.opt.storage_class, s3_checksum, uploaded=iso_utc(utc_now())
        )

    def _check_unchanged(self, task: Task, path: Path, fd: int | None = None) -> None:
        """The file still has the scan's size and mtime (``fd``: the open file itself, no second path lookup)."""
        st = os.stat(path) if fd is None else os.fstat(fd)
        if st.st_size != task.file.size or st.st_mtime != task.file.mtime:
            raise ChangedWhileReading(f"changed while it was being uploaded ({path}); scan again, then upload")

    def _put(self, job: UnitJob, task: Task, path: Path) -> ManifestFile:
        if task.file.size <= SMALL_FILE:
            return self._put_now(job, task, path)
        with self.large_files:
            return self._put_now(job, task, path)

    def _put_now(self, job: UnitJob, task: Task, path: Path) -> ManifestFile:
        with open(path, "rb", buffering=0) as fh:
            data = fh.read()
            self._check_unchanged(task, path, fh.fileno())
        if job.thumbs is not None:
            job.thumbs.update(task.file.rel, data)
        digest = hashlib.sha256(data).digest()
        b64 = base64.b64encode(digest).decode()
        metadata = {MTIME_META: repr(task.file.mtime)}
        response = self.transfer.put(task.key, data, digest, b64, self.opt.storage_class, metadata)
        self._request_done(job)
        returned = response.get("ChecksumSHA256", "")
        if returned and returned != b64:
            raise ChecksumMismatch(f"S3 stored checksum {returned}, expected {b64}")
        job.result.files_uploaded += 1
        job.result.bytes_uploaded += task.file.size
        self.progress.add(job.unit.key, task.file.size)
        return self._entry(task, digest.hex(), returned or b64)

    def _multipart(self, job: UnitJob, task: Task, path: Path) -> ManifestFile | None:
        size = task.file.size
        existing: dict[int, dict[str, Any]] = {}
        upload_id: Future[str] = Future()  # parts read and hash their bytes before they need it
        part_size = effective_part_size(size, self.opt.part_size)
        if task.resume:
            part_size = int(task.resume["part_size"])  # the parts already sent fix it
            listed = self.transfer.list_parts(task.key, task.resume["upload_id"])
            if listed is not None:
                existing = listed
                upload_id.set_result(task.resume["upload_id"])
        whole = hashlib.sha256()

        def feed(data: memoryview) -> None:  # the file's bytes in order, from whichever thread read them
            whole.update(data)
            if job.thumbs is not None:
                job.thumbs.update(task.file.rel, data)

        in_order = _InOrder(feed)
        futures: list[Future[tuple[dict[str, Any], bytes]]] = []
        count = part_count(size, part_size)
        for number in range(1, count + 1):
            if self.cancel.cancelled:
                break
            # A buffer is taken before the part is handed over: at most `concurrency` parts are in memory, however
            # many large files are on their way (the part's thread gives it back).  The part's thread reads it in
            # the file's order, then hashes and sends it beside the file's other parts.
            buffer = self._take_buffer(part_size)
            part = _Part(number, (number - 1) * part_size, min(part_size, size - (number - 1) * part_size))
            try:
                futures.append(
                    self.parts_pool.submit(self._part, job, task, path, upload_id, part, buffer, in_order, existing)
                )
            except BaseException:
                self.part_buffers.put(buffer)
                in_order.abandon(number)
                raise
            if not upload_id.done() and not self._create(job, task, part_size, upload_id):
                break  # the first part (reading meanwhile) and the file fail with the create's error
        parts = []
        part_digests: list[bytes] = []
        failure: BaseException | None = None
        for fut in futures:
            try:
                sent, digest = fut.result()
                parts.append(sent)
                part_digests.append(digest)
            except Exception as exc:
                if failure is None or isinstance(failure, Cancelled):
                    failure = exc  # the first real error, not a part that stopped because of it
        if failure is not None:
            raise failure
        if self.cancel.cancelled:
            with job.lock:
                job.errors.append("cancelled")
            return None  # the multipart upload stays open: the next run resumes it from the journal
        self._check_unchanged(task, path)
        try:
            response = self.transfer.complete_multipart(task.key, upload_id.result(), parts)
        except Exception as exc:
            if already_exists(exc):  # write-once: its parts are of no use now (the caller compares what is there)
                with contextlib.suppress(Exception):
                    self.transfer.abort_multipart(task.key, upload_id.result())
            raise
        self._request_done(job)
        composite = f"{composite_sha256(part_digests)}-{count}"
        returned = response.get("ChecksumSHA256", "")
        if returned and returned.split("-")[0] != composite.split("-")[0]:
            raise ChecksumMismatch(f"S3 stored checksum {returned}, expected {composite}")
        with job.lock:
            others = job.remaining > 1  # files of the unit still on their way: its listing is not next
        if others:
            self._confirm(job, task)
        job.result.files_uploaded += 1
        job.result.bytes_uploaded += size
        return self._entry(task, whole.hexdigest(), returned or composite)

    def _create(self, job: UnitJob, task: Task, part_size: int, upload_id: Future[str]) -> bool:
        """Open the multipart upload (while the first part reads and hashes) and write it in the journal before
        any part can be sent; False (the error in *upload_id*) when S3 refused or the run stopped."""
        try:
            metadata = {MTIME_META: repr(task.file.mtime)}
            created = self.transfer.create_multipart(task.key, self.opt.storage_class, metadata)
            self._request_done(job)
            job.journal.multipart_started(task.file.rel, task.file.size, task.file.mtime, task.key, created, part_size)
        except BaseException as exc:
            upload_id.set_exception(exc)
            return False
        upload_id.set_result(created)
        return True

    def _confirm(self, job: UnitJob, task: Task) -> None:
        """HEAD a completed multipart object while the rest of its unit still sends, as rclone does after each
        upload: its size and storage class are checked now, and some servers do work on an object's first HEAD
        or listing (``rclone serve s3`` computes its MD5: 0.3 s per 200 MiB) that would otherwise fall at the
        end of the run, in the unit's listing.  The class seen is kept for that listing (see ``upload.py``).
        A HEAD that cannot be made (denied, the network) leaves the checks to that listing."""
        try:
            head = self.transfer.head(task.key)
        except Exception as exc:  # Cancelled and GaveUpWaiting too: the object is complete, the listing decides
            log.info("%s: no HEAD after its upload (the unit's listing checks it): %s", task.key, exc)
            return
        self._request_done(job)
        if head is None:
            raise VerifyError("verification failed: missing in S3 right after its upload completed")
        if head.get("ContentLength") != task.file.size:
            raise VerifyError(f"verification failed: {head.get('ContentLength')} bytes in S3, {task.file.size} locally")
        stored = head.get("StorageClass", "STANDARD")
        if stored != self.opt.storage_class:
            raise VerifyError(f"verification failed: in {stored} in S3, expected {self.opt.storage_class}")
        with job.lock:
            job.classes_seen[task.key] = stored

    def _take_buffer(self, size: int) -> bytearray:
        buffer = self.part_buffers.get()
        if len(buffer) < size:
            buffer = bytearray(size)  # first use, or a file so large that its parts are bigger
        return buffer

    def _part(
        self,
        job: UnitJob,
        task: Task,
        path: Path,
        upload_id: Future[str],
        part: _Part,
        buffer: bytearray,
        in_order: _InOrder,
        existing: dict[int, dict[str, Any]],
    ) -> tuple[dict[str, Any], bytes]:
        """Read part *part* of *path* into *buffer* in its turn, hash it, send it (unless S3 holds it already)."""
        try:
            data = in_order.read(part.number, lambda: _read_part(path, part, buffer))
            digest = _part_digest(data)
            b64 = base64.b64encode(digest).decode()
            have = existing.get(part.number)
            if have and _same_part(have, data, b64):
                with job.lock:
                    job.result.parts_resumed += 1
                self.progress.add(job.unit.key, len(data))
                return {"PartNumber": part.number, "ETag": have["ETag"], "ChecksumSHA256": b64}, digest
            etag = self.transfer.upload_part(task.key, upload_id.result(), part.number, data, b64)
            self._request_done(job)
            self.progress.add(job.unit.key, len(data))
            return {"PartNumber": part.number, "ETag": etag, "ChecksumSHA256": b64}, digest
        finally:
            self.part_buffers.put(buffer)  # botocore is done with it: the call returned or gave up

    def _adopt(self, job: UnitJob, task: Task, path: Path) -> ManifestFile | None:
        """An object is there but no record of ours says so (a kill right after S3 stored it): adopt it when S3's
        facts prove it is this file (``upload/adopt.py``); else the file goes beside it, in ``.versions/``."""
        found = examine(self.transfer, task, path, self.opt.part_size)
        with job.lock:
            job.result.requests += found.requests
        if found.same:
            job.result.files_skipped += 1
            self.progress.add(job.unit.key, task.file.size)
            entry = self._entry(task, found.sha256, found.s3_checksum)
            entry.storage_class = found.storage_class
            return entry
        if found.exists:
            key = self.opt.layout.version_key(job.unit.key, task.file.rel, utc_now().strftime("%Y%m%dT%H%M%SZ"))
            log.info("%s: %s is not this file (%s): keeping both, the file goes to %s", job.unit.key, task.key,
                     found.why, key)  # fmt: skip
            with job.lock:
                job.result.versions += 1
            task.key, task.resume = key, None
        task.kind = "multipart" if plan_object(task.file.size, self.opt.part_size).multipart else "put"
        return self._put(job, task, path) if task.kind == "put" else self._multipart(job, task, path)

    def _volume(self, job: UnitJob, task: Task) -> None:
        """Pack the task's small files into a tar (each read once), send it like a large file, record members."""
        assert task.volume is not None
        tar_path, members = build_volume(task.volume, job.unit.path, self.opt.data_dir / "tmp")
        try:
            st = tar_path.stat()
            size = st.st_size
            task.file = FileEntry(task.volume.name, size, st.st_mtime, str(tar_path))
            there = job.remote.get(task.key)
            if there is not None and there.size == size:  # sent by an earlier run: S3's checksum must say so
                checksum = self._volume_in_s3(job, task, tar_path)
                job.result.files_skipped += len(members)
                self.progress.add(job.unit.key, task.volume.data_size)
            else:
                resume = job.open_uploads.get(task.volume.name)
                task.resume = resume if resume and resume["size"] == size else None
                if task.resume:
                    task.key = str(task.resume.get("key") or task.key)
                elif there is not None:  # the same members made another tar (another version): keep both
                    stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
                    task.key = self.opt.layout.version_key(job.unit.key, task.volume.name, stamp)
                if plan_object(size, self.opt.part_size).multipart:
                    sent = self._multipart(job, task, tar_path)
                else:
                    sent = self._put(job, task, tar_path)
                if sent is None:
                    return
                checksum = sent.s3_checksum
                job.result.files_uploaded += len(members) - 1
                job.result.volumes += 1
            if job.thumbs is not None:  # from the local tar: the NAS is not read again
                job.thumbs.from_volume(tar_path, members)
        finally:
            tar_path.unlink(missing_ok=True)
        uploaded = iso_utc(utc_now())
        for m in members:
            entry = ManifestFile(
                m.rel,
                m.size,
                m.mtime,
                m.sha256,
                task.key,
                self.opt.storage_class,
                checksum,  # the volume's: verify proves every member by it
                volume=task.key,
                offset=m.offset,
                uploaded=uploaded,
            )
            if job.thumbs is not None:
                job.thumbs.annotate(entry)
            job.journal.file_done(entry)
            with job.lock:
                job.manifest.files[m.rel] = entry
        self.progress.add(job.unit.key, 0, len(members))

    def _volume_in_s3(self, job: UnitJob, task: Task, tar_path: Path) -> str:
        """S3's checksum of a volume an earlier run sent, once it is proven to be this tar's (volumes are
        deterministic); :class:`VerifyError` when S3 holds other bytes, or nothing that proves them."""
        head = self.transfer.head(task.key)
        self._request_done(job)
        stored = str((head or {}).get("ChecksumSHA256", ""))
        parts = multipart_parts(head or {})
        if parts is None:  # a composite that does not say its part count (moto; some servers)
            parts = int((self.transfer.head(task.key, part_number=1) or {}).get("PartsCount", 1) or 1)
        size = task.file.size
        part_size = size if parts <= 1 else effective_part_size(size, self.opt.part_size)
        resume = job.open_uploads.get(task.file.rel)
        if parts > 1 and resume and resume.get("size") == size:
            part_size = int(resume["part_size"])
        digests = []
        with open(tar_path, "rb") as fh:
            while chunk := fh.read(part_size or 1):
                digests.append(hashlib.sha256(chunk).digest())
        ours = base64.b64encode(digests[0]).decode() if parts <= 1 and digests else composite_sha256(digests)
        if not stored or checksum_base(stored) != ours:
            raise VerifyError(
                f"verification failed: the tar volume {task.key} in S3 has this size but S3 does not confirm its "
                f"SHA-256 ({stored or 'none'}, expected {ours}): it was not written by this app"
            )
        return stored if parts <= 1 or "-" in stored else f"{stored}-{parts}"

    def _request_done(self, job: UnitJob) -> None:
        with job.lock:
            job.result.requests += 1
        if self.slow:
            time.sleep(self.slow)


@dataclass(frozen=True)
class _Part:
    number: int  # 1-based, as S3 counts
    offset: int
    length: int


class _InOrder:
    """Lets the part threads of one file read it in file order, and feeds each part to the whole-file hash.

    One file is read as one sequential stream (a NAS or a disk reads ahead for it; eight reads at eight offsets
    at once made the first part leave 0.26 s later and would make a disk seek), at 0.7 GB/s here; each part's
    own SHA-256 and its upload then run in parallel with the other parts.  Parts are submitted in order to a
    FIFO pool, so part N-1 is always running or done when part N waits for its turn; a part that fails in its
    turn releases the ones waiting behind it.
    """

    def __init__(self, feed: Callable[[memoryview], None]) -> None:
        self._feed = feed
        self._next = 1
        self._failed = 0  # the first part that could not be read (0: none); the parts after it stop
        self._turn = threading.Condition()

    def read(self, number: int, read: Callable[[], memoryview]) -> memoryview:
        """Wait for part *number*'s turn, then *read* it and feed it to the whole-file hash."""
        with self._turn:
            while self._next != number and not self._behind_failure(number):
                self._turn.wait()
            if self._behind_failure(number):
                raise Cancelled()  # an earlier part failed: its error is the one reported
            try:
                data = read()
                self._feed(data)
            except BaseException:
                self._failed = number
                self._turn.notify_all()
                raise
            self._next += 1
            self._turn.notify_all()
            return data

    def abandon(self, number: int) -> None:
        """Part *number* will never be read: the parts after it stop waiting."""
        with self._turn:
            self._failed = min(self._failed or number, number)
            self._turn.notify_all()

    def _behind_failure(self, number: int) -> bool:
        return 0 < self._failed < number


def _read_part(path: Path, part: _Part, buffer: bytearray) -> memoryview:
    with open(path, "rb", buffering=0) as fh:  # a handle per part: no shared seek position
        fh.seek(part.offset)
        return _read_into(fh, memoryview(buffer)[: part.length])


def _part_digest(data: memoryview) -> bytes:
    """A part's SHA-256, in its own thread (hashlib lets go of the GIL): parts are hashed in parallel."""
    return hashlib.sha256(data).digest()


def _read_into(fh: Any, view: memoryview) -> memoryview:
    """Fill *view* from *fh* (a NAS may return short reads); the part of it that holds data."""
    filled = 0
    while filled < len(view):
        n = fh.readinto(view[filled:])
        if not n:
            break
        filled += n
    return view[:filled]


def _same_part(listed: dict[str, Any], data: bytes | memoryview, b64: str) -> bool:
    """Does a part S3 already holds carry these bytes?  Its SHA-256 if listed, else its ETag (the part's MD5)."""
    if int(listed.get("Size", -1)) != len(data):
        return False
    if listed.get("ChecksumSHA256"):
        return bool(listed["ChecksumSHA256"] == b64)
    return bool(listed.get("ETag", "").strip('"') == hashlib.md5(data, usedforsecurity=False).hexdigest())
