"""Planning one unit's upload: what is in S3 already, and what each local file needs.

One listing of the unit's prefix (1 request per 1,000 keys) and the unit's journal sort every local file into:
already there (skip), there but unrecorded (adopt after a HEAD), one PUT or parts (decided by
``cost/requests.py``'s :func:`plan_object`, the rule the estimates count with), a conflict (a different object
under the same key: never overwritten unless ``allow_overwrite``), or a member of a tar volume (small-file
packing).  A dry run stops here and reports what would be sent.  A unit whose folder is gone is refused here,
before anything (an empty manifest above all) is written.

Once per run, before the first unit, :func:`abort_orphan_uploads` aborts the multipart uploads open under the
album's prefixes that no journal owns (a CreateMultipartUpload whose answer was lost): S3 bills their parts
until someone aborts them, and nothing else would.
"""

from __future__ import annotations

import logging
from datetime import UTC, timedelta
from typing import Any

from glacier_gui.core.album.scan import ROOT_UNIT, FileEntry, Unit
from glacier_gui.core.clock import format_time, utc_now
from glacier_gui.core.cost import PriceBook, early_deletion_fee, load_prices
from glacier_gui.core.cost.requests import plan_object
from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.manifest import Journal, Manifest, load_local_manifest, local_manifest_path
from glacier_gui.core.ledger.volumes import plan_volumes
from glacier_gui.core.paths import display
from glacier_gui.core.progress import TransferProgress
from glacier_gui.core.s3.errors import DENIED, S3_ERRORS, error_code, explain
from glacier_gui.core.s3.objects import RemoteObject, list_requests
from glacier_gui.core.s3.outage import GaveUpWaiting
from glacier_gui.core.s3.transfer import Transfer
from glacier_gui.core.upload.job import Task, UnitJob, UnitResult, UploadOptions

log = logging.getLogger(__name__)

# An open upload younger than this is left alone, though no journal here owns it: another computer may be
# sending the same album right now.  Orphans are from earlier runs; the next run (or the lifecycle rule) gets them.
ORPHAN_MIN_AGE = timedelta(hours=1)


class UnitGone(Exception):
    """The unit's folder is not there any more (it vanished after it was marked Upload)."""


class UnitPlanner:
    """Plans each unit of a run (the price book for early-deletion fees is loaded once, when first needed)."""

    def __init__(self, transfer: Transfer, options: UploadOptions, progress: TransferProgress) -> None:
        self.transfer = transfer
        self.opt = options
        self.progress = progress
        self._prices: PriceBook | None = None

    def plan(self, unit: Unit, result: UnitResult) -> UnitJob:
        """The unit's tasks; files already in S3 are counted as skipped (and as progress) right away."""
        opt = self.opt
        layout = opt.layout
        if not unit.files and not unit.path.is_dir():
            raise UnitGone(
                msg(
                    "the folder {folder} is gone (moved or deleted after it was marked Upload): nothing was uploaded "
                    "and no manifest was written; scan again",
                    folder=display(unit.path),
                )
            )
        journal = Journal.for_unit(opt.data_dir, opt.bucket, layout.prefix, layout.root_name, unit.key)
        manifest_path = local_manifest_path(opt.data_dir, opt.bucket, layout.prefix, layout.root_name, unit.key)
        manifest = load_local_manifest(manifest_path) or Manifest(layout.root_name, unit.key, opt.bucket, layout.prefix)
        done, open_uploads = journal.read()
        manifest.files.update(done)
        remote: dict[str, RemoteObject] = {}
        try:
            listed = self.transfer.objects_under(layout.unit_prefix(unit.key), not unit.loose)
            remote = {o.key: o for o in listed}
            result.requests += list_requests(len(remote))
        except Exception:
            if not opt.dry_run:
                raise
            log.info("%s: bucket not reachable, planning as if it were empty", unit.key)
        tasks: list[Task] = []
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
                # Sent by a run killed before it wrote its journal?  The journal's part size helps to prove it.
                fee = self._early_deletion_fee(there)
                tasks.append(Task(f, key, "adopt", open_uploads.get(f.rel), replace_fee=fee))
                continue
            if there is not None:
                result.early_deletion_fee += self._early_deletion_fee(there)
                if not opt.allow_overwrite:
                    result.conflicts.append(f.rel)
                    continue
                result.overwrites += 1
            kind = "multipart" if plan_object(f.size, opt.part_size).multipart else "put"
            resume = open_uploads.get(f.rel)
            if resume and (resume["size"] != f.size or resume["mtime"] != f.mtime):
                self._abort(resume)
                resume = None
            tasks.append(Task(f, key, kind, resume))
        for volume in plan_volumes(to_pack):
            size = volume.estimated_size()
            entry = FileEntry(volume.name, size, 0.0, "")
            tasks.append(Task(entry, layout.data_key(unit.key, volume.name), "volume", volume=volume))
        if opt.dry_run:
            self._count_dry_run(tasks, result)
        return UnitJob(unit, result, journal, manifest, tasks, remote, open_uploads)

    def _count_dry_run(self, tasks: list[Task], result: UnitResult) -> None:
        """What the tasks would send: the same counts a real run reports (adoptions are only checked)."""
        for t in tasks:
            if t.kind != "adopt":
                members = len(t.volume.members) if t.volume else 1
                result.files_uploaded += members
                result.bytes_uploaded += t.volume.data_size if t.volume else t.file.size
                result.requests += plan_object(t.file.size, self.opt.part_size).requests
                result.volumes += 1 if t.volume else 0
        result.requests += 1  # the manifest

    def _early_deletion_fee(self, obj: RemoteObject) -> float:
        """What replacing *obj* now would cost in early-deletion fees (0 when unknown or old enough)."""
        if obj.last_modified is None:
            return 0.0
        try:
            if self._prices is None:
                self._prices = load_prices()
            age = (utc_now() - obj.last_modified).total_seconds() / 86400
            return early_deletion_fee(self._prices, self.opt.region, obj.storage_class, obj.size, max(0.0, age))
        except (KeyError, ValueError, OSError):
            return 0.0

    def _abort(self, resume: dict[str, Any]) -> None:
        """An open upload of an older version of the file: drop it (best effort: a failure is logged, not fatal)."""
        try:
            self.transfer.abort_multipart(resume["key"], resume["upload_id"])
        except Exception as exc:
            log.info("could not abort an old multipart upload of %s: %s", resume["key"], explain(exc))


def abort_orphan_uploads(transfer: Transfer, options: UploadOptions) -> int:
    """Abort the multipart uploads open under the album's prefixes that no journal in the data folder owns.

    One listing (under the bucket prefix both album prefixes share), one line in the log for each upload
    aborted (key, when it was started); a user whose policy does not allow the listing gets one line too, and
    the run goes on.  Returns how many were aborted.
    """
    layout = options.layout
    ours = (layout.unit_prefix(ROOT_UNIT), layout.reserved_prefix())
    try:
        uploads = transfer.list_open_uploads(layout.prefix)
    except GaveUpWaiting:
        raise
    except S3_ERRORS as exc:
        why = (
            "the IAM policy does not allow s3:ListBucketMultipartUploads"
            if error_code(exc) in DENIED
            else explain(exc, options.bucket)
        )
        log.info("unfinished uploads of the album not checked: %s", why)
        return 0
    owned = Journal.open_upload_ids(options.data_dir)
    cutoff = utc_now() - ORPHAN_MIN_AGE
    aborted = 0
    for upload in uploads:
        initiated = upload.initiated
        if initiated is not None and initiated.tzinfo is None:
            initiated = initiated.replace(tzinfo=UTC)
        if not upload.key.startswith(ours) or upload.upload_id in owned:
            continue
        if initiated is not None and initiated > cutoff:
            continue
        started = format_time(initiated) or "?"
        try:
            transfer.abort_multipart(upload.key, upload.upload_id)
        except GaveUpWaiting:
            raise
        except S3_ERRORS as exc:
            log.info("could not abort the upload of %s (started %s): %s", upload.key, started, explain(exc))
            continue
        aborted += 1
        log.info("aborted an unfinished upload no journal owns: %s (started %s)", upload.key, started)
    return aborted
