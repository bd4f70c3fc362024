"""The leaked-key drill, checksum half: an attacker alters objects in a bucket that does not enforce write-once.

Each alteration is made straight with boto3 (no If-None-Match, the attacker's own client and its defaults), on
moto's HTTP server.  ``verify`` must then FAIL the unit and name the key, from this PC (the local manifests in
the data dir) and from a new PC (an empty data dir: the manifests come from the bucket).  An object is OK only
when S3 confirms the SHA-256 this app sent: the same-size garbage of these cases has none, or another kind, or
another one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from glacier_gui.cli import main
from glacier_gui.core.restore.verify import verify_units
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.conftest import cli_args, write

HOME = "2021/0401_帰省"  # IMG_0001.jpg, IMG_0002.jpg (packed below 2500 bytes), big.mov (two parts)
TRAVEL = "2022/0501_旅行"  # DSC_0001.jpg (3000 bytes, loose), sub/DSC_0002.jpg (packed)
SPORTS = "2022/0601_運動会"  # リレー.jpg (4000 bytes, loose)
UNITS = [HOME, TRAVEL, SPORTS]
BIG = 5 * 2**20 + 100


def upload(settings: Settings, data_dir: Path) -> None:
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload(UNITS)
    assert not backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan).failed


def attacker(s3_url: str):
    """A client like an attacker's script: botocore's defaults, or none of its checksums at all."""
    return boto3.client(
        "s3", endpoint_url=s3_url, region_name="us-east-1", config=Config(request_checksum_calculation="when_required")
    )


def garbage_put(checksum: str | None) -> Callable[..., None]:
    def alter(evil, bucket: str, key: str, size: int) -> None:
        extra = {"ChecksumAlgorithm": checksum} if checksum else {}
        evil.put_object(Bucket=bucket, Key=key, Body=b"\x00garbage" * (size // 8) + b"?" * (size % 8),
                        StorageClass="DEEP_ARCHIVE", **extra)  # fmt: skip

    return alter


def multipart_overwrite(checksum: str | None) -> Callable[..., None]:
    def alter(evil, bucket: str, key: str, size: int) -> None:
        extra = {"ChecksumAlgorithm": checksum} if checksum else {}
        upload_id = evil.create_multipart_upload(Bucket=bucket, Key=key, StorageClass="DEEP_ARCHIVE", **extra)[
            "UploadId"
        ]
        first = 5 * 2**20 if size > 5 * 2**20 else size
        parts = []
        for number, body in ((1, os.urandom(first)), (2, os.urandom(size - first))):
            if not body:
                continue
            answer = evil.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=body, **extra)
            part = {"PartNumber": number, "ETag": answer["ETag"]}
            if checksum:
                part[f"Checksum{checksum}"] = answer[f"Checksum{checksum}"]
            parts.append(part)
        evil.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts})

    return alter


def volume_of(s3, bucket: str, unit: str) -> str:
    [volume] = [
        o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=f"10_Album/{unit}/")["Contents"]
        if o["Key"].endswith(".tar")
    ]  # fmt: skip
    return volume


# (what the attacker does, the unit it hits, how to find the key)
ALTERATIONS = {
    "same-size garbage, no checksum": (garbage_put(None), SPORTS, lambda s3, b: f"10_Album/{SPORTS}/リレー.jpg"),
    "same-size garbage, CRC32": (garbage_put("CRC32"), TRAVEL, lambda s3, b: f"10_Album/{TRAVEL}/DSC_0001.jpg"),
    "same-size garbage, its own SHA-256": (
        garbage_put("SHA256"), TRAVEL, lambda s3, b: f"10_Album/{TRAVEL}/DSC_0001.jpg"
    ),
    "multipart overwrite, no checksum": (multipart_overwrite(None), HOME, lambda s3, b: f"10_Album/{HOME}/big.mov"),
    "multipart overwrite, its own SHA-256": (
        multipart_overwrite("SHA256"), HOME, lambda s3, b: f"10_Album/{HOME}/big.mov"
    ),
    "tar volume: same-size garbage, no checksum": (garbage_put(None), TRAVEL, lambda s3, b: volume_of(s3, b, TRAVEL)),
    "tar volume: same-size garbage, CRC32": (garbage_put("CRC32"), HOME, lambda s3, b: volume_of(s3, b, HOME)),
}  # fmt: skip


@pytest.fixture
def packed(settings: Settings, album: Path) -> Settings:
    write(album / "2021" / "0401_帰省" / "big.mov", os.urandom(BIG))
    settings.pack_below = 2500  # the small photos go into tar volumes
    return settings


@pytest.mark.parametrize("name", list(ALTERATIONS))
def test_verify_fails_every_altered_object_from_this_pc_and_a_new_one(
    packed: Settings, data_dir: Path, tmp_path: Path, s3, s3_url: str, bucket: str, capsys, name: str
) -> None:
    alter, unit, key_of = ALTERATIONS[name]
    upload(packed, data_dir)
    client, layout = make_client(packed), layout_for(packed)
    new_pc = tmp_path / "new-pc-data"
    for data in (data_dir, new_pc):
        checks = verify_units(client, bucket, layout, data, UNITS)
        assert [(c.unit, c.ok) for c in checks] == [(u, True) for u in UNITS], [c.problems for c in checks]

    key = key_of(s3, bucket)
    size = s3.head_object(Bucket=bucket, Key=key)["ContentLength"]
    alter(attacker(s3_url), bucket, key, size)
    assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == size  # the same size: only checksums tell

    for data in (data_dir, new_pc):
        checks = {c.unit: c for c in verify_units(client, bucket, layout, data, UNITS)}
        assert not checks[unit].ok, f"{name}: verify said OK from {data.name}"
        assert {p.key for p in checks[unit].problems} == {key}
        assert {p.kind for p in checks[unit].problems} == {"checksum"}
        assert all(c.ok for u, c in checks.items() if u != unit)  # the others stay OK
        assert main(["verify", *cli_args(packed, data)]) == 1
        out = capsys.readouterr().out
        assert f"FAIL {unit}" in out and key in out


def test_verify_json_names_the_key_and_why(packed: Settings, data_dir: Path, s3, s3_url: str, bucket: str, capsys):
    upload(packed, data_dir)
    key = f"10_Album/{TRAVEL}/DSC_0001.jpg"
    garbage_put("CRC32")(attacker(s3_url), bucket, key, 3000)
    assert main(["verify", "--json", "--unit", TRAVEL, *cli_args(packed, data_dir)]) == 1
    [report] = json.loads(capsys.readouterr().out)
    [problem] = report["problems"]
    assert problem["key"] == key and problem["kind"] == "checksum" and "CRC32" in problem["detail"]


def test_a_volume_the_manifest_records_no_checksum_for_is_not_ok(packed: Settings, data_dir: Path, bucket: str):
    """Volumes packed by an older version carry no checksum in the manifest: verify cannot prove them, so FAIL."""
    from glacier_gui.core.ledger.manifest import local_manifest_path, save_local_manifest
    from glacier_gui.core.s3.probe import load_manifest

    upload(packed, data_dir)
    client, layout = make_client(packed), layout_for(packed)
    manifest, source = load_manifest(client, bucket, layout, data_dir, TRAVEL)
    assert source == "local"
    [member] = [f for f in manifest.files.values() if f.volume]
    assert member.s3_checksum  # recorded at upload now
    member.s3_checksum = ""
    save_local_manifest(local_manifest_path(data_dir, bucket, layout.prefix, layout.root_name, TRAVEL), manifest)
    [check] = verify_units(client, bucket, layout, data_dir, [TRAVEL])
    assert [(p.path, p.kind) for p in check.problems] == [("sub/DSC_0002.jpg", "checksum")]
    assert "nothing proves" in check.problems[0].detail


def test_a_volume_an_earlier_run_sent_is_proven_by_its_checksum_not_its_size(
    packed: Settings, data_dir: Path, s3, s3_url: str, bucket: str
) -> None:
    """A run killed after a volume went up but before the manifest was written: the next run finds a volume of
    the same size under the same key.  It is adopted only when S3's SHA-256 is this tar's."""
    from glacier_gui.core.ledger.manifest import local_manifest_path

    def forget_the_upload() -> None:
        layout = layout_for(packed)
        local_manifest_path(data_dir, bucket, layout.prefix, layout.root_name, TRAVEL).unlink()
        s3.delete_object(Bucket=bucket, Key=layout.manifest_key(TRAVEL))

    def upload_again():
        table = backup.open_status(packed, data_dir)
        summary = backup.scan_into(packed, table)
        table.mark_upload([TRAVEL])
        return backup.upload_marked(packed, table, data_dir, make_client(packed), scan=summary.scan)

    upload(packed, data_dir)
    forget_the_upload()
    assert not upload_again().failed
    [check] = verify_units(make_client(packed), bucket, layout_for(packed), data_dir, [TRAVEL])
    assert check.ok, check.problems  # the member entries carry the volume's checksum, found in S3

    volume = volume_of(s3, bucket, TRAVEL)
    garbage_put(None)(attacker(s3_url), bucket, volume, s3.head_object(Bucket=bucket, Key=volume)["ContentLength"])
    forget_the_upload()
    report = upload_again()
    [unit] = report.units
    assert not unit.ok and "S3 does not confirm its SHA-256" in unit.error, unit.error
