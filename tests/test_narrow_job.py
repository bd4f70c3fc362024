"""narrow_job: the restore dialog's ticked files, destination, tier and days, from one plan, without S3."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from glacier_gui.core.cost import load_prices
from glacier_gui.core.restore import plan as restore
from glacier_gui.core.restore.job import FileState, JobFile, JobObject, RestoreError, RestoreJob
from glacier_gui.core.restore.plan import estimate_job, narrow_job, objects_to_request, plan_restore
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.s3.probe import load_manifest
from glacier_gui.core.settings import Settings
from tests.test_restore import TRAVEL, upload_all

UNIT = "2022/0601_運動会"


def planned_job() -> RestoreJob:
    """Two loose photos and a tar volume holding two small ones, as plan_restore makes it."""
    files = [
        JobFile(UNIT, "リレー.jpg", "k/リレー.jpg", 4000, 1.0, "a" * 64),
        JobFile(UNIT, "video/run.mp4", "k/video/run.mp4", 9000, 2.0, "b" * 64),
        JobFile(UNIT, "small/1.jpg", "k/vol-1.tar", 100, 3.0, "c" * 64, volume="k/vol-1.tar", offset=512),
        JobFile(UNIT, "small/2.jpg", "k/vol-1.tar", 200, 4.0, "d" * 64, volume="k/vol-1.tar", offset=1536),
    ]
    objects = [
        JobObject("k/リレー.jpg", 4000, "DEEP_ARCHIVE"),
        JobObject("k/video/run.mp4", 9000, "DEEP_ARCHIVE"),
        JobObject("k/vol-1.tar", 3072, "DEEP_ARCHIVE", member_bytes=300),
    ]
    return RestoreJob(
        "20240101-000000-0000", "b", "", "10_Album", "/planned", "Bulk", 7, "2024-01-01T00:00:00+00:00", [UNIT],
        objects=objects, files=files, checked="2024-01-01T00:00:01+00:00",
    )  # fmt: skip


def test_everything_when_nothing_is_chosen(tmp_path: Path) -> None:
    full = planned_job()
    job = narrow_job(full, tmp_path / "dest", "standard", 3)
    assert (job.tier, job.days, job.dest) == ("Standard", 3, str(tmp_path / "dest"))
    assert job.id != full.id and (job.created, job.checked, job.bucket) == (full.created, full.checked, "b")
    assert [f.path for f in job.files] == [f.path for f in full.files]
    assert {f.state for f in job.files} == {FileState.PENDING}
    assert [o.key for o in job.objects] == [o.key for o in full.objects]


def test_only_objects_that_hold_a_chosen_file_are_kept(tmp_path: Path) -> None:
    full = planned_job()
    job = narrow_job(full, tmp_path, "Bulk", 7, {UNIT: {"small/2.jpg", "リレー.jpg"}})
    assert [f.path for f in job.files] == ["リレー.jpg", "small/2.jpg"]
    assert [o.key for o in job.objects] == ["k/リレー.jpg", "k/vol-1.tar"]  # the volume once, for one member
    assert narrow_job(full, tmp_path, "Bulk", 7, {UNIT: set()}).objects == []
    assert narrow_job(full, tmp_path, "Bulk", 7, {"another/unit": {"リレー.jpg"}}).files == []


def test_the_narrowed_job_is_a_copy(tmp_path: Path) -> None:
    full = planned_job()
    full.files[0].state = FileState.DOWNLOADED  # as if an earlier narrowing had been fetched
    job = narrow_job(full, tmp_path, "Bulk", 7)
    assert job.files[0].state == FileState.PENDING
    job.files[1].state = FileState.FAILED
    job.objects[0].state = "ready"
    assert full.files[1].state == FileState.PENDING and full.objects[0].state == "not-requested"


def test_paths_outside_the_destination_are_failed_not_requested(tmp_path: Path) -> None:
    full = planned_job()
    full.files.append(JobFile(UNIT, "../../escape.jpg", "k/escape.jpg", 10, 0.0, "e" * 64))
    full.objects.append(JobObject("k/escape.jpg", 10, "DEEP_ARCHIVE"))
    dest = tmp_path / "dest"
    (dest / UNIT).mkdir(parents=True)
    (dest / UNIT / "video").symlink_to(tmp_path)  # a symlink inside the destination is no way out either
    job = narrow_job(full, dest, "Bulk", 7)
    failed = {f.path: f.error for f in job.files if f.state == FileState.FAILED}
    assert set(failed) == {"../../escape.jpg", "video/run.mp4"}
    assert "outside the destination" in failed["video/run.mp4"]
    assert "k/escape.jpg" not in {o.key for o in job.objects}
    assert "k/video/run.mp4" not in {o.key for o in objects_to_request(job)}


def test_a_file_the_plan_refused_stays_refused(tmp_path: Path) -> None:
    full = planned_job()
    full.objects = [o for o in full.objects if o.key != "k/リレー.jpg"]  # plan_restore lists no object for it
    [relay] = [f for f in narrow_job(full, tmp_path, "Bulk", 7).files if f.path == "リレー.jpg"]
    assert relay.state == FileState.FAILED and relay.error == "refused when the restore was planned"


def test_known_refusals_spare_the_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full = planned_job()
    first = narrow_job(full, tmp_path / "dest", "Bulk", 7)  # the dialog runs this once per destination
    refused = {f.relpath: f.error for f in first.files if f.state == FileState.FAILED}
    refused[f"{UNIT}/small/1.jpg"] = "refused 'x': it resolves outside the destination folder"

    def no_file_system(*_args: object) -> Path:
        raise AssertionError("narrow_job asked the file system although the refusals were given")

    monkeypatch.setattr(restore, "safe_join", no_file_system)
    job = narrow_job(full, tmp_path / "dest", "Bulk", 7, None, refused)
    assert [f.state for f in job.files] == [FileState.PENDING, FileState.PENDING, FileState.FAILED, FileState.PENDING]
    assert [o.key for o in job.objects] == [o.key for o in full.objects]  # small/2.jpg still needs the volume


@pytest.mark.parametrize(("tier", "days"), [("Expedited", 7), ("Bulk", 0)])
def test_refuses_a_tier_or_days_deep_archive_cannot_do(tmp_path: Path, tier: str, days: int) -> None:
    with pytest.raises(RestoreError):
        narrow_job(planned_job(), tmp_path, tier, days)


def test_narrowing_a_real_plan_prices_only_what_is_ticked(
    settings: Settings, data_dir: Path, tmp_path: Path, bucket: str
) -> None:
    upload_all(replace(settings, pack_below=1000), data_dir)  # DSC_0002.jpg (500 B) goes into a tar volume
    client = make_client(settings)
    layout = layout_for(settings)
    manifest = load_manifest(client, bucket, layout, data_dir, TRAVEL)[0]
    full = plan_restore(client, {TRAVEL: manifest}, layout, bucket, data_dir)
    assert len(full.objects) == 2
    only_small = narrow_job(full, tmp_path / "r", "Standard", 2, {TRAVEL: {"sub/DSC_0002.jpg"}})
    [volume] = only_small.objects
    assert volume.key.endswith(".tar") and volume.key == only_small.files[0].key
    prices = load_prices()
    whole = estimate_job(narrow_job(full, tmp_path, "Standard", 2), prices, "us-east-1")
    small = estimate_job(only_small, prices, "us-east-1")
    assert 0 < small.total < whole.total
    assert sum(p.object_count for p in small.parts) == 1
