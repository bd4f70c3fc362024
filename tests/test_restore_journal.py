"""Restore requests at scale: in parallel, journalled, and crash-safe (kill trials against moto's HTTP server).

The RestoreObject calls are counted where moto serves them (its S3 backend, in this process), so a request a
killed client sent twice would show as a count of 2 for that key.
"""

from __future__ import annotations

import collections
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from glacier_gui.core.progress import TransferProgress
from glacier_gui.core.restore.fetch import PART_SUFFIX
from glacier_gui.core.restore.job import (
    JobFile,
    JobObject,
    ObjState,
    RestoreJob,
    job_summary,
    jobs_dir,
    list_job_heads,
    load_job,
)
from glacier_gui.core.restore.journal import journal_path
from glacier_gui.core.restore.request import REQUESTS_UNIT, request_restores
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.outage import OutageGate
from glacier_gui.core.settings import Settings

REPO = Path(__file__).resolve().parents[1]


class RestoreCounter:
    """Counts moto's RestoreObject calls per key; can slow them down or refuse some with a code."""

    def __init__(self) -> None:
        self.calls: collections.Counter[str] = collections.Counter()
        self.lock = threading.Lock()
        self.delay = 0.0
        self.in_progress: set[str] = set()  # keys answered with RestoreAlreadyInProgress
        self.unavailable = False  # answer 503 ServiceUnavailable (S3 "down"), after counting the call
        self.down_after: int | None = None  # become unavailable once this many calls were served
        self.served: collections.Counter[str] = collections.Counter()  # calls that restored (not refused)

    @property
    def total(self) -> int:
        with self.lock:
            return sum(self.calls.values())


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> Iterator[RestoreCounter]:
    from moto.s3.exceptions import S3ClientError
    from moto.s3.models import S3Backend

    seen = RestoreCounter()
    original = S3Backend.restore_object

    def counting(self, bucket_name, key_name, days, type_):  # type: ignore[no-untyped-def]
        with seen.lock:
            seen.calls[key_name] += 1
            if seen.down_after is not None and sum(seen.served.values()) >= seen.down_after:
                seen.unavailable = True
        if seen.unavailable:
            raise S3ClientError("ServiceUnavailable", "Please reduce your request rate.")
        if seen.delay:
            time.sleep(seen.delay)
        if key_name in seen.in_progress:
            raise S3ClientError("RestoreAlreadyInProgress", "Object restore is already in progress")
        result = original(self, bucket_name, key_name, days, type_)
        with seen.lock:
            seen.served[key_name] += 1
        return result

    monkeypatch.setattr(S3Backend, "restore_object", counting)
    yield seen


def archived_bucket(s3, bucket: str, n: int) -> list[str]:
    """*n* tiny DEEP_ARCHIVE objects in ten folders."""
    keys = [f"10_Album/2024/{i % 10:02d}_folder/IMG_{i:05d}.jpg" for i in range(n)]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x", StorageClass="DEEP_ARCHIVE")
    return keys


def saved_job(data_dir: Path, bucket: str, keys: list[str], dest: Path) -> RestoreJob:
    job = RestoreJob(
        "20260101-000000-abcd",
        bucket,
        "",
        "10_Album",
        str(dest),
        "Bulk",
        3,
        "2026-01-01T00:00:00+00:00",
        ["2024"],
        objects=[JobObject(k, 1, "DEEP_ARCHIVE") for k in keys],
        files=[JobFile("2024", k.rsplit("/", 1)[-1], k, 1, 0.0, "0" * 64) for k in keys],
    )
    job.path = jobs_dir(data_dir) / f"{job.id}.json"
    job.save()
    return job


CHILD = """
import sys
from pathlib import Path
from glacier_gui.core.restore.job import load_job
from glacier_gui.core.restore.request import request_restores
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
data_dir, job_id, url = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
client = make_client(Settings(bucket="b", endpoint_url=url, region="us-east-1"))
report = request_restores(client, load_job(data_dir, job_id), in_flight=8)
print(report.requested, report.already, report.checked, len(report.failed))
"""


def run_child(data_dir: Path, job_id: str, url: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), job_id, url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )


def test_kill_trials_lose_nothing_and_request_nothing_twice(
    s3, bucket: str, s3_url: str, data_dir: Path, tmp_path: Path, counter: RestoreCounter
) -> None:
    keys = archived_bucket(s3, bucket, 240)
    job = saved_job(data_dir, bucket, keys, tmp_path / "restored")
    counter.delay = 0.01  # 240 requests, 8 at a time: about 0.3 s of requests per run
    seed = random.randrange(1_000_000)  # in every message below: a failing run can be replayed
    rng = random.Random(seed)
    killed_mid_way = 0
    for _trial in range(6):
        before = counter.total
        if before >= len(keys):
            break
        kill_after = before + rng.randint(1, max(1, (len(keys) - before) // 2))
        child = run_child(data_dir, job.id, s3_url)
        deadline = time.monotonic() + 60
        while counter.total < kill_after and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        if child.poll() is None:
            child.kill()  # SIGKILL: no cleanup, no flush, mid-request
            killed_mid_way += 1
        child.communicate(timeout=30)
    assert killed_mid_way >= 2, f"the kills should land while requests are in flight (seed {seed})"
    # Resume to the end without a kill.
    child = run_child(data_dir, job.id, s3_url)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    requested, _already, _checked, failed = map(int, out.split())
    assert failed == 0
    assert set(counter.calls) == set(keys), f"every object was requested (seed {seed})"
    twice = {k: n for k, n in counter.calls.items() if n > 1}
    assert not twice, f"requested more than once: {twice} (seed {seed})"
    final = load_job(data_dir, job.id)
    # Objects in flight at a kill were looked at with HEAD on resume: moto restores at once, so they are ready.
    assert {o.state for o in final.objects} <= {ObjState.REQUESTED, ObjState.READY}
    assert all(o.requested and o.ready_by for o in final.objects if o.state == ObjState.REQUESTED)
    assert not final.unsettled and not journal_path(final.path).exists()  # folded into the base at the end
    assert requested <= len(keys)


def test_requests_run_in_parallel_with_progress_and_already_in_progress_counts(
    s3, bucket: str, s3_url: str, data_dir: Path, tmp_path: Path, counter: RestoreCounter
) -> None:
    keys = archived_bucket(s3, bucket, 60)
    counter.in_progress = set(keys[:5])
    job = saved_job(data_dir, bucket, keys, tmp_path / "restored")
    counter.delay = 0.05
    client = make_client(Settings(bucket=bucket, endpoint_url=s3_url, region="us-east-1"))
    progress = TransferProgress()
    started = time.monotonic()
    report = request_restores(client, job, progress=progress, in_flight=12)
    elapsed = time.monotonic() - started
    assert report.requested == 55 and report.already == 5 and not report.failed
    assert elapsed < 60 * 0.05 / 2, "requests one at a time would take 3 s"
    snap = progress.snapshot()
    assert snap.units[REQUESTS_UNIT].files_done == 60 and snap.units[REQUESTS_UNIT].state == "done"
    states = collections.Counter(o.state for o in load_job(data_dir, job.id).objects)
    assert states == {ObjState.REQUESTED: 55, ObjState.IN_PROGRESS: 5}
    again = request_restores(client, job)  # nothing left to ask
    assert again.requested == again.already == 0 and counter.total == 60


def test_outage_stops_the_phase_and_a_later_run_finishes(
    s3, bucket: str, s3_url: str, data_dir: Path, tmp_path: Path, counter: RestoreCounter
) -> None:
    keys = archived_bucket(s3, bucket, 80)
    job = saved_job(data_dir, bucket, keys, tmp_path / "restored")
    client = make_client(Settings(bucket=bucket, endpoint_url=s3_url, region="us-east-1"))
    counter.down_after = 20  # then S3 answers 503 to every restore: an outage, not a refusal
    report = request_restores(client, job, gate=OutageGate(0.0), in_flight=4)
    assert report.stopped and "unreachable" in report.stopped.lower() and not report.failed
    left = [o for o in load_job(data_dir, job.id).objects if o.state == ObjState.NOT_REQUESTED]
    assert len(left) == len(keys) - 20
    counter.down_after, counter.unavailable = None, False  # S3 is back
    second = request_restores(client, load_job(data_dir, job.id), gate=OutageGate(0.0), in_flight=4)
    assert not second.stopped and second.requested == len(left)
    assert {o.state for o in load_job(data_dir, job.id).objects} == {ObjState.REQUESTED}
    assert set(counter.served) == set(keys) and set(counter.served.values()) == {1}


def test_journal_replay_survives_a_torn_line_and_heads_follow_it(tmp_path: Path, data_dir: Path) -> None:
    job = saved_job(data_dir, "b", [f"k{i}" for i in range(5)], tmp_path / "restored")
    job.objects[0].state = ObjState.REQUESTED
    job.note_object(job.objects[0])
    job.note_asking(job.objects[1:3])
    job.objects[1].state = ObjState.IN_PROGRESS
    job.note_object(job.objects[1])
    job.files[4].state = "downloaded"
    job.note_file(job.files[4])
    job.sync()
    with open(journal_path(job.path), "a", encoding="utf-8") as fh:
        fh.write('{"o": 3, "state": "fail')  # a kill in the middle of a write
    again = load_job(data_dir, job.id)
    assert [o.state for o in again.objects] == [
        ObjState.REQUESTED,
        ObjState.IN_PROGRESS,
        ObjState.NOT_REQUESTED,
        ObjState.NOT_REQUESTED,
        ObjState.NOT_REQUESTED,
    ]
    assert again.unsettled == {"k2"}  # asked, no answer recorded: S3 is asked before requesting it again
    assert again.files[4].state == "downloaded"
    [head] = list_job_heads(data_dir)  # the summary file is stale (the journal grew): read from the job
    assert head.summary.objects == job_summary(again).objects
    assert json.loads(job.path.with_suffix(".summary").read_text(encoding="utf-8"))["stamp"]


def test_old_indented_job_files_still_load(data_dir: Path, tmp_path: Path) -> None:
    job = saved_job(data_dir, "b", ["k0", "k1"], tmp_path / "restored")
    body = json.loads(job.to_json())
    job.path.write_text(json.dumps(body, indent=1), encoding="utf-8")  # as version 1 wrote them
    job.path.with_suffix(".summary").unlink()
    [head] = list_job_heads(data_dir)
    assert head.id == job.id and head.summary.objects == {ObjState.NOT_REQUESTED: 2}
    assert load_job(data_dir, job.id).objects == job.objects


def test_cli_restore_everything_estimates_first_then_requests_and_resumes(
    settings: Settings, data_dir: Path, tmp_path: Path, capsys, counter: RestoreCounter
) -> None:
    from glacier_gui.cli import main
    from tests.conftest import cli_args
    from tests.test_restore import upload_all

    upload_all(settings, data_dir)
    args = cli_args(settings, data_dir)
    dest = tmp_path / "everything"
    assert main(["restore", "start", "--all", "--dest", str(dest), "--dry-run", *args]) == 0
    out = capsys.readouterr().out
    assert "restore everything: 3 unit(s)" in out and "dry run: nothing was requested" in out
    assert "Bulk (chosen): $" in out and "Standard: $" in out and "ready within 12 h" in out
    assert "requests: 5 RestoreObject, 24 at a time" in out  # 5 photos, the Thumbs.db and @eaDir are skipped
    assert counter.total == 0
    assert main(["restore", "start", "--all", "--dest", str(dest), "--yes", *args]) == 0
    out = capsys.readouterr().out
    assert "5 restore(s) requested" in out and counter.total == 5
    assert main(["restore", "resume", *args]) == 0
    assert "nothing to resume" in capsys.readouterr().out and counter.total == 5
    assert main(["restore", "status", "--offline", *args]) == 0
    out = capsys.readouterr().out
    assert "objects: 5 requested" in out and "files:   5 pending" in out
    assert main(["restore", "start", "--all", "--unit", "2021/0401_帰省", "--dest", str(dest), *args]) != 0


FETCH_CHILD = """
import sys
from pathlib import Path
from glacier_gui.core.restore.fetch import fetch_ready
from glacier_gui.core.restore.job import load_job
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
data_dir, job_id, url = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
client = make_client(Settings(bucket="b", endpoint_url=url, region="us-east-1"))
report = fetch_ready(client, load_job(data_dir, job_id), concurrency=3)
print(report.downloaded, report.already_there, len(report.failed))
"""


def test_a_download_killed_mid_way_resumes_and_every_file_is_verified(
    s3, bucket: str, s3_url: str, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from moto.s3.models import S3Backend

    bodies = {f"10_Album/2024/IMG_{i:03d}.jpg": os.urandom(20_000 + i) for i in range(40)}
    for key, body in bodies.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body, StorageClass="DEEP_ARCHIVE")
        s3.restore_object(Bucket=bucket, Key=key, RestoreRequest={"Days": 1})
    dest = tmp_path / "restored"
    job = RestoreJob(
        "20260101-000000-f0f0", bucket, "", "10_Album", str(dest), "Bulk", 1, "2026-01-01T00:00:00+00:00", ["2024"],
        objects=[JobObject(k, len(b), "DEEP_ARCHIVE", ObjState.READY) for k, b in bodies.items()],
        files=[
            JobFile("2024", k.rsplit("/", 1)[1], k, len(b), 0.0, hashlib.sha256(b).hexdigest())
            for k, b in bodies.items()
        ],
    )  # fmt: skip
    job.path = jobs_dir(data_dir) / f"{job.id}.json"
    job.save()
    served = [0]
    fetched: list[str] = []  # keys moto served, in order (moto looks a key up twice per GET)
    original = S3Backend.get_object

    def slow_get(self, bucket_name, key_name, *args, **kwargs):  # type: ignore[no-untyped-def]
        served[0] += 1
        fetched.append(key_name)
        time.sleep(0.02)
        return original(self, bucket_name, key_name, *args, **kwargs)

    monkeypatch.setattr(S3Backend, "get_object", slow_get)
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    env = dict(os.environ, PYTHONPATH=str(REPO))

    def in_place() -> set[str]:  # files a run finished (verified, then renamed into place)
        folder = dest / "2024"
        return {p.name for p in folder.iterdir() if not p.name.endswith(PART_SUFFIX)} if folder.is_dir() else set()

    for trial in range(3):
        kill_after = served[0] + rng.randint(3, 12)
        child = subprocess.Popen(
            [sys.executable, "-c", FETCH_CHILD, str(data_dir), job.id, s3_url], stdout=subprocess.PIPE, env=env
        )
        deadline = time.monotonic() + 60
        # The first run is killed only once it has finished a file, so the resume always meets one in place.
        while (
            (served[0] < kill_after or (trial == 0 and not in_place()))
            and child.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.001)
        child.kill()
        child.communicate(timeout=30)
    # A kill may lose the last second of journalled outcomes, never a file: one written whole is found in place
    # (its SHA-256 matches) or known done from the journal, and is not downloaded again.
    before = in_place()
    assert before, f"the killed runs finished at least one file (seed {seed})"
    fetched_before = len(fetched)
    child = subprocess.Popen(
        [sys.executable, "-c", FETCH_CHILD, str(data_dir), job.id, s3_url], stdout=subprocess.PIPE, env=env
    )
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0
    downloaded, already_there, failed = map(int, out.split())
    assert failed == 0, f"(seed {seed})"
    again = {key.rsplit("/", 1)[1] for key in fetched[fetched_before:]}
    assert len(again) == downloaded, f"what the resume downloaded is what it fetched (seed {seed})"
    assert not again & before, f"no file already in place was fetched again (seed {seed})"
    assert again | before == {k.rsplit("/", 1)[1] for k in bodies}, f"every file is in place now (seed {seed})"
    assert already_there <= len(before), f"(seed {seed})"
    got = {p.name: p.read_bytes() for p in (dest / "2024").iterdir()}
    assert got == {k.rsplit("/", 1)[1]: b for k, b in bodies.items()}, (
        f"every file, verified, no leftovers (seed {seed})"
    )
    final = load_job(data_dir, job.id)
    assert {f.state for f in final.files} == {"downloaded"} and {o.state for o in final.objects} == {"downloaded"}
