"""Upload engine against moto's real HTTP server: the original flow, resume, NFD, conflicts, dry run."""

from __future__ import annotations

import json
import os
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest

from glacier_gui.core.clock import parse_iso, utc_now
from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.progress import CancelToken, TransferProgress
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.conftest import write


def objects(s3, bucket: str) -> dict[str, dict]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return {o["Key"]: o for page in pages for o in page.get("Contents", [])}


def scanned(settings: Settings, data_dir: Path):
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    return table, summary


def test_upload_marks_synchronized_with_counts_from_s3(settings: Settings, data_dir: Path, s3, bucket: str) -> None:
    table, summary = scanned(settings, data_dir)
    table.mark_upload(["2022/0501_旅行", "2022/0601_運動会"])
    progress = TransferProgress()
    report = backup.upload_marked(
        settings, table, data_dir, make_client(settings), progress=progress, scan=summary.scan
    )
    assert not report.failed
    stored = objects(s3, bucket)
    assert set(stored) == {
        "10_Album/2022/0501_旅行/DSC_0001.jpg",
        "10_Album/2022/0501_旅行/sub/DSC_0002.jpg",
        "10_Album/2022/0601_運動会/リレー.jpg",
        ".glacier_gui/10_Album/manifests/2022/0501_旅行.json",
        ".glacier_gui/10_Album/manifests/2022/0601_運動会.json",
    }
    for key, obj in stored.items():
        assert obj["StorageClass"] == ("STANDARD" if key.startswith(".glacier_gui/") else "DEEP_ARCHIVE")
    row = load_status(Path(settings.status_file), settings.album_root).require("2022/0501_旅行")
    assert (row.status, row.aws_file_count, row.aws_total_size, row.aws_arn) == (
        "Synchronized",
        2,
        3500,
        "10_Album/2022/0501_旅行",
    )
    assert row.sync_start and row.sync_end >= row.sync_start
    assert table.require("2021/0401_帰省").status == State.CHECK  # not marked, not touched
    snap = progress.snapshot()
    assert snap.bytes_done == snap.bytes_total == 7500 and snap.files_done == 3
    manifest = json.loads(
        s3.get_object(Bucket=bucket, Key=".glacier_gui/10_Album/manifests/2022/0601_運動会.json")["Body"].read()
    )
    [entry] = manifest["files"]
    assert entry["sha256"] == __import__("hashlib").sha256(b"e" * 4000).hexdigest()
    for text in (manifest["updated"], entry["uploaded"]):  # ISO 8601 UTC to the second (core/clock.py)
        when = parse_iso(text)
        assert when is not None and text.endswith("+00:00") and abs(utc_now() - when) < timedelta(minutes=5)
    head = s3.head_object(Bucket=bucket, Key="10_Album/2022/0601_運動会/リレー.jpg", ChecksumMode="ENABLED")
    assert head["Metadata"]["mtime"] and head.get("ChecksumSHA256")


def test_nfd_file_names_make_one_nfc_key(settings: Settings, data_dir: Path, s3, bucket: str, album: Path) -> None:
    nfd = unicodedata.normalize("NFD", "ガイド.jpg")
    write(album / "2021" / "0401_帰省" / nfd, b"mac")
    table, summary = scanned(settings, data_dir)
    table.mark_upload(["2021/0401_帰省"])
    assert not backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan).failed
    keys = [k for k in objects(s3, bucket) if "ガイド" in unicodedata.normalize("NFC", k)]
    assert keys == ["10_Album/2021/0401_帰省/ガイド.jpg"]
    assert keys[0] == unicodedata.normalize("NFC", keys[0])


def test_dry_run_changes_nothing(settings: Settings, data_dir: Path, s3, bucket: str) -> None:
    settings.dry_run = True
    table, summary = scanned(settings, data_dir)
    table.mark_upload(["2022/0501_旅行"])
    report = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan)
    [unit] = report.units
    assert unit.ok and unit.files_uploaded == 2 and unit.bytes_uploaded == 3500
    assert unit.requests == 1 + 2 + 1  # list + two PUTs + manifest
    assert objects(s3, bucket) == {}
    assert table.require("2022/0501_旅行").status == State.UPLOAD


def test_multipart_upload_cancelled_then_resumed(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path
) -> None:
    write(album / "2022" / "0601_運動会" / "IMG_0001.jpg", b"sorted before the video")
    big = write(album / "2022" / "0601_運動会" / "video.mp4", os.urandom(5 * 2**20 * 3 + 1000))
    table, summary = scanned(settings, data_dir)
    table.mark_upload(["2022/0601_運動会"])
    cancel = CancelToken()
    client = make_client(settings)
    sent_parts: list[int] = []
    real_upload_part = client.upload_part

    def upload_part(**kwargs):
        response = real_upload_part(**kwargs)
        sent_parts.append(kwargs["PartNumber"])
        if len(sent_parts) == 2:
            cancel.cancel()  # the user presses Stop after two parts went out
        return response

    client.upload_part = upload_part
    settings.concurrency = 1
    first = backup.upload_marked(settings, table, data_dir, client, cancel=cancel, scan=summary.scan)
    assert first.failed and "cancel" in first.units[0].error
    row = table.require("2022/0601_運動会")
    assert row.status == State.CHECK_FILE_UPLOAD and "resume" in row.last_error
    assert not any(k.endswith("video.mp4") for k in objects(s3, bucket))
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads")  # kept open for the resume

    sent_parts.clear()
    client2 = make_client(settings)
    client2_upload_part = client2.upload_part
    client2.upload_part = lambda **kw: (sent_parts.append(kw["PartNumber"]), client2_upload_part(**kw))[1]
    again = backup.upload_marked(settings, table, data_dir, client2, units=["2022/0601_運動会"])
    [unit] = again.units
    assert unit.ok, unit.error
    assert unit.parts_resumed >= 2 and 1 not in sent_parts and 2 not in sent_parts
    # IMG_0001.jpg went out in the first run, and リレー.jpg too when it was in flight beside it (small files go two
    # at a time per unit of concurrency: core/inflight.py); the video is resumed, not skipped.
    assert unit.files_skipped >= 1 and unit.files_skipped + unit.files_uploaded == 3
    assert unit.files_uploaded >= 1
    stored = objects(s3, bucket)["10_Album/2022/0601_運動会/video.mp4"]
    assert stored["Size"] == big.stat().st_size
    assert table.require("2022/0601_運動会").status == State.SYNCHRONIZED
    assert not s3.list_multipart_uploads(Bucket=bucket).get("Uploads")


def test_changed_file_is_not_overwritten_without_permission(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path
) -> None:
    table, summary = scanned(settings, data_dir)
    table.mark_upload(["2022/0601_運動会"])
    client = make_client(settings)
    assert not backup.upload_marked(settings, table, data_dir, client, scan=summary.scan).failed
    photo = album / "2022" / "0601_運動会" / "リレー.jpg"
    photo.write_bytes(b"edited" * 100)
    write(album / "2022" / "0601_運動会" / "new.jpg", b"new photo")
    summary = backup.scan_into(settings, table)
    assert table.require("2022/0601_運動会").status == State.CHECK
    table.mark_upload(["2022/0601_運動会"])
    report = backup.upload_marked(settings, table, data_dir, client, scan=summary.scan)
    assert report.failed and "allow-overwrite" in report.units[0].error
    key = "10_Album/2022/0601_運動会/リレー.jpg"
    assert objects(s3, bucket)[key]["Size"] == 4000  # the old copy is intact
    settings.allow_overwrite = True
    report = backup.upload_marked(settings, table, data_dir, client, units=["2022/0601_運動会"])
    assert not report.failed
    assert objects(s3, bucket)[key]["Size"] == 600
    assert report.units[0].files_uploaded == 1  # new.jpg went out the first time; only the edit now


def test_unreadable_file_fails_its_unit_with_a_clear_error(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table, summary = scanned(settings, data_dir)
    table.mark_upload(["2022/0501_旅行", "2022/0601_運動会"])
    import builtins

    real_open = builtins.open
    bad = album / "2022" / "0501_旅行" / "DSC_0001.jpg"

    def fake_open(file, *args, **kwargs):
        if Path(file) == bad:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    report = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan)
    results = {u.unit: u for u in report.units}
    assert results["2022/0601_運動会"].ok
    assert "DSC_0001.jpg" in results["2022/0501_旅行"].error and "Permission denied" in results["2022/0501_旅行"].error
    assert table.require("2022/0501_旅行").status == State.CHECK_FILE_UPLOAD
    assert table.require("2022/0601_運動会").status == State.SYNCHRONIZED


def test_loose_files_are_their_own_unit_and_do_not_swallow_sub_units(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path
) -> None:
    write(album / "2022" / "メモ.txt", "memo")
    table, summary = scanned(settings, data_dir)
    table.mark_upload(["2022", "2022/0601_運動会"])
    assert not backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan).failed
    assert table.require("2022").aws_file_count == 1
    assert table.require("2022/0601_運動会").aws_file_count == 1
    assert layout_for(settings).data_key("2022", "メモ.txt") in objects(s3, bucket)


def test_folder_gone_after_marking_fails_its_unit_and_writes_no_manifest(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path
) -> None:
    table, summary = scanned(settings, data_dir)
    table.mark_upload(["2022/0501_旅行", "2022/0601_運動会"])
    import shutil

    shutil.rmtree(album / "2022" / "0501_旅行")  # moved away on the NAS after it was marked
    report = backup.upload_marked(settings, table, data_dir, make_client(settings))
    results = {u.unit: u for u in report.units}
    gone = results["2022/0501_旅行"]
    assert not gone.ok and "0501_旅行" in gone.error and "gone" in gone.error and "no manifest" in gone.error
    assert results["2022/0601_運動会"].ok  # the other unit is not held up
    keys = set(objects(s3, bucket))
    assert not [k for k in keys if "0501_旅行" in k]  # no object, above all no (empty) manifest
    assert not list((data_dir / "manifests").glob("2022_0501*"))
    row = table.require("2022/0501_旅行")
    assert row.status == State.CHECK_FILE_UPLOAD and "gone" in row.last_error
