"""What a backup to S3 costs: upload requests, monthly storage, early deletion and restores.

Pure standard-library Python: no Qt, no boto3, no network.  Prices come from ``resources/pricing.json``
(per region and storage class, each group dated with ``as_of`` and a ``source``); the user may merge an
override file of the same shape over it.  Every figure here is an estimate, never a quote.

Units, stated once:

* Sizes are bytes (``int``).  ``parse_size("2TB")`` is 2 * 10**12 bytes, ``parse_size("2TiB")`` 2 * 2**40.
* Prices are USD.  Storage is priced per GB-month, where a GB is :attr:`PriceBook.gb_bytes` bytes:
  :data:`DECIMAL_GB` (10**9) by default, the unit of the original README's example (2 TB = 2000 GB).
  :data:`BINARY_GB` (2**30) is the unit of AWS's own billing examples; ``pricing.json`` selects it.
* A month is :data:`DAYS_PER_MONTH` (30) days, the unit of minimum storage durations.
* Request prices are per 1,000 requests.  PUT, COPY, POST and LIST share one rate; a multipart upload is
  1 CreateMultipartUpload + N UploadPart + 1 CompleteMultipartUpload, all at that rate.
* Archived classes (GLACIER, DEEP_ARCHIVE) bill a per-object overhead: 8 KiB at the STANDARD rate (the
  key and metadata) plus 32 KiB at the class rate (the archive index).  It is kept apart from the data's
  own storage so that results can be compared with simple "rate x size" arithmetic.

Contents, in order: size and money text; the price book and its loading; counting upload requests; the
upload estimate; the early deletion fee; the restore estimate.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

# Re-exported: callers of the cost model parse and print sizes and money with these.
from glacier_gui.core.textfmt import GiB, KiB, MiB, TiB, format_size, format_usd, parse_size  # noqa: F401

# ---------------------------------------------------------------------------------------------------------
# Units and S3 limits
# ---------------------------------------------------------------------------------------------------------

DECIMAL_GB = 10**9
"""Bytes in a priced GB by default: the original README's unit (2 TB -> 2000 GB)."""

BINARY_GB = 2**30
"""Bytes in a GB as AWS's billing examples count it (set ``"gb_bytes"`` in pricing.json to use it)."""

DAYS_PER_MONTH = 30
"""Days in a billing month for minimum-duration and pro-rated charges."""

MIN_PART_SIZE = 5 * MiB
MAX_PART_SIZE = 5 * GiB
MAX_PARTS = 10_000
MAX_SINGLE_PUT_SIZE = 5 * GiB
MAX_OBJECT_SIZE = 5 * TiB

DEFAULT_MULTIPART_THRESHOLD = 8 * MiB
"""boto3's default: files of at least this size go up as multipart uploads."""

DEFAULT_PART_SIZE = 8 * MiB
"""boto3's default part size (``multipart_chunksize``)."""

ARCHIVED_OVERHEAD_NOTE = "8 KiB per object at the STANDARD rate + 32 KiB per object at the class rate"

# ---------------------------------------------------------------------------------------------------------
# The price book
# ---------------------------------------------------------------------------------------------------------


class UnknownPriceError(KeyError):
    """A region, storage class or restore tier that the price book does not list."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else "unknown price"


class PricingFileError(ValueError):
    """A pricing file (or override file) that is not valid JSON of the expected shape."""


@dataclass(frozen=True)
class TierPrices:
    """Prices and typical duration of one restore tier of an archived class (e.g. Bulk)."""

    name: str
    per_gb: float
    per_1000: float
    hours_min: float
    hours_max: float


@dataclass(frozen=True)
class ClassPrices:
    """Prices of one storage class in one region."""

    storage_class: str
    storage_per_gb_month: float
    put_per_1000: float
    get_per_1000: float
    min_storage_days: int
    as_of: str
    source: str
    min_billable_object_bytes: int = 0
    retrieval_per_gb: float = 0.0
    overhead_standard_bytes: int = 0
    overhead_class_bytes: int = 0
    monitoring_per_1000_objects_month: float = 0.0
    monitoring_min_object_bytes: int = 0
    restore_tiers: Mapping[str, TierPrices] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def archived(self) -> bool:
        """True when objects must be restored before they can be read (GLACIER, DEEP_ARCHIVE)."""
        return bool(self.restore_tiers)


@dataclass(frozen=True)
class RegionPrices:
    """Prices of one region: its storage classes and internet egress."""

    region: str
    name: str
    egress_per_gb: float
    egress_as_of: str
    egress_source: str
    classes: Mapping[str, ClassPrices]


@dataclass(frozen=True)
class PriceBook:
    """All known prices; look figures up with :meth:`region` and :meth:`prices`."""

    regions: Mapping[str, RegionPrices]
    gb_bytes: int = DECIMAL_GB
    note: str = ""
    files: tuple[Path, ...] = ()

    def region(self, region: str) -> RegionPrices:
        """Return the prices of *region* (e.g. ``"us-east-2"``); :class:`UnknownPriceError` if absent."""
        key = region.strip().lower()
        if key not in self.regions:
            raise UnknownPriceError(
                f"no prices for region {region!r}; known regions: {', '.join(sorted(self.regions))}"
            )
        return self.regions[key]

    def prices(self, region: str, storage_class: str) -> ClassPrices:
        """Return the prices of *storage_class* in *region*; :class:`UnknownPriceError` if absent."""
        known = self.region(region)
        key = storage_class.strip().upper()
        if key not in known.classes:
            raise UnknownPriceError(
                f"no prices for storage class {storage_class!r} in {known.region}; known classes: "
                f"{', '.join(sorted(known.classes))}"
            )
        return known.classes[key]

    def gb(self, n_bytes: int) -> float:
        """Convert bytes to priced GB (see :attr:`gb_bytes`)."""
        return n_bytes / self.gb_bytes


def default_pricing_path() -> Path:
    """Return the bundled ``resources/pricing.json``: in a PyInstaller bundle, or beside the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str):
        bundled = Path(bundle) / "resources" / "pricing.json"
        if bundled.is_file():
            return bundled
    return Path(__file__).resolve().parents[2] / "resources" / "pricing.json"


def load_prices(path: Path | None = None, overrides: Path | None = None) -> PriceBook:
    """Read a price book from *path* (default :func:`default_pricing_path`), with *overrides* merged in.

    The override file has the same shape as pricing.json and holds only what it changes, e.g.
    ``{"regions": {"us-east-1": {"classes": {"DEEP_ARCHIVE": {"storage_per_gb_month": 0.001}}}}}``;
    objects are merged key by key, anything else is replaced.  It may also add regions or classes,
    which must then be complete.  Raises :class:`PricingFileError` for invalid JSON, unknown keys or
    missing or negative figures, and :class:`FileNotFoundError` for a missing file.
    """
    base_path = default_pricing_path() if path is None else path
    data = _read_json(base_path)
    files = [base_path]
    if overrides is not None:
        data = _deep_merge(data, _read_json(overrides))
        files.append(overrides)
    return _parse_book(data, tuple(files))


def _read_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))  # tolerate a BOM from Notepad
    except json.JSONDecodeError as exc:
        raise PricingFileError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from exc
    except UnicodeDecodeError as exc:
        raise PricingFileError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    if not isinstance(data, dict):
        raise PricingFileError(f"{path}: the top level must be a JSON object")
    return data


def _deep_merge(base: Mapping[str, object], override: Mapping[str, object]) -> dict[str, object]:
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = _deep_merge(old, value)
        else:
            merged[key] = value
    return merged


_BOOK_KEYS = {"note", "schema_version", "gb_bytes", "gb_bytes_note", "regions"}
_REGION_KEYS = {"name", "note", "egress", "classes"}
_EGRESS_KEYS = {"as_of", "source", "note", "internet_per_gb"}
_TIER_KEYS = {"per_gb", "per_1000", "hours_min", "hours_max", "note"}
_CLASS_KEYS = {
    "as_of",
    "source",
    "note",
    "storage_per_gb_month",
    "put_per_1000",
    "get_per_1000",
    "min_storage_days",
    "min_billable_object_bytes",
    "retrieval_per_gb",
    "overhead_standard_bytes",
    "overhead_class_bytes",
    "monitoring_per_1000_objects_month",
    "monitoring_min_object_bytes",
    "restore_tiers",
}


def _parse_book(data: Mapping[str, object], files: tuple[Path, ...]) -> PriceBook:
    where = " + ".join(str(f) for f in files)
    _check_keys(data, _BOOK_KEYS, where)
    gb_bytes = _integer(data, "gb_bytes", where, default=DECIMAL_GB)
    if gb_bytes <= 0:
        raise PricingFileError(f"{where}: gb_bytes must be positive")
    regions_raw = _object(data, "regions", where)
    regions: dict[str, RegionPrices] = {}
    for name, raw in regions_raw.items():
        key = name.strip().lower()
        path = f"{where}: regions.{name}"
        regions[key] = _parse_region(key, _as_object(raw, path), path)
    if not regions:
        raise PricingFileError(f"{where}: no regions")
    note = data.get("note", "")
    return PriceBook(
        regions=MappingProxyType(regions),
        gb_bytes=gb_bytes,
        note=note if isinstance(note, str) else "",
        files=files,
    )


def _parse_region(region: str, data: Mapping[str, object], where: str) -> RegionPrices:
    _check_keys(data, _REGION_KEYS, where)
    egress = _object(data, "egress", where)
    _check_keys(egress, _EGRESS_KEYS, f"{where}.egress")
    classes: dict[str, ClassPrices] = {}
    for name, raw in _object(data, "classes", where).items():
        key = name.strip().upper()
        path = f"{where}.classes.{name}"
        classes[key] = _parse_class(key, _as_object(raw, path), path)
    if "STANDARD" not in classes:
        raise PricingFileError(f"{where}: STANDARD prices are required (per-object overhead uses them)")
    label = data.get("name", region)
    return RegionPrices(
        region=region,
        name=label if isinstance(label, str) else region,
        egress_per_gb=_number(egress, "internet_per_gb", f"{where}.egress"),
        egress_as_of=_text(egress, "as_of", f"{where}.egress"),
        egress_source=_text(egress, "source", f"{where}.egress"),
        classes=MappingProxyType(classes),
    )


def _parse_class(storage_class: str, data: Mapping[str, object], where: str) -> ClassPrices:
    _check_keys(data, _CLASS_KEYS, where)
    tiers: dict[str, TierPrices] = {}
    for name, raw in _object(data, "restore_tiers", where, required=False).items():
        path = f"{where}.restore_tiers.{name}"
        tier = _as_object(raw, path)
        _check_keys(tier, _TIER_KEYS, path)
        tiers[name] = TierPrices(
            name=name,
            per_gb=_number(tier, "per_gb", path),
            per_1000=_number(tier, "per_1000", path),
            hours_min=_number(tier, "hours_min", path),
            hours_max=_number(tier, "hours_max", path),
        )
    return ClassPrices(
        storage_class=storage_class,
        storage_per_gb_month=_number(data, "storage_per_gb_month", where),
        put_per_1000=_number(data, "put_per_1000", where),
        get_per_1000=_number(data, "get_per_1000", where),
        min_storage_days=_integer(data, "min_storage_days", where),
        as_of=_text(data, "as_of", where),
        source=_text(data, "source", where),
        min_billable_object_bytes=_integer(data, "min_billable_object_bytes", where, default=0),
        retrieval_per_gb=_number(data, "retrieval_per_gb", where, default=0.0),
        overhead_standard_bytes=_integer(data, "overhead_standard_bytes", where, default=0),
        overhead_class_bytes=_integer(data, "overhead_class_bytes", where, default=0),
        monitoring_per_1000_objects_month=_number(data, "monitoring_per_1000_objects_month", where, default=0.0),
        monitoring_min_object_bytes=_integer(data, "monitoring_min_object_bytes", where, default=0),
        restore_tiers=MappingProxyType(tiers),
    )


def _check_keys(data: Mapping[str, object], allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise PricingFileError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")


def _as_object(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise PricingFileError(f"{where}: expected a JSON object")
    return value


def _object(data: Mapping[str, object], key: str, where: str, *, required: bool = True) -> dict[str, object]:
    if key not in data:
        if required:
            raise PricingFileError(f"{where}: missing {key!r}")
        return {}
    return _as_object(data[key], f"{where}.{key}")


def _number(data: Mapping[str, object], key: str, where: str, *, default: float | None = None) -> float:
    if key not in data:
        if default is None:
            raise PricingFileError(f"{where}: missing {key!r}")
        return default
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PricingFileError(f"{where}.{key}: expected a number, got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise PricingFileError(f"{where}.{key}: expected a non-negative number, got {value!r}")
    return float(value)


def _integer(data: Mapping[str, object], key: str, where: str, *, default: int | None = None) -> int:
    if key not in data and default is not None:
        return default
    value = _number(data, key, where)
    if value != int(value):
        raise PricingFileError(f"{where}.{key}: expected a whole number, got {data[key]!r}")
    return int(value)


def _text(data: Mapping[str, object], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PricingFileError(f"{where}: {key!r} must be a non-empty string")
    return value


# ---------------------------------------------------------------------------------------------------------
# Counting upload requests
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestCount:
    """PUT-class requests needed to upload some objects (all billed at the PUT/COPY/POST/LIST rate)."""

    objects: int = 0
    single_puts: int = 0
    multipart_uploads: int = 0
    parts: int = 0

    @property
    def total(self) -> int:
        """All billed requests: single PUTs + (create + parts + complete) per multipart upload."""
        return self.single_puts + self.parts + 2 * self.multipart_uploads

    def __add__(self, other: RequestCount) -> RequestCount:
        return RequestCount(
            objects=self.objects + other.objects,
            single_puts=self.single_puts + other.single_puts,
            multipart_uploads=self.multipart_uploads + other.multipart_uploads,
            parts=self.parts + other.parts,
        )


def effective_part_size(size: int, part_size: int) -> int:
    """Return the part size used for an object of *size* bytes, given the configured *part_size*.

    As boto3's transfer manager does, the part size is doubled until the object needs at most
    :data:`MAX_PARTS` (10,000) parts.  *part_size* must lie within S3's 5 MiB - 5 GiB.
    """
    _check_part_size(part_size)
    _check_object_size(size)
    chunk = part_size
    while math.ceil(size / chunk) > MAX_PARTS:
        chunk *= 2
    return chunk


def part_count(size: int, part_size: int) -> int:
    """Return the number of parts a multipart upload of *size* bytes uses (at least 1)."""
    return max(1, math.ceil(size / effective_part_size(size, part_size)))


def requests_for_sizes(
    sizes: Iterable[int],
    *,
    multipart_threshold: int = DEFAULT_MULTIPART_THRESHOLD,
    part_size: int = DEFAULT_PART_SIZE,
) -> RequestCount:
    """Count the requests to upload one object per size in *sizes*.

    An object smaller than *multipart_threshold* is one PUT; one at or above it is a multipart upload of
    1 create + :func:`part_count` parts + 1 complete.
    """
    _check_threshold(multipart_threshold)
    _check_part_size(part_size)
    total = RequestCount()
    for size in sizes:
        total = total + _requests_for_object(size, 1, multipart_threshold, part_size)
    return total


def requests_for_uniform(
    count: int,
    total_bytes: int,
    *,
    multipart_threshold: int = DEFAULT_MULTIPART_THRESHOLD,
    part_size: int = DEFAULT_PART_SIZE,
) -> RequestCount:
    """Count requests for *count* objects of equal size adding up to *total_bytes* (a what-if estimate).

    When *total_bytes* does not divide evenly, sizes differ by one byte, so the sizes add up exactly.
    """
    _check_threshold(multipart_threshold)
    _check_part_size(part_size)
    if count < 0 or total_bytes < 0:
        raise ValueError(f"count and total size must not be negative (got {count}, {total_bytes})")
    if count == 0:
        if total_bytes:
            raise ValueError(f"{total_bytes} bytes cannot be spread over zero objects")
        return RequestCount()
    small, larger = divmod(total_bytes, count)
    result = _requests_for_object(small, count - larger, multipart_threshold, part_size)
    if larger:
        result = result + _requests_for_object(small + 1, larger, multipart_threshold, part_size)
    return result


def _requests_for_object(size: int, copies: int, threshold: int, part_size: int) -> RequestCount:
    _check_object_size(size)
    if size < threshold:
        return RequestCount(objects=copies, single_puts=copies)
    return RequestCount(objects=copies, multipart_uploads=copies, parts=copies * part_count(size, part_size))


def _check_object_size(size: int) -> None:
    if size < 0:
        raise ValueError(f"an object size cannot be negative (got {size})")
    if size > MAX_OBJECT_SIZE:
        raise ValueError(f"S3 objects are at most 5 TiB; {format_size(size)} would not upload")


def _check_part_size(part_size: int) -> None:
    if not MIN_PART_SIZE <= part_size <= MAX_PART_SIZE:
        raise ValueError(f"part size must be between 5 MiB and 5 GiB (got {format_size(part_size)})")


def _check_threshold(threshold: int) -> None:
    if not 1 <= threshold <= MAX_SINGLE_PUT_SIZE:
        raise ValueError(
            f"multipart threshold must be between 1 byte and 5 GiB, the largest single PUT (got {threshold})"
        )


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
