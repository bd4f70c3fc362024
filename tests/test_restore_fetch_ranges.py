"""Downloads that fill the line: large files in parallel ranges, checked against SHA-256; the limiter's pause holds."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

import pytest

from glacier_gui.core.homelink.link import home_link
from glacier_gui.core.restore import fetch as fetch_module
from glacier_gui.core.restore.fetch import fetch_ready
from glacier_gui.core.restore.job import FileState, JobFile, JobObject, ObjState, RestoreJob, jobs_dir, load_job
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings


def ready_job(s3, bucket: str, data_dir: Path, dest: Path, files: dict[str, bytes], sha: dict[str, str]) -> RestoreJob:
    objects, job_files = [], []
    for name, body in files.items():
        key = f"10_Album/2024/{name}"
        s3.put_object(Bucket=bucket, Key=key, Body=body, StorageClass="DEEP_ARCHIVE")
        s3.restore_object(Bucket=bucket, Key=key, RestoreRequest={"Days": 1})  # moto restores at once
        objects.append(JobObject(key, len(body), "DEEP_ARCHIVE", ObjState.READY))
        job_files.append(JobFile("2024", name, key, len(body), 1_600_000_000.0, sha[name]))
    job = RestoreJob(
        "20260101-000000-fe7c", bucket, "", "10_Album", str(dest), "Bulk", 1, "2026-01-01T00:00:00+00:00", ["2024"],
        objects=objects, files=job_files,
    )  # fmt: skip
    job.path = jobs_dir(data_dir) / f"{job.id}.json"
    job.save()
    return job


@pytest.fixture
def small_ranges(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int | None, int | None]]:
    """Ranges of 64 KiB from 256 KiB on; every GET's range is recorded."""
    monkeypatch.setattr(fetch_module, "RANGE_SIZE", 64 * 1024)
    monkeypatch.setattr(fetch_module, "RANGED_ABOVE", 256 * 1024)
    seen: list[tuple[int | None, int | None]] = []
    real = fetch_module.get_chunks

    def recording(client, bucket, key, start=None, end=None):  # type: ignore[no-untyped-def]
        seen.append((start, end))
        return real(client, bucket, key, start, end)

    monkeypatch.setattr(fetch_module, "get_chunks", recording)
    return seen


def test_a_large_file_comes_down_in_ranges_and_is_verified(
    s3, bucket: str, s3_url: str, data_dir: Path, tmp_path: Path, small_ranges: list
) -> None:
    video = os.urandom(1_000_000)
    photo = os.urandom(10_000)
    sha = {"video.mp4": hashlib.sha256(video).hexdigest(), "a.jpg": hashlib.sha256(photo).hexdigest()}
    dest = tmp_path / "restored"
    job = ready_job(s3, bucket, data_dir, dest, {"video.mp4": video, "a.jpg": photo}, sha)
    client = make_client(Settings(bucket=bucket, endpoint_url=s3_url, region="us-east-1"))
    report = fetch_ready(client, job, concurrency=4)
    assert report.downloaded == 2 and not report.failed
    assert (dest / "2024" / "video.mp4").read_bytes() == video
    assert (dest / "2024" / "a.jpg").read_bytes() == photo
    ranged = sorted(r for r in small_ranges if r[0] is not None)
    assert len(ranged) == 16 and ranged[0] == (0, 65535) and ranged[-1] == (15 * 65536, 999_999)
    assert (None, None) in small_ranges  # the small photo: one plain GET
    assert {f.state for f in load_job(data_dir, job.id).files} == {FileState.DOWNLOADED}


def test_a_ranged_file_that_does_not_match_is_kept_aside(
    s3, bucket: str, s3_url: str, data_dir: Path, tmp_path: Path, small_ranges: list
) -> None:
    video = os.urandom(600_000)
    dest = tmp_path / "restored"
    job = ready_job(s3, bucket, data_dir, dest, {"video.mp4": video}, {"video.mp4": "0" * 64})
    client = make_client(Settings(bucket=bucket, endpoint_url=s3_url, region="us-east-1"))
    report = fetch_ready(client, job, concurrency=3)
    assert report.downloaded == 0 and len(report.failed) == 1 and "SHA-256 mismatch" in report.failed[0]
    assert not (dest / "2024" / "video.mp4").exists()
    assert (dest / "2024" / "video.mp4.corrupt").read_bytes() == video


def test_pause_holds_downloads_until_resumed(s3, bucket: str, s3_url: str, data_dir: Path, tmp_path: Path) -> None:
    photo = os.urandom(50_000)
    dest = tmp_path / "restored"
    job = ready_job(s3, bucket, data_dir, dest, {"a.jpg": photo}, {"a.jpg": hashlib.sha256(photo).hexdigest()})
    client = make_client(Settings(bucket=bucket, endpoint_url=s3_url, region="us-east-1"))
    link = home_link()
    link.pause()
    try:
        worker = threading.Thread(target=fetch_ready, args=(client, job), daemon=True)
        worker.start()
        time.sleep(1.0)
        assert worker.is_alive() and not (dest / "2024" / "a.jpg").exists()
    finally:
        link.resume()
    worker.join(30)
    assert not worker.is_alive() and (dest / "2024" / "a.jpg").read_bytes() == photo


def test_the_client_pool_holds_a_download_at_its_concurrency(s3_url: str) -> None:
    small = make_client(Settings(bucket="b", endpoint_url=s3_url, concurrency=1, fetch_concurrency=30))
    assert small.meta.config.max_pool_connections >= 2 * 30  # its files and the ranges of large ones
    default = make_client(Settings(bucket="b", endpoint_url=s3_url))
    assert default.meta.config.max_pool_connections >= 24  # the restore requests in flight fit too
