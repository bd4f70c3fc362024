"""What a backup to S3 costs: the price book, request counting, and the estimates built from them.

The public names are gathered here so callers write ``from glacier_gui.core.cost import upload_estimate``
whichever module holds the rule: :mod:`.prices` (pricing.json and S3's limits), :mod:`.requests` (what an
upload sends, the same rules the engine uses) and :mod:`.estimates` (upload, early deletion, restore).
Imports only the foundation (``textfmt``) and ``resources/pricing.json``: anything may ask what something costs.
"""

from glacier_gui.core.cost.estimates import (
    THUMBNAIL_BYTES,
    RestoreEstimate,
    ThumbnailEstimate,
    UploadEstimate,
    early_deletion_fee,
    restore_estimate,
    thumbnail_estimate,
    upload_estimate,
)
from glacier_gui.core.cost.prices import (
    ARCHIVED_OVERHEAD_NOTE,
    BINARY_GB,
    DAYS_PER_MONTH,
    DECIMAL_GB,
    MAX_PART_SIZE,
    MAX_PARTS,
    MIN_PART_SIZE,
    ClassPrices,
    PriceBook,
    PricingFileError,
    RegionPrices,
    TierPrices,
    UnknownPriceError,
    default_pricing_path,
    load_prices,
)
from glacier_gui.core.cost.requests import (
    RequestCount,
    effective_part_size,
    part_count,
    requests_for_sizes,
    requests_for_uniform,
)
from glacier_gui.core.textfmt import GiB, KiB, MiB, TiB, format_size, format_usd, parse_size

__all__ = [
    "ARCHIVED_OVERHEAD_NOTE",
    "BINARY_GB",
    "DAYS_PER_MONTH",
    "DECIMAL_GB",
    "MAX_PARTS",
    "MAX_PART_SIZE",
    "MIN_PART_SIZE",
    "ClassPrices",
    "GiB",
    "KiB",
    "MiB",
    "PriceBook",
    "PricingFileError",
    "RegionPrices",
    "RequestCount",
    "RestoreEstimate",
    "TierPrices",
    "THUMBNAIL_BYTES",
    "ThumbnailEstimate",
    "TiB",
    "UnknownPriceError",
    "UploadEstimate",
    "default_pricing_path",
    "early_deletion_fee",
    "effective_part_size",
    "format_size",
    "format_usd",
    "load_prices",
    "parse_size",
    "part_count",
    "requests_for_sizes",
    "requests_for_uniform",
    "restore_estimate",
    "thumbnail_estimate",
    "upload_estimate",
]
