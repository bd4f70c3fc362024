"""Thumbnail packs in the bucket and on this computer: their keys, the local cache, download and upload.

The photos sit in Deep Archive, where looking at one costs a restore and half a day.  Each unit also gets a
thumbnail pack (:mod:`glacier_gui.core.thumbs.pack`) at ``<prefix>.glacier_gui/<root>/thumbs/<unit>.tar`` in
STANDARD (or GLACIER_IR), so the family can browse from the bucket alone, on any computer, for a few cents.

Packs are cached in ``<data dir>/thumbs/<root>/<unit>.tar``, next to a small ``.json`` that records the bucket's
ETag and size: :func:`local_pack` downloads a pack only when it is missing here or differs from the bucket's,
streamed to disk, and never one larger than any pack this app makes (``MAX_PACK_BYTES`` of ``thumbs/pack.py``).
A pack that could not be sent stays in the cache and in ``<data dir>/thumbs/pending.json``; the next upload
sends it (:mod:`glacier_gui.core.thumbs.fill` makes packs; this module stores and fetches them).

The GUI's Browse view uses :func:`thumbs_key`, :func:`local_pack`, :func:`units_with_packs` and
:class:`ThumbsMissing`; keep those names.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glacier_gui.core.album.scan import nfc
from glacier_gui.core.atomic import atomic_write, open_private
from glacier_gui.core.i18n import msg
from glacier_gui.core.paths import safe_join
from glacier_gui.core.s3.client import RESERVED_PREFIX, KeyLayout, layout_for
from glacier_gui.core.s3.errors import S3_ERRORS, RemoteError, explain
from glacier_gui.core.s3.objects import get_chunks, head_object, list_objects
from glacier_gui.core.s3.packs import list_folders, put_pack
from glacier_gui.core.settings import Settings
from glacier_gui.core.thumbs.pack import MAX_PACK_BYTES

log = logging.getLogger(__name__)

PACK_SUFFIX = ".tar"
_META_SUFFIX = ".json"  # beside each cached pack: {"key", "etag", "size"} of the bucket's copy
_PENDING = "pending.json"
_pending_lock = threading.Lock()


class ThumbsMissing(RemoteError):
    """A unit has no thumbnail pack in the bucket (never uploaded, or uploaded before thumbnails existed)."""


# ---- keys -----------------------------------------------------------------------------------------------
def thumbs_prefix(layout: KeyLayout) -> str:
    """Where every pack of the album root lives: ``<prefix>.glacier_gui/<root>/thumbs/``."""
    return f"{layout.prefix}{RESERVED_PREFIX}{nfc(layout.root_name)}/thumbs/"


def thumbs_key(layout: KeyLayout, unit: str) -> str:
    """The key of *unit*'s pack (NFC; the root's own files, unit ``.``, give ``thumbs/..tar`` as manifests do)."""
    return f"{thumbs_prefix(layout)}{nfc(unit)}{PACK_SUFFIX}"


def cache_path(data_dir: Path, root_name: str, unit: str) -> Path:
    """``<data dir>/thumbs/<root>/<unit>.tar``; names from the bucket cannot lead outside ``thumbs/``."""
    return safe_join(data_dir / "thumbs", f"{nfc(root_name)}/{nfc(unit)}{PACK_SUFFIX}")


def _meta_path(pack: Path) -> Path:
    return pack.with_name(pack.name + _META_SUFFIX)


# ---- reading: what the Browse view and ``glacier-gui browse`` call ---------------------------------------
def units_with_packs(client: Any, settings: Settings) -> list[str]:
    """Every unit of the album root that has a pack in the bucket, sorted (one LIST per 1,000 packs)."""
    prefix = thumbs_prefix(layout_for(settings))
    units = []
    try:
        for obj in list_objects(client, settings.require_bucket(), prefix):
            name = obj.key[len(prefix) :]
            if name.endswith(PACK_SUFFIX) and len(name) > len(PACK_SUFFIX):
                units.append(name[: -len(PACK_SUFFIX)])
    except S3_ERRORS as exc:
        raise RemoteError(explain(exc, settings.bucket)) from None
    return sorted(units)


def local_pack(client: Any, settings: Settings, data_dir: Path, unit: str) -> Path:
    """The unit's pack on this computer: the cached copy when it is the bucket's, else downloaded now.

    One HEAD per call; a GET only when the cache is missing or its ETag or size differs from the bucket's.  When
    the bucket cannot be reached, a cached pack is returned as it is (with a log line); so is a pack made on this
    computer that an upload could not send yet (it is newer than the bucket's).  Raises
    :class:`ThumbsMissing` when the unit has no pack (saying whether the unit is in the bucket at all), and
    :class:`RemoteError` for other S3 problems.  Never asks for a restore.
    """
    bucket = settings.require_bucket()
    layout = layout_for(settings)
    key = thumbs_key(layout, unit)
    path = cache_path(data_dir, layout.root_name, unit)
    cached = _cached(path)
    if cached is not None and cached.key == key and not cached.etag and path.is_file():
        return path  # made here and not sent yet (pending): newer than the bucket's, and the next upload's to send
    try:
        head = head_object(client, bucket, key)
    except S3_ERRORS as exc:
        if path.is_file():
            log.warning("thumbnails of %s: the bucket cannot be reached (%s); showing the copy on this computer",
                        unit, explain(exc, bucket))  # fmt: skip
            return path
        raise RemoteError(explain(exc, bucket)) from None
    if head is None:
        raise missing_pack_error(client, bucket, layout, unit)
    etag, size = str(head.get("ETag", "")).strip('"'), int(head.get("ContentLength", -1))
    if cached == CachedPack(key, etag, size) and path.is_file() and path.stat().st_size == size:
        return path
    if size > MAX_PACK_BYTES:
        raise RemoteError(
            msg(
                "the thumbnail pack s3://{bucket}/{key} is {size} bytes, more than any pack this app makes "
                "({most}): it was not downloaded (was it replaced by someone else?)",
                bucket=bucket,
                key=key,
                size=size,
                most=MAX_PACK_BYTES,
            )
        )
    try:
        _download(client, bucket, key, path, size)
    except S3_ERRORS as exc:
        raise RemoteError(explain(exc, bucket)) from None
    atomic_write(_meta_path(path), json.dumps({"key": key, "etag": etag, "size": size}))
    return path


def _download(client: Any, bucket: str, key: str, path: Path, size: int) -> None:
    """Stream *key* into the cache at *path* (a temporary file, then a rename), never more than the *size*
    its HEAD gave: a pack is never held whole in memory, and an object that grew is not kept."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.download.tmp")
    received = 0
    try:
        with open_private(tmp, "wb") as out:
            for chunk in get_chunks(client, bucket, key):
                received += len(chunk)
                if received > size:
                    raise RemoteError(
                        msg(
                            "the thumbnail pack s3://{bucket}/{key} sent more than the {size} bytes it had a moment "
                            "ago: it was not kept",
                            bucket=bucket,
                            key=key,
                            size=size,
                        )
                    )
                out.write(chunk)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def missing_pack_error(client: Any, bucket: str, layout: KeyLayout, unit: str) -> ThumbsMissing:
    """Why *unit* has no pack, in words: not in the bucket at all, or uploaded without thumbnails."""
    try:
        uploaded = head_object(client, bucket, layout.manifest_key(unit)) is not None
    except S3_ERRORS:
        uploaded = True  # say the more useful thing
    if not uploaded:
        return ThumbsMissing(
            msg(
                "unit {unit!r} is not in s3://{bucket} under album root {root!r} (no manifest, no thumbnails): "
                "check the unit's name, the album root and the prefix",
                unit=unit,
                bucket=bucket,
                root=layout.root_name,
            )
        )
    return ThumbsMissing(
        msg(
            "no thumbnails for this unit ({unit}): run `glacier-gui thumbs --unit {unit}` where the album is",
            unit=unit,
        )
    )


def album_roots(client: Any, bucket: str, prefix: str = "") -> list[str]:
    """The album roots that have anything under ``<prefix>.glacier_gui/`` (what a new computer can find)."""
    try:
        return list_folders(client, bucket, f"{prefix}{RESERVED_PREFIX}")
    except S3_ERRORS as exc:
        raise RemoteError(explain(exc, bucket)) from None


# ---- the cache ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CachedPack:
    """What the bucket held when the cached pack was written (``etag`` is empty until it is in the bucket)."""

    key: str
    etag: str
    size: int


def _cached(pack: Path) -> CachedPack | None:
    try:
        doc = json.loads(_meta_path(pack).read_text(encoding="utf-8"))
        return CachedPack(str(doc["key"]), str(doc["etag"]), int(doc["size"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_cached(pack: Path, key: str, data: bytes, etag: str) -> None:
    """Write the pack, then its record (a crash between leaves an old record: the next look downloads again)."""
    atomic_write(pack, data)
    atomic_write(_meta_path(pack), json.dumps({"key": key, "etag": etag, "size": len(data)}))


def cached_pack(data_dir: Path, root_name: str, unit: str) -> Path | None:
    """The cached pack of *unit*, if this computer has one (whatever the bucket holds now)."""
    path = cache_path(data_dir, root_name, unit)
    return path if path.is_file() else None


# ---- sending --------------------------------------------------------------------------------------------
def send_pack(
    client: Any, bucket: str, layout: KeyLayout, data_dir: Path, unit: str, data: bytes, storage_class: str
) -> None:
    """Cache the pack, then PUT it in *storage_class*.  A failure keeps it pending for the next upload and
    raises :class:`RemoteError`; the unit's data is not touched either way."""
    key = thumbs_key(layout, unit)
    path = cache_path(data_dir, layout.root_name, unit)
    store_cached(path, key, data, "")
    try:
        etag = put_pack(client, bucket, key, data, storage_class)
    except S3_ERRORS as exc:
        mark_pending(data_dir, bucket, layout, unit)
        raise RemoteError(explain(exc, bucket)) from None
    atomic_write(_meta_path(path), json.dumps({"key": key, "etag": etag, "size": len(data)}))
    mark_pending(data_dir, bucket, layout, unit, pending=False)
    log.info("%s: thumbnail pack sent (%d bytes, %s)", unit, len(data), storage_class)


# ---- packs that could not be sent -----------------------------------------------------------------------
def _pending_path(data_dir: Path) -> Path:
    return data_dir / "thumbs" / _PENDING


def _read_pending(data_dir: Path) -> list[dict[str, str]]:
    try:
        doc = json.loads(_pending_path(data_dir).read_text(encoding="utf-8"))
        return [dict(e) for e in doc.get("units", []) if isinstance(e, dict)]
    except (OSError, ValueError, AttributeError, TypeError):
        return []


def mark_pending(data_dir: Path, bucket: str, layout: KeyLayout, unit: str, pending: bool = True) -> None:
    """Remember (or forget) that *unit*'s pack still has to be sent to *bucket*."""
    entry = {"bucket": bucket, "prefix": layout.prefix, "root": nfc(layout.root_name), "unit": nfc(unit)}
    with _pending_lock:
        entries = [e for e in _read_pending(data_dir) if e != entry]
        if pending:
            entries.append(entry)
        elif not _pending_path(data_dir).exists():
            return
        try:
            atomic_write(_pending_path(data_dir), json.dumps({"units": entries}, ensure_ascii=False, indent=1))
        except OSError as exc:
            log.warning("cannot record the thumbnail packs still to send: %s", explain(exc))


def pending_units(data_dir: Path, bucket: str, layout: KeyLayout) -> list[str]:
    """Units of this bucket, prefix and root whose pack could not be sent, in the order they failed."""
    with _pending_lock:
        entries = _read_pending(data_dir)
    return [
        e["unit"]
        for e in entries
        if (e.get("bucket"), e.get("prefix"), e.get("root")) == (bucket, layout.prefix, nfc(layout.root_name))
    ]


# ---- verify's view --------------------------------------------------------------------------------------
def missing_packs(client: Any, settings: Settings, units: list[str]) -> dict[str, str]:
    """For verify: a warning per unit without a pack (not a data problem: the photos are safe without one).

    Empty when thumbnails are off or the packs cannot be listed.  One listing of the packs, not a request per
    unit.
    """
    if not settings.thumbnails or not units:
        return {}
    try:
        have = set(units_with_packs(client, settings))
    except RemoteError as exc:  # the data was checked; the packs can wait for the next look
        log.warning("thumbnail packs not checked: %s", exc)
        return {}
    return {
        unit: msg(
            "no thumbnail pack (browsing needs one): run `glacier-gui thumbs --unit {unit}` where the album is",
            unit=unit,
        )
        for unit in units
        if nfc(unit) not in have
    }


__all__ = [
    "CachedPack",
    "ThumbsMissing",
    "album_roots",
    "cache_path",
    "cached_pack",
    "local_pack",
    "mark_pending",
    "missing_packs",
    "pending_units",
    "send_pack",
    "store_cached",
    "thumbs_key",
    "thumbs_prefix",
    "units_with_packs",
]
