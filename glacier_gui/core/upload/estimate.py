"""Upload estimates from local file lists: objects, requests and cost, with and without small-file packing.

Used before an upload (CLI and GUI) and by ``glacier-gui estimate``.  The request count follows the engine
exactly: one PUT per file up to the part size, create + parts + complete above it (both decided by
``cost/requests.py``'s :func:`plan_object`), small files grouped into tar volumes when packing is on, and per
unit one listing before, one after (verify) and one manifest PUT.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from glacier_gui.core.album.scan import FileEntry, Unit
from glacier_gui.core.cost import (
    PriceBook,
    RequestCount,
    ThumbnailEstimate,
    UploadEstimate,
    requests_for_sizes,
    thumbnail_estimate,
    upload_estimate,
)
from glacier_gui.core.ledger.volumes import plan_volumes
from glacier_gui.core.s3.objects import list_requests
from glacier_gui.core.thumbs.render import wants_thumbnail

SUGGESTED_PACK_BELOW = 2**20  # what the estimate suggests when packing is off: files under 1 MiB


@dataclass(frozen=True)
class UploadPlan:
    """What an upload of some units would send and cost."""

    units: int
    files: int
    bytes: int
    objects: int  # data objects: files, or tar volumes plus large files
    requests: RequestCount  # for the data objects
    housekeeping: int  # per unit: a listing before, the verifying listing (1 per 1,000 objects), the manifest
    housekeeping_cost: float  # those requests, at the STANDARD rate (listings; manifests are STANDARD objects)
    estimate: UploadEstimate
    pack_below: int
    with_packing: UploadPlan | None = None  # the same upload with packing on, when packing is off and would help
    thumbnails: ThumbnailEstimate | None = None  # the thumbnail packs, on their own (not in the figures above)

    @property
    def total_requests(self) -> int:
        return self.requests.total + self.housekeeping

    @property
    def one_time_cost(self) -> float:
        """Every request of the upload: the data objects' and the housekeeping's."""
        return self.estimate.request_cost + self.housekeeping_cost

    @property
    def first_year_total(self) -> float:
        return self.estimate.first_year_total + self.housekeeping_cost

    @property
    def packing_saves(self) -> float:
        """USD saved in the first year by turning packing on (0 when it is on or would not help)."""
        if self.with_packing is None:
            return 0.0
        return self.first_year_total - self.with_packing.first_year_total


def _object_sizes(files: list[FileEntry], pack_below: int) -> list[int]:
    """Sizes of the objects the engine would send for one unit's *files*."""
    sizes = [f.size for f in files if f.size >= pack_below]
    small = [f for f in files if f.size < pack_below]
    return sizes + [v.estimated_size() for v in plan_volumes(small)]


def plan_upload(
    units: Iterable[Unit],
    prices: PriceBook,
    region: str,
    storage_class: str,
    part_size: int,
    pack_below: int,
    suggest: bool = True,
    thumbnail_class: str | None = None,
) -> UploadPlan:
    """Estimate uploading every file of *units* (as if none were in S3 yet: an upper bound).

    With *thumbnail_class* (thumbnails on), ``thumbnails`` estimates their packs: photos counted by extension.
    """
    units = list(units)
    files = sum(u.file_count for u in units)
    total = sum(u.total_size for u in units)
    plan = _plan([u.files for u in units], files, total, prices, region, storage_class, part_size, pack_below, suggest)
    if thumbnail_class is None:
        return plan
    photos = [sum(1 for f in u.files if wants_thumbnail(f.rel)) for u in units]
    packs = sum(1 for n in photos if n)
    return replace(plan, thumbnails=thumbnail_estimate(prices, region, thumbnail_class, sum(photos), packs))


def plan_uniform(
    files: int,
    total_bytes: int,
    prices: PriceBook,
    region: str,
    storage_class: str,
    part_size: int,
    pack_below: int,
    units: int = 1,
    suggest: bool = True,
    thumbnail_class: str | None = None,
) -> UploadPlan:
    """The what-if form: *files* files of equal size totalling *total_bytes*, spread evenly over *units* units.

    With *thumbnail_class*, every file counts as a photo for the thumbnail packs' estimate.
    """
    if files < 0 or total_bytes < 0 or units < 1:
        raise ValueError("the number of files and the size must not be negative, and units at least 1")
    size = total_bytes // files if files else 0
    entries = [FileEntry(f"{i:09d}", size, 0.0, "") for i in range(files)]
    per_unit = [entries[i::units] for i in range(units)]
    plan = _plan(per_unit, files, total_bytes, prices, region, storage_class, part_size, pack_below, suggest)
    if thumbnail_class is None:
        return plan
    packs = sum(1 for unit in per_unit if unit)
    return replace(plan, thumbnails=thumbnail_estimate(prices, region, thumbnail_class, files, packs))


def _plan(
    unit_files: list[list[FileEntry]],
    files: int,
    total: int,
    prices: PriceBook,
    region: str,
    storage_class: str,
    part_size: int,
    pack_below: int,
    suggest: bool,
) -> UploadPlan:
    per_unit = [_object_sizes(f, pack_below) for f in unit_files]  # volumes never span units
    sizes = [size for unit in per_unit for size in unit]
    requests = requests_for_sizes(sizes, part_size=part_size)  # the engine's own rule (cost/requests.py)
    estimate = upload_estimate(prices, region, storage_class, len(sizes), total, requests)
    housekeeping = sum(2 + list_requests(len(unit)) for unit in per_unit)
    housekeeping_cost = housekeeping / 1000 * prices.prices(region, "STANDARD").put_per_1000
    plan = UploadPlan(
        len(unit_files), files, total, len(sizes), requests, housekeeping, housekeeping_cost, estimate, pack_below
    )
    if suggest and pack_below == 0 and files:
        packed = _plan(
            unit_files, files, total, prices, region, storage_class, part_size, SUGGESTED_PACK_BELOW, suggest=False
        )
        saves = plan.first_year_total - packed.first_year_total
        if saves >= 0.01 and saves > 0.05 * plan.first_year_total:  # worth a line: a cent and 5%
            plan = replace(plan, with_packing=packed)
    return plan
