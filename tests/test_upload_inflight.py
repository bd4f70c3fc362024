"""How much the engine keeps in flight: the parts of one large file are hashed and sent in parallel (read in file
order), small files get more workers than the setting ``concurrency``, files above ``SMALL_FILE`` never more
(they are memory).

Against moto's server; each test asks for an overlap only a parallel engine can produce (a barrier that needs
two or four threads inside at once, up to 10 s), or counts the most requests seen in flight - no wall-clock
threshold.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from glacier_gui.core.inflight import SMALL_FILE, connections, file_workers
from glacier_gui.core.ledger.status import State
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.transfer import Transfer
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from glacier_gui.core.upload import send as upload_send
from tests.conftest import write

UNIT = "2022/0601_運動会"
MIB = 2**20


def _upload(settings: Settings, data_dir: Path) -> Any:
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    report = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan, units=[UNIT])
    assert not report.failed, [u.error for u in report.failed]
    assert table.require(UNIT).status == State.SYNCHRONIZED
    return report


def test_the_parts_of_one_file_are_read_in_order_and_hashed_in_parallel(
    settings: Settings, data_dir: Path, album: Path, s3, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = os.urandom(17 * MIB)  # 4 parts of 5 MiB (the last one 2 MiB)
    write(album / UNIT / "video.mov", data)
    settings.part_size_mib = 5
    settings.concurrency = 4
    settings.storage_class = "STANDARD"  # read back without a restore
    together = threading.Barrier(2, timeout=10)  # the first two part hashes must be running at the same time
    lock = threading.Lock()
    reads: list[int] = []
    hashes: list[int] = []
    read_into, part_digest = upload_send._read_into, upload_send._part_digest

    def recorded_read(fh: Any, view: memoryview) -> memoryview:
        with lock:
            reads.append(fh.tell())
        return read_into(fh, view)

    def paired_digest(part: memoryview) -> bytes:
        with lock:
            hashes.append(len(part))
            first_two = len(hashes) <= 2
        if first_two:
            together.wait()  # hashed one after another, a second one never comes: BrokenBarrierError
        return part_digest(part)

    monkeypatch.setattr(upload_send, "_read_into", recorded_read)
    monkeypatch.setattr(upload_send, "_part_digest", paired_digest)
    report = _upload(settings, data_dir)
    assert report.units[0].files_uploaded == 2  # the video and the album fixture's photo
    assert reads == [0, 5 * MIB, 10 * MIB, 15 * MIB]  # one sequential stream, whatever thread read each part
    assert len(hashes) == 4
    key = f"10_Album/{UNIT}/video.mov"
    assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == data
    manifest_key = f".glacier_gui/10_Album/manifests/{UNIT}.json"
    manifest = json.loads(s3.get_object(Bucket=bucket, Key=manifest_key)["Body"].read())
    [entry] = [f for f in manifest["files"] if f["path"] == "video.mov"]
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()  # the whole-file hash saw the parts in order


def test_a_failed_read_of_one_part_fails_the_file_without_hanging_the_others(
    settings: Settings, data_dir: Path, album: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(album / UNIT / "video.mov", os.urandom(16 * MIB))
    settings.part_size_mib = 5
    settings.concurrency = 4
    read_into = upload_send._read_into

    def second_part_fails(fh: Any, view: memoryview) -> memoryview:
        if fh.tell() == 5 * MIB:
            raise OSError(5, "Input/output error")
        time.sleep(0.05)  # the later parts are waiting for their turn when part 2 fails
        return read_into(fh, view)

    monkeypatch.setattr(upload_send, "_read_into", second_part_fails)
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    done = threading.Event()
    result: list[Any] = []

    def run() -> None:
        result.append(backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan))
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(60), "the upload hung after a part failed to read"
    [unit] = result[0].units
    assert not unit.ok and "Input/output error" in unit.error


class Counting(Transfer):
    """Counts the single PUTs in flight (small and large separately); small ones meet at a barrier."""

    lock = threading.Lock()
    now = {"small": 0, "large": 0}
    most = {"small": 0, "large": 0}
    seen = {"small": 0, "large": 0}
    small_barrier: threading.Barrier | None = None

    def put(self, key: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        kind = "small" if len(data) <= SMALL_FILE else "large"
        with self.lock:
            self.now[kind] += 1
            self.most[kind] = max(self.most[kind], self.now[kind])
            self.seen[kind] += 1
            meet = kind == "small" and self.small_barrier is not None and self.seen[kind] <= self.small_barrier.parties
        try:
            if meet and self.small_barrier is not None:
                self.small_barrier.wait()
            else:
                time.sleep(0.05)
            return super().put(key, data, *args, **kwargs)
        finally:
            with self.lock:
                self.now[kind] -= 1


def test_small_files_get_more_workers_than_large_ones(
    settings: Settings, data_dir: Path, album: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.concurrency = 2
    workers = file_workers(settings.concurrency)
    assert workers > settings.concurrency and connections(settings.concurrency) > workers
    for i in range(workers):
        write(album / UNIT / f"small_{i}.jpg", os.urandom(100_000))
    for i in range(6):
        write(album / UNIT / f"large_{i}.jpg", os.urandom(SMALL_FILE + 1000))
    from glacier_gui.core.upload import engine as upload

    Counting.now = {"small": 0, "large": 0}
    Counting.most = {"small": 0, "large": 0}
    Counting.seen = {"small": 0, "large": 0}
    Counting.small_barrier = threading.Barrier(workers, timeout=10)  # all small files in flight at once
    monkeypatch.setattr(upload, "Transfer", Counting)
    _upload(settings, data_dir)
    assert Counting.most["small"] == workers
    assert 1 <= Counting.most["large"] <= settings.concurrency  # each one is in memory while it is sent
