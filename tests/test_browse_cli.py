"""``glacier-gui browse`` and ``glacier-gui thumbs`` (and the thumbnail lines of estimate and verify), end to end.

``browse`` must work on a new computer that knows only the bucket: an empty data folder, no album, no status.csv,
and never a restore request (moto records one as the object's ``Restore`` state, which HEAD shows).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from glacier_gui.cli import main
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args
from tests.test_thumbstore import HOME, SPORTS, pack_key, photos, upload  # noqa: F401  # photos: a fixture

pytestmark = pytest.mark.usefixtures("photos")


def new_computer(settings: Settings, data_dir: Path) -> list[str]:
    """What a new computer is told: the bucket (and how to reach it), nothing about the album."""
    return ["--bucket", settings.bucket, "--endpoint-url", settings.endpoint_url, "--region", "us-east-1",
            "--data-dir", str(data_dir), "--no-progress"]  # fmt: skip


def restores_requested(s3, bucket: str) -> list[str]:
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"] if not o["Key"].startswith(".glacier")]
    return [k for k in keys if "Restore" in s3.head_object(Bucket=bucket, Key=k)]


def test_browse_from_the_bucket_alone_writes_the_jpegs_and_restores_nothing(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str, capsys
) -> None:
    on = replace(settings, thumbnails=True)
    assert not upload(on, data_dir, [SPORTS, HOME]).failed
    fresh, out = tmp_path / "fresh-data", tmp_path / "look"
    capsys.readouterr()
    assert main(["browse", "--unit", SPORTS, "--out", str(out), *new_computer(on, fresh)]) == 0
    said = capsys.readouterr().out
    assert "album root: 10_Album (the only album in the bucket)" in said and "thumbnail(s) of" in said
    relay = out / "relay.jpg.jpg"
    with Image.open(relay) as img:
        assert img.format == "JPEG" and img.height > img.width
    assert (out / "big.jpg.jpg").is_file() and (out / "リレー.jpg.jpg").is_file()  # a placeholder
    assert not (out / "notes.txt.jpg").exists()
    assert (fresh / "thumbs" / "10_Album" / "2022" / "0601_運動会.tar").is_file()  # cached for the next look
    assert restores_requested(s3, bucket) == []
    assert main(["browse", "--root", "10_Album", *new_computer(on, fresh)]) == 0  # the name is enough
    assert capsys.readouterr().out.split() == [HOME, SPORTS]


def test_browse_errors_are_clear_and_exit_2(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str, capsys
) -> None:
    assert not upload(settings, data_dir, [HOME]).failed  # thumbnails off: a manifest but no pack
    fresh, out = tmp_path / "fresh", tmp_path / "out"
    capsys.readouterr()
    assert main(["browse", "--unit", HOME, "--out", str(out), *new_computer(settings, fresh)]) == 2
    err = capsys.readouterr().err
    assert f"no thumbnails for this unit ({HOME}): run `glacier-gui thumbs --unit {HOME}` where the album is" in err
    assert main(["browse", "--unit", "2099/0101_x", "--out", str(out), *new_computer(settings, fresh)]) == 2
    assert "unit '2099/0101_x' is not in s3://" in capsys.readouterr().err
    assert main(["browse", "--unit", HOME, *new_computer(settings, fresh)]) == 2
    assert "--out DIR" in capsys.readouterr().err
    s3.put_object(Bucket=bucket, Key=".glacier_gui/20_Video/manifests/x.json", Body=b"{}")
    assert main(["browse", "--unit", HOME, "--out", str(out), *new_computer(settings, fresh)]) == 2
    assert "several albums (10_Album, 20_Video): name one with --root NAME" in capsys.readouterr().err
    assert not out.exists() and restores_requested(s3, bucket) == []


def test_thumbs_backfills_then_skips_then_forces(settings: Settings, data_dir: Path, s3, bucket: str, capsys) -> None:
    assert not upload(settings, data_dir, [SPORTS, HOME]).failed  # before thumbnails existed
    args = cli_args(settings, data_dir)
    capsys.readouterr()
    assert main(["thumbs", *args]) == 0
    said = capsys.readouterr().out
    assert f"OK   {SPORTS}:" in said and "read from the album" in said and "2 pack(s) sent (STANDARD)" in said
    assert s3.head_object(Bucket=bucket, Key=pack_key(settings, SPORTS))["ContentLength"] > 0
    assert main(["thumbs", "--unit", SPORTS, *args]) == 0
    assert f"SKIP {SPORTS}: it has a thumbnail pack" in capsys.readouterr().out
    assert main(["thumbs", "--unit", SPORTS, "--force", "--thumbnail-class", "GLACIER_IR", *args]) == 0
    assert "1 pack(s) sent (GLACIER_IR)" in capsys.readouterr().out
    # The pack made again goes beside the first (the bucket is write-once): the newest is the unit's pack.
    assert "StorageClass" not in s3.head_object(Bucket=bucket, Key=pack_key(settings, SPORTS))  # STANDARD
    assert s3.head_object(Bucket=bucket, Key=pack_key(settings, SPORTS) + "@000001")["StorageClass"] == "GLACIER_IR"
    assert main(["thumbs", "--unit", "2099/0101_x", *args]) == 1
    assert "FAIL 2099/0101_x:" in capsys.readouterr().out


def test_verify_warns_about_a_missing_pack_without_failing(settings: Settings, data_dir: Path, capsys) -> None:
    assert not upload(settings, data_dir, [HOME]).failed
    capsys.readouterr()
    assert main(["verify", "--unit", HOME, *cli_args(replace(settings, thumbnails=True), data_dir)]) == 0
    assert f"WARN {HOME}: no thumbnail pack" in capsys.readouterr().out
    assert main(["verify", "--unit", HOME, *cli_args(settings, data_dir)]) == 0  # thumbnails off: no warning
    assert "WARN" not in capsys.readouterr().out


def test_estimate_has_a_thumbnail_line_outside_the_totals(settings: Settings, data_dir: Path, capsys) -> None:
    what_if = ["estimate", "--files", "200000", "--size", "2TB", "--units", "400", "--data-dir", str(data_dir)]
    assert main(what_if) == 0
    said = capsys.readouterr().out
    line = next(x for x in said.splitlines() if "thumbnails" in x)
    assert "200,000 photos" in line and "400 pack(s), STANDARD: $0.07 per month" in line
    assert main([*what_if, "--no-thumbnails"]) == 0
    assert "thumbnails" not in capsys.readouterr().out
    assert main([*what_if, "--thumbnail-class", "DEEP_ARCHIVE"]) == 2
    assert "never DEEP_ARCHIVE" in capsys.readouterr().err
