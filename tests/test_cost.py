"""Tests for glacier_gui.core.cost: the cost model (pure Python, no network)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from glacier_gui.core.cost import (
    BINARY_GB,
    DECIMAL_GB,
    MAX_PARTS,
    GiB,
    KiB,
    MiB,
    PriceBook,
    PricingFileError,
    RequestCount,
    TiB,
    UnknownPriceError,
    default_pricing_path,
    early_deletion_fee,
    effective_part_size,
    format_size,
    format_usd,
    load_prices,
    parse_size,
    part_count,
    requests_for_sizes,
    requests_for_uniform,
    restore_estimate,
    upload_estimate,
)
from glacier_gui.core.cost.requests import uses_multipart

REQUIRED_REGIONS = {
    "us-east-1",
    "us-east-2",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-northeast-1",
    "ap-northeast-3",
}
REQUIRED_CLASSES = {
    "STANDARD",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER_IR",
    "GLACIER",
    "DEEP_ARCHIVE",
}


@pytest.fixture(scope="module")
def prices() -> PriceBook:
    return load_prices()


# --- The original README's worked example (料金試算) -----------------------------------------------------


def test_original_readme_example_is_reproduced(prices: PriceBook) -> None:
    """20万枚、合計2TB, Ohio, Deep Archive: PUT 10 USD, 1.98 USD/month, Bulk retrieval 5 USD."""
    files = 200_000
    total = parse_size("2TB")
    assert total == 2 * 10**12
    assert prices.gb_bytes == DECIMAL_GB
    assert prices.gb(total) == pytest.approx(2000)  # "0.00099*2000"

    # One PUT per file, as the README counts: 10 MB files stay within the 16 MiB part size.
    requests = requests_for_uniform(files, total, part_size=16 * MiB)
    assert requests == RequestCount(objects=files, single_puts=files, multipart_uploads=0, parts=0)
    assert requests.total == 200_000

    upload = upload_estimate(prices, "us-east-2", "DEEP_ARCHIVE", files, total, requests)
    assert upload.request_cost == pytest.approx(0.05 * 200_000 / 1000)  # 初回アップロード: 10 USD
    assert upload.request_cost == pytest.approx(10.0)
    assert upload.storage_monthly_data == pytest.approx(0.00099 * 2000)  # 維持費: 1.98 USD/month
    assert upload.storage_monthly_data == pytest.approx(1.98)
    # The README leaves out the per-object overhead; the model shows it on its own line.
    overhead = files * (8 * KiB / 1e9 * 0.023 + 32 * KiB / 1e9 * 0.00099)
    assert upload.overhead_monthly == pytest.approx(overhead)
    assert upload.storage_monthly == pytest.approx(1.98 + overhead)
    assert upload.minimum_commitment == pytest.approx((1.98 + overhead) * 6)

    restore = restore_estimate(prices, "us-east-2", "DEEP_ARCHIVE", "Bulk", files, total)
    assert restore.retrieval_cost == pytest.approx(0.0025 * 2000)  # 大容量取り出し費用: 5 USD
    assert restore.retrieval_cost == pytest.approx(5.0)
    # Requests for retrieval.  The README writes "GETリクエスト 0.05*200000/1000=10ドル", i.e. the PUT rate
    # applied to 200,000 requests.  What S3 bills is 200,000 Bulk restore requests at 0.025 per 1,000
    # plus 200,000 GETs of the restored copies at 0.0004 per 1,000.
    assert restore.restore_request_cost == pytest.approx(0.025 * 200_000 / 1000)
    assert restore.restore_request_cost == pytest.approx(5.0)
    assert restore.get_request_cost == pytest.approx(0.0004 * 200_000 / 1000)
    assert restore.get_request_cost == pytest.approx(0.08)
    assert restore.hours_max == 48


def test_readme_files_with_boto3_default_part_size_cost_four_times_the_puts(prices: PriceBook) -> None:
    # 10 MB files are above boto3's 8 MiB default part size: 1 create + 2 parts + 1 complete each.
    requests = requests_for_uniform(200_000, parse_size("2TB"), part_size=8 * MiB)
    assert (requests.multipart_uploads, requests.parts, requests.total) == (200_000, 400_000, 800_000)
    upload = upload_estimate(prices, "us-east-2", "DEEP_ARCHIVE", 200_000, parse_size("2TB"), requests)
    assert upload.request_cost == pytest.approx(40.0)


# --- Sizes and money as text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2TB", 2 * 10**12),
        ("2TiB", 2 * 2**40),
        ("500GB", 500 * 10**9),
        ("1.5 GiB", 1_610_612_736),
        ("10MB", 10_000_000),
        ("1MiB", 1_048_576),
        ("512k", 512_000),
        ("4 KiB", 4096),
        ("1048576", 1_048_576),
        ("0", 0),
        ("  7 b ", 7),
        ("2tb", 2 * 10**12),
        (".5 KB", 500),
        ("0.3 KiB", 307),  # 307.2 rounds to the nearest byte
    ],
)
def test_parse_size_accepts(text: str, expected: int) -> None:
    assert parse_size(text) == expected


def test_parse_size_tb_and_tib_differ() -> None:
    assert parse_size("2TiB") - parse_size("2TB") == 2 * 2**40 - 2 * 10**12


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "abc",
        "TB",
        "2 XB",
        "2TBs",
        "-1",
        "-2TB",
        "1e3",
        "1,000",
        "1.5",
        "1.2.3GB",
        "nan",
        "inf",
        "2 T B",
        "0x10",
    ],
)
def test_parse_size_rejects_junk(junk: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_size(junk)
    assert repr(junk) in str(info.value) or "whole number" in str(info.value)


def test_parse_size_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        parse_size(1024)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KiB"),
        (1_610_612_736, "1.5 GiB"),
        (100 * MiB, "100.0 MiB"),
        (2 * TiB, "2.0 TiB"),
        (1024 * 1024 - 1, "1.0 MiB"),  # not "1024.0 KiB"
        (-1536, "-1.5 KiB"),
    ],
)
def test_format_size(n: int, expected: str) -> None:
    assert format_size(n) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (10, "$10.00"),
        (1.98, "$1.98"),
        (1234.5, "$1,234.50"),
        (0.0065, "$0.0065"),
        (0.08, "$0.08"),
        (0, "$0.00"),
        (-3, "-$3.00"),
        (1e-9, "$0.00"),
    ],
)
def test_format_usd(amount: float, expected: str) -> None:
    assert format_usd(amount) == expected


# --- Counting upload requests ---------------------------------------------------------------------------


def test_multipart_100_mib_with_16_mib_parts_is_nine_requests() -> None:
    counted = requests_for_sizes([100 * MiB], part_size=16 * MiB)
    assert counted == RequestCount(objects=1, single_puts=0, multipart_uploads=1, parts=7)
    assert counted.total == 1 + 7 + 1


def test_a_file_of_exactly_one_part_is_one_put() -> None:
    at = requests_for_sizes([16 * MiB], part_size=16 * MiB)
    above = requests_for_sizes([16 * MiB + 1], part_size=16 * MiB)
    assert (at.single_puts, at.total) == (1, 1)
    assert (above.multipart_uploads, above.parts, above.total) == (1, 2, 4)
    assert not uses_multipart(16 * MiB, 16 * MiB) and uses_multipart(16 * MiB + 1, 16 * MiB)
    assert uses_multipart(5 * GiB + 1, 5 * GiB)  # above S3's largest single PUT


def test_mixed_sizes_add_up() -> None:
    sizes = [0, 1, 5 * MiB, 16 * MiB, 16 * MiB + 1, 40 * MiB]  # PUT, PUT, PUT, PUT, 1+2+1, 1+3+1
    counted = requests_for_sizes(sizes)  # the engine's default part size: 16 MiB
    assert counted == RequestCount(objects=6, single_puts=4, multipart_uploads=2, parts=5)
    assert counted.total == 4 + 5 + 2 * 2


def test_part_size_grows_to_stay_within_10000_parts() -> None:
    exactly = MAX_PARTS * 16 * MiB
    assert effective_part_size(exactly, 16 * MiB) == 16 * MiB
    assert part_count(exactly, 16 * MiB) == 10_000
    assert effective_part_size(exactly + 1, 16 * MiB) == 32 * MiB
    assert part_count(exactly + 1, 16 * MiB) == 5_001

    counted = requests_for_sizes([200 * GiB], part_size=16 * MiB)
    assert counted.parts == 6_400  # 12,800 parts of 16 MiB would exceed the cap; 32 MiB parts instead
    assert counted.total == 6_402
    assert part_count(5 * TiB, 5 * MiB) <= MAX_PARTS
    # Like boto3's transfer manager, the part size doubles: 16 -> 32 -> 64 MiB (48 MiB would also fit).
    assert effective_part_size(25_000 * 16 * MiB, 16 * MiB) == 64 * MiB


def test_request_counting_rejects_impossible_input() -> None:
    with pytest.raises(ValueError, match="5 TiB"):
        requests_for_sizes([5 * TiB + 1])
    with pytest.raises(ValueError, match="negative"):
        requests_for_sizes([-1])
    with pytest.raises(ValueError, match="part size"):
        requests_for_sizes([1], part_size=1 * MiB)
    with pytest.raises(ValueError, match="part size"):
        requests_for_sizes([1], part_size=6 * GiB)
    with pytest.raises(ValueError, match="zero objects"):
        requests_for_uniform(0, 10)


def test_uniform_matches_explicit_sizes() -> None:
    size = 20 * MiB
    uniform = requests_for_uniform(3, 3 * size + 2, part_size=16 * MiB)
    explicit = requests_for_sizes([size, size + 1, size + 1], part_size=16 * MiB)
    assert uniform == explicit == RequestCount(objects=3, multipart_uploads=3, parts=6)
    assert requests_for_uniform(0, 0) == RequestCount()


# --- Upload estimate ------------------------------------------------------------------------------------


def test_archived_overhead_is_8_kib_standard_plus_32_kib_class(prices: PriceBook) -> None:
    deep = upload_estimate(prices, "us-east-1", "DEEP_ARCHIVE", 1000, 10**9)
    assert deep.overhead_monthly == pytest.approx(1000 * (8192 / 1e9 * 0.023 + 32768 / 1e9 * 0.00099))
    glacier = upload_estimate(prices, "us-east-1", "GLACIER", 1000, 10**9)
    assert glacier.overhead_monthly == pytest.approx(1000 * (8192 / 1e9 * 0.023 + 32768 / 1e9 * 0.0036))
    standard = upload_estimate(prices, "us-east-1", "STANDARD", 1000, 10**9)
    assert standard.overhead_monthly == 0.0
    assert standard.storage_monthly == pytest.approx(0.023)


def test_upload_estimate_commitment_and_year(prices: PriceBook) -> None:
    est = upload_estimate(prices, "ap-northeast-1", "DEEP_ARCHIVE", 10, 10 * 10**12)
    assert est.storage_monthly_data == pytest.approx(0.002 * 10_000)
    assert est.min_storage_days == 180
    assert est.minimum_commitment == pytest.approx(est.storage_monthly * 180 / 30)
    assert est.cost_per_year == pytest.approx(est.storage_monthly * 12)
    assert est.first_year_total == pytest.approx(est.request_cost + est.cost_per_year)


def test_small_objects_billed_at_minimum_size(prices: PriceBook) -> None:
    est = upload_estimate(prices, "us-east-1", "STANDARD_IA", 1000, 1000 * 1000)  # 1 KB each
    assert est.storage_monthly_data == pytest.approx(1000 * 128 * KiB / 1e9 * 0.0125)
    assert est.minimum_commitment == pytest.approx(est.storage_monthly)  # 30 days


def test_intelligent_tiering_monitoring_only_for_large_objects(prices: PriceBook) -> None:
    large = upload_estimate(prices, "us-east-1", "INTELLIGENT_TIERING", 2000, 2000 * MiB)
    assert large.monitoring_monthly == pytest.approx(2 * 0.0025)
    small = upload_estimate(prices, "us-east-1", "INTELLIGENT_TIERING", 2000, 2000 * KiB)
    assert small.monitoring_monthly == 0.0


def test_upload_estimate_checks_request_objects(prices: PriceBook) -> None:
    with pytest.raises(ValueError, match="objects"):
        upload_estimate(prices, "us-east-1", "DEEP_ARCHIVE", 5, 100, requests_for_uniform(4, 100))


# --- Early deletion -------------------------------------------------------------------------------------


def test_early_deletion_fee_is_prorated_and_zero_after_minimum(prices: PriceBook) -> None:
    size = 10**9
    billed_gb = (size + 32 * KiB) / 1e9
    fee = early_deletion_fee(prices, "us-east-1", "DEEP_ARCHIVE", size, 90)
    assert fee == pytest.approx(billed_gb * 0.00099 * 90 / 30)
    assert early_deletion_fee(prices, "us-east-1", "DEEP_ARCHIVE", size, 0) == pytest.approx(billed_gb * 0.00099 * 6)
    assert early_deletion_fee(prices, "us-east-1", "DEEP_ARCHIVE", size, 179.5) > 0
    assert early_deletion_fee(prices, "us-east-1", "DEEP_ARCHIVE", size, 180) == 0.0
    assert early_deletion_fee(prices, "us-east-1", "DEEP_ARCHIVE", size, 365) == 0.0
    assert early_deletion_fee(prices, "us-east-1", "STANDARD", size, 0) == 0.0
    glacier = early_deletion_fee(prices, "us-east-1", "GLACIER", size, 30)
    assert glacier == pytest.approx(billed_gb * 0.0036 * 60 / 30)
    with pytest.raises(ValueError):
        early_deletion_fee(prices, "us-east-1", "DEEP_ARCHIVE", size, -1)


# --- Restore --------------------------------------------------------------------------------------------


def test_deep_archive_standard_tier(prices: PriceBook) -> None:
    est = restore_estimate(prices, "us-east-1", "DEEP_ARCHIVE", "standard", 1000, 100 * 10**9, restore_days=3)
    assert est.tier == "Standard"
    assert est.retrieval_cost == pytest.approx(0.02 * 100)
    assert est.restore_request_cost == pytest.approx(0.10)
    assert est.get_request_cost == pytest.approx(0.0004)
    assert est.temporary_copy_cost == pytest.approx(100 * 0.023 * 3 / 30)
    assert est.egress_cost == pytest.approx(0.09 * 100)
    assert est.hours_max == 12
    assert est.total == pytest.approx(2.0 + 0.10 + 0.0004 + 0.23 + 9.0)


def test_expedited_is_refused_on_deep_archive(prices: PriceBook) -> None:
    with pytest.raises(ValueError, match="Expedited") as info:
        restore_estimate(prices, "us-east-2", "DEEP_ARCHIVE", "Expedited", 1, 1)
    assert "Standard" in str(info.value) and "Bulk" in str(info.value)
    with pytest.raises(ValueError, match="tier"):
        restore_estimate(prices, "us-east-2", "DEEP_ARCHIVE", None, 1, 1)


def test_glacier_flexible_tiers(prices: PriceBook) -> None:
    expedited = restore_estimate(prices, "us-east-1", "GLACIER", "Expedited", 1000, 10**9)
    assert expedited.hours_max < 1
    assert expedited.restore_request_cost == pytest.approx(10.0)
    assert expedited.retrieval_cost == pytest.approx(0.03)
    standard = restore_estimate(prices, "us-east-1", "GLACIER", "Standard", 1000, 10**9)
    assert (standard.hours_min, standard.hours_max) == (3, 5)
    bulk = restore_estimate(prices, "us-east-1", "GLACIER", "Bulk", 1000, 10**9, include_egress=False)
    assert (bulk.hours_min, bulk.hours_max) == (5, 12)
    assert bulk.retrieval_cost == 0.0 and bulk.restore_request_cost == 0.0 and bulk.egress_cost == 0.0


def test_directly_readable_classes_take_no_tier(prices: PriceBook) -> None:
    ia = restore_estimate(prices, "us-east-1", "STANDARD_IA", None, 10, 50 * 10**9, include_egress=False)
    assert ia.retrieval_cost == pytest.approx(0.01 * 50)
    assert ia.restore_request_cost == 0.0 and ia.temporary_copy_cost == 0.0 and ia.hours_max == 0.0
    assert ia.total == pytest.approx(0.5 + 10 / 1000 * 0.001)
    with pytest.raises(ValueError, match="tier=None"):
        restore_estimate(prices, "us-east-1", "STANDARD", "Bulk", 1, 1)


def test_tokyo_egress_is_dearer(prices: PriceBook) -> None:
    est = restore_estimate(prices, "ap-northeast-1", "DEEP_ARCHIVE", "Bulk", 1, 10**9)
    assert est.egress_cost == pytest.approx(0.114)


# --- The price book -------------------------------------------------------------------------------------


def test_unknown_region_and_class(prices: PriceBook) -> None:
    with pytest.raises(UnknownPriceError) as info:
        upload_estimate(prices, "mars-north-1", "DEEP_ARCHIVE", 1, 1)
    assert isinstance(info.value, KeyError)
    assert "mars-north-1" in str(info.value) and "us-east-2" in str(info.value)
    assert not str(info.value).startswith("'")
    with pytest.raises(UnknownPriceError, match="DEEP_ARCHIVE") as info2:
        prices.prices("us-east-1", "TAPE")
    assert "TAPE" in str(info2.value)
    assert prices.prices(" US-EAST-1 ", "deep_archive").storage_class == "DEEP_ARCHIVE"


def test_bundled_pricing_file_is_complete() -> None:
    raw = json.loads(default_pricing_path().read_text(encoding="utf-8"))
    assert "override" in raw["note"]
    assert set(raw["regions"]) >= REQUIRED_REGIONS
    for region in REQUIRED_REGIONS:
        data = raw["regions"][region]
        assert data["egress"]["as_of"] and data["egress"]["source"]
        assert set(data["classes"]) >= REQUIRED_CLASSES
        for block in data["classes"].values():
            assert block["as_of"] and "aws.amazon.com/s3/pricing" in block["source"]
    book = load_prices()
    minimum_days = {"DEEP_ARCHIVE": 180, "GLACIER": 90, "GLACIER_IR": 90, "STANDARD_IA": 30, "ONEZONE_IA": 30}
    for region in REQUIRED_REGIONS:
        for cls, days in minimum_days.items():
            assert book.prices(region, cls).min_storage_days == days
        assert set(book.prices(region, "DEEP_ARCHIVE").restore_tiers) == {"Standard", "Bulk"}
    for region in ("us-east-1", "us-east-2"):
        deep = book.prices(region, "DEEP_ARCHIVE")
        assert deep.storage_per_gb_month == 0.00099 and deep.put_per_1000 == 0.05
        assert (deep.overhead_standard_bytes, deep.overhead_class_bytes) == (8 * KiB, 32 * KiB)
        assert deep.restore_tiers["Bulk"].per_gb == 0.0025 and deep.restore_tiers["Bulk"].per_1000 == 0.025
        assert deep.restore_tiers["Standard"].per_gb == 0.02
        assert deep.restore_tiers["Standard"].per_1000 == 0.10
    assert book.prices("ap-northeast-1", "DEEP_ARCHIVE").storage_per_gb_month == 0.002
    assert book.region("us-east-1").egress_per_gb == 0.09
    assert book.region("ap-northeast-1").egress_per_gb == 0.114


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_override_file_deep_merges(tmp_path: Path) -> None:
    override = _write(
        tmp_path / "override.json",
        {"regions": {"us-east-1": {"classes": {"DEEP_ARCHIVE": {"storage_per_gb_month": 0.0012}}}}},
    )
    book = load_prices(overrides=override)
    deep = book.prices("us-east-1", "DEEP_ARCHIVE")
    assert deep.storage_per_gb_month == 0.0012
    assert deep.put_per_1000 == 0.05  # untouched sibling figure survives
    assert set(deep.restore_tiers) == {"Standard", "Bulk"}
    assert book.prices("us-east-2", "DEEP_ARCHIVE").storage_per_gb_month == 0.00099
    assert book.files[-1] == override
    est = upload_estimate(book, "us-east-1", "DEEP_ARCHIVE", 1, 10**12)
    assert est.storage_monthly_data == pytest.approx(1.2)


def test_override_can_switch_to_binary_gb(tmp_path: Path) -> None:
    book = load_prices(overrides=_write(tmp_path / "o.json", {"gb_bytes": BINARY_GB}))
    est = upload_estimate(book, "us-east-2", "DEEP_ARCHIVE", 1, 2 * 10**12)
    assert est.storage_monthly_data == pytest.approx(2 * 10**12 / 2**30 * 0.00099)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"regions": {"us-east-1": {"classes": {"DEEP_ARCHIVE": {"put_per_100": 1}}}}}, "put_per_100"),
        ({"regions": {"us-east-1": {"classes": {"DEEP_ARCHIVE": {"put_per_1000": -1}}}}}, "non-negative"),
        ({"regions": {"us-east-1": {"classes": {"DEEP_ARCHIVE": {"put_per_1000": "cheap"}}}}}, "number"),
        ({"regions": {"sa-east-1": {"classes": {"DEEP_ARCHIVE": {"put_per_1000": 0.1}}}}}, "egress"),
    ],
)
def test_bad_override_is_refused_with_its_location(tmp_path: Path, override: object, message: str) -> None:
    with pytest.raises(PricingFileError, match=message):
        load_prices(overrides=_write(tmp_path / "bad.json", override))


def test_invalid_json_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"regions": ', encoding="utf-8")
    with pytest.raises(PricingFileError, match="not valid JSON"):
        load_prices(overrides=broken)


def test_pyinstaller_bundle_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "resources" / "pricing.json"
    bundled.parent.mkdir()
    bundled.write_bytes(default_pricing_path().read_bytes())
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert default_pricing_path() == bundled
    assert math.isclose(load_prices().prices("us-east-2", "DEEP_ARCHIVE").storage_per_gb_month, 0.00099)
