"""Verify without restore, and rebuilding a lost status.csv from the bucket (moto's HTTP server)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from glacier_gui.cli import main
from glacier_gui.core.ledger.status import backup_path, load_status
from glacier_gui.core.restore.verify import verify_units
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.conftest import cli_args, write

HOME = "2021/0401_帰省"  # IMG_0001.jpg (1000 x "a"), IMG_0002.jpg (2000 x "b"), big.mov (multipart)
TRAVEL = "2022/0501_旅行"
SPORTS = "2022/0601_運動会"


def upload(settings: Settings, data_dir: Path, units: list[str]) -> None:
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload(units)
    assert not backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan).failed


class CallLog:
    """The real client, noting every operation called on it."""

    def __init__(self, client) -> None:
        self._client = client
        self.calls: list[str] = []

    def __getattr__(self, name: str):
        attr = getattr(self._client, name)
        if callable(attr) and not name.startswith("get_paginator"):
            self.calls.append(name)
        return attr


def test_verify_passes_then_catches_missing_wrong_checksum_and_class(
    settings: Settings, data_dir: Path, album: Path, s3, bucket: str, capsys
) -> None:
    write(album / "2021" / "0401_帰省" / "big.mov", os.urandom(5 * 2**20 + 100))  # two parts of 5 MiB
    upload(settings, data_dir, [HOME, TRAVEL, SPORTS])
    client = CallLog(make_client(settings))
    checks = verify_units(client, bucket, layout_for(settings), data_dir, [HOME, TRAVEL, SPORTS])
    assert [c.ok for c in checks] == [True, True, True] and checks[0].files == 3
    assert set(client.calls) <= {"head_object"}  # listing through paginators, checksums by HEAD: no GET, no restore
    args = cli_args(settings, data_dir)
    assert main(["verify", *args]) == 0  # every Synchronized unit
    assert "3 unit(s) verified, 0 with problems" in capsys.readouterr().out

    s3.delete_object(Bucket=bucket, Key=f"10_Album/{HOME}/IMG_0001.jpg")
    s3.put_object(
        Bucket=bucket,
        Key=f"10_Album/{HOME}/IMG_0002.jpg",
        Body=b"B" * 2000,
        StorageClass="DEEP_ARCHIVE",
        ChecksumAlgorithm="SHA256",
    )  # same size, other bytes
    s3.put_object(
        Bucket=bucket,
        Key=f"10_Album/{SPORTS}/リレー.jpg",
        Body=b"e" * 4000,
        StorageClass="STANDARD",
        ChecksumAlgorithm="SHA256",
    )  # right bytes, wrong class
    assert main(["verify", "--json", *args]) == 1
    report = {c["unit"]: c for c in json.loads(capsys.readouterr().out)}
    assert not report[HOME]["ok"] and report[TRAVEL]["ok"] and not report[SPORTS]["ok"]
    assert {p["path"]: p["kind"] for p in report[HOME]["problems"]} == {
        "IMG_0001.jpg": "missing",
        "IMG_0002.jpg": "checksum",
    }
    assert [p["kind"] for p in report[SPORTS]["problems"]] == ["storage-class"]
    assert main(["verify", "--unit", TRAVEL, *args]) == 0
    assert main(["verify", "--unit", "1999/nothing", *args]) == 1
    assert "has no manifest" in capsys.readouterr().out


def test_verify_without_synchronized_units_is_bad_input(settings: Settings, data_dir: Path, capsys) -> None:
    assert main(["verify", *cli_args(settings, data_dir)]) == 2
    assert "--unit" in capsys.readouterr().err


def comparable(rows) -> dict[str, tuple]:
    keep = (
        "status",
        "local_path",
        "local_file_count",
        "local_total_size",
        "local_last_modified",
        "aws_arn",
        "aws_file_count",
        "aws_total_size",
        "storage_class",
    )
    return {r.unit: tuple(getattr(r, k) for k in keep) for r in rows}


def test_rebuild_status_reproduces_a_deleted_status_csv(
    settings: Settings, data_dir: Path, album: Path, capsys
) -> None:
    upload(settings, data_dir, [HOME, TRAVEL])
    status = Path(settings.status_file)
    before = load_status(status, settings.album_root)
    assert comparable(before)[SPORTS][0] == "Check"
    status.unlink()
    backup_path(status).unlink(missing_ok=True)
    other_data = data_dir.parent / "fresh-data"  # a new computer: no local manifests either
    args = cli_args(settings, other_data)
    assert main(["rebuild-status", *args]) == 0
    assert "3 unit(s)" in capsys.readouterr().out
    after = load_status(status, settings.album_root)
    assert comparable(after) == comparable(before)
    assert after.require(HOME).sync_end and after.require(HOME).sync_start <= after.require(HOME).sync_end

    assert main(["rebuild-status", *args]) == 2  # never replaced without --force
    assert "--force" in capsys.readouterr().err
    write(album / "2022" / "0501_旅行" / "new.jpg", b"new photo")
    assert main(["rebuild-status", "--force", *args]) == 0
    rows = comparable(load_status(status, settings.album_root))
    assert rows[TRAVEL][0] == "Check" and rows[HOME][0] == "Synchronized"
    assert backup_path(status).exists()


def test_verify_packed_units(settings: Settings, data_dir: Path, s3, bucket: str) -> None:
    settings.pack_below = 10_000  # both files of the unit go into one tar volume
    upload(settings, data_dir, [TRAVEL])
    client = make_client(settings)
    [check] = verify_units(client, bucket, layout_for(settings), data_dir, [TRAVEL])
    assert check.ok and check.files == 2 and check.objects == 1
    [volume] = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=f"10_Album/{TRAVEL}/")["Contents"]]
    s3.put_object(Bucket=bucket, Key=volume, Body=b"short", StorageClass="DEEP_ARCHIVE")
    [check] = verify_units(client, bucket, layout_for(settings), data_dir, [TRAVEL])
    assert {p.kind for p in check.problems} == {"volume"} and len(check.problems) == 2


def test_a_passing_server_error_is_checked_again_not_reported_as_a_broken_backup(
    settings: Settings, data_dir: Path, bucket: str, monkeypatch
) -> None:
    from glacier_gui.core.restore import verify
    from glacier_gui.core.s3.errors import S3RequestError

    upload(settings, data_dir, [TRAVEL])
    real = verify.load_manifest
    failures = iter([S3RequestError("S3 error 503: Service Unavailable", "ServiceUnavailable")])

    def flaky(*args, **kwargs):
        for exc in failures:  # the first call only
            raise exc
        return real(*args, **kwargs)

    monkeypatch.setattr(verify, "load_manifest", flaky)
    [check] = verify_units(make_client(settings), bucket, layout_for(settings), data_dir, [TRAVEL])
    assert check.ok and check.error == "" and check.files == 2

    failures = iter([S3RequestError("S3 error 503: Service Unavailable", "ServiceUnavailable")] * 50)
    [check] = verify_units(make_client(settings), bucket, layout_for(settings), data_dir, [TRAVEL], outage_wait=0)
    assert not check.ok and "503" in check.error  # no wait allowed: reported, with the reason
