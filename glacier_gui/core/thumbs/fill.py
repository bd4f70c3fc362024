"""Making a unit's thumbnail pack: during its upload from the bytes already read, and afterwards from the album.

During an upload, :class:`UnitThumbs` takes each photo's bytes as the engine reads them (the NAS is read once)
and makes its thumbnail when the file is safely in S3.  Once the unit's data has verified, :func:`finish_unit`
completes the pack - thumbnails of files sent by earlier runs come from the cached pack when it has them, else
from the album (read again, only those files) - and sends it (:mod:`glacier_gui.core.thumbs.store`).  The photos
count first: a thumbnail or a pack that fails is a warning and a placeholder, never a failed unit.

:func:`backfill` makes packs for units uploaded before thumbnails existed (``glacier-gui thumbs``), and
:func:`retry_pending` sends the packs an earlier upload could not.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glacier_gui.core.album.scan import SkipRules, scan_units
from glacier_gui.core.i18n import msg
from glacier_gui.core.ledger.manifest import ManifestFile
from glacier_gui.core.ledger.volumes import PackedMember
from glacier_gui.core.progress import Cancelled, CancelToken
from glacier_gui.core.s3.client import KeyLayout, layout_for
from glacier_gui.core.s3.errors import explain
from glacier_gui.core.s3.objects import head_object
from glacier_gui.core.s3.probe import list_manifest_units, load_manifest
from glacier_gui.core.settings import Settings
from glacier_gui.core.thumbs.pack import PackBuilder, PackError, read_index, read_thumbnail
from glacier_gui.core.thumbs.render import (
    MAX_BUFFER_BYTES,
    Thumb,
    ThumbFeed,
    ThumbKind,
    kind_for,
    make_thumbnail,
    placeholder,
)
from glacier_gui.core.thumbs.store import (
    cached_pack,
    mark_pending,
    pending_units,
    send_pack,
    thumbs_key,
    units_with_packs,
)

log = logging.getLogger(__name__)

_KINDS = frozenset(k.value for k in ThumbKind)
PhotoProgress = Callable[[str, int, int], None]  # (unit, thumbnails made, thumbnails to make)


@dataclass
class FillStats:
    """Where a pack's thumbnails came from."""

    made: int = 0  # from the bytes the upload read
    cached: int = 0  # from the pack already on this computer
    album: int = 0  # read from the album again
    placeholders: int = 0  # files no longer in the album

    @property
    def total(self) -> int:
        return self.made + self.cached + self.album + self.placeholders


class UnitThumbs:
    """One unit's thumbnails as its files go by; thread-safe (every upload worker feeds it).

    The JPEGs wait in a :class:`PackBuilder` spool (memory, then a temporary file), so a unit of 10,000
    photos does not hold 150 MB of thumbnails in memory.
    """

    def __init__(self, spool_dir: Path | None = None) -> None:
        if spool_dir is not None:
            spool_dir.mkdir(parents=True, exist_ok=True)
        self._builder = PackBuilder(spool_dir)
        self._feeds: dict[str, ThumbFeed] = {}
        self._have: dict[str, tuple[str, str]] = {}  # relative path -> (date taken, camera)
        self._lock = threading.Lock()
        self.stats = FillStats()

    def __enter__(self) -> UnitThumbs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._feeds.clear()
            self._builder.close()

    # ---- the engine's hooks -----------------------------------------------------------------------------
    def update(self, rel: str, chunk: bytes | bytearray | memoryview) -> None:
        """Bytes of *rel* as the engine reads them, in order (ignored for files that get no thumbnail)."""
        feed = self._feeds.get(rel)
        if feed is None:
            if kind_for(rel) is None:
                return
            with self._lock:
                feed = self._feeds.setdefault(rel, ThumbFeed(rel))
        feed.update(chunk)

    def forget(self, rel: str) -> None:
        """Drop what was fed for *rel* (its upload failed or stopped)."""
        with self._lock:
            self._feeds.pop(rel, None)

    def file_done(self, entry: ManifestFile, path: Path) -> None:
        """*entry*'s file is in S3: make its thumbnail and note its date taken and camera in the entry."""
        with self._lock:
            feed = self._feeds.pop(entry.path, None)
        try:
            if feed is not None:
                thumb = feed.finish(path)  # a video gets its poster frame from the path
            elif kind_for(entry.path) is ThumbKind.VIDEO:
                thumb = make_thumbnail(path, entry.path)
            else:
                return
        except Exception as exc:  # noqa: BLE001 - a thumbnail never fails an upload
            log.warning("no thumbnail for %s: %s", entry.path, explain(exc))
            thumb = placeholder(ThumbKind.PLACEHOLDER, entry.path, entry.size, "thumbnail failed")
        if thumb is not None and self._add(entry.path, thumb, entry.size, entry.mtime):
            self.stats.made += 1
        self.annotate(entry)

    def from_volume(self, tar_path: Path, members: Iterable[PackedMember]) -> None:
        """Thumbnails of a tar volume's members, read from the local tar just sent (not from the NAS again)."""
        try:
            with open(tar_path, "rb") as fh:
                for m in members:
                    if kind_for(m.rel) is None or m.size > MAX_BUFFER_BYTES:
                        continue
                    fh.seek(m.offset)
                    if self._add(m.rel, make_thumbnail(fh.read(m.size), m.rel), m.size, m.mtime):
                        self.stats.made += 1
        except OSError as exc:  # the files stay without a thumbnail until the pack is completed from the album
            log.warning("thumbnails of %s not made: %s", tar_path.name, explain(exc))

    def annotate(self, entry: ManifestFile) -> None:
        """Set the manifest entry's date taken and camera from its thumbnail, when there is one."""
        got = self._have.get(entry.path)
        if got is not None:
            entry.taken, entry.camera = got

    def _add(self, rel: str, thumb: Thumb, size: int | None, mtime: float | None) -> bool:
        with self._lock:
            if rel in self._have:
                return False
            added = self._builder.add(rel, thumb, size, mtime)
            if added:
                self._have[rel] = (thumb.taken or "", thumb.camera or "")
            return added

    # ---- completing the pack ------------------------------------------------------------------------------
    def complete(
        self,
        unit: str,
        files: Iterable[ManifestFile],
        album: dict[str, Path],
        cached: Path | None,
        workers: int = 4,
        cancel: CancelToken | None = None,
        progress: PhotoProgress | None = None,
    ) -> bytes:
        """The pack of every file in *files* that gets a thumbnail: those already made, then the cached pack's
        (same size and mtime), then the album's (*album*: relative path -> file), else a placeholder."""
        wanted = [f for f in files if kind_for(f.path) is not None and f.path not in self._have]
        missing = self._from_cache(wanted, cached) if cached is not None and wanted else wanted
        to_read = [f for f in missing if f.path in album]
        for f in missing:
            if f.path not in album:
                kind = ThumbKind.VIDEO if kind_for(f.path) is ThumbKind.VIDEO else ThumbKind.PLACEHOLDER
                self._add(f.path, placeholder(kind, f.path, f.size, "not in the album folder"), f.size, f.mtime)
                self.stats.placeholders += 1
        if to_read:
            log.info("%s: %d thumbnail(s) made from the album", unit, len(to_read))
            with ThreadPoolExecutor(max(1, workers), "thumbs") as pool:
                made = pool.map(lambda f: make_thumbnail(album[f.path], f.path), to_read)
                for n, (f, thumb) in enumerate(zip(to_read, made, strict=True), start=1):
                    if cancel is not None and cancel.cancelled:
                        pool.shutdown(cancel_futures=True)
                        raise Cancelled()
                    self._add(f.path, thumb, f.size, f.mtime)
                    self.stats.album += 1
                    if progress is not None:
                        progress(unit, n, len(to_read))
        for f in files:
            self.annotate(f)
        out = io.BytesIO()
        with self._lock:
            self._builder.write_to(out)
        return out.getvalue()

    def _from_cache(self, wanted: list[ManifestFile], cached: Path) -> list[ManifestFile]:
        """Take the thumbnails of unchanged files from the cached pack; the files it could not give."""
        try:
            index = read_index(cached)
        except (OSError, PackError) as exc:
            log.info("cached thumbnail pack %s not used: %s", cached, exc)
            return wanted
        rest = []
        for f in wanted:
            entry = index.get(f.path)
            jpeg = None
            if entry is not None and entry.size == f.size and entry.mtime == f.mtime:
                try:
                    jpeg = read_thumbnail(cached, f.path, index)
                except (OSError, PackError):
                    jpeg = None
            if entry is None or jpeg is None:
                rest.append(f)
                continue
            kind = ThumbKind(entry.kind) if entry.kind in _KINDS else ThumbKind.PHOTO  # "unknown": a pack made by hand
            thumb = Thumb(jpeg, kind, entry.width, entry.height, entry.taken, entry.camera)
            if self._add(f.path, thumb, f.size, f.mtime):
                self.stats.cached += 1
        return rest


# ---- the engine's two calls ---------------------------------------------------------------------------------
def start_unit(options: Any) -> UnitThumbs | None:
    """A collector for one unit of an upload (``UploadOptions``); None when thumbnails are off or in a dry run."""
    if not options.thumbnails or options.dry_run:
        return None
    return UnitThumbs(options.data_dir / "tmp")


def finish_unit(client: Any, options: Any, job: Any, cancel: CancelToken | None = None) -> None:
    """After the unit's data verified: complete its pack and send it, unless nothing changed and the bucket
    has one.  Never raises: a problem becomes a warning on the unit's result and the pack stays pending."""
    thumbs: UnitThumbs = job.thumbs
    unit = job.unit.key
    layout: KeyLayout = options.layout
    try:
        if thumbs.stats.made == 0:  # nothing sent this run: a pack made by an earlier one may be there
            job.result.requests += 1
            if head_object(client, options.bucket, thumbs_key(layout, unit)) is not None:
                return
        album = {f.rel: job.unit.path / f.fs_rel for f in job.unit.files}
        cached = cached_pack(options.data_dir, layout.root_name, unit)
        files = list(job.manifest.files.values())
        data = thumbs.complete(unit, files, album, cached, options.concurrency, cancel)
        job.result.requests += 1
        send_pack(client, options.bucket, layout, options.data_dir, unit, data, options.thumbnail_class)
    except Exception as exc:  # noqa: BLE001 - the data is safe whatever happens here
        reason = "cancelled" if isinstance(exc, Cancelled) else explain(exc, options.bucket)
        warning = msg("thumbnail pack not sent ({why}); the photos are safe, the next upload sends it", why=reason)
        log.warning("%s: %s", unit, warning)
        job.result.warnings.append(warning)
        mark_pending(options.data_dir, options.bucket, layout, unit)
    finally:
        thumbs.close()


# ---- afterwards: glacier-gui thumbs, and packs an upload could not send -------------------------------------
@dataclass
class BackfillResult:
    """One unit of :func:`backfill`: sent, skipped (with why) or failed (``error``)."""

    unit: str
    sent: bool = False
    skipped: str = ""
    error: str = ""
    stats: FillStats | None = None
    size: int = 0  # bytes of the pack


def backfill(
    client: Any,
    settings: Settings,
    data_dir: Path,
    units: Iterable[str] | None = None,
    force: bool = False,
    progress: PhotoProgress | None = None,
    cancel: CancelToken | None = None,
) -> list[BackfillResult]:
    """Make and send the packs of *units* (default: every unit with a manifest in the bucket) from the album.

    Units that have a pack are skipped unless *force*.  Each file's thumbnail comes from the pack cached on this
    computer when the file is unchanged (not with *force*), else from the album; one unit's failure never stops
    the others.
    """
    bucket = settings.require_bucket()
    root = settings.require_root()
    layout = layout_for(settings)
    wanted = list(units) if units is not None else list_manifest_units(client, bucket, layout)
    have = set() if force else set(units_with_packs(client, settings))
    results = []
    for unit in wanted:
        result = BackfillResult(unit)
        results.append(result)
        if unit in have:
            result.skipped = msg("it has a thumbnail pack (--force makes it again)")
            mark_pending(data_dir, bucket, layout, unit, pending=False)
            continue
        if cancel is not None:
            cancel.raise_if_cancelled()
        try:
            manifest, _ = load_manifest(client, bucket, layout, data_dir, unit)
            skip = SkipRules(settings.skip_files, settings.skip_folders)
            found = scan_units(root, [unit], settings.level, skip, cancel=cancel).units[0]
            album = {f.rel: found.path / f.fs_rel for f in found.files}
            cached = None if force else cached_pack(data_dir, layout.root_name, unit)
            with UnitThumbs(data_dir / "tmp") as thumbs:
                data = thumbs.complete(
                    unit, manifest.files.values(), album, cached, settings.concurrency, cancel, progress
                )
                result.stats = thumbs.stats
            send_pack(client, bucket, layout, data_dir, unit, data, settings.thumbnail_class)
            result.sent, result.size = True, len(data)
        except Cancelled:
            raise
        except Exception as exc:  # noqa: BLE001 - report the unit, go on with the next
            result.error = explain(exc, bucket)
            log.warning("thumbnails of %s: %s", unit, result.error)
    return results


def retry_pending(
    client: Any, settings: Settings, data_dir: Path, cancel: CancelToken | None = None
) -> list[BackfillResult]:
    """Send the packs earlier uploads could not (from the cache, else made again from the album); never raises."""
    if not settings.thumbnails or not settings.bucket:
        return []
    layout = layout_for(settings)
    results = []
    for unit in pending_units(data_dir, settings.bucket, layout):
        cached = cached_pack(data_dir, layout.root_name, unit)
        try:
            if cached is not None:
                data = cached.read_bytes()
                send_pack(client, settings.bucket, layout, data_dir, unit, data, settings.thumbnail_class)
                results.append(BackfillResult(unit, sent=True, size=len(data)))
            else:
                results += backfill(client, settings, data_dir, [unit], cancel=cancel)
        except Cancelled:
            break
        except Exception as exc:  # noqa: BLE001 - still pending: the next upload tries again
            log.warning("thumbnail pack of %s still not sent: %s", unit, explain(exc, settings.bucket))
            results.append(BackfillResult(unit, error=explain(exc, settings.bucket)))
    return results
