"""Read-only looks at the bucket that restore, verify and rebuild share: manifests and object states.

Nothing here restores or downloads archived data.  Object states come from ``ListObjectsV2`` of each folder
(one request per 1,000 keys) with ``OptionalObjectAttributes=['RestoreStatus']``; a key the listing says
nothing about (services that ignore the attribute, such as moto, or an archived object never restored) is
asked with ``HeadObject``, whose ``Restore`` header reads ``ongoing-request="true"`` while S3 works and
``ongoing-request="false", expiry-date="..."`` once the temporary copy can be downloaded.
"""

from __future__ import annotations

import email.utils
import logging
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import botocore.exceptions

from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.manifest import Manifest, load_local_manifest, local_manifest_path
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3.checksums import multipart_parts
from glacier_gui.core.s3.client import KeyLayout
from glacier_gui.core.s3.errors import RemoteError, S3RequestError, error_code
from glacier_gui.core.s3.history import manifest_units, read_history
from glacier_gui.core.s3.objects import head_object

log = logging.getLogger(__name__)

HEAD_THREADS = 4  # within the client's connection pool (concurrency + 4)
ARCHIVED_CLASSES = frozenset({"GLACIER", "DEEP_ARCHIVE"})  # a GET needs a restore first


class ManifestMissing(RemoteError):
    """A unit has no manifest locally nor in the bucket: it was never uploaded by this app (or another root)."""


# ---- manifests ----------------------------------------------------------------------------------------
def load_manifest(
    client: Any, bucket: str, layout: KeyLayout, data_dir: Path, unit: str, as_of: datetime | None = None
) -> tuple[Manifest, str]:
    """The unit's manifest and where it came from (``"local"`` or ``"bucket"``).

    The local copy is preferred (no request: this computer wrote it); else - a new computer, a lost data
    folder - the bucket's newest generation that chains (``core/ledger/generations.py``).  With *as_of*, the
    newest generation of the chain that S3 stored at or before that time, from the bucket, whatever is here.
    """
    if as_of is None:
        local = load_local_manifest(local_manifest_path(data_dir, bucket, layout.prefix, layout.root_name, unit))
        if local is not None:
            return local, "local"
    try:
        history = read_history(client, bucket, layout, unit)
    except botocore.exceptions.ClientError as exc:  # a wrong bucket name, a refusal: in words, with its code
        raise S3RequestError.of(exc, bucket) from None
    if not history.generations:
        raise ManifestMissing(
            f"unit {unit!r} has no manifest (not in {data_dir} nor at s3://{bucket}/{layout.manifest_key(unit)}): "
            "was it uploaded with this album root and prefix?"
        )
    chosen = history.head if as_of is None else history.as_of(as_of)
    if chosen is None or chosen.manifest is None:
        if as_of is not None:
            raise RemoteError(
                msg(
                    "unit {unit!r} has no generation of its manifest from {when} or earlier",
                    unit=unit,
                    when=as_of.strftime("%Y-%m-%d %H:%M"),
                )
            )
        first = history.generations[-1]
        raise RemoteError(
            msg(
                "no manifest generation of unit {unit!r} can be trusted: {key}: {why}",
                unit=unit,
                key=first.key,
                why=first.why or first.error,
            )
        )
    return chosen.manifest, "bucket"


MANIFEST_THREADS = 8  # manifests read at once: a whole album has thousands of units (within the client's pool)


def load_manifests(
    client: Any,
    bucket: str,
    layout: KeyLayout,
    data_dir: Path,
    units: Iterable[str],
    cancel: CancelToken | None = None,
    as_of: datetime | None = None,
) -> dict[str, Manifest]:
    """The manifests of *units* (:func:`load_manifest` each, *as_of* that time when given), :data:`MANIFEST_THREADS`
    at a time."""

    def one(unit: str) -> tuple[str, Manifest]:
        if cancel is not None:
            cancel.raise_if_cancelled()
        return unit, load_manifest(client, bucket, layout, data_dir, unit, as_of)[0]

    with ThreadPoolExecutor(MANIFEST_THREADS, "manifests") as pool:
        return dict(pool.map(one, units))


def list_manifest_units(client: Any, bucket: str, layout: KeyLayout) -> list[str]:
    """Every unit with a manifest in the bucket under this root (from the manifest keys, sorted)."""
    return manifest_units(client, bucket, layout)


# ---- object states ------------------------------------------------------------------------------------
@dataclass
class RemoteState:
    """What S3 says about one object right now."""

    exists: bool
    size: int = 0
    storage_class: str = ""
    restore: str = ""  # "" (no restored copy), "ongoing", "ready"
    expiry: str = ""  # ISO 8601 UTC end of the temporary copy, when ready
    checksum: str = ""  # ChecksumSHA256 as S3 returns it (only when asked for checksums)
    other_checksums: tuple[str, ...] = ()  # the other kinds S3 holds instead (CRC32, CRC64NVME, SHA1...)
    parts: int | None = 1  # parts the object was uploaded in, when HEAD says (None: a composite that does not)

    @property
    def archived(self) -> bool:
        return self.storage_class in ARCHIVED_CLASSES


ProbeProgress = Callable[[int, int], None]  # (requests done, objects to look at)


def probe_objects(
    client: Any,
    bucket: str,
    keys: Iterable[str],
    *,
    checksums: bool = False,
    progress: ProbeProgress | None = None,
    cancel: CancelToken | None = None,
) -> dict[str, RemoteState]:
    """State of every key: listed folder by folder, then HEAD for what the listing left open.

    A key that is missing in the listing maps to ``RemoteState(exists=False)``.  With *checksums*, every
    existing key is also HEADed with checksum mode (the listing carries no checksum values).
    """
    wanted = sorted(set(keys))
    by_folder: dict[str, set[str]] = {}
    for key in wanted:
        by_folder.setdefault(key.rpartition("/")[0] + "/" if "/" in key else "", set()).add(key)
    states: dict[str, RemoteState] = {}
    seen_restore_status: set[str] = set()
    requests = 0
    for folder, keys_here in by_folder.items():
        for item in _list_folder(client, bucket, folder):
            if item["Key"] not in keys_here:
                continue
            state = RemoteState(True, int(item["Size"]), item.get("StorageClass", "STANDARD"))
            status = item.get("RestoreStatus")
            if status:
                seen_restore_status.add(item["Key"])
                state.restore = "ongoing" if status.get("IsRestoreInProgress") else "ready"
                state.expiry = _iso(status.get("RestoreExpiryDate"))
            states[item["Key"]] = state
        requests += 1
        if progress is not None:
            progress(requests, len(wanted))
        if cancel is not None:
            cancel.raise_if_cancelled()
    heads = []
    for key in wanted:
        if key not in states:
            states[key] = RemoteState(False)
        elif checksums or (states[key].archived and key not in seen_restore_status):
            heads.append(key)
    # HEADs are small and independent: a few at a time (the client is thread-safe) keeps 10,000 objects in
    # minutes, not an hour.
    with ThreadPoolExecutor(HEAD_THREADS, "probe") as pool:
        for key, head in zip(
            heads, pool.map(lambda k: _head_unless_cancelled(client, bucket, k, cancel), heads), strict=True
        ):
            requests += 1
            if cancel is not None:
                cancel.raise_if_cancelled()
            if head is None:  # deleted between the listing and now
                states[key] = RemoteState(False)
                continue
            state = states[key]
            state.checksum = head.get("ChecksumSHA256", "")
            state.other_checksums = other_checksum_kinds(head)
            state.parts = multipart_parts(head)
            if key not in seen_restore_status:
                state.restore, state.expiry = parse_restore_header(head.get("Restore", ""))
            if progress is not None:
                progress(requests, len(wanted))
    return states


def other_checksum_kinds(head: dict[str, Any]) -> tuple[str, ...]:
    """The checksum kinds a HEAD answer carries besides SHA-256 (``ChecksumCRC32`` -> ``CRC32``)."""
    return tuple(
        sorted(name[len("Checksum") :] for name, value in head.items() if name.startswith("Checksum") and value
               and name not in ("ChecksumSHA256", "ChecksumType", "ChecksumMode"))
    )  # fmt: skip


def _head_unless_cancelled(client: Any, bucket: str, key: str, cancel: CancelToken | None) -> dict[str, Any] | None:
    if cancel is not None and cancel.cancelled:
        return {}
    return head_object(client, bucket, key)


def _list_folder(client: Any, bucket: str, folder: str) -> Iterable[dict[str, Any]]:
    """Direct children of *folder*, asking for RestoreStatus; services that refuse the attribute get a plain list."""
    paginator = client.get_paginator("list_objects_v2")
    kwargs: dict[str, Any] = {"Bucket": bucket, "Prefix": folder, "Delimiter": "/"}
    yielded = False
    try:
        for page in paginator.paginate(**kwargs, OptionalObjectAttributes=["RestoreStatus"]):
            for item in page.get("Contents", ()):
                yielded = True
                yield item
        return
    except botocore.exceptions.ClientError as exc:
        code = error_code(exc)
        # AccessDenied too: should a policy ever need more than s3:ListBucket for the attribute, HEAD still works.
        if yielded or code not in ("InvalidArgument", "NotImplemented", "InvalidRequest", "AccessDenied"):
            raise
        log.info("the S3 service refuses OptionalObjectAttributes (%s); listing without it", code)
    for page in paginator.paginate(**kwargs):
        yield from page.get("Contents", ())


_ONGOING = re.compile(r'ongoing-request\s*=\s*"(true|false)"', re.IGNORECASE)
_EXPIRY = re.compile(r'expiry-date\s*=\s*"([^"]+)"', re.IGNORECASE)


def parse_restore_header(header: str) -> tuple[str, str]:
    """``Restore`` header -> (``""``/``"ongoing"``/``"ready"``, expiry ISO UTC or ``""``)."""
    match = _ONGOING.search(header or "")
    if not match:
        return "", ""
    if match.group(1).lower() == "true":
        return "ongoing", ""
    expiry = _EXPIRY.search(header)
    if not expiry:
        return "ready", ""
    try:
        return "ready", _iso(email.utils.parsedate_to_datetime(expiry.group(1)))
    except (TypeError, ValueError):
        return "ready", ""


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        text: str = value.astimezone(UTC).isoformat(timespec="seconds")
        return text
    return str(value or "")
