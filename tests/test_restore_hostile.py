"""Restore and browse against hostile bucket content (moto's HTTP server): manifests with paths the app refuses,
entries that point at the same bytes many times, pack objects larger than any the app makes."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.i18n import Text
from glacier_gui.core.ledger.manifest import Manifest, ManifestFile
from glacier_gui.core.restore import fetch as fetch_module
from glacier_gui.core.restore import plan as plan_module
from glacier_gui.core.restore.fetch import fetch_ready
from glacier_gui.core.restore.job import FileState, list_jobs, load_job
from glacier_gui.core.restore.plan import narrow_job, plan_restore
from glacier_gui.core.restore.request import request_restores
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.s3.errors import RemoteError
from glacier_gui.core.settings import Settings
from glacier_gui.core.thumbs import store as thumbstore
from glacier_gui.core.thumbs.pack import build_pack, extract_pack, read_index
from tests.conftest import cli_args
from tests.test_restore import files_under, make_volume
from tests.test_thumbpack import photo

UNIT = "2023/0101_正月"
PHOTO = b"\xff\xd8 a real photo " * 3500  # 56 KB


def plant(s3, bucket: str, settings: Settings, files: dict[str, ManifestFile], unit: str = UNIT) -> Manifest:
    """A manifest in the bucket only (a new PC reads it from there), as an attacker with the key could write."""
    manifest = Manifest("10_Album", unit, bucket, "", files)
    s3.put_object(Bucket=bucket, Key=layout_for(settings).manifest_key(unit), Body=manifest.to_json())
    return manifest


def entry(path: str, key: str, data: bytes, **kw) -> ManifestFile:
    return ManifestFile(path, len(data), 1_600_000_000.0, hashlib.sha256(data).hexdigest(), key, "STANDARD", **kw)


# ---- refused paths are data, not a crash ------------------------------------------------------------------
def test_restore_start_with_a_refused_path_saves_the_job_says_it_and_restores_the_rest(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str, capsys
) -> None:
    good, evil = f"10_Album/{UNIT}/ok.jpg", f"10_Album/{UNIT}/evil.jpg"
    for key in (good, evil):
        s3.put_object(Bucket=bucket, Key=key, Body=PHOTO, ChecksumAlgorithm="SHA256")
    bad = "../../escaped.jpg"
    plant(s3, bucket, settings, {"ok.jpg": entry("ok.jpg", good, PHOTO), bad: entry(bad, evil, PHOTO)})
    dest = tmp_path / "restored"
    args = cli_args(settings, data_dir)
    assert main(["restore", "start", "--unit", UNIT, "--dest", str(dest), "--yes", *args]) == 1
    out = capsys.readouterr().out
    assert "REFUSED" in out and "../../escaped.jpg" in out and "1 file(s) refused" in out
    assert f"writes 54.7 KiB ({len(PHOTO):,} bytes) to disk" in out  # the one file that comes back
    [job] = list_jobs(data_dir)
    raw = json.loads(Path(job.path).read_text(encoding="utf-8"))
    [refusal] = [f["error"] for f in raw["files"] if f["state"] == "failed"]
    assert refusal["template"].startswith("refused {path!r}")
    assert refusal["params"]["path"] == f"{UNIT}/../../escaped.jpg"
    again = load_job(data_dir, job.id)  # read back: the window can still say it in Japanese
    [failed] = [f for f in again.files if f.state == FileState.FAILED]
    assert isinstance(failed.error, Text) and failed.error.template == refusal["template"]
    assert main(["restore", "fetch", *args]) == 0
    assert "1 file(s) downloaded" in capsys.readouterr().out
    assert files_under(dest) == {f"{UNIT}/ok.jpg": PHOTO} and not list(tmp_path.rglob("escaped.jpg"))
    assert main(["restore", "status", "--offline", "--json", *args]) == 1  # a refused file is not a success
    [status] = json.loads(capsys.readouterr().out)
    [said] = [f["error"] for f in status["files"] if f["state"] == "failed"]
    assert said.startswith(f"refused '{UNIT}/../../escaped.jpg'")


def test_the_windows_narrowed_job_with_a_refused_path_is_saved_and_read_back(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str
) -> None:
    key = f"10_Album/{UNIT}/ok.jpg"
    s3.put_object(Bucket=bucket, Key=key, Body=PHOTO, ChecksumAlgorithm="SHA256")
    manifest = plant(s3, bucket, settings, {p: entry(p, key if p == "ok.jpg" else key + "2", PHOTO)
                                             for p in ("ok.jpg", "/abs.jpg")})  # fmt: skip
    client = make_client(settings)
    full = plan_restore(client, {UNIT: manifest}, layout_for(settings), bucket, data_dir)  # as the dialog plans
    job = narrow_job(full, tmp_path / "r", "Bulk", 7)
    job.path = data_dir / "restore_jobs" / f"{job.id}.json"
    job.save()  # crashed with "TypeError: Text.__new__" before
    back = load_job(data_dir, job.id)
    assert [(f.path, f.state) for f in back.files] == [("/abs.jpg", "failed"), ("ok.jpg", "pending")]
    assert isinstance(back.files[0].error, Text) and "/abs.jpg" in back.files[0].error
    assert request_restores(client, back).failed == []
    assert fetch_ready(client, back).downloaded == 1


# ---- the same bytes, many times -------------------------------------------------------------------------
def test_entries_on_the_same_volume_range_are_refused_naming_unit_and_entries(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str, capsys
) -> None:
    raw, offsets = make_volume({"photo.jpg": PHOTO, "other.jpg": b"o" * 700})
    volume = f"10_Album/{UNIT}/glacier_gui-pack-0001.tar"
    s3.put_object(Bucket=bucket, Key=volume, Body=raw, ChecksumAlgorithm="SHA256")
    files = {
        f"copy{i:03d}.jpg": entry(f"copy{i:03d}.jpg", volume, PHOTO, volume=volume, offset=offsets["photo.jpg"])
        for i in range(300)
    }  # 300 entries on the bytes of one 51 KB photo: 15 MB on disk
    files["other.jpg"] = entry("other.jpg", volume, b"o" * 700, volume=volume, offset=offsets["other.jpg"])
    files["inside.jpg"] = entry("inside.jpg", volume, PHOTO[100:], volume=volume, offset=offsets["photo.jpg"] + 100)
    plant(s3, bucket, settings, files)
    dest = tmp_path / "restored"
    args = cli_args(settings, data_dir)
    assert main(["restore", "start", "--unit", UNIT, "--dest", str(dest), "--yes", *args]) == 1
    out = capsys.readouterr().out
    assert "restore 2 file(s)" in out and "300 file(s) refused" in out, out
    assert f"({len(PHOTO) + 700:,} bytes) to disk" in out
    assert f"REFUSED {UNIT}/copy001.jpg: refused: entry 'copy001.jpg' of unit '{UNIT}'" in out
    assert "as 'copy000.jpg'" in out and "... and 280 more" in out  # twenty lines, not three hundred
    assert main(["restore", "fetch", *args]) == 0
    assert files_under(dest) == {f"{UNIT}/copy000.jpg": PHOTO, f"{UNIT}/other.jpg": b"o" * 700}


def test_loose_entries_on_one_object_are_refused_and_narrowing_keeps_them_refused(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str
) -> None:
    key = f"10_Album/{UNIT}/a.jpg"
    s3.put_object(Bucket=bucket, Key=key, Body=PHOTO, ChecksumAlgorithm="SHA256")
    manifest = plant(s3, bucket, settings, {p: entry(p, key, PHOTO) for p in ("a.jpg", "b.jpg", "c.jpg")})
    full = plan_restore(make_client(settings), {UNIT: manifest}, layout_for(settings), bucket, data_dir)
    assert [(f.path, f.state) for f in full.files] == [("a.jpg", "pending"), ("b.jpg", "failed"), ("c.jpg", "failed")]
    job = narrow_job(full, tmp_path / "r", "Bulk", 7, {UNIT: {"b.jpg", "c.jpg"}})  # the dialog's ticks
    assert {f.state for f in job.files} == {FileState.FAILED} and job.objects == []
    assert "same bytes" in job.files[0].error


# ---- objects larger than any the app makes ------------------------------------------------------------
def test_a_volume_over_the_limit_is_refused_before_any_restore_or_download(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, offsets = make_volume({"photo.jpg": PHOTO})
    volume = f"10_Album/{UNIT}/glacier_gui-pack-0002.tar"
    s3.put_object(Bucket=bucket, Key=volume, Body=raw, ChecksumAlgorithm="SHA256")
    manifest = plant(s3, bucket, settings, {"p.jpg": entry("p.jpg", volume, PHOTO, volume=volume,
                                                             offset=offsets["photo.jpg"])})  # fmt: skip
    monkeypatch.setattr(plan_module, "MAX_VOLUME_SIZE", len(raw) - 1)
    job = plan_restore(make_client(settings), {UNIT: manifest}, layout_for(settings), bucket, tmp_path / "r")
    [f] = job.files
    assert f.state == FileState.FAILED and "more than any volume this app makes" in f.error and job.objects == []


def test_a_volume_is_never_downloaded_whole_past_the_limit_nor_past_its_planned_size(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, offsets = make_volume({"photo.jpg": PHOTO})
    volume = f"10_Album/{UNIT}/glacier_gui-pack-0003.tar"
    s3.put_object(Bucket=bucket, Key=volume, Body=raw, ChecksumAlgorithm="SHA256")
    manifest = plant(s3, bucket, settings, {"p.jpg": entry("p.jpg", volume, PHOTO, volume=volume,
                                                             offset=offsets["photo.jpg"])})  # fmt: skip
    client = make_client(settings)
    job = plan_restore(client, {UNIT: manifest}, layout_for(settings), bucket, tmp_path / "r")
    s3.put_object(Bucket=bucket, Key=volume, Body=raw + b"\0" * 10 * 2**20)  # grew after the plan
    report = fetch_ready(client, job)
    assert report.downloaded == 0 and "sent more than" in report.failed[0]
    assert not list((tmp_path / "r").rglob("*.tar"))
    # Over the limit, a wanted member comes by its own range: never the whole object.
    s3.put_object(Bucket=bucket, Key=volume, Body=raw)
    job = plan_restore(client, {UNIT: manifest}, layout_for(settings), bucket, tmp_path / "r2")
    monkeypatch.setattr(fetch_module, "MAX_VOLUME_SIZE", len(raw) - 1)
    assert fetch_ready(client, job).downloaded == 1
    assert files_under(tmp_path / "r2") == {f"{UNIT}/p.jpg": PHOTO}


def test_a_loose_object_larger_than_its_file_is_not_written_out_whole(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str
) -> None:
    key = f"10_Album/{UNIT}/small.jpg"
    s3.put_object(Bucket=bucket, Key=key, Body=PHOTO)
    manifest = plant(s3, bucket, settings, {"small.jpg": entry("small.jpg", key, PHOTO)})
    client = make_client(settings)
    job = plan_restore(client, {UNIT: manifest}, layout_for(settings), bucket, tmp_path / "r")
    s3.put_object(Bucket=bucket, Key=key, Body=PHOTO * 200)  # 10 MB now
    report = fetch_ready(client, job)
    assert report.downloaded == 0 and len(report.failed) == 1
    assert sum(p.stat().st_size for p in (tmp_path / "r").rglob("*") if p.is_file()) <= len(PHOTO)


# ---- thumbnail packs ------------------------------------------------------------------------------------
def test_a_thumbnail_pack_over_the_limit_is_refused_before_it_is_downloaded(
    settings: Settings, tmp_path: Path, s3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = build_pack([("a.jpg", photo((10, 20, 30)), 10, 1.0)])
    key = thumbstore.thumbs_key(layout_for(settings), UNIT)
    s3.put_object(Bucket=bucket, Key=key, Body=pack)
    client = make_client(settings)
    gets: list[object] = []
    real = thumbstore.get_chunks
    monkeypatch.setattr(thumbstore, "get_chunks", lambda *a: gets.append(a) or real(*a))
    monkeypatch.setattr(thumbstore, "MAX_PACK_BYTES", len(pack) - 1)
    with pytest.raises(RemoteError, match="more than any pack this app makes"):
        thumbstore.local_pack(client, settings, tmp_path / "d", UNIT)
    assert gets == [] and not list(tmp_path.rglob("*.tar"))
    monkeypatch.setattr(thumbstore, "MAX_PACK_BYTES", len(pack))
    assert thumbstore.local_pack(client, settings, tmp_path / "d", UNIT).read_bytes() == pack and len(gets) == 1


def evil_pack(jpeg: bytes, names: list[str]) -> bytes:
    """A pack whose index names every one of *names* on the bytes of one JPEG (as an attacker could write it)."""
    offset = 0
    for _ in range(4):  # the index's own length moves the JPEG's offset: settles in two rounds
        record = {"member": "a.jpg.jpg", "offset": offset, "length": len(jpeg), "kind": "photo"}
        doc = {"format": "glacier_gui-thumbs", "version": 1, "count": len(names), "files": dict.fromkeys(names, record)}
        blob = json.dumps(doc).encode()
        offset = 512 + -(-len(blob) // 512) * 512 + 512
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in (("index.json", blob), ("a.jpg.jpg", jpeg)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with tarfile.open(fileobj=io.BytesIO(out.getvalue())) as tar:
        assert [m.offset_data for m in tar.getmembers()][1] == offset
    return out.getvalue()


def test_a_thumbnail_index_that_repeats_one_jpeg_is_refused_entry_by_entry(tmp_path: Path) -> None:
    jpeg = photo((200, 30, 30)).jpeg
    evil = evil_pack(jpeg, ["a.jpg"] + [f"copy{i:03d}.jpg" for i in range(292)])  # x293 on disk before
    parsed = read_index(evil)
    assert list(parsed.entries) == ["a.jpg"] and len(parsed.refused) == 292
    report = extract_pack(evil, tmp_path / "out")
    assert [p.name for p in report.written] == ["a.jpg.jpg"] and len(report.refused) == 292
    assert files_under(tmp_path / "out") == {"a.jpg.jpg": jpeg}
