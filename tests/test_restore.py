"""Restore jobs against moto's HTTP server: held restores, fetch and verify, restarts, corruption, traversal, tar."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.clock import utc_now
from glacier_gui.core.ledger.manifest import Manifest, ManifestFile, local_manifest_path, save_local_manifest
from glacier_gui.core.paths import PathRefused, safe_join
from glacier_gui.core.restore.fetch import fetch_ready, fetch_until_done
from glacier_gui.core.restore.job import (
    FileState,
    JobFile,
    JobObject,
    ObjState,
    RestoreJob,
    job_summary,
    list_jobs,
    load_job,
)
from glacier_gui.core.restore.plan import plan_restore, refresh_job
from glacier_gui.core.restore.request import request_restores
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.s3.probe import load_manifest
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.conftest import cli_args, write

REPO = Path(__file__).resolve().parents[1]
TRAVEL = "2022/0501_旅行"  # DSC_0001.jpg (3000 x "c"), sub/DSC_0002.jpg (500 x "d")


def upload_all(settings: Settings, data_dir: Path) -> None:
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload(table.units_in("Check"))
    report = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan)
    assert not report.failed


@contextlib.contextmanager
def held_restores() -> Iterator[None]:
    """Restores stay where the test puts them (DESIGN.md §8); the default comes back afterwards."""
    from moto.moto_api import state_manager

    state_manager.set_transition("s3::keyrestore", {"progression": "manual", "times": 10**9})
    try:
        yield
    finally:
        state_manager.unset_transition("s3::keyrestore")


def set_restore(bucket: str, key: str, status: str) -> None:
    from moto.s3.models import s3_backends

    s3_backends["123456789012"]["aws"].buckets[bucket].keys[key].status = status


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# ---- safe_join ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bad",
    [
        "../x.jpg",
        "a/../../x.jpg",
        "/etc/passwd",
        "C:/x.jpg",
        "a/C:/x.jpg",
        "a//b.jpg",
        "",
        "a/./b",
        "a/.. /b",
        "a/.../b",
        "a/b\x00.jpg",
    ],
)
def test_safe_join_refuses_paths_outside_the_destination(tmp_path: Path, bad: str) -> None:
    for windows in (False, True):
        with pytest.raises(PathRefused):
            safe_join(tmp_path / "dest", bad, windows=windows)


@pytest.mark.parametrize(
    "name", ["c:x.jpg", "a\\..\\x.jpg", "x.jpg:stream", "12:30.jpg", "CON.txt", "a.", 'say "hi".jpg']
)
def test_names_windows_cannot_hold_come_back_elsewhere_only(tmp_path: Path, name: str) -> None:
    """Backslashes and colons are separators, drives or streams on Windows only; on Linux and macOS (where such
    files are made: macOS shows a '/' typed in Finder as ':') they are plain characters of a name."""
    dest = tmp_path / "dest"
    with pytest.raises(PathRefused):
        safe_join(dest, f"unit/{name}", windows=True)
    assert safe_join(dest, f"unit/{name}", windows=False) == dest / "unit" / name


def test_safe_join_keeps_ordinary_album_paths(tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    assert safe_join(dest, "2022/0601_運動会/リレー.jpg") == dest / "2022" / "0601_運動会" / "リレー.jpg"
    assert safe_join(dest, "a/.hidden/..name.jpg") == dest / "a" / ".hidden" / "..name.jpg"
    (dest / "link").parent.mkdir(parents=True)
    (dest / "link").symlink_to(tmp_path)  # a symlink inside dest must not be a way out
    with pytest.raises(PathRefused):
        safe_join(dest, "link/escape.jpg")


# ---- the core flow ------------------------------------------------------------------------------------
def test_held_restore_downloads_nothing_then_fetch_verifies(
    settings: Settings, data_dir: Path, tmp_path: Path, bucket: str, album: Path
) -> None:
    upload_all(settings, data_dir)
    client = make_client(settings)
    layout = layout_for(settings)
    dest = tmp_path / "restored"
    manifest, source = load_manifest(client, bucket, layout, data_dir, TRAVEL)
    assert source == "local" and len(manifest.files) == 2
    with held_restores():
        job = plan_restore(client, {TRAVEL: manifest}, layout, bucket, dest, "bulk", 3)
        assert job.tier == "Bulk" and {o.state for o in job.objects} == {ObjState.NOT_REQUESTED}
        job.path = data_dir / "restore_jobs" / f"{job.id}.json"
        report = request_restores(client, job)
        assert report.requested == 2 and not report.failed
        for o in job.objects:
            set_restore(bucket, o.key, "IN_PROGRESS")
        refresh_job(client, job)
        assert {o.state for o in job.objects} == {ObjState.IN_PROGRESS}
        again = request_restores(client, job)  # nothing is asked twice
        assert again.requested == again.already == 0
        fetched = fetch_ready(client, job)
        assert fetched.downloaded == 0 and fetched.waiting == 2 and not dest.exists()
        summary = job_summary(job)
        assert not summary.done and summary.ready_by is not None
        assert summary.ready_by - utc_now() > timedelta(hours=47)  # Bulk: within 48 hours
        for o in job.objects:
            set_restore(bucket, o.key, "RESTORED")
        # A fresh object from the job file, as after a restart.
        job = load_job(data_dir, job.id)
        refresh_job(client, job)
        assert {o.state for o in job.objects} == {ObjState.READY} and all(o.expiry for o in job.objects)
        fetched = fetch_ready(client, job)
    assert fetched.downloaded == 2 and fetched.bytes == 3500 and not fetched.failed
    got = files_under(dest)
    assert got == {f"{TRAVEL}/DSC_0001.jpg": b"c" * 3000, f"{TRAVEL}/sub/DSC_0002.jpg": b"d" * 500}
    original = album / "2022" / "0501_旅行" / "sub" / "DSC_0002.jpg"
    assert (dest / TRAVEL / "sub" / "DSC_0002.jpg").stat().st_mtime == original.stat().st_mtime
    summary = job_summary(load_job(data_dir, job.id))
    assert summary.done and summary.ok and summary.files == {FileState.DOWNLOADED: 2}
    assert summary.objects == {ObjState.DOWNLOADED: 2}


def test_expiry_near_warns_without_network(tmp_path: Path) -> None:
    soon = (utc_now() + timedelta(hours=30)).isoformat()
    job = RestoreJob(
        "j",
        "b",
        "",
        "10_Album",
        str(tmp_path),
        "Bulk",
        7,
        utc_now().isoformat(),
        ["u"],
        objects=[JobObject("k", 10, "DEEP_ARCHIVE", ObjState.READY, expiry=soon)],
        files=[JobFile("u", "a.jpg", "k", 10, 0.0, "0" * 64)],
    )
    summary = job_summary(job)
    assert summary.expiry_near and not summary.done
    job.objects[0].expiry = (utc_now() + timedelta(days=5)).isoformat()
    assert not job_summary(job).expiry_near
    assert RestoreJob.from_json(job.to_json()).objects == job.objects  # the file round-trips


# ---- the CLI ------------------------------------------------------------------------------------------
def run_subprocess(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "glacier_gui", *args], capture_output=True, text=True, env=env, cwd=REPO, timeout=120
    )


def test_cli_job_survives_restart_of_the_process(
    settings: Settings, data_dir: Path, tmp_path: Path, bucket: str, capsys
) -> None:
    upload_all(settings, data_dir)
    args = cli_args(settings, data_dir)
    dest = tmp_path / "restored"
    with held_restores():
        assert (
            main(
                [
                    "restore",
                    "start",
                    "--unit",
                    TRAVEL,
                    "--dest",
                    str(dest),
                    "--tier",
                    "Standard",
                    "--days",
                    "2",
                    "--yes",
                    *args,
                ]
            )
            == 0
        )
        out = capsys.readouterr().out
        assert "estimated cost" in out and "within 12 hours" in out and "2 restore(s) requested" in out
        [job] = list_jobs(data_dir)
        for o in job.objects:
            set_restore(bucket, o.key, "IN_PROGRESS")
        status = run_subprocess("restore", "status", "--json", *args)
        assert status.returncode == 0, status.stderr
        [shown] = json.loads(status.stdout)
        assert shown["id"] == job.id and shown["summary"]["objects"] == {"in-progress": 2}
        assert main(["restore", "fetch", *args]) == 0
        assert "0 file(s) downloaded" in capsys.readouterr().out and not dest.exists()
        for o in job.objects:
            set_restore(bucket, o.key, "RESTORED")
        fetched = run_subprocess("restore", "fetch", "--wait", "--poll", "0.1", *args)
    assert fetched.returncode == 0, fetched.stderr
    assert "2 file(s) downloaded and verified" in fetched.stdout
    assert files_under(dest)[f"{TRAVEL}/DSC_0001.jpg"] == b"c" * 3000


def test_start_without_tty_or_yes_is_refused(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str, capsys
) -> None:
    upload_all(settings, data_dir)
    code = main(["restore", "start", "--unit", TRAVEL, "--dest", str(tmp_path / "d"), *cli_args(settings, data_dir)])
    captured = capsys.readouterr()
    assert code == 2 and "--yes" in captured.err and captured.err.count("\n") == 1
    assert "estimated cost" in captured.out  # the user saw the price before being refused
    assert not list_jobs(data_dir)
    assert "Restore" not in s3.head_object(Bucket=bucket, Key=f"10_Album/{TRAVEL}/DSC_0001.jpg")
    assert (
        main(
            [
                "restore",
                "start",
                "--unit",
                "no/such",
                "--dest",
                str(tmp_path / "d"),
                "--yes",
                *cli_args(settings, data_dir),
            ]
        )
        == 2
    )
    assert "no manifest" in capsys.readouterr().err


def test_corrupted_object_is_caught_and_existing_files_kept(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str, capsys
) -> None:
    upload_all(settings, data_dir)
    args = cli_args(settings, data_dir)
    # The object changes after the manifest was written (same size, other bytes), readable without a restore.
    s3.put_object(Bucket=bucket, Key=f"10_Album/{TRAVEL}/DSC_0001.jpg", Body=b"X" * 3000, StorageClass="STANDARD")
    dest = tmp_path / "restored"
    write(dest / TRAVEL / "sub" / "DSC_0002.jpg", b"my newer edit")  # a different local file is in the way
    assert main(["restore", "start", "--unit", TRAVEL, "--dest", str(dest), "--yes", *args]) == 0
    assert main(["restore", "fetch", *args]) == 1
    out = capsys.readouterr().out
    assert "SHA-256 mismatch" in out and "SKIP" in out and "--overwrite" in out
    got = files_under(dest)
    assert f"{TRAVEL}/DSC_0001.jpg" not in got and got[f"{TRAVEL}/DSC_0001.jpg.corrupt"] == b"X" * 3000
    assert got[f"{TRAVEL}/sub/DSC_0002.jpg"] == b"my newer edit"
    [job] = list_jobs(data_dir)
    assert {f.path: f.state for f in job.files} == {"DSC_0001.jpg": "failed", "sub/DSC_0002.jpg": "skipped"}


def test_overwrite_and_identical_files(settings: Settings, data_dir: Path, tmp_path: Path, capsys) -> None:
    settings.storage_class = "STANDARD"  # read directly: no restore step in this test
    upload_all(settings, data_dir)
    args = cli_args(settings, data_dir)
    dest = tmp_path / "restored"
    write(dest / TRAVEL / "DSC_0001.jpg", b"c" * 3000)  # identical: counts as restored
    write(dest / TRAVEL / "sub" / "DSC_0002.jpg", b"stale")
    assert (
        main(
            [
                "restore",
                "start",
                "--unit",
                TRAVEL,
                "--file",
                "sub",
                "--file",
                "DSC_0001.jpg",
                "--dest",
                str(dest),
                "--yes",
                *args,
            ]
        )
        == 0
    )
    assert "direct download" in capsys.readouterr().out
    assert main(["restore", "fetch", "--overwrite", *args]) == 0
    assert "1 file(s) downloaded and verified" in capsys.readouterr().out
    assert files_under(dest) == {f"{TRAVEL}/DSC_0001.jpg": b"c" * 3000, f"{TRAVEL}/sub/DSC_0002.jpg": b"d" * 500}


def test_path_traversal_in_a_manifest_is_refused(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str
) -> None:
    key = "10_Album/evil/ok.jpg"
    s3.put_object(Bucket=bucket, Key=key, Body=b"ok", StorageClass="STANDARD")
    sha = hashlib.sha256(b"ok").hexdigest()
    paths = ["ok.jpg", "../../escape.jpg", "/abs.jpg", "C:/win.jpg", "a/../../back.jpg"]
    manifest = Manifest("10_Album", "evil", bucket, "", {p: ManifestFile(p, 2, 1e9, sha, key) for p in paths})
    save_local_manifest(local_manifest_path(data_dir, bucket, "", "10_Album", "evil"), manifest)
    dest = tmp_path / "deep" / "restored"
    client = make_client(settings)
    job = plan_restore(client, {"evil": manifest}, layout_for(settings), bucket, dest)
    assert sorted(f.path for f in job.files if f.state == FileState.FAILED) == sorted(paths[1:])
    job.files[1].state = FileState.PENDING  # a hand-edited job file is checked again at fetch time
    report = fetch_ready(client, job)
    assert report.downloaded == 1 and len(report.failed) == 1
    assert files_under(tmp_path / "deep") == {"restored/evil/ok.jpg": b"ok"}
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(("escape.jpg", "abs.jpg", "win.jpg", "back.jpg"))]


# ---- packed files (tar volumes) -----------------------------------------------------------------------
def make_volume(members: dict[str, bytes]) -> tuple[bytes, dict[str, int]]:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT, encoding="utf-8") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1_600_000_000
            tar.addfile(info, io.BytesIO(data))
    raw = buffer.getvalue()
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        offsets = {m.name: m.offset_data for m in tar.getmembers()}
    return raw, offsets


class RecordingClient:
    """The real client, with a note of every GET's Range (to see which fetch path was taken)."""

    def __init__(self, client) -> None:
        self._client = client
        self.gets: list[str] = []

    def get_object(self, **kwargs):
        self.gets.append(kwargs.get("Range", "whole"))
        return self._client.get_object(**kwargs)

    def __getattr__(self, name: str):
        return getattr(self._client, name)


def test_packed_members_come_back_from_one_restored_volume(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str
) -> None:
    members = {"小さい/写真1.jpg": b"1" * 700, "写真2.jpg": b"2" * 1200, "empty.txt": b"", "写真3.jpg": b"3" * 5000}
    raw, offsets = make_volume(members)
    unit = "2023/0101_正月"
    volume = f"10_Album/{unit}/.glacier_gui-pack-0001.tar"
    s3.put_object(Bucket=bucket, Key=volume, Body=raw, StorageClass="DEEP_ARCHIVE", ChecksumAlgorithm="SHA256")
    files = {
        name: ManifestFile(
            name,
            len(data),
            1_600_000_000.0,
            hashlib.sha256(data).hexdigest(),
            volume,
            "DEEP_ARCHIVE",
            volume=volume,
            offset=offsets[name],
        )
        for name, data in members.items()
    }
    layout = layout_for(settings)
    manifest = Manifest("10_Album", unit, bucket, "", files)
    s3.put_object(Bucket=bucket, Key=layout.manifest_key(unit), Body=manifest.to_json())  # no local copy
    client = RecordingClient(make_client(settings))
    loaded, source = load_manifest(client, bucket, layout, data_dir, unit)
    assert source == "bucket"
    client.gets.clear()
    # All members: one restore request, one whole GET, members read with tarfile.
    whole = plan_restore(client, {unit: loaded}, layout, bucket, tmp_path / "all")
    assert len(whole.objects) == 1 and whole.objects[0].key == volume
    assert request_restores(client, whole).requested == 1  # moto restores at once by default
    refresh_job(client, whole)
    report = fetch_ready(client, whole)
    assert report.downloaded == 4 and not report.failed and client.gets == ["whole"]
    assert files_under(tmp_path / "all") == {f"{unit}/{name}": data for name, data in members.items()}
    # One small member: a ranged GET of just its bytes.
    client.gets.clear()
    one = plan_restore(client, {unit: loaded}, layout, bucket, tmp_path / "one", files={unit: ["小さい"]})
    assert [o.state for o in one.objects] == [ObjState.READY]  # already restored: nothing to request
    assert request_restores(client, one).requested == 0
    fetch_ready(client, one)
    start = offsets["小さい/写真1.jpg"]
    assert client.gets == [f"bytes={start}-{start + 699}"]
    assert files_under(tmp_path / "one") == {f"{unit}/小さい/写真1.jpg": b"1" * 700}


def test_units_packed_by_the_upload_engine_come_back(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str
) -> None:
    settings.pack_below = 10_000  # every album file goes into a tar volume
    upload_all(settings, data_dir)
    client = make_client(settings)
    layout = layout_for(settings)
    manifest, _ = load_manifest(client, bucket, layout, data_dir, TRAVEL)
    assert all(f.volume for f in manifest.files.values())
    job = plan_restore(client, {TRAVEL: manifest}, layout, bucket, tmp_path / "r")
    assert len(job.objects) == 1 and job.objects[0].storage_class == "DEEP_ARCHIVE"
    request_restores(client, job)
    refresh_job(client, job)
    report = fetch_ready(client, job)
    assert report.downloaded == 2 and not report.failed
    assert files_under(tmp_path / "r") == {
        f"{TRAVEL}/DSC_0001.jpg": b"c" * 3000,
        f"{TRAVEL}/sub/DSC_0002.jpg": b"d" * 500,
    }


def test_fetch_until_done_polls_until_the_restore_is_ready(
    settings: Settings, data_dir: Path, tmp_path: Path, bucket: str
) -> None:
    upload_all(settings, data_dir)
    client = make_client(settings)
    layout = layout_for(settings)
    manifest, _ = load_manifest(client, bucket, layout, data_dir, TRAVEL)
    rounds: list[tuple[int, int]] = []

    def on_round(open_jobs, totals) -> None:  # what a GUI worker would turn into a signal
        rounds.append((job_summary(job).files.get(FileState.DOWNLOADED, 0), totals[job.id].waiting, len(open_jobs)))
        for o in job.objects:
            set_restore(bucket, o.key, "RESTORED")  # S3 finishes while we wait

    with held_restores():
        job = plan_restore(client, {TRAVEL: manifest}, layout, bucket, tmp_path / "r", "Standard", 1)
        request_restores(client, job)
        for o in job.objects:
            set_restore(bucket, o.key, "IN_PROGRESS")
        report = fetch_until_done(client, [job], poll_seconds=0.01, on_round=on_round)[job.id]
    assert rounds == [(0, 2, 1), (2, 0, 0)] and report.downloaded == 2
