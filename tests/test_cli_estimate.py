"""``glacier-gui estimate``'s what-if also tells what getting everything back costs, in Bulk and in Standard."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.cost import load_prices, restore_estimate
from glacier_gui.core.cost.estimates import restore_everything

README_EXAMPLE = ["estimate", "--files", "200000", "--size", "2TB", "--region", "us-east-2"]


def _tier_line(out: str, tier: str) -> str:
    [line] = [line for line in out.splitlines() if line.strip().startswith(f"{tier}, within")]
    return line


def test_the_readme_example_prints_retrieval_requests_and_egress_per_tier(tmp_path: Path, capsys) -> None:
    assert main([*README_EXAMPLE, "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "$10.00 once" in out  # the upload estimate is still there, unchanged
    bulk, standard = _tier_line(out, "Bulk"), _tier_line(out, "Standard")
    # The original README: 2 TB in Bulk is 5 USD retrieval + 5 USD requests (+ egress, 0.09 USD/GB in Ohio).
    assert "within 48 h" in bulk and "retrieval $5.00" in bulk and "requests $5.00" in bulk
    assert "egress $180.00" in bulk
    assert "within 12 h" in standard and "retrieval $40.00" in standard and "requests $20.00" in standard
    assert "egress $180.00" in standard
    assert "restored copies kept 7 days" in out and "internet transfer out" in out
    # The total is the sum of the charges on its line.
    for line in (bulk, standard):
        total, *charges = (float(x.replace(",", "")) for x in re.findall(r"\$([\d,]+\.\d+)", line))
        assert total == pytest.approx(sum(charges), abs=0.011)


def test_the_json_carries_the_same_figures(tmp_path: Path, capsys) -> None:
    assert main([*README_EXAMPLE, "--json", "--data-dir", str(tmp_path)]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["request_cost_usd"] == pytest.approx(10.0)
    bulk, standard = body["restore_everything"]
    assert (bulk["tier"], standard["tier"]) == ("Bulk", "Standard")
    assert bulk["retrieval_cost_usd"] == pytest.approx(5.0) and bulk["restore_request_cost_usd"] == pytest.approx(5.0)
    assert standard["retrieval_cost_usd"] == pytest.approx(40.0)
    assert standard["restore_request_cost_usd"] == pytest.approx(20.0)
    for tier in (bulk, standard):
        assert tier["egress_cost_usd"] == pytest.approx(180.0)
        assert tier["get_request_cost_usd"] == pytest.approx(0.08)
        assert (tier["objects"], tier["bytes"], tier["restore_days"]) == (200_000, 2 * 10**12, 7)
        parts = ("retrieval", "restore_request", "get_request", "temporary_copy", "egress")
        assert tier["total_usd"] == pytest.approx(sum(tier[f"{p}_cost_usd"] for p in parts))


def test_packed_volumes_are_what_gets_restored(tmp_path: Path, capsys) -> None:
    args = ["estimate", "--files", "10000", "--size", "500MB", "--pack-below", "1MiB", "--json"]
    assert main([*args, "--data-dir", str(tmp_path)]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["objects"] < 100  # tar volumes, not 10,000 photos
    assert {tier["objects"] for tier in body["restore_everything"]} == {body["objects"]}


def test_a_class_read_directly_needs_no_restore_tier(tmp_path: Path, capsys) -> None:
    args = [*README_EXAMPLE, "--storage-class", "STANDARD", "--data-dir", str(tmp_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "direct download: $180.08 = retrieval $0.00 + egress $180.00 + downloads $0.08" in out
    assert "Bulk" not in out and "temporary copy" not in out


def test_the_marked_units_estimate_is_unchanged(tmp_path: Path, capsys) -> None:
    assert main(["estimate", "--data-dir", str(tmp_path), "--root", str(tmp_path)]) == 2  # nothing marked
    assert "no unit is in state Upload" in capsys.readouterr().err


def test_restore_everything_compares_bulk_and_standard_only() -> None:
    prices = load_prices()
    glacier = restore_everything(prices, "us-east-2", "GLACIER", 1000, 10**9, restore_days=3)
    assert [e.tier for e in glacier] == ["Bulk", "Standard"]  # GLACIER's Expedited is left out
    assert glacier[1] == restore_estimate(prices, "us-east-2", "GLACIER", "Standard", 1000, 10**9, restore_days=3)
    [direct] = restore_everything(prices, "us-east-2", "STANDARD_IA", 1000, 10**9)
    assert direct.tier is None and direct.retrieval_cost == pytest.approx(0.01)
    only = restore_everything(prices, "us-east-2", "DEEP_ARCHIVE", 1, 1, tiers=("Expedited", "bulk"))
    assert [e.tier for e in only] == ["Bulk"]  # Deep Archive has no Expedited tier
