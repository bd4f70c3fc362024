"""Verify without restore: is every file of a unit in the bucket, whole, in the right storage class?

For each unit the manifest (what was uploaded) is compared with S3's listing (presence, size, storage
class) and with the checksum S3 stores for each object (``HeadObject`` with checksum mode: no restore and no
GET of archived data, so it costs only LIST and HEAD requests).  A single-part object's ``ChecksumSHA256`` is
the base64 of the file's SHA-256 and is checked against the manifest's hex digest too; a multipart object
(and a tar volume) carries a composite ``<b64>-<parts>`` that is compared with the one this app computed from
its parts at upload.  Nothing is OK on trust: an object without our SHA-256 (none, or only a CRC32 such as a
default boto3 upload leaves) fails, naming its key - the bucket may have been written by someone else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.manifest import Manifest, ManifestFile
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3.checksums import checksum_base, sha256_b64
from glacier_gui.core.s3.client import KeyLayout
from glacier_gui.core.s3.errors import explain
from glacier_gui.core.s3.outage import OutageGate
from glacier_gui.core.s3.probe import RemoteState, load_manifest, probe_objects

log = logging.getLogger(__name__)

VERIFY_OUTAGE_WAIT = 120.0  # seconds a verify waits for S3 to answer again before it reports a unit unreachable


@dataclass
class Problem:
    path: str
    key: str
    kind: str  # missing, size, checksum, storage-class, volume
    detail: str


@dataclass
class UnitCheck:
    """The verdict for one unit."""

    unit: str
    files: int = 0
    bytes: int = 0
    objects: int = 0
    manifest: str = ""  # where the manifest came from: local / bucket
    problems: list[Problem] = field(default_factory=list)
    error: str = ""  # the unit could not be checked at all

    @property
    def ok(self) -> bool:
        return not self.problems and not self.error

    def as_dict(self) -> dict[str, Any]:
        return asdict(self) | {"ok": self.ok}


VerifyProgress = Callable[[str, int, int], None]  # (unit, units done, units total)


def verify_units(
    client: Any,
    bucket: str,
    layout: KeyLayout,
    data_dir: Path,
    units: Iterable[str],
    checksums: bool = True,
    progress: VerifyProgress | None = None,
    cancel: CancelToken | None = None,
    outage_wait: float = VERIFY_OUTAGE_WAIT,
) -> list[UnitCheck]:
    """Check each unit; one unit's error never stops the others.

    A unit whose check meets a passing server error or a dropped connection is checked again (with backoff, for
    up to *outage_wait* seconds): a blip of the network must not read as a broken backup.
    """
    wanted = list(units)
    results = []
    gate = OutageGate(outage_wait, cancel)
    for n, unit in enumerate(wanted, start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()

        def check_one(unit: str = unit) -> UnitCheck:
            check = UnitCheck(unit)
            manifest, check.manifest = load_manifest(client, bucket, layout, data_dir, unit)
            _check_unit(client, bucket, manifest, check, checksums, cancel)
            return check

        try:
            check = gate.call(check_one)
        except Exception as exc:  # report the unit, go on with the next
            check = UnitCheck(unit)
            check.error = explain(exc, bucket)
            log.warning("verify %s: %s", unit, check.error)
        results.append(check)
        if progress is not None:
            progress(unit, n, len(wanted))
    return results


def _check_unit(
    client: Any, bucket: str, manifest: Manifest, check: UnitCheck, checksums: bool, cancel: CancelToken | None
) -> None:
    files = list(manifest.files.values())
    check.files = len(files)
    check.bytes = sum(f.size for f in files)
    keys = {f.volume or f.key for f in files}
    check.objects = len(keys)
    states = probe_objects(client, bucket, keys, checksums=checksums, cancel=cancel)
    for f in sorted(files, key=lambda f: f.path):
        key = f.volume or f.key
        problem = _file_problem(f, states[key], checksums)
        if problem is not None:
            check.problems.append(Problem(f.path, key, *problem))


def _file_problem(f: ManifestFile, remote: RemoteState, checksums: bool) -> tuple[str, str] | None:
    if not remote.exists:
        return "missing", msg("not in the bucket")
    if f.volume:
        if remote.size < f.offset + f.size:
            return "volume", msg(
                "the volume has {size} bytes, the file ends at {end}", size=remote.size, end=f.offset + f.size
            )
    elif remote.size != f.size:
        return "size", msg("{remote} bytes in S3, {local} in the manifest", remote=remote.size, local=f.size)
    if f.storage_class and remote.storage_class != f.storage_class:
        return "storage-class", msg(
            "in {remote}, uploaded as {local}", remote=remote.storage_class, local=f.storage_class
        )
    return _checksum_problem(f, remote) if checksums else None


def _checksum_problem(f: ManifestFile, remote: RemoteState) -> tuple[str, str] | None:
    """Why S3 does not prove that the object holds the bytes this app sent (None when it does).

    S3 computes an object's SHA-256 itself and refuses an upload whose bytes do not match the checksum sent
    with them, so its ``ChecksumSHA256`` is proof of the bytes it holds.  A single-part object's must be the
    file's own SHA-256 (and the one recorded at upload); a multipart object's composite must be the one this
    app computed from its parts at upload.  Anything else - no checksum, another kind, another value - fails.
    """
    if not remote.checksum:
        if remote.other_checksums:
            return "checksum", msg(
                "S3 holds a {kinds} checksum, not the SHA-256 this app sends: the object was written by something else",
                kinds="/".join(remote.other_checksums),
            )
        return "checksum", msg("S3 holds no SHA-256 checksum: the object was not written by this app, or was replaced")
    stored = checksum_base(remote.checksum)
    single = remote.parts == 1 and "-" not in remote.checksum
    if single and not f.volume and f.sha256 and stored != sha256_b64(f.sha256):
        return "checksum", msg(
            "S3 holds SHA-256 {stored}, the file's SHA-256 is {file}", stored=remote.checksum, file=sha256_b64(f.sha256)
        )
    recorded = f.s3_checksum
    if not recorded:
        if single and not f.volume and f.sha256:
            return None  # proven above by the file's own SHA-256
        return "checksum", msg(
            "the manifest records no S3 checksum for this object (a tar volume packed by an older version, or a "
            "multipart upload): nothing proves its bytes"
        )
    if stored != checksum_base(recorded):
        return "checksum", msg("S3 holds SHA-256 {stored}, this app sent {sent}", stored=remote.checksum, sent=recorded)
    sent_parts = _suffix_parts(recorded)
    if remote.parts is not None and sent_parts is not None and remote.parts != sent_parts:
        return "checksum", msg("S3 holds {parts} part(s), this app sent {sent}", parts=remote.parts, sent=sent_parts)
    return None


def _suffix_parts(checksum: str) -> int | None:
    """The part count of a composite checksum's ``-<parts>`` suffix (None without one)."""
    suffix = checksum.rpartition("-")[2] if "-" in checksum else ""
    return int(suffix) if suffix.isdigit() else None
