"""Thumbnail packs made during the upload, kept in the bucket and cached here: against moto, with real images.

The album fixture's photos are made by Pillow (a JPEG stored sideways with EXIF orientation 6, a PNG, a HEIC
when pillow-heif can write one, a JPEG larger than a part so it goes up in parts); its old fake ``.jpg`` files
of repeated letters do not decode and must give placeholders without failing anything.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from glacier_gui.core.album.scan import scan_units
from glacier_gui.core.cost import load_prices
from glacier_gui.core.ledger.manifest import Manifest
from glacier_gui.core.ledger.status import State
from glacier_gui.core.restore.rebuild import rebuild_status
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.s3.errors import RemoteError
from glacier_gui.core.settings import Settings, SettingsError
from glacier_gui.core.thumbs import fill as thumbfill
from glacier_gui.core.thumbs import store as thumbstore
from glacier_gui.core.thumbs.pack import read_index, read_thumbnail
from glacier_gui.core.upload import backup
from glacier_gui.core.upload.engine import UploadReport
from glacier_gui.core.upload.estimate import plan_upload
from tests.conftest import write

SPORTS = "2022/0601_運動会"  # real photos (added below) and リレー.jpg, 4000 x "e": not an image
HOME = "2021/0401_帰省"  # IMG_0001.jpg and IMG_0002.jpg: letters, not images
TAKEN = "2022:06:01 09:30:00"


def jpeg(size: tuple[int, int], orientation: int = 1, quality: int = 85, noise: bool = False) -> bytes:
    """A real JPEG: left half red, right half blue (or noise, to make it large), EXIF date and camera."""
    if noise:
        img = Image.frombytes("RGB", size, bytes(range(256)) * (size[0] * size[1] * 3 // 256 + 1))
    else:
        img = Image.new("RGB", size, (20, 20, 220))
        img.paste((220, 20, 20), (0, 0, size[0] // 2, size[1]))
    tags = Image.Exif()
    tags[0x0110] = "Test Camera"
    tags[0x0112] = orientation
    tags.get_ifd(0x8769)[0x9003] = TAKEN
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, exif=tags)
    return out.getvalue()


def heic() -> bytes | None:
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
        out = io.BytesIO()
        Image.new("RGB", (320, 240), (30, 160, 30)).save(out, "HEIF", quality=50)
        return out.getvalue()
    except Exception:  # noqa: BLE001 - no encoder here: the test goes on without a HEIC
        return None


@pytest.fixture
def photos(album: Path) -> Path:
    unit = album / "2022" / "0601_運動会"
    write(unit / "relay.jpg", jpeg((800, 600), orientation=6))
    png = io.BytesIO()
    Image.new("RGBA", (300, 200), (250, 200, 0, 255)).save(png, "PNG")
    write(unit / "flag.png", png.getvalue())
    if (data := heic()) is not None:
        write(unit / "IMG_0003.HEIC", data)
    big = jpeg((1200, 900), quality=95, noise=True)
    write(unit / "big.jpg", big + b"\0" * (6 * 2**20 - len(big)))  # > 5 MiB: sent in parts (trailer ignored)
    write(unit / "notes.txt", "no thumbnail for this")
    return album


@pytest.fixture
def on(settings: Settings, photos: Path) -> Settings:
    return replace(settings, thumbnails=True)


def upload(settings: Settings, data_dir: Path, units: list[str]) -> UploadReport:
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload(units)
    return backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan)


def pack_key(settings: Settings, unit: str) -> str:
    return thumbstore.thumbs_key(layout_for(settings), unit)


def bucket_pack(s3, settings: Settings, unit: str) -> bytes:
    return s3.get_object(Bucket=settings.bucket, Key=pack_key(settings, unit))["Body"].read()


def test_keys_are_nfc_under_the_reserved_prefix() -> None:
    layout = layout_for(Settings(album_root="/nas/10_Album", prefix="backup/"))
    nfd = "2022/0601_運動会".replace("運", "運")  # the same in NFC
    assert thumbstore.thumbs_key(layout, nfd) == "backup/.glacier_gui/10_Album/thumbs/2022/0601_運動会.tar"
    assert thumbstore.thumbs_key(layout, ".") == "backup/.glacier_gui/10_Album/thumbs/..tar"  # as manifests do


def test_upload_sends_a_pack_per_unit_in_standard_with_exif_in_the_manifest(
    on: Settings, data_dir: Path, s3, bucket: str
) -> None:
    report = upload(on, data_dir, [SPORTS, HOME])
    assert not report.failed and all(not r.warnings for r in report.units)
    for unit in (SPORTS, HOME):
        head = s3.head_object(Bucket=bucket, Key=pack_key(on, unit))
        assert head.get("StorageClass", "STANDARD") == "STANDARD"
    listed = {o["Key"]: o for o in s3.list_objects_v2(Bucket=bucket, Prefix=".glacier_gui/")["Contents"]}
    assert listed[pack_key(on, SPORTS)]["StorageClass"] == "STANDARD"
    data = bucket_pack(s3, on, SPORTS)
    index = read_index(data)
    expected = {"relay.jpg", "flag.png", "big.jpg", "リレー.jpg"} | ({"IMG_0003.HEIC"} if heic() else set())
    assert set(index.entries) == expected  # notes.txt gets none
    relay = index.get("relay.jpg")
    assert relay is not None and relay.kind == "photo" and (relay.width, relay.height) == (600, 800)
    assert relay.taken == "2022-06-01T09:30:00" and relay.camera == "Test Camera"
    with Image.open(io.BytesIO(read_thumbnail(data, "relay.jpg", index) or b"")) as thumb:
        assert thumb.height > thumb.width  # turned upright
    big = index.get("big.jpg")
    assert big is not None and big.kind == "photo" and big.size == 6 * 2**20  # fed part by part
    broken = index.get("リレー.jpg")
    assert broken is not None and broken.kind == "placeholder"  # and the file itself went up:
    assert s3.head_object(Bucket=bucket, Key="10_Album/2022/0601_運動会/リレー.jpg")["ContentLength"] == 4000
    manifest = Manifest.from_json(
        s3.get_object(Bucket=bucket, Key=f".glacier_gui/10_Album/manifests/{SPORTS}.json")["Body"].read()
    )
    assert (manifest.files["relay.jpg"].taken, manifest.files["relay.jpg"].camera) == (TAKEN_ISO, "Test Camera")
    assert manifest.files["notes.txt"].taken == ""
    cached = thumbstore.cache_path(data_dir, "10_Album", SPORTS)
    assert cached == data_dir / "thumbs" / "10_Album" / "2022" / "0601_運動会.tar" and cached.read_bytes() == data


TAKEN_ISO = "2022-06-01T09:30:00"


def test_old_manifests_without_exif_fields_still_load() -> None:
    old = {
        "format": "glacier_gui-manifest",
        "root_name": "10_Album",
        "unit": HOME,
        "bucket": "b",
        "files": [{"path": "a.jpg", "size": 1, "mtime": 1.0, "sha256": "00", "key": "k"}],
    }
    assert Manifest.from_json(json.dumps(old)).files["a.jpg"].taken == ""


def test_glacier_ir_class_and_refused_classes(on: Settings, data_dir: Path, s3, bucket: str) -> None:
    ir = replace(on, thumbnail_class="GLACIER_IR").validate()
    assert not upload(ir, data_dir, [HOME]).failed
    assert s3.head_object(Bucket=bucket, Key=pack_key(on, HOME))["StorageClass"] == "GLACIER_IR"
    for refused in ("DEEP_ARCHIVE", "GLACIER"):
        with pytest.raises(SettingsError, match="90 days.*never DEEP_ARCHIVE"):
            replace(on, thumbnail_class=refused).validate()


def test_thumbnails_off_sends_no_pack(settings: Settings, photos: Path, data_dir: Path, s3, bucket: str) -> None:
    assert not upload(settings, data_dir, [SPORTS]).failed
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    assert not [k for k in keys if "/thumbs/" in k] and not (data_dir / "thumbs").exists()


def test_tar_volume_members_get_thumbnails(on: Settings, data_dir: Path, s3) -> None:
    packed = replace(on, pack_below=2**20)
    report = upload(packed, data_dir, [SPORTS])
    assert not report.failed and report.units[0].volumes == 1
    index = read_index(bucket_pack(s3, on, SPORTS))
    assert index.get("relay.jpg").kind == "photo" and index.get("flag.png").kind == "photo"  # type: ignore[union-attr]
    assert index.get("big.jpg").kind == "photo"  # type: ignore[union-attr]  # its own object, in parts


def test_resume_adds_a_missing_pack_from_the_album_without_sending_data_again(
    on: Settings, data_dir: Path, s3, bucket: str
) -> None:
    assert not upload(replace(on, thumbnails=False), data_dir, [SPORTS]).failed  # uploaded before thumbnails
    report = upload(on, data_dir, [SPORTS])  # marked again: the data is all there
    unit = report.units[0]
    assert unit.ok and unit.files_uploaded == 0 and unit.files_skipped >= 5
    index = read_index(bucket_pack(s3, on, SPORTS))
    assert index.get("relay.jpg").taken == TAKEN_ISO  # type: ignore[union-attr]  # made from the album file
    again = upload(on, data_dir, [SPORTS]).units[0]  # pack there, nothing new: one HEAD, no new pack
    assert again.ok and again.files_uploaded == 0 and not again.warnings


def test_missing_pack_is_remade_from_the_cache_without_reading_the_album(
    on: Settings, data_dir: Path, s3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not upload(on, data_dir, [SPORTS]).failed
    first = bucket_pack(s3, on, SPORTS)
    s3.delete_object(Bucket=bucket, Key=pack_key(on, SPORTS))

    def no_album_reads(*args: object) -> None:
        raise AssertionError("the album was read again")

    monkeypatch.setattr(thumbfill, "make_thumbnail", no_album_reads)
    assert not upload(on, data_dir, [SPORTS]).failed
    assert bucket_pack(s3, on, SPORTS) == first  # the same thumbnails give the same bytes


def test_a_failed_pack_upload_keeps_the_unit_synchronized_and_the_next_upload_sends_it(
    on: Settings, data_dir: Path, s3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = thumbstore.put_pack

    def refused(*args: object) -> str:
        raise RemoteError("S3 error SlowDown: please reduce your request rate")

    monkeypatch.setattr(thumbstore, "put_pack", refused)
    report = upload(on, data_dir, [SPORTS])
    unit = report.units[0]
    assert unit.ok and unit.warnings and "SlowDown" in unit.warnings[0] and "photos are safe" in unit.warnings[0]
    assert backup.open_status(on, data_dir).require(SPORTS).status == State.SYNCHRONIZED
    assert thumbstore.pending_units(data_dir, bucket, layout_for(on)) == [SPORTS]
    with pytest.raises(thumbstore.ThumbsMissing):  # another computer: nothing in the bucket
        thumbstore.local_pack(make_client(on), on, data_dir / "elsewhere", SPORTS)
    here = thumbstore.local_pack(make_client(on), on, data_dir, SPORTS)  # this one: the pack waiting to be sent
    assert read_index(here).get("relay.jpg") is not None
    monkeypatch.setattr(thumbstore, "put_pack", real)
    assert not upload(on, data_dir, [HOME]).failed  # the next run, of another unit
    assert read_index(bucket_pack(s3, on, SPORTS)).get("relay.jpg") is not None
    assert thumbstore.pending_units(data_dir, bucket, layout_for(on)) == []


def test_local_pack_downloads_once_and_again_when_the_bucket_changes(
    on: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not upload(on, data_dir, [SPORTS, HOME]).failed
    client = make_client(on)
    fresh = tmp_path / "new-computer"
    assert thumbstore.units_with_packs(client, on) == [HOME, SPORTS]
    path = thumbstore.local_pack(client, on, fresh, SPORTS)
    assert path.read_bytes() == bucket_pack(s3, on, SPORTS)
    gets = []
    monkeypatch.setattr(thumbstore, "get_chunks", lambda *a: gets.append(a) or iter(()))
    assert thumbstore.local_pack(client, on, fresh, SPORTS) == path and not gets  # the cache is the bucket's
    monkeypatch.undo()
    other = bucket_pack(s3, on, HOME)
    s3.put_object(Bucket=bucket, Key=pack_key(on, SPORTS), Body=other)  # made again elsewhere
    assert thumbstore.local_pack(client, on, fresh, SPORTS).read_bytes() == other


def test_missing_packs_say_why(on: Settings, data_dir: Path, tmp_path: Path) -> None:
    assert not upload(replace(on, thumbnails=False), data_dir, [HOME]).failed
    client = make_client(on)
    with pytest.raises(thumbstore.ThumbsMissing, match="no thumbnails for this unit .*glacier-gui thumbs --unit"):
        thumbstore.local_pack(client, on, tmp_path / "d", HOME)
    with pytest.raises(thumbstore.ThumbsMissing, match="is not in s3://"):
        thumbstore.local_pack(client, on, tmp_path / "d", "2099/0101_nothing")
    assert thumbstore.missing_packs(client, on, [HOME]) and not thumbstore.missing_packs(
        client, replace(on, thumbnails=False), [HOME]
    )


def test_backfill_makes_missing_packs_and_skips_the_others(on: Settings, data_dir: Path, s3) -> None:
    assert not upload(replace(on, thumbnails=False), data_dir, [SPORTS, HOME]).failed
    client = make_client(on)
    first = thumbfill.backfill(client, on, data_dir)
    assert [(r.unit, r.sent, r.error) for r in first] == [(HOME, True, ""), (SPORTS, True, "")]
    assert first[1].stats is not None and first[1].stats.album == len(read_index(bucket_pack(s3, on, SPORTS)))
    again = thumbfill.backfill(client, on, data_dir, [SPORTS])
    assert again[0].skipped and not again[0].sent
    forced = thumbfill.backfill(client, on, data_dir, [SPORTS], force=True)
    assert forced[0].sent and forced[0].stats is not None and forced[0].stats.cached == 0


def test_rebuild_status_ignores_packs(on: Settings, data_dir: Path) -> None:
    report = upload(on, data_dir, [SPORTS])
    counted = report.units[0].aws_file_count
    Path(on.status_file).unlink()
    rebuilt = rebuild_status(make_client(on), on, data_dir)
    row = rebuilt.table.require(SPORTS)
    assert row.aws_file_count == counted and row.status == State.SYNCHRONIZED
    assert "thumbs" not in {u.split("/")[0] for u in (r.unit for r in rebuilt.table)}


def test_the_estimate_prices_thumbnails_on_their_own_line(on: Settings) -> None:
    units = scan_units(Path(on.album_root), [SPORTS, HOME], 2, backup.skip_rules(on)).units
    prices = load_prices()
    plain = plan_upload(units, prices, "us-east-1", "DEEP_ARCHIVE", 16 * 2**20, 0)
    with_thumbs = plan_upload(units, prices, "us-east-1", "DEEP_ARCHIVE", 16 * 2**20, 0, thumbnail_class="STANDARD")
    t = with_thumbs.thumbnails
    assert plain.thumbnails is None and t is not None
    photos = 4 + (1 if heic() else 0) + 2  # the sports day: 3 images and a placeholder (+ HEIC); home: 2 .jpg
    assert (t.photos, t.packs, t.total_bytes) == (photos, 2, photos * 15_000)
    assert t.request_cost == pytest.approx(2 / 1000 * 0.005) and t.storage_monthly > 0
    assert with_thumbs.first_year_total == plain.first_year_total  # not in the data's totals
    assert with_thumbs.total_requests == plain.total_requests


def test_the_demo_album_holds_real_photos(tmp_path: Path) -> None:
    from glacier_gui.core.demo import make_sample_album
    from glacier_gui.core.thumbs.render import ThumbKind, make_thumbnail

    album = make_sample_album(tmp_path)
    shots = sorted(album.rglob("IMG_*.jpg"))
    assert len(shots) == 32 and all(p.stat().st_size < 100_000 for p in shots)
    made = [make_thumbnail(p, p.name) for p in shots]
    assert all(t.kind is ThumbKind.PHOTO and t.taken and t.camera == "Demo Camera" for t in made)
    turned = [t for p, t in zip(shots, made, strict=True) if Image.open(p).getexif().get(0x0112) == 6]
    assert turned and all((t.height or 0) > (t.width or 0) for t in turned)  # stored sideways, shown upright
