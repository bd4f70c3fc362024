"""Verify without restore: is every file of a unit in the bucket, whole, in the right storage class?

For each unit the manifest (what was uploaded) is compared with S3's listing (presence, size, storage
class) and with the checksum S3 stores for each object (``HeadObject`` with checksum mode: no restore and no
GET of archived data, so it costs only LIST and HEAD requests).  A single-part object's ``ChecksumSHA256`` is
the base64 of the file's SHA-256 and is checked against the manifest's hex digest too; a multipart object
carries a composite ``<b64>-<parts>`` that is compared with the one recorded at upload.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from glacier_gui.core.ledger.manifest import Manifest
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
    unchecked: int = 0  # objects with no checksum to compare (tar volumes; objects uploaded by another tool)
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
    unchecked: set[str] = set()
    for f in sorted(files, key=lambda f: f.path):
        key = f.volume or f.key
        remote = states[key]
        problem = _file_problem(f, remote, checksums)
        if problem is not None:
            check.problems.append(Problem(f.path, key, *problem))
        elif checksums and remote.exists and (not remote.checksum or (f.volume and not f.s3_checksum)):
            unchecked.add(key)  # nothing to compare: no checksum in S3, or a tar volume (members are not hashed)
    check.unchecked = len(unchecked)


def _file_problem(f: Any, remote: RemoteState, checksums: bool) -> tuple[str, str] | None:
    if not remote.exists:
        return "missing", "not in the bucket"
    if f.volume:
        if remote.size < f.offset + f.size:
            return "volume", f"the volume has {remote.size} bytes, the file ends at {f.offset + f.size}"
    elif remote.size != f.size:
        return "size", f"{remote.size} bytes in S3, {f.size} in the manifest"
    if f.storage_class and remote.storage_class != f.storage_class:
        return "storage-class", f"in {remote.storage_class}, uploaded as {f.storage_class}"
    if not checksums or not remote.checksum:
        return None
    stored = checksum_base(remote.checksum)
    recorded = checksum_base(f.s3_checksum)
    if recorded and stored != recorded:
        return "checksum", f"S3 holds checksum {remote.checksum}, the manifest recorded {f.s3_checksum}"
    # A single PUT's checksum is the SHA-256 of the bytes S3 received: it must be the file's own.
    single_part = not f.volume and "-" not in f.s3_checksum and "-" not in remote.checksum
    if single_part and f.sha256 and stored != sha256_b64(f.sha256):
        return "checksum", f"S3 holds checksum {remote.checksum}, the file's SHA-256 is {sha256_b64(f.sha256)}"
    return None
