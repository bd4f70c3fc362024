"""Small-file packing, estimates and the 180-day guard, against moto's real HTTP server."""

from __future__ import annotations

import io
import json
import os
import tarfile
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.cost import load_prices
from glacier_gui.core.ledger.status import State
from glacier_gui.core.ledger.volumes import plan_volumes
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from glacier_gui.core.upload.estimate import plan_uniform, plan_upload
from tests.conftest import cli_args, write

UNIT = "2022/0601_運動会"


def count_requests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every HTTP request line this process sends (botocore's): a real count."""
    import http.client

    seen: list[str] = []
    putrequest = http.client.HTTPConnection.putrequest

    def counted(self, method, url, *args, **kwargs):
        seen.append(method)
        return putrequest(self, method, url, *args, **kwargs)

    monkeypatch.setattr(http.client.HTTPConnection, "putrequest", counted)
    return seen


@pytest.fixture
def many_small(album: Path) -> Path:
    folder = album / "2022" / "0601_運動会"
    for i in range(120):
        write(folder / "写真" / f"IMG_{i:04d}.jpg", os.urandom(1000 + i * 7))
    write(folder / "big.mov", os.urandom(3 * 2**20))  # stays its own object
    return folder


def test_packing_sends_few_objects_and_records_members(
    settings: Settings, data_dir: Path, s3, bucket: str, many_small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.pack_below = 2**20
    settings.storage_class = "STANDARD"  # so the test can read the volume back without a restore
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    client = make_client(settings)
    requests = count_requests(monkeypatch)
    plan = plan_upload(
        [summary.scan.by_key()[UNIT]],
        load_prices(),
        "us-east-1",
        "STANDARD",
        settings.part_size_mib * 2**20,
        settings.pack_below,
    )
    report = backup.upload_marked(settings, table, data_dir, client, scan=summary.scan)
    [unit] = report.units
    assert unit.ok, unit.error
    assert unit.volumes == 1 and unit.files_uploaded == 122
    assert sorted(requests[:2]) == ["GET", "HEAD"]  # the bucket check and the unfinished uploads, once per run
    assert len(requests) - 2 == unit.requests == plan.total_requests  # the estimate matches what was sent
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="10_Album/")["Contents"])
    assert len(keys) == 2 and keys[0].endswith("big.mov") and keys[1].endswith(".tar")
    assert table.require(UNIT).aws_file_count == 2
    manifest = json.loads(
        s3.get_object(Bucket=bucket, Key=f".glacier_gui/10_Album/manifests/{UNIT}.json")["Body"].read()
    )
    members = {f["path"]: f for f in manifest["files"]}
    assert len(members) == 122 and members["big.mov"]["volume"] == ""
    photo = members["写真/IMG_0042.jpg"]
    assert photo["volume"] == keys[1] and photo["offset"] > 0
    # One photo back with a ranged GET, as a restore of a single file would do.
    start, end = photo["offset"], photo["offset"] + photo["size"] - 1
    ranged = s3.get_object(Bucket=bucket, Key=keys[1], Range=f"bytes={start}-{end}")["Body"].read()
    assert ranged == (many_small / "写真" / "IMG_0042.jpg").read_bytes()
    # And the whole volume is a standard tar with UTF-8 names and the files' mtimes.
    volume = s3.get_object(Bucket=bucket, Key=keys[1])["Body"].read()
    with tarfile.open(fileobj=io.BytesIO(volume)) as tar:
        names = tar.getnames()
        member = tar.getmember("写真/IMG_0042.jpg")
        assert abs(member.mtime - (many_small / "写真" / "IMG_0042.jpg").stat().st_mtime) < 1e-3
    assert len(names) == 121 and "リレー.jpg" in names


def test_interrupted_volume_resumes_from_its_parts(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path
) -> None:
    folder = album / "2022" / "0601_運動会"
    for i in range(14):
        write(folder / f"clip_{i:02d}.jpg", os.urandom(900_000))  # 12.6 MB of small files: a 3-part volume
    settings.pack_below = 2**20
    settings.concurrency = 1
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    cancel = CancelToken()
    client = make_client(settings)
    real = client.upload_part

    def upload_part(**kwargs):
        response = real(**kwargs)
        cancel.cancel()
        return response

    client.upload_part = upload_part
    first = backup.upload_marked(settings, table, data_dir, client, cancel=cancel, scan=summary.scan)
    assert first.failed and table.require(UNIT).status == State.CHECK_FILE_UPLOAD
    again = backup.upload_marked(settings, table, data_dir, make_client(settings), units=[UNIT])
    [unit] = again.units
    assert unit.ok and unit.parts_resumed >= 1 and unit.volumes == 1
    assert not s3.list_multipart_uploads(Bucket=bucket).get("Uploads")
    assert not list((data_dir / "tmp").glob("*.tar"))  # no temporary volume left behind


def test_changed_small_file_goes_into_a_new_volume_without_overwriting(
    settings: Settings, data_dir: Path, s3, bucket: str, many_small: Path
) -> None:
    settings.pack_below = 2**20
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    client = make_client(settings)
    assert not backup.upload_marked(settings, table, data_dir, client, scan=summary.scan).failed
    before = {o["Key"]: o["ETag"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    (many_small / "写真" / "IMG_0001.jpg").write_bytes(b"edited")
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    report = backup.upload_marked(settings, table, data_dir, client, scan=summary.scan)
    [unit] = report.units
    assert unit.ok and unit.files_uploaded == 1 and unit.volumes == 1 and unit.files_skipped == 121
    after = {o["Key"]: o["ETag"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert all(after[k] == v for k, v in before.items() if not k.startswith(".glacier_gui"))  # nothing replaced
    assert len([k for k in after if k.endswith(".tar")]) == 2


def test_overwrite_guard_reports_the_early_deletion_fee(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path, capsys
) -> None:
    args = cli_args(settings, data_dir)
    assert main(["run", *args]) == 0
    assert main(["mark", "--upload", UNIT, *args]) == 0
    assert main(["upload", *args]) == 0
    (album / "2022" / "0601_運動会" / "リレー.jpg").write_bytes(b"x" * 5000)
    assert main(["scan", *args]) == 0
    assert main(["mark", "--upload", UNIT, *args]) == 0
    capsys.readouterr()
    assert main(["upload", *args]) == 1
    out = capsys.readouterr().out
    assert "nothing was overwritten" in out and "early-deletion fees" in out and "--allow-overwrite" in out
    assert main(["upload", "--allow-overwrite", *args]) == 0
    assert "1 object(s) replaced (early-deletion fee about $" in capsys.readouterr().out


def test_plan_of_ten_thousand_small_files_needs_far_fewer_requests_when_packed() -> None:
    prices = load_prices()
    plain = plan_uniform(10_000, 10_000 * 50_000, prices, "us-east-2", "DEEP_ARCHIVE", 16 * 2**20, 0)
    packed = plan_uniform(10_000, 10_000 * 50_000, prices, "us-east-2", "DEEP_ARCHIVE", 16 * 2**20, 2**20)
    assert plain.total_requests == 10_000 + 1 + 10 + 1 and plain.estimate.request_cost == pytest.approx(0.5)
    assert plain.total_requests / packed.total_requests >= 50
    assert plain.with_packing is not None and plain.packing_saves > 0.4
    assert packed.with_packing is None


def test_volumes_are_deterministic_and_capped(tmp_path: Path) -> None:
    from glacier_gui.core.album.scan import FileEntry

    files = [FileEntry(f"f{i}", 30 * 2**20, float(i), "") for i in range(5)]
    plans = plan_volumes(files, cap=64 * 2**20)
    assert [len(p.members) for p in plans] == [2, 2, 1]
    assert [p.name for p in plans] == [p.name for p in plan_volumes(reversed(files), cap=64 * 2**20)]


def test_estimate_command_reproduces_the_original_readme(capsys, tmp_path: Path) -> None:
    assert (
        main(
            [
                "estimate",
                "--files",
                "200000",
                "--size",
                "2TB",
                "--region",
                "us-east-2",
                "--json",
                "--data-dir",
                str(tmp_path),
            ]
        )
        == 0
    )
    body = json.loads(capsys.readouterr().out)
    assert body["request_cost_usd"] == pytest.approx(10.0)
    assert body["storage_monthly_data_usd"] == pytest.approx(1.98)
    assert main(["estimate", "--files", "10", "--data-dir", str(tmp_path)]) == 2
    assert main(["estimate", "--files", "10", "--size", "lots", "--data-dir", str(tmp_path)]) == 2
