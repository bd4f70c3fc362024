"""Estimates in USD: an upload with its monthly storage, the early-deletion fee of an overwrite, a restore.

Every figure is an estimate from the price book (:mod:`glacier_gui.core.cost.prices`), never a quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from glacier_gui.core.cost.prices import DAYS_PER_MONTH, ClassPrices, PriceBook, TierPrices
from glacier_gui.core.cost.requests import RequestCount, requests_for_uniform

# ---------------------------------------------------------------------------------------------------------
# Upload and storage estimate
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadEstimate:
    """One-time and recurring cost of storing some objects in one class and region (USD)."""

    region: str
    storage_class: str
    object_count: int
    total_bytes: int
    requests: RequestCount
    request_cost: float
    """One-time: requests.total at the class's PUT rate."""
    storage_monthly_data: float
    """The data itself: billable bytes (at least the minimum object size each) at the class rate."""
    overhead_monthly: float
    """Per-object overhead of archived classes (see ARCHIVED_OVERHEAD_NOTE)."""
    monitoring_monthly: float
    """INTELLIGENT_TIERING's per-object monitoring fee."""
    min_storage_days: int

    @property
    def storage_monthly(self) -> float:
        """Everything billed per month: data + overhead + monitoring."""
        return self.storage_monthly_data + self.overhead_monthly + self.monitoring_monthly

    @property
    def minimum_commitment(self) -> float:
        """Storage paid at least, even if deleted early: a month's storage x min days / 30."""
        return self.storage_monthly * self.min_storage_days / DAYS_PER_MONTH

    @property
    def cost_per_year(self) -> float:
        """Twelve months of storage."""
        return self.storage_monthly * 12

    @property
    def first_year_total(self) -> float:
        """The upload requests plus a year of storage."""
        return self.request_cost + self.cost_per_year


def upload_estimate(
    prices: PriceBook,
    region: str,
    storage_class: str,
    file_count: int,
    total_bytes: int,
    requests: RequestCount | None = None,
) -> UploadEstimate:
    """Estimate uploading and keeping *file_count* objects totalling *total_bytes*.

    *file_count* counts stored objects (files, or tar volumes when small files are bundled); each carries
    the per-object overhead of archived classes.  *requests* defaults to
    :func:`requests_for_uniform` with boto3's default thresholds; when given, it must count the same
    number of objects.  The minimum billable object size (128 KiB for the IA classes and GLACIER_IR) and
    the monitoring fee of INTELLIGENT_TIERING assume equal object sizes, so with mixed sizes they are
    approximate.
    """
    if file_count < 0 or total_bytes < 0:
        raise ValueError(f"file count and total size must not be negative (got {file_count}, {total_bytes})")
    cls = prices.prices(region, storage_class)
    standard = prices.prices(region, "STANDARD")
    if requests is None:
        requests = requests_for_uniform(file_count, total_bytes)
    elif requests.objects != file_count:
        raise ValueError(f"requests were counted for {requests.objects} objects, not {file_count}")

    billable_bytes = max(total_bytes, file_count * cls.min_billable_object_bytes)
    overhead = file_count * (
        prices.gb(cls.overhead_standard_bytes) * standard.storage_per_gb_month
        + prices.gb(cls.overhead_class_bytes) * cls.storage_per_gb_month
    )
    monitored = file_count > 0 and total_bytes / file_count >= cls.monitoring_min_object_bytes
    monitoring = file_count / 1000 * cls.monitoring_per_1000_objects_month if monitored else 0.0
    return UploadEstimate(
        region=prices.region(region).region,
        storage_class=cls.storage_class,
        object_count=file_count,
        total_bytes=total_bytes,
        requests=requests,
        request_cost=requests.total / 1000 * cls.put_per_1000,
        storage_monthly_data=prices.gb(billable_bytes) * cls.storage_per_gb_month,
        overhead_monthly=overhead,
        monitoring_monthly=monitoring,
        min_storage_days=cls.min_storage_days,
    )


# ---------------------------------------------------------------------------------------------------------
# Thumbnail packs
# ---------------------------------------------------------------------------------------------------------

THUMBNAIL_BYTES = 15_000
"""What one photo's thumbnail adds to its unit's pack: a 320-pixel JPEG is 10-40 KB, most about 15."""


@dataclass(frozen=True)
class ThumbnailEstimate:
    """The thumbnail packs of an upload: one object per unit, in a class read without a restore (USD).

    Kept apart from the data's figures: the packs are optional (the ``thumbnails`` setting) and priced at
    their own class's rate.
    """

    region: str
    storage_class: str
    photos: int
    packs: int
    total_bytes: int
    request_cost: float
    """One-time: one PUT per pack."""
    storage_monthly: float
    min_storage_days: int

    @property
    def cost_per_year(self) -> float:
        return self.storage_monthly * 12

    @property
    def first_year_total(self) -> float:
        return self.request_cost + self.cost_per_year


def thumbnail_estimate(
    prices: PriceBook, region: str, storage_class: str, photos: int, packs: int, bytes_per_photo: int = THUMBNAIL_BYTES
) -> ThumbnailEstimate:
    """Estimate keeping *photos* thumbnails in *packs* packs (units with photos) in *storage_class*."""
    if photos < 0 or packs < 0:
        raise ValueError(f"photos and packs must not be negative (got {photos}, {packs})")
    cls = prices.prices(region, storage_class)
    total = photos * bytes_per_photo
    billable = max(total, packs * cls.min_billable_object_bytes)
    return ThumbnailEstimate(
        region=prices.region(region).region,
        storage_class=cls.storage_class,
        photos=photos,
        packs=packs,
        total_bytes=total,
        request_cost=packs / 1000 * cls.put_per_1000,
        storage_monthly=prices.gb(billable) * cls.storage_per_gb_month,
        min_storage_days=cls.min_storage_days,
    )


# ---------------------------------------------------------------------------------------------------------
# Early deletion
# ---------------------------------------------------------------------------------------------------------


def early_deletion_fee(
    prices: PriceBook,
    region: str,
    storage_class: str,
    size_bytes: int,
    age_days: float,
) -> float:
    """Return the fee (USD) for deleting or overwriting an object of *size_bytes* after *age_days*.

    S3 bills the days left of the class's minimum storage duration, pro-rated at the monthly rate
    (a month is 30 days); 0 once the minimum has passed or for classes without one.  The billed size is
    the object's billable size (at least the class's minimum object size) plus its class-rate overhead
    (32 KiB for GLACIER and DEEP_ARCHIVE); the STANDARD-rate overhead has no minimum duration.
    """
    if size_bytes < 0:
        raise ValueError(f"an object size cannot be negative (got {size_bytes})")
    if age_days < 0:
        raise ValueError(f"an object's age cannot be negative (got {age_days} days)")
    cls = prices.prices(region, storage_class)
    remaining_days = max(0.0, cls.min_storage_days - age_days)
    billed_bytes = max(size_bytes, cls.min_billable_object_bytes) + cls.overhead_class_bytes
    return prices.gb(billed_bytes) * cls.storage_per_gb_month * remaining_days / DAYS_PER_MONTH


# ---------------------------------------------------------------------------------------------------------
# Restore estimate
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreEstimate:
    """Cost (USD) and wait of getting objects back to the local disk."""

    region: str
    storage_class: str
    tier: str | None
    """The restore tier (Standard, Bulk, ...); None for classes that are read directly."""
    object_count: int
    total_bytes: int
    restore_days: int
    """How long the restored temporary copies are kept (archived classes only)."""
    retrieval_cost: float
    """Per-GB retrieval charge of the tier (or of the IA / Instant Retrieval class)."""
    restore_request_cost: float
    """RestoreObject requests at the tier's per-1,000 rate."""
    get_request_cost: float
    """GetObject requests to download each object once."""
    temporary_copy_cost: float
    """The restored copies at the STANDARD rate for restore_days."""
    egress_cost: float
    """Internet data transfer out at the region's first-tier rate (0 when not included)."""
    hours_min: float
    hours_max: float
    """Typical wait before the objects can be downloaded (0 for classes read directly)."""

    @property
    def request_cost(self) -> float:
        """Restore requests plus GET requests."""
        return self.restore_request_cost + self.get_request_cost

    @property
    def total(self) -> float:
        """Everything above added up."""
        return (
            self.retrieval_cost
            + self.restore_request_cost
            + self.get_request_cost
            + self.temporary_copy_cost
            + self.egress_cost
        )


def restore_estimate(
    prices: PriceBook,
    region: str,
    storage_class: str,
    tier: str | None,
    object_count: int,
    total_bytes: int,
    include_egress: bool = True,
    *,
    restore_days: int = 1,
) -> RestoreEstimate:
    """Estimate restoring and downloading *object_count* objects totalling *total_bytes*.

    For archived classes *tier* names a restore tier of the price book, case-insensitive: DEEP_ARCHIVE
    offers Standard (within 12 h) and Bulk (within 48 h); GLACIER adds Expedited (minutes).  An
    unavailable tier, or a tier for a class that is read directly (pass ``None`` then), raises
    :class:`ValueError`.  Egress uses the first tier of internet transfer and ignores AWS's monthly
    free allowance, so it errs high.
    """
    if object_count < 0 or total_bytes < 0:
        raise ValueError(f"object count and size must not be negative (got {object_count}, {total_bytes})")
    cls = prices.prices(region, storage_class)
    known_region = prices.region(region)
    gb = prices.gb(total_bytes)
    egress = gb * known_region.egress_per_gb if include_egress else 0.0
    get_requests = object_count / 1000 * cls.get_per_1000

    if not cls.archived:
        if tier is not None:
            raise ValueError(
                f"{cls.storage_class} objects are read directly, without a restore tier; pass tier=None (got {tier!r})"
            )
        return RestoreEstimate(
            region=known_region.region,
            storage_class=cls.storage_class,
            tier=None,
            object_count=object_count,
            total_bytes=total_bytes,
            restore_days=0,
            retrieval_cost=gb * cls.retrieval_per_gb,
            restore_request_cost=0.0,
            get_request_cost=get_requests,
            temporary_copy_cost=0.0,
            egress_cost=egress,
            hours_min=0.0,
            hours_max=0.0,
        )

    chosen = _find_tier(cls, tier)
    if restore_days < 1:
        raise ValueError(f"a restored copy is kept at least 1 day (got {restore_days})")
    standard = prices.prices(region, "STANDARD")
    return RestoreEstimate(
        region=known_region.region,
        storage_class=cls.storage_class,
        tier=chosen.name,
        object_count=object_count,
        total_bytes=total_bytes,
        restore_days=restore_days,
        retrieval_cost=gb * chosen.per_gb,
        restore_request_cost=object_count / 1000 * chosen.per_1000,
        get_request_cost=get_requests,
        temporary_copy_cost=gb * standard.storage_per_gb_month * restore_days / DAYS_PER_MONTH,
        egress_cost=egress,
        hours_min=chosen.hours_min,
        hours_max=chosen.hours_max,
    )


def _find_tier(cls: ClassPrices, tier: str | None) -> TierPrices:
    available = ", ".join(cls.restore_tiers)
    if tier is None:
        raise ValueError(f"{cls.storage_class} objects must be restored first; choose a tier: {available}")
    for name, prices in cls.restore_tiers.items():
        if name.lower() == tier.strip().lower():
            return prices
    raise ValueError(f"{cls.storage_class} has no {tier!r} restore tier; choose one of: {available}")


EVERYTHING_TIERS = ("Bulk", "Standard")
"""The tiers compared for getting a whole backup back: the cheapest, and the one within 12 hours."""


def restore_everything(
    prices: PriceBook,
    region: str,
    storage_class: str,
    object_count: int,
    total_bytes: int,
    *,
    restore_days: int = 1,
    tiers: tuple[str, ...] = EVERYTHING_TIERS,
) -> list[RestoreEstimate]:
    """What getting every object back to the local disk costs, one :func:`restore_estimate` per tier.

    For archived classes: one estimate for each of *tiers* the class offers (in that order), egress included.
    Classes read directly (STANDARD, the IA classes, GLACIER_IR) need no restore: one estimate, tier None.
    """
    cls = prices.prices(region, storage_class)
    if not cls.archived:
        return [restore_estimate(prices, region, storage_class, None, object_count, total_bytes)]
    offered = {name.lower() for name in cls.restore_tiers}
    return [
        restore_estimate(prices, region, storage_class, tier, object_count, total_bytes, restore_days=restore_days)
        for tier in tiers
        if tier.lower() in offered
    ]
