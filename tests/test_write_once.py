"""The write-once bucket through a proxy that enforces what AWS enforces with exactly the app's policy.

``tests/enforcing_proxy.py`` refuses every PutObject and CompleteMultipartUpload without ``If-None-Match`` (403),
answers 412 over an existing key, and refuses deletes.  The whole app must work through it - upload, resume after a
kill, a changed unit uploaded again, thumbnails, ``thumbs``, verify, rebuild-status, restore and fetch, Test
connection, the wizard's bucket - without one refused request; and the leaked-key drill (a) shows what a key with
the policy cannot do: overwrite, multipart overwrite, manifest overwrite, delete.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from botocore.exceptions import ClientError
from PIL import Image

from glacier_gui.cli import main
from glacier_gui.core.ledger.manifest import Journal
from glacier_gui.core.s3.bucket_setup import create_backup_bucket
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.connection import connection_ok, run_connection_checks
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup, plan
from tests.conftest import cli_args, write
from tests.enforcing_proxy import EnforcingProxy

UNIT = "2022/0601_運動会"
MANIFEST = f".glacier_gui/10_Album/manifests/{UNIT}.json"
PHOTO = f"10_Album/{UNIT}/リレー.jpg"
PART = 5 * 2**20


@pytest.fixture
def proxy(s3_url: str) -> Iterator[EnforcingProxy]:
    p = EnforcingProxy(s3_url)
    yield p
    p.close()


@pytest.fixture
def enforced(settings: Settings, proxy: EnforcingProxy) -> Settings:
    settings.endpoint_url = proxy.url
    settings.storage_class = "STANDARD"  # restore and fetch without waiting for a restore
    return settings


def jpeg(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, "JPEG")
    return out.getvalue()


def attacker(proxy: EnforcingProxy):
    """A client with the leaked key: plain boto3 calls, through the same enforcement as the app's."""
    return boto3.client("s3", endpoint_url=proxy.url, region_name="us-east-1")


def refused(call) -> str:
    try:
        call()
    except ClientError as exc:
        return str(exc.response.get("Error", {}).get("Code", "?"))
    return "done"


def test_the_whole_app_works_through_the_enforcing_proxy(
    enforced: Settings, data_dir: Path, album: Path, s3, bucket: str, proxy: EnforcingProxy, tmp_path: Path, capsys
) -> None:
    enforced.thumbnails = True
    write(album / "2022" / "0601_運動会" / "photo.jpg", jpeg((200, 30, 30)))
    write(album / "2022" / "0601_運動会" / "video.mp4", os.urandom(2 * PART + 77))  # multipart
    args = cli_args(enforced, data_dir)
    client = make_client(enforced)
    assert connection_ok(run_connection_checks(enforced, client))  # writes the test object once
    assert connection_ok(run_connection_checks(enforced, client))  # 412 the second time: still allowed
    assert main(["run", *args]) == 0
    assert main(["mark", "--upload", "2021/0401_帰省", "2022/0501_旅行", UNIT, *args]) == 0
    assert main(["upload", *args]) == 0
    # A changed unit, uploaded again: the edited photo goes beside the old one, the manifest gets generation 1.
    write(album / "2022" / "0601_運動会" / "photo.jpg", jpeg((30, 200, 30)))
    assert main(["scan", *args]) == 0
    assert main(["mark", "--upload", UNIT, *args]) == 0
    assert main(["upload", *args]) == 0
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert any(k.startswith(f"10_Album/{UNIT}/.versions/") and k.endswith("/photo.jpg") for k in keys)
    assert f"{MANIFEST}@000001" in keys
    assert f".glacier_gui/10_Album/thumbs/{UNIT}.tar@000001" in keys  # the pack made again is a new one
    assert main(["thumbs", "--unit", UNIT, "--force", *args]) == 0
    assert main(["verify", *args]) == 0
    assert main(["rebuild-status", "--force", *args]) == 0
    dest = tmp_path / "restored"
    assert main(["restore", "start", "--unit", UNIT, "--dest", str(dest), "--yes", *args]) == 0
    assert main(["restore", "fetch", *args]) == 0
    assert (dest / UNIT / "photo.jpg").read_bytes() == (album / "2022" / "0601_運動会" / "photo.jpg").read_bytes()
    assert (dest / UNIT / "video.mp4").stat().st_size == 2 * PART + 77
    capsys.readouterr()
    assert proxy.refusals("AccessDenied") == []  # the app never sent a write that could replace


def test_resume_after_kills_through_the_enforcing_proxy(
    enforced: Settings, data_dir: Path, album: Path, s3, bucket: str, proxy: EnforcingProxy, monkeypatch
) -> None:
    enforced.concurrency = 1
    video = write(album / "2022" / "0601_運動会" / "video.mp4", os.urandom(2 * PART + 5))
    table = backup.open_status(enforced, data_dir)
    summary = backup.scan_into(enforced, table)
    table.mark_upload([UNIT])
    real = Journal.file_done

    def dying(journal: Journal, entry) -> None:  # the process "dies" after S3 stored the video
        if entry.path == "video.mp4":
            raise OSError("killed")
        real(journal, entry)

    monkeypatch.setattr(Journal, "file_done", dying)
    [unit] = backup.upload_marked(enforced, table, data_dir, make_client(enforced), scan=summary.scan).units
    assert not unit.ok
    monkeypatch.setattr(Journal, "file_done", real)
    # The next run's listing misses the video (taken just before it landed): its PUT meets 412, and it is adopted.
    real_listing = plan.unit_listing
    monkeypatch.setattr(
        plan, "unit_listing", lambda t, layout, u: [o for o in real_listing(t, layout, u) if "video" not in o.key]
    )
    [unit] = backup.upload_marked(enforced, table, data_dir, make_client(enforced), units=[UNIT]).units
    assert unit.ok, unit.error
    assert unit.versions == 0 and unit.files_skipped >= 1  # proven the same: adopted, nothing kept beside
    assert s3.head_object(Bucket=bucket, Key=f"10_Album/{UNIT}/video.mp4")["ContentLength"] == video.stat().st_size
    assert proxy.refusals("PreconditionFailed") and not proxy.refusals("AccessDenied")


def test_the_wizard_bucket_works_through_the_enforcing_proxy(
    s3_url: str, proxy: EnforcingProxy, album: Path, data_dir: Path
) -> None:
    name = f"wizard-{uuid.uuid4().hex[:12]}"
    setup = boto3.client("s3", endpoint_url=proxy.url, region_name="us-east-1")
    done = create_backup_bucket(setup, name, "us-east-1")
    assert "set a bucket policy that refuses any write that could replace an object" in done
    assert b"s3:if-none-match" in proxy.policies[name]
    settings = Settings(
        album_root=str(album), level=2, bucket=name, endpoint_url=proxy.url, status_file=str(data_dir / "s.csv")
    )
    settings.thumbnails = False
    assert connection_ok(run_connection_checks(settings, make_client(settings)))
    args = cli_args(settings, data_dir)
    assert main(["run", *args]) == 0
    assert main(["mark", "--upload", UNIT, *args]) == 0
    assert main(["upload", *args]) == 0
    assert not proxy.refusals("AccessDenied")


def test_drill_a_a_leaked_key_with_the_policy_cannot_alter_nor_delete(
    enforced: Settings, data_dir: Path, album: Path, s3, bucket: str, proxy: EnforcingProxy
) -> None:
    write(album / "2022" / "0601_運動会" / "video.mp4", os.urandom(PART + 9))
    args = cli_args(enforced, data_dir)
    assert main(["run", *args]) == 0
    assert main(["mark", "--upload", UNIT, *args]) == 0
    assert main(["upload", *args]) == 0
    before = {o["Key"]: o["ETag"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    evil = attacker(proxy)

    def multipart(key: str, conditional: bool) -> None:
        upload = evil.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
        etag = evil.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=1, Body=b"x" * 100)["ETag"]
        extra = {"IfNoneMatch": "*"} if conditional else {}
        evil.complete_multipart_upload(
            Bucket=bucket,
            Key=key,
            UploadId=upload,
            MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": etag}]},
            **extra,
        )

    drill = {
        "overwrite a photo": refused(lambda: evil.put_object(Bucket=bucket, Key=PHOTO, Body=b"x" * 4000)),
        "overwrite a photo, If-None-Match": refused(
            lambda: evil.put_object(Bucket=bucket, Key=PHOTO, Body=b"x", IfNoneMatch="*")
        ),
        "multipart overwrite": refused(lambda: multipart(f"10_Album/{UNIT}/video.mp4", False)),
        "multipart overwrite, If-None-Match": refused(lambda: multipart(f"10_Album/{UNIT}/video.mp4", True)),
        "overwrite the manifest": refused(lambda: evil.put_object(Bucket=bucket, Key=MANIFEST, Body=b"{}")),
        "overwrite the manifest, If-None-Match": refused(
            lambda: evil.put_object(Bucket=bucket, Key=MANIFEST, Body=b"{}", IfNoneMatch="*")
        ),
        "copy over a photo": refused(
            lambda: evil.copy_object(Bucket=bucket, Key=PHOTO, CopySource={"Bucket": bucket, "Key": MANIFEST})
        ),
        "delete a photo": refused(lambda: evil.delete_object(Bucket=bucket, Key=PHOTO)),
        "delete the manifest": refused(lambda: evil.delete_object(Bucket=bucket, Key=MANIFEST)),
        "delete many": refused(
            lambda: evil.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": PHOTO}, {"Key": MANIFEST}]})
        ),
    }
    assert drill == {
        "overwrite a photo": "AccessDenied",
        "overwrite a photo, If-None-Match": "PreconditionFailed",
        "multipart overwrite": "AccessDenied",
        "multipart overwrite, If-None-Match": "PreconditionFailed",
        "overwrite the manifest": "AccessDenied",
        "overwrite the manifest, If-None-Match": "PreconditionFailed",
        "copy over a photo": "AccessDenied",
        "delete a photo": "AccessDenied",
        "delete the manifest": "AccessDenied",
        "delete many": "AccessDenied",
    }
    after = {o["Key"]: o["ETag"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert after == before  # nothing altered, nothing deleted
    assert main(["verify", *args]) == 0
