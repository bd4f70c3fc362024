"""The price book: what S3 charges per region and storage class, loaded from ``resources/pricing.json``.

Pure standard-library Python: no Qt, no boto3, no network.  Prices come from ``resources/pricing.json``
(per region and storage class, each group dated with ``as_of`` and a ``source``); the user may merge an
override file of the same shape over it.  Every figure computed from it is an estimate, never a quote.

Units, stated once for the whole cost package:

* Sizes are bytes (``int``).  ``parse_size("2TB")`` is 2 * 10**12 bytes, ``parse_size("2TiB")`` 2 * 2**40.
* Prices are USD.  Storage is priced per GB-month, where a GB is :attr:`PriceBook.gb_bytes` bytes:
  :data:`DECIMAL_GB` (10**9) by default, the unit of the original README's example (2 TB = 2000 GB).
  :data:`BINARY_GB` (2**30) is the unit of AWS's own billing examples; ``pricing.json`` selects it.
* A month is :data:`DAYS_PER_MONTH` (30) days, the unit of minimum storage durations.
* Request prices are per 1,000 requests.  PUT, COPY, POST and LIST share one rate.
* Archived classes (GLACIER, DEEP_ARCHIVE) bill a per-object overhead: 8 KiB at the STANDARD rate (the
  key and metadata) plus 32 KiB at the class rate (the archive index).
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from glacier_gui.core.textfmt import GiB, MiB, TiB

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

DEFAULT_PART_SIZE = 16 * MiB
"""The upload engine's default part size, also its multipart threshold (files larger go up in parts)."""

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
    return Path(__file__).resolve().parents[3] / "resources" / "pricing.json"


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
