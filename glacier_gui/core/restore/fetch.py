"""Download what a restore job has ready: files back under the destination, verified, with their mtimes.

Rules, in the user's interest:

* every file is checked against the manifest's SHA-256 while it is written; a mismatch is never kept under
  the real name (it is left as ``<name>.corrupt`` for inspection) and is reported as failed;
* an existing local file is never replaced unless ``overwrite`` is set: an identical one counts as restored,
  a different one is skipped and reported;
* a path that would land outside the destination (``..``, absolute, a drive letter, a backslash) is refused;
* a destination that cannot receive files (it became a file, it is read-only) stops that job with one
  :class:`DestinationError` naming it, before any download is paid for; other jobs go on.

Packed files (members of a tar volume) are fetched with one ranged GET each while few of the volume's
members are wanted, and by downloading the whole volume once and reading the members with :mod:`tarfile`
when at least half of its member bytes are wanted: ranged GETs save egress (billed per byte) on a partial restore,
one GET saves requests and round trips on a full one.  Members are matched by their data offset, which is
what the manifest records, so the member names inside the tar do not matter.

Files come down ``concurrency`` at a time (setting ``fetch_concurrency``); a file of at least
:data:`RANGED_ABOVE` bytes (a video) is fetched in :data:`RANGE_SIZE` ranges, ``concurrency`` of them in flight,
and written and hashed in order as they arrive, so the file is read once and a few ranges at most are held in
memory.  Every byte read passes the process's limiter (:mod:`glacier_gui.core.homelink.link`): the
bandwidth limit and pause hold for downloads as for uploads.  Each file's outcome is one line of the job's
journal; the job file is written whole once, at the end of the round.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import tarfile
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from glacier_gui.core.homelink.link import home_link
from glacier_gui.core.i18n import msg
from glacier_gui.core.inflight import FETCH_CONCURRENCY
from glacier_gui.core.ledger.volumes import MAX_VOLUME_SIZE
from glacier_gui.core.paths import PathRefused, describe_os_error, display, extended, make_writable_folder, safe_join
from glacier_gui.core.progress import Cancelled, CancelToken, TransferProgress
from glacier_gui.core.restore.job import FileState, JobFile, JobObject, ObjState, RestoreJob, job_summary
from glacier_gui.core.restore.plan import refresh_job
from glacier_gui.core.s3.errors import S3RequestError, explain
from glacier_gui.core.s3.objects import get_chunks

log = logging.getLogger(__name__)

CHUNK = 1 << 20
RANGE_SIZE = 8 << 20  # bytes per ranged GET of a large file
RANGED_ABOVE = 4 * RANGE_SIZE  # files at least this large come down in parallel ranges
WHOLE_VOLUME_FRACTION = 0.5  # download the whole tar when at least this share of its bytes is wanted
PART_SUFFIX = ".glacier_gui-part"
CORRUPT_SUFFIX = ".corrupt"


# ---- the fetch round ----------------------------------------------------------------------------------
class DestinationError(OSError):
    """The restore destination cannot receive files: it is a file now, or it cannot be created or written."""


@dataclass
class FetchReport:
    downloaded: int = 0
    bytes: int = 0
    already_there: int = 0  # identical files found in place
    skipped: list[str] = field(default_factory=list)  # "path: why" (a different file is in the way)
    failed: list[str] = field(default_factory=list)  # "path: why"
    waiting: int = 0  # files whose objects are not ready yet
    blocked: str = ""  # why nothing can be written for this job (its destination), "" when it can

    def merge(self, other: FetchReport) -> None:
        self.blocked = other.blocked or self.blocked
        self.downloaded += other.downloaded
        self.bytes += other.bytes
        self.already_there += other.already_there
        self.skipped += other.skipped
        self.failed += other.failed
        self.waiting = other.waiting


def fetch_ready(
    client: Any,
    job: RestoreJob,
    overwrite: bool = False,
    progress: TransferProgress | None = None,
    cancel: CancelToken | None = None,
    concurrency: int = FETCH_CONCURRENCY,
) -> FetchReport:
    """Download and verify every pending file whose object is ready now, *concurrency* at a time; each outcome
    is journalled as it comes, the job file written whole at the end."""
    progress = progress or TransferProgress()
    cancel = cancel or CancelToken()
    report = FetchReport()
    dest = extended(Path(job.dest))
    with job.lock:
        pending = [f for f in job.files if f.state == FileState.PENDING]
        ready = {o.key: o for o in job.objects if o.state == ObjState.READY}
        work: dict[str, list[JobFile]] = {}
        for f in pending:
            if f.key in ready:
                work.setdefault(f.key, []).append(f)
            else:
                report.waiting += 1
    for unit in sorted({f.unit for files in work.values() for f in files}):
        mine = [f for files in work.values() for f in files if f.unit == unit]
        progress.plan_unit(unit, len(mine), sum(f.size for f in mine))
    if work:
        check_destination(dest)
    saver = _Saver(job)
    concurrency = max(1, concurrency)
    # The computer stays awake while files come down (``keep_awake``), and may sleep again however this ends.
    awake = home_link().awake("Downloading restored photos") if work else contextlib.nullcontext()
    with (
        awake,
        ThreadPoolExecutor(concurrency, "fetch") as pool,
        ThreadPoolExecutor(concurrency, "fetch-range") as ranges,
    ):
        fetcher = _Fetcher(client, job, dest, overwrite, progress, cancel, report, ranges, concurrency)
        for _ in pool.map(lambda item: fetcher.object(ready[item[0]], item[1]), work.items()):
            saver.maybe_save()
    for unit in {f.unit for files in work.values() for f in files}:
        progress.set_state(unit, "done")
    _settle_objects(job)
    saver.save()
    cancel.raise_if_cancelled()
    return report


def check_destination(dest: Path) -> None:
    """Create *dest* if needed and make sure a file can be written in it; else :class:`DestinationError`."""
    if dest.exists() and not dest.is_dir():
        raise DestinationError(
            msg(
                "the restore destination {path} is a file, not a folder: move the file away, or restore again "
                "into another folder",
                path=display(dest),
            )
        )
    try:
        make_writable_folder(dest)
    except OSError as exc:
        raise DestinationError(
            msg(
                "the restore destination {path} cannot be written: {why}",
                path=display(dest),
                why=describe_os_error(exc),
            )
        ) from None


def fetch_until_done(
    client: Any,
    jobs: Sequence[RestoreJob],
    overwrite: bool = False,
    poll_seconds: float = 900.0,
    progress: TransferProgress | None = None,
    cancel: CancelToken | None = None,
    on_round: Callable[[list[RestoreJob], dict[str, FetchReport]], None] | None = None,
    wait: bool = True,
    concurrency: int = FETCH_CONCURRENCY,
) -> dict[str, FetchReport]:
    """Refresh every job and fetch what is ready; with *wait*, sleep *poll_seconds* and again until none can move.

    Each round serves every job, so one slow restore does not hold back the others. *on_round* gets the jobs
    still open and the totals so far (job id -> report) after each round. Each poll costs one LIST per folder
    (and a HEAD per object on services without RestoreStatus).
    """
    cancel = cancel or CancelToken()
    totals = {job.id: FetchReport() for job in jobs}
    while True:
        for job in jobs:
            if totals[job.id].blocked:
                continue
            refresh_job(client, job, cancel=cancel)
            try:
                totals[job.id].merge(fetch_ready(client, job, overwrite, progress, cancel, concurrency))
            except DestinationError as exc:  # this job's folder: the others still come down
                log.warning("restore job %s: %s", job.id, exc)
                totals[job.id].blocked = str(exc)
        open_jobs = [j for j in jobs if not job_summary(j).done and not totals[j.id].blocked]
        if on_round is not None:
            on_round(open_jobs, totals)
        if not wait or not open_jobs:
            return totals
        if cancel.wait(max(0.0, poll_seconds)):
            raise Cancelled()


class _Saver:
    """The files' outcomes reach the journal's disk every second or so; the job is written whole at the end."""

    def __init__(self, job: RestoreJob) -> None:
        self.job = job

    def maybe_save(self) -> None:
        self.job.maybe_sync()

    def save(self) -> None:
        if self.job.path is not None:
            self.job.save()


def _settle_objects(job: RestoreJob) -> None:
    with job.lock:
        for obj in job.objects:
            if obj.state == ObjState.READY and all(f.state != FileState.PENDING for f in job.files_of(obj.key)):
                obj.state = ObjState.DOWNLOADED
                job.note_object(obj)


class _Fetcher:
    def __init__(
        self,
        client: Any,
        job: RestoreJob,
        dest: Path,
        overwrite: bool,
        progress: TransferProgress,
        cancel: CancelToken,
        report: FetchReport,
        ranges: ThreadPoolExecutor | None = None,
        in_flight: int = FETCH_CONCURRENCY,
    ) -> None:
        self.client, self.job, self.dest, self.overwrite = client, job, dest, overwrite
        self.progress, self.cancel, self.report = progress, cancel, report
        self.ranges, self.in_flight = ranges, max(1, in_flight)
        self.limiter = home_link().limiter

    def object(self, obj: JobObject, files: list[JobFile]) -> None:
        if self.cancel.cancelled:
            return
        todo = [f for f in files if self._prepare(f)]
        if not todo:
            return
        try:
            wanted = sum(f.size for f in todo)
            whole = todo[0].volume and 0 < obj.size <= MAX_VOLUME_SIZE  # never a tar larger than any of ours
            if whole and wanted >= (obj.member_bytes or obj.size) * WHOLE_VOLUME_FRACTION:
                self._from_whole_volume(obj, todo)
            else:
                for f in todo:
                    if self.cancel.cancelled:
                        return
                    self._one(obj, f)
        except S3RequestError as exc:
            self._object_error(obj, exc)

    # Before paying for a download: is the path allowed, and is something already there?
    def _prepare(self, f: JobFile) -> bool:
        try:
            target = safe_join(self.dest, f.relpath)
        except PathRefused as exc:
            self._done(f, FileState.FAILED, str(exc))
            return False
        if target.is_dir():
            self._done(f, FileState.FAILED, f"a folder is in the way at {target}")
            return False
        if target.exists():
            if _sha256_of(target) == f.sha256:
                os.utime(target, (f.mtime, f.mtime))
                with self.job.lock:
                    self.report.already_there += 1
                self._done(f, FileState.DOWNLOADED, "")
                return False
            if not self.overwrite:
                self._done(f, FileState.SKIPPED, f"a different file is already at {target} (use --overwrite)")
                return False
        return True

    def _one(self, obj: JobObject, f: JobFile) -> None:
        if not f.volume and f.size >= RANGED_ABOVE and self.ranges is not None:
            self._write(f, self._ranged(obj.key, f.size))
        elif not f.volume:
            self._write(f, self._limited(get_chunks(self.client, self.job.bucket, obj.key)))
        elif f.size == 0:
            self._write(f, iter(()))
        else:
            chunks = get_chunks(self.client, self.job.bucket, obj.key, f.offset, f.offset + f.size - 1)
            self._write(f, self._limited(chunks))

    def _limited(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        """*chunks* as the process's limiter lets them through (bandwidth limit, pause)."""
        for chunk in chunks:
            self.limiter.consume(len(chunk), self.cancel)
            yield chunk

    def _ranged(self, key: str, size: int) -> Iterator[bytes]:
        """The object's bytes in order, fetched in :data:`RANGE_SIZE` ranges, :attr:`in_flight` at a time."""
        assert self.ranges is not None
        starts = iter(range(0, size, RANGE_SIZE))
        window: deque[Future[bytes]] = deque()

        def fetch(start: int) -> bytes:
            end = min(start + RANGE_SIZE, size) - 1
            return b"".join(self._limited(get_chunks(self.client, self.job.bucket, key, start, end)))

        try:
            for start in starts:
                window.append(self.ranges.submit(fetch, start))
                if len(window) >= self.in_flight:
                    break
            while window:
                data = window.popleft().result()
                if (following := next(starts, None)) is not None:
                    window.append(self.ranges.submit(fetch, following))
                yield data
        finally:
            for future in window:
                future.cancel()

    def _from_whole_volume(self, obj: JobObject, files: list[JobFile]) -> None:
        tmp_dir = self.dest / ".glacier_gui-tmp"
        tmp_dir.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=tmp_dir, suffix=".tar", delete=False) as fh:
            tar_path = Path(fh.name)
            received = 0
            for chunk in self._limited(get_chunks(self.client, self.job.bucket, obj.key)):
                received += len(chunk)
                if received > obj.size:  # it grew since the plan looked: not the volume that was planned
                    break
                fh.write(chunk)
        if received > obj.size:
            tar_path.unlink(missing_ok=True)
            for f in files:
                self._done(f, FileState.FAILED, msg(
                    "the tar volume {key} sent more than the {size} bytes it had when the restore was planned; "
                    "nothing was kept from it", key=obj.key, size=obj.size))  # fmt: skip
            return
        try:
            with tarfile.open(tar_path, "r:") as tar:
                members = {m.offset_data: m for m in tar.getmembers() if m.isfile()}
                for f in files:
                    member = members.get(f.offset)
                    if member is None or member.size != f.size:
                        self._done(
                            f,
                            FileState.FAILED,
                            f"no member of {f.size} bytes at offset {f.offset} in the volume {obj.key}",
                        )
                        continue
                    stream = tar.extractfile(member)
                    assert stream is not None  # a regular file always has a stream
                    self._write(f, _chunks(stream))
        except tarfile.TarError as exc:
            for f in files:
                if f.state == FileState.PENDING:
                    self._done(f, FileState.FAILED, f"the volume {obj.key} is not a readable tar: {exc}")
        finally:
            tar_path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # another worker may still use it
                tmp_dir.rmdir()

    def _write(self, f: JobFile, chunks: Iterable[bytes]) -> None:
        """Stream into a temp file next to the target, hashing; rename into place only when it matches."""
        target = safe_join(self.dest, f.relpath)
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + PART_SUFFIX)
        digest = hashlib.sha256()
        written = 0
        try:
            with open(part, "wb") as out:
                for chunk in chunks:
                    self.cancel.raise_if_cancelled()
                    if written + len(chunk) > f.size:  # more than the file has: never written out whole
                        written += len(chunk)
                        break
                    out.write(chunk)
                    digest.update(chunk)
                    written += len(chunk)
                    self.progress.add(f.unit, len(chunk))
        except Cancelled:
            part.unlink(missing_ok=True)
            return
        except OSError as exc:
            part.unlink(missing_ok=True)
            self._done(f, FileState.FAILED, explain(exc))
            return
        except BaseException:  # a refused range, an interrupt: no half file stays behind
            part.unlink(missing_ok=True)
            raise
        if digest.hexdigest() != f.sha256 or written != f.size:
            corrupt = target.with_name(target.name + CORRUPT_SUFFIX)
            os.replace(part, corrupt)
            self._done(
                f,
                FileState.FAILED,
                f"SHA-256 mismatch ({written} bytes, {digest.hexdigest()[:12]}… instead "
                f"of {f.sha256[:12]}…); kept as {corrupt.name} for inspection",
            )
            return
        os.replace(part, target)
        os.utime(target, (f.mtime, f.mtime))
        with self.job.lock:
            self.report.downloaded += 1
            self.report.bytes += written
        self._done(f, FileState.DOWNLOADED, "")

    def _object_error(self, obj: JobObject, exc: S3RequestError) -> None:
        with self.job.lock:
            if exc.code == "InvalidObjectState":  # the restored copy is gone (expired) or not there yet
                obj.state, obj.error = ObjState.EXPIRED, "S3 refused the download: the restored copy is not available"
                self.job.note_object(obj)
                self.report.waiting += len([f for f in self.job.files_of(obj.key) if f.state == FileState.PENDING])
                return
        for f in self.job.files_of(obj.key):
            if f.state == FileState.PENDING:
                self._done(f, FileState.FAILED, str(exc))

    def _done(self, f: JobFile, state: str, error: str) -> None:
        with self.job.lock:
            f.state, f.error = state, error
            self.job.note_file(f)
            if state == FileState.FAILED:
                self.report.failed.append(f"{f.relpath}: {error}")
                log.warning("restore %s: %s: %s", self.job.id, f.relpath, error)
            elif state == FileState.SKIPPED:
                self.report.skipped.append(f"{f.relpath}: {error}")
        self.progress.add(f.unit, 0, 1)


def _chunks(stream: IO[bytes]) -> Iterable[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
