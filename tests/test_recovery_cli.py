"""A new computer: the albums a bucket holds, the bucket's region, and rebuild-status for an album whose local
folder has another name, or no folder at all (moto's HTTP server)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.s3.albums import album_names, bucket_region, list_albums
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.errors import RemoteError
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args
from tests.test_verify import HOME, TRAVEL, upload

ALBUM_BYTES = 1000 + 2000 + 3000 + 500  # HOME's two photos and TRAVEL's two


def without_root(args: list[str]) -> list[str]:
    i = args.index("--root")
    return args[:i] + args[i + 2 :]


def test_the_albums_of_a_bucket_are_listed_with_their_folders_files_size_and_last_backup(
    settings: Settings, data_dir: Path, bucket: str, album: Path
) -> None:
    upload(settings, data_dir, [HOME, TRAVEL])
    other = dataclasses.replace(settings, album_root=str(album), bucket_album="Old_Album")
    upload(other, data_dir, [HOME])
    client = make_client(settings)
    assert album_names(client, bucket) == ["10_Album", "Old_Album"]
    first, second = list_albums(client, bucket)
    assert (first.name, first.units, first.files, first.size) == ("10_Album", 2, 4, ALBUM_BYTES)
    assert first.level == 2  # 2021/0401_帰省: the units' depth, for a new computer's settings
    assert (second.name, second.units, second.files, second.size) == ("Old_Album", 1, 2, 3000)
    assert first.last_backup is not None and second.last_backup is not None
    assert list_albums(client, bucket, prefix="elsewhere/") == []


def test_the_region_comes_from_head_bucket_even_when_the_client_asks_another_region(
    settings: Settings, s3_url: str
) -> None:
    import boto3

    tokyo = "recovery-tokyo-bucket"
    boto3.client("s3", endpoint_url=s3_url, region_name="ap-northeast-1").create_bucket(
        Bucket=tokyo, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"}
    )
    client = make_client(dataclasses.replace(settings, region="us-east-1"))
    assert bucket_region(client, tokyo) == "ap-northeast-1"
    assert bucket_region(client, settings.bucket) == "us-east-1"
    with pytest.raises(RemoteError, match="does not exist"):
        bucket_region(client, "no-such-bucket-here")


def test_rebuild_status_lists_the_albums_and_takes_one_by_name_for_a_folder_named_otherwise(
    settings: Settings, data_dir: Path, tmp_path: Path, capsys
) -> None:
    upload(settings, data_dir, [HOME, TRAVEL])
    new_pc = tmp_path / "new-pc"
    folder = new_pc / "アルバム"  # the new NAS folder: another name, nothing in it yet
    folder.mkdir(parents=True)
    status = new_pc / "status.csv"
    fresh = dataclasses.replace(settings, album_root=str(folder), status_file=str(status))
    args = cli_args(fresh, new_pc / "data")

    assert main(["rebuild-status", "--list", *args]) == 0
    out = capsys.readouterr().out
    assert "10_Album" in out and "6.3 KiB" in out.replace("6,3", "6.3") and not status.exists()

    assert main(["rebuild-status", *args]) == 1  # the folder's own name is not an album of the bucket
    err = capsys.readouterr().err
    assert "'アルバム'" in err and "10_Album" in err and "--album" in err

    assert main(["rebuild-status", "--album", "10_Album", *args]) == 0
    out = capsys.readouterr().out
    assert "2 only in the backup" in out and "--bucket-album 10_Album" in out
    table = load_status(status, str(folder))
    assert {r.unit: (r.status, r.aws_file_count, r.aws_total_size) for r in table.rows} == {
        HOME: (State.CHECK_NOT_EXISTS.value, 2, 3000),
        TRAVEL: (State.CHECK_NOT_EXISTS.value, 2, 3500),
    }
    assert all(r.aws_arn.startswith("10_Album/") for r in table.rows)  # the keys did not change


def test_rebuild_status_needs_no_album_folder_and_says_how_to_name_an_album(
    settings: Settings, data_dir: Path, tmp_path: Path, capsys
) -> None:
    upload(settings, data_dir, [HOME])
    status = tmp_path / "nas-gone" / "status.csv"
    status.parent.mkdir()
    args = without_root(cli_args(dataclasses.replace(settings, status_file=str(status)), tmp_path / "data2"))
    assert main(["rebuild-status", *args]) == 2  # nothing names the album: the list, then how to name one
    captured = capsys.readouterr()
    assert "10_Album" in captured.out and "--bucket-album" in captured.err
    assert main(["rebuild-status", "--album", "10_Album", *args]) == 0
    [row] = load_status(status, "").rows
    assert (row.unit, row.status, row.aws_file_count) == (HOME, State.CHECK_NOT_EXISTS.value, 2)
    assert main(["rebuild-status", "--album", "../x", "--force", *args]) == 2  # one folder name, no path
    assert "one folder name" in capsys.readouterr().err


def test_a_new_computer_gets_photos_back_by_the_album_name_alone(
    settings: Settings, data_dir: Path, album: Path, tmp_path: Path
) -> None:
    """No album folder, no settings: rebuild-status --album, then restore by --bucket-album; the bytes come back."""
    upload(settings, data_dir, [HOME])
    status = tmp_path / "new-pc" / "status.csv"
    status.parent.mkdir()
    args = without_root(cli_args(dataclasses.replace(settings, status_file=str(status)), tmp_path / "new-pc" / "data"))
    assert main(["rebuild-status", "--album", "10_Album", *args]) == 0
    dest = tmp_path / "new-pc" / "restored"
    named = [*args, "--bucket-album", "10_Album"]
    assert main(["restore", "start", "--unit", HOME, "--dest", str(dest), "--yes", *named]) == 0
    assert main(["restore", "fetch", *named]) == 0  # moto restores at once
    for name in ("IMG_0001.jpg", "IMG_0002.jpg"):
        assert (dest / HOME / name).read_bytes() == (album / HOME / name).read_bytes()


def test_the_region_is_read_from_a_refusal_too(settings: Settings) -> None:
    """Keys that may not HEAD the bucket (403), or a client in another region (301): S3 still names the region in
    the header, and that is enough (the policy has no GetBucketLocation)."""
    import botocore.exceptions

    client = make_client(settings)

    def refused(**_kwargs):
        raise botocore.exceptions.ClientError(
            {
                "Error": {"Code": "403", "Message": "Forbidden"},
                "ResponseMetadata": {"HTTPStatusCode": 403, "HTTPHeaders": {"x-amz-bucket-region": "eu-west-1"}},
            },
            "HeadBucket",
        )

    client.head_bucket = refused
    assert bucket_region(client, "someone-elses-bucket") == "eu-west-1"
