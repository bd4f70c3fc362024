"""The per-request tunings of the S3 client, and verification against a server whose listing hides classes."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import botocore.utils
import pytest

from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.objects import RemoteObject
from glacier_gui.core.s3.tuning import parse_timestamp, tuned
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from glacier_gui.core.upload import engine as upload


def test_every_tuning_is_active_with_this_botocore(settings: Settings) -> None:
    # If a botocore upgrade changes its internals, a tuning switches itself off: this test says so.
    assert tuned(make_client(settings)) == ("no-expect-small", "endpoint-cache", "user-agent-cache", "fast-timestamps")


def test_payload_signing_is_off_only_on_loopback_http(settings: Settings) -> None:
    assert make_client(settings).meta.config.s3["payload_signing_enabled"] is False
    remote = Settings(album_root=settings.album_root, bucket="b", endpoint_url="http://nas.local:9000")
    assert "payload_signing_enabled" not in make_client(remote).meta.config.s3
    aws = Settings(album_root=settings.album_root, bucket="b", region="eu-west-1")
    assert "payload_signing_enabled" not in (make_client(aws).meta.config.s3 or {})


def test_what_a_put_sends(settings: Settings, bucket: str, s3) -> None:
    client = make_client(settings)
    sent: list[dict[str, bytes | str]] = []
    client.meta.events.register("before-send.s3.PutObject", lambda request, **_: sent.append(dict(request.headers)))
    for i, size in enumerate((100 * 1024, 3 * 2**20)):
        body = bytes([i]) * size
        b64 = base64.b64encode(hashlib.sha256(body).digest()).decode()
        client.put_object(Bucket=bucket, Key=f"k{i}", Body=body, ChecksumAlgorithm="SHA256", ChecksumSHA256=b64)
        assert s3.head_object(Bucket=bucket, Key=f"k{i}")["ContentLength"] == size
    small, large = sent
    assert "Expect" not in small and large["Expect"] == b"100-continue"
    assert small["X-Amz-Content-SHA256"] == b"UNSIGNED-PAYLOAD"  # no second hash of the body
    assert not any(k.lower().startswith("x-amz-checksum-") and k.lower() != "x-amz-checksum-sha256" for k in small)
    listed = client.list_objects_v2(Bucket=bucket)["Contents"]
    assert all(o["LastModified"].utcoffset().total_seconds() == 0 for o in listed)


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-26T08:15:58.000Z",
        "2026-11-26T08:15:58Z",
        "2026-11-26T08:15:58.1234Z",
        "Thu, 26 Nov 2026 08:15:58 GMT",
        "1700000000",
        1700000000.5,
    ],
)
def test_timestamps_parse_to_the_same_instant_as_botocore(value: str | float) -> None:
    ours, theirs = parse_timestamp(value), botocore.utils.parse_timestamp(value)  # stdlib UTC vs dateutil tzutc
    assert ours == theirs and ours.utcoffset() == theirs.utcoffset() and ours.isoformat() == theirs.isoformat()


def _listing_without_classes(monkeypatch: pytest.MonkeyPatch) -> None:
    real = upload.list_objects

    def blind(*args, **kwargs):  # type: ignore[no-untyped-def]
        return [RemoteObject(o.key, o.size, "STANDARD", o.etag) for o in real(*args, **kwargs)]

    monkeypatch.setattr(upload, "list_objects", blind)


def test_a_listing_blind_to_classes_is_checked_with_one_head(
    settings: Settings, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _listing_without_classes(monkeypatch)  # what rclone serve s3 does
    table = backup.open_status(settings, data_dir)
    backup.scan_into(settings, table)
    table.mark_upload(["2022/0501_旅行"])
    report = backup.upload_marked(settings, table, data_dir, make_client(settings))
    assert not report.failed
    assert report.units[0].requests == 2 + 2 + 1 + 2  # list, 2 PUTs, list, HEAD, generations listed, manifest


def test_a_wrong_class_still_fails_when_head_agrees(
    settings: Settings, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _listing_without_classes(monkeypatch)
    real_head = upload.head_object
    monkeypatch.setattr(
        upload, "head_object", lambda *a, **k: {**(real_head(*a, **k) or {}), "StorageClass": "STANDARD"}
    )
    table = backup.open_status(settings, data_dir)
    backup.scan_into(settings, table)
    table.mark_upload(["2022/0501_旅行"])
    report = backup.upload_marked(settings, table, data_dir, make_client(settings))
    assert report.failed and "is in STANDARD, expected DEEP_ARCHIVE" in report.units[0].error
