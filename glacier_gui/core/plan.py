"""Upload estimates from local file lists: objects, requests and cost, with and without small-file packing.

Used before an upload (CLI and GUI) and by ``glacier-gui estimate``.  The request count follows the engine
exactly: one PUT per file up to the part size, create + parts + complete above it, small files grouped into
tar volumes when packing is on, and per unit one listing before, one after (verify) and one manifest PUT.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from glacier_gui.core.cost import PriceBook, RequestCount, UploadEstimate, requests_for_sizes, upload_estimate
from glacier_gui.core.pack import plan_volumes
from glacier_gui.core.scan import FileEntry, Unit

REQUESTS_PER_UNIT = 3  # list before, list to verify, manifest PUT
SUGGESTED_PACK_BELOW = 2**20  # what the estimate suggests when packing is off: files under 1 MiB


@dataclass(frozen=True)
class UploadPlan:
    """What an upload of some units would send and cost."""

    units: int
    files: int
    bytes: int
    objects: int  # data objects: files, or tar volumes plus large files
    requests: RequestCount  # for the data objects
    estimate: UploadEstimate
    pack_below: int
    with_packing: UploadPlan | None = None  # the same upload with packing on, when packing is off and would help

    @property
    def total_requests(self) -> int:
        return self.requests.total + REQUESTS_PER_UNIT * self.units

    @property
    def packing_saves(self) -> float:
        """USD saved in the first year by turning packing on (0 when it is on or would not help)."""
        if self.with_packing is None:
            return 0.0
        return self.estimate.first_year_total - self.with_packing.estimate.first_year_total


def _object_sizes(files: list[FileEntry], pack_below: int) -> list[int]:
    """Sizes of the objects the engine would send for one unit's *files*."""
    sizes = [f.size for f in files if f.size >= pack_below]
    small = [f for f in files if f.size < pack_below]
    return sizes + [v.estimated_size() for v in plan_volumes(small)]


def plan_upload(units: Iterable[Unit], prices: PriceBook, region: str, storage_class: str, part_size: int,
                pack_below: int, suggest: bool = True) -> UploadPlan:
    """Estimate uploading every file of *units* (as if none were in S3 yet: an upper bound)."""
    units = list(units)

    def sizes_for(below: int) -> list[int]:  # volumes never span units
        return [size for unit in units for size in _object_sizes(unit.files, below)]

    files = sum(u.file_count for u in units)
    total = sum(u.total_size for u in units)
    return _plan(len(units), files, total, sizes_for, prices, region, storage_class, part_size, pack_below, suggest)


def plan_uniform(files: int, total_bytes: int, prices: PriceBook, region: str, storage_class: str, part_size: int,
                 pack_below: int, units: int = 1, suggest: bool = True) -> UploadPlan:
    """The what-if form: *files* files of equal size totalling *total_bytes*, spread over *units* units."""
    if files < 0 or total_bytes < 0 or units < 1:
        raise ValueError("the number of files and the size must not be negative, and units at least 1")
    size = total_bytes // files if files else 0
    entries = [FileEntry(f"{i:09d}", size, 0.0, "") for i in range(files)]

    def sizes_for(below: int) -> list[int]:
        return _object_sizes(entries, below)

    return _plan(units, files, total_bytes, sizes_for, prices, region, storage_class, part_size, pack_below, suggest)


def _plan(units: int, files: int, total: int, sizes_for: Callable[[int], list[int]], prices: PriceBook, region: str,
          storage_class: str, part_size: int, pack_below: int, suggest: bool) -> UploadPlan:
    sizes = sizes_for(pack_below)
    requests = requests_for_sizes(sizes, multipart_threshold=part_size + 1, part_size=part_size)
    estimate = upload_estimate(prices, region, storage_class, len(sizes), total, requests)
    alternative = None
    if suggest and pack_below == 0 and files:
        packed = _plan(units, files, total, sizes_for, prices, region, storage_class, part_size,
                       SUGGESTED_PACK_BELOW, suggest=False)
        saves = estimate.first_year_total - packed.estimate.first_year_total
        if saves >= 0.01 and saves > 0.05 * estimate.first_year_total:  # worth a line: a cent and 5%
            alternative = packed
    return UploadPlan(units, files, total, len(sizes), requests, estimate, pack_below, alternative)
