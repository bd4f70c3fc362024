"""One part-size rule: the upload engine sends what the estimate counts, at every boundary.

The engine's own planning (a dry run of ``upload_units``) and its real uploads (against moto's HTTP server,
counting the parts moto received) are compared with ``requests_for_sizes``/``plan_upload``: a file of exactly
one part size is one PUT, one byte more is two parts, and above 10,000 parts the part size doubles.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import glacier_gui.core.cost.requests as cost_requests
from glacier_gui.core.album.scan import ScanResult, SkipRules, scan_album
from glacier_gui.core.cost import load_prices, requests_for_sizes
from glacier_gui.core.cost.requests import plan_object
from glacier_gui.core.s3.client import KeyLayout, make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload.engine import MIB, UploadOptions, upload_units
from glacier_gui.core.upload.estimate import plan_upload
from tests.test_packing import count_requests

PART = 5 * MIB  # S3's smallest part size: the smallest real files that cross the boundary
BOUNDARIES = {
    "below": (PART - 1, 1),  # size, PUT-class requests for it
    "at": (PART, 1),
    "above": (PART + 1, 1 + 2 + 1),
    "max-parts": (10_000 * PART, 1 + 10_000 + 1),
    "one-part-too-many": (10_000 * PART + 1, 1 + 5_001 + 1),  # parts of 10 MiB instead
}


def sparse(path: Path, size: int) -> None:
    """A file of *size* bytes that takes no disk space (planning looks only at sizes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.truncate(size)


def options(root: Path, bucket: str, data_dir: Path, dry_run: bool) -> UploadOptions:
    return UploadOptions(
        bucket=bucket,
        layout=KeyLayout("", root.name),
        storage_class="STANDARD",
        concurrency=2,
        part_size=PART,
        dry_run=dry_run,
        data_dir=data_dir,
    )


def scan(root: Path) -> ScanResult:
    return scan_album(root, 1, SkipRules([], []))


def test_engine_plans_what_the_estimate_counts_at_every_boundary(
    tmp_path: Path, settings: Settings, bucket: str, data_dir: Path
) -> None:
    root = tmp_path / "album"
    for name, (size, _) in BOUNDARIES.items():
        sparse(root / name / "video.mp4", size)
    units = scan(root).units
    report = upload_units(make_client(settings), units, options(root, bucket, data_dir, dry_run=True))
    results = {r.unit: r for r in report.units}
    prices = load_prices()
    for unit in units:
        size, expected = BOUNDARIES[unit.key]
        # A dry run adds the listing before, the listing of the manifest's generations and the new generation.
        engine = results[unit.key].requests - 3
        estimate = requests_for_sizes([size], part_size=PART).total
        planned = plan_upload([unit], prices, "us-east-1", "STANDARD", PART, 0).requests.total
        assert engine == estimate == planned == expected, unit.key
        assert plan_object(size, PART).requests == expected


def test_engine_sends_the_parts_the_estimate_counts(
    tmp_path: Path, settings: Settings, s3, bucket: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "album"
    sizes = {"below": PART - 1, "at": PART, "above": PART + 1}
    for name, size in sizes.items():
        (root / name).mkdir(parents=True)
        (root / name / "clip.mov").write_bytes(os.urandom(size))
    units = scan(root).units
    requests = count_requests(monkeypatch)
    report = upload_units(make_client(settings), units, options(root, bucket, data_dir, dry_run=False))
    assert not report.failed, [r.error for r in report.failed]
    plan = plan_upload(units, load_prices(), "us-east-1", "STANDARD", PART, 0)
    assert len(requests) == sum(r.requests for r in report.units) == plan.total_requests
    for name, size in sizes.items():
        key = f"album/{name}/clip.mov"
        head = s3.head_object(Bucket=bucket, Key=key, PartNumber=1)  # PartsCount: what moto put together
        counted = requests_for_sizes([size], part_size=PART)
        assert head.get("PartsCount") == (counted.parts or None), name
        assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == size


def test_engine_doubles_the_part_size_past_the_part_limit(
    tmp_path: Path, settings: Settings, s3, bucket: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10,001 real parts would be 50 GB; with the limit lowered to 2 the same doubling shows on 15 MiB.
    monkeypatch.setattr(cost_requests, "MAX_PARTS", 2)
    size = 3 * PART + 1
    root = tmp_path / "album"
    (root / "u").mkdir(parents=True)
    (root / "u" / "long.mov").write_bytes(os.urandom(size))
    units = scan(root).units
    client = make_client(settings)
    sent: list[int] = []
    real_upload_part = client.upload_part

    def upload_part(**kwargs):
        sent.append(len(kwargs["Body"].read()))
        kwargs["Body"].seek(0)
        return real_upload_part(**kwargs)

    client.upload_part = upload_part
    report = upload_units(client, units, options(root, bucket, data_dir, dry_run=False))
    assert not report.failed, report.units[0].error
    assert sorted(sent) == [PART + 1, 2 * PART]  # two parts of twice the part size, as the estimate counts
    assert requests_for_sizes([size], part_size=PART).parts == 2
    head = s3.head_object(Bucket=bucket, Key="album/u/long.mov", PartNumber=1)
    assert head["PartsCount"] == 2 and head["ContentLength"] == 2 * PART
