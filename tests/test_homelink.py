"""The home link at run time: the limiter in the upload path, pause and resume, keep-awake around a job, and the
estimate of how long bytes take under a timetable.  Against moto; no timed assertions except lower bounds read
from the limiter's own clock."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.bwlimit import KIB, Limiter, parse_bwlimit
from glacier_gui.core.homelink import link as homelink
from glacier_gui.core.homelink.link import HomeLink, LinkState, link_line, time_to_send, timetable_of
from glacier_gui.core.restore.fetch import fetch_ready
from glacier_gui.core.restore.job import list_jobs
from glacier_gui.core.restore.plan import refresh_job
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.conftest import cli_args, write

MIB = 1024 * KIB
MONDAY = datetime(2026, 1, 5, 0, 0)  # a Monday


class FakeAwake:
    """Records each hold: acquired on enter, released on exit (whatever the exit)."""

    def __init__(self) -> None:
        self.holds: list[list[str]] = []

    def __call__(self, why: str) -> FakeAwake.Hold:
        events: list[str] = []
        self.holds.append(events)
        return FakeAwake.Hold(why, events)

    class Hold:
        def __init__(self, why: str, events: list[str]) -> None:
            self.why, self.events = why, events

        def __enter__(self) -> None:
            self.events.append("acquire:" + self.why)

        def __exit__(self, *exc: object) -> None:
            self.events.append("release")

    @property
    def held_now(self) -> bool:
        return any(h and h[-1] != "release" for h in self.holds)


class ClockedLimiter(Limiter):
    """A limiter that remembers the first and last moment it let bytes through (on its own clock)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.first: float | None = None
        self.last = 0.0
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def _count(self, n: int, now: float) -> None:
        if self.first is None:
            self.first = now
        self.last = now
        super()._count(n, now)


@pytest.fixture
def link(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[HomeLink, FakeAwake]]:
    """A fresh process link (limiter and keep-awake seam) for the test; the real one comes back afterwards."""
    awake = FakeAwake()
    fresh = HomeLink(ClockedLimiter(), awake_factory=awake)
    monkeypatch.setattr(homelink, "_LINK", fresh)
    yield fresh, awake
    fresh.resume()


def photo_album(tmp_path: Path, files: int, size: int) -> Path:
    root = tmp_path / "photos" / "10_Album"  # not the fixture's album, which sits at tmp_path / 10_Album
    for i in range(files):
        write(root / "2024" / "0101_正月" / f"IMG_{i:04d}.jpg", bytes([i % 251]) * size)
    return root


def prepare(settings: Settings, data_dir: Path, album: Path) -> tuple[backup.StatusTable, backup.ScanSummary]:
    settings.album_root = str(album)
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    factory = getattr(homelink.home_link(), "_awake_factory", None)
    if isinstance(factory, FakeAwake):
        factory.holds.clear()  # the scan's own hold: tested on its own below
    table.mark_upload(table.units_in("Check"))
    return table, summary


def manifest_bytes(s3, bucket: str) -> int:
    listed = s3.list_objects_v2(Bucket=bucket, Prefix=".glacier_gui/").get("Contents", [])
    return sum(o["Size"] for o in listed if o["Key"].endswith(".json"))


# ---- the limiter is in the upload path ----------------------------------------------------------------------------


def test_small_files_pass_the_limiter_once_and_no_faster_than_the_limit(
    link, settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str
) -> None:
    the_link, _awake = link
    album = photo_album(tmp_path, 4, 160 * KIB)
    settings.bwlimit = "512k"
    table, summary = prepare(settings, data_dir, album)
    report = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan)
    assert not report.failed
    limiter = the_link.limiter
    assert isinstance(limiter, ClockedLimiter) and limiter.first is not None
    files = 4 * 160 * KIB
    # Every body byte was charged exactly once: the photos and the manifest, nothing read twice.
    assert limiter.total_bytes == files + manifest_bytes(s3, bucket)
    # On the limiter's own clock, the bytes beyond one burst (a quarter second of the rate) took size/limit.
    burst = 512 * KIB // 4
    assert limiter.last - limiter.first >= (limiter.total_bytes - burst - 16 * KIB) / (512 * KIB)


def test_multipart_parts_pass_the_limiter(link, settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket) -> None:
    the_link, _awake = link
    album = photo_album(tmp_path, 1, 6 * MIB)  # two parts of 5 MiB + 1 MiB
    settings.bwlimit = "8M"
    table, summary = prepare(settings, data_dir, album)
    report = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan)
    assert not report.failed and report.units[0].requests >= 4  # create, 2 parts, complete
    limiter = the_link.limiter
    assert limiter.total_bytes == 6 * MIB + manifest_bytes(s3, bucket)
    assert isinstance(limiter, ClockedLimiter) and limiter.first is not None
    assert limiter.last - limiter.first >= (6 * MIB - 2 * MIB - 16 * KIB) / (8 * MIB)


def test_the_settings_limit_reaches_the_process_limiter(link, settings: Settings) -> None:
    the_link, _awake = link
    settings.bwlimit = "Mon-00:00,512k Mon-12:00,off"
    the_link.apply(settings)
    assert the_link.timetable == parse_bwlimit("Mon-00:00,512k Mon-12:00,off")
    settings.bwlimit = ""
    the_link.apply(settings)
    assert the_link.limiter.current_limit() == (None, None)


# ---- pause and resume ---------------------------------------------------------------------------------------------


def wait_for(condition, seconds: float = 30.0) -> None:
    """Poll *condition* until true (a deadline only against hanging, not a measurement)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)


def test_pause_stops_sending_and_resume_finishes_without_sending_twice(
    link, settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str
) -> None:
    the_link, _awake = link
    album = photo_album(tmp_path, 6, 256 * KIB)
    settings.bwlimit = "1M"
    table, summary = prepare(settings, data_dir, album)
    client = make_client(settings)
    result: list[backup.UploadReport] = []
    worker = threading.Thread(
        target=lambda: result.append(backup.upload_marked(settings, table, data_dir, client, scan=summary.scan))
    )
    worker.start()
    limiter = the_link.limiter
    wait_for(lambda: limiter.total_bytes >= 256 * KIB)
    the_link.pause()
    assert the_link.state().paused
    at_pause = limiter.total_bytes
    time.sleep(0.5)  # nothing may pass while paused: the count is frozen from the moment pause() returned
    assert limiter.total_bytes == at_pause < 6 * 256 * KIB
    assert worker.is_alive()
    the_link.resume()
    worker.join(60)
    assert not worker.is_alive()
    [report] = result
    assert not report.failed
    assert limiter.total_bytes == 6 * 256 * KIB + manifest_bytes(s3, bucket)  # nothing sent twice
    assert all(r.status == "Synchronized" for r in table)


def test_stop_while_paused_leaves_the_unit_to_resume(link, settings: Settings, data_dir: Path, tmp_path: Path) -> None:
    the_link, awake = link
    album = photo_album(tmp_path, 3, 64 * KIB)
    table, summary = prepare(settings, data_dir, album)
    cancel = backup.CancelToken()
    the_link.pause()  # paused before anything is sent
    result: list[backup.UploadReport] = []
    worker = threading.Thread(
        target=lambda: result.append(
            backup.upload_marked(settings, table, data_dir, make_client(settings), cancel=cancel, scan=summary.scan)
        )
    )
    worker.start()
    wait_for(lambda: awake.held_now)
    cancel.cancel()
    worker.join(60)
    assert not worker.is_alive() and result[0].failed
    assert the_link.limiter.total_bytes == 0
    assert awake.holds == [["acquire:Uploading 1 folder(s)", "release"]]
    assert [r.status for r in table] == ["Check_FileUpload"]


# ---- keep-awake ---------------------------------------------------------------------------------------------------


def test_keep_awake_is_held_for_the_whole_upload_and_released(
    link, settings: Settings, data_dir: Path, tmp_path: Path
) -> None:
    _the_link, awake = link
    table, summary = prepare(settings, data_dir, photo_album(tmp_path, 2, 1000))
    seen: list[bool] = []
    report = backup.upload_marked(
        settings,
        table,
        data_dir,
        make_client(settings),
        scan=summary.scan,
        on_unit_done=lambda r: seen.append(awake.held_now),
    )
    assert not report.failed
    assert seen == [True]  # held while the unit was being sent
    assert awake.holds == [["acquire:Uploading 1 folder(s)", "release"]]


def test_keep_awake_is_released_when_the_upload_raises(
    link, settings: Settings, data_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    _the_link, awake = link
    table, summary = prepare(settings, data_dir, photo_album(tmp_path, 1, 1000))

    def broken(*_args: object, **_kwargs: object) -> None:
        assert awake.held_now
        raise RuntimeError("the NAS went away")

    monkeypatch.setattr(backup, "upload_units", broken)
    with pytest.raises(RuntimeError, match="NAS"):
        backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan)
    assert awake.holds == [["acquire:Uploading 1 folder(s)", "release"]]


def test_keep_awake_is_held_while_the_album_is_scanned(
    link, settings: Settings, data_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    _the_link, awake = link
    settings.album_root = str(photo_album(tmp_path, 2, 1000))
    seen: list[bool] = []
    backup.scan_into(settings, backup.open_status(settings, data_dir), progress=lambda _p: seen.append(awake.held_now))
    assert seen and all(seen)  # held while the folders were read
    assert awake.holds == [["acquire:Scanning the album", "release"]]
    settings.keep_awake = False
    backup.scan_into(settings, backup.open_status(settings, data_dir))
    assert len(awake.holds) == 1


def test_keep_awake_off_and_dry_run_hold_nothing(link, settings: Settings, data_dir: Path, tmp_path: Path) -> None:
    _the_link, awake = link
    table, summary = prepare(settings, data_dir, photo_album(tmp_path, 1, 1000))
    settings.keep_awake = False
    assert not backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan).failed
    settings.keep_awake, settings.dry_run = True, True
    table.mark_upload(["2024/0101_正月"])
    backup.upload_marked(settings, table, data_dir, make_client(settings), units=["2024/0101_正月"])
    assert awake.holds == []


def test_a_fetch_holds_keep_awake_and_releases_it(
    link, settings: Settings, data_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    _the_link, awake = link
    settings.storage_class = "STANDARD"  # readable at once: no restore step
    table, summary = prepare(settings, data_dir, photo_album(tmp_path, 2, 1000))
    assert not backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan).failed
    args = cli_args(settings, data_dir)
    dest = tmp_path / "restored"
    assert main(["restore", "start", "--unit", "2024/0101_正月", "--dest", str(dest), "--yes", *args]) == 0
    [job] = list_jobs(data_dir)
    refresh_job(make_client(settings), job)
    awake.holds.clear()
    from glacier_gui.core.restore import fetch

    real_object = fetch._Fetcher.object

    def failing(self, obj, files) -> None:
        assert awake.held_now
        raise OSError("disk full")

    monkeypatch.setattr(fetch._Fetcher, "object", failing)
    with pytest.raises(OSError, match="disk full"):
        fetch_ready(make_client(settings), job)
    assert awake.holds == [["acquire:Downloading restored photos", "release"]]
    monkeypatch.setattr(fetch._Fetcher, "object", real_object)
    awake.holds.clear()
    assert fetch_ready(make_client(settings), job).downloaded == 2
    assert awake.holds == [["acquire:Downloading restored photos", "release"]]


# ---- figures ------------------------------------------------------------------------------------------------------


def test_state_and_line_show_the_limit_until_its_end_and_pause() -> None:
    limiter = Limiter(timetable=parse_bwlimit("08:00,1M 23:00,off"), now=lambda: datetime(2026, 1, 5, 9, 30))
    the_link = HomeLink(limiter, awake_factory=FakeAwake())
    state = the_link.state(bytes_left=10 * MIB)
    assert (state.limit, state.until, state.paused) == (MIB, datetime(2026, 1, 5, 23, 0), False)
    assert state.seconds_left is None  # nothing measured yet: no rate to divide by
    assert link_line(state) == "limit 1.0 MiB/s until 23:00"
    the_link.pause()
    assert link_line(the_link.state()).startswith("paused")
    assert link_line(LinkState(0.0, None, None, False, None)) == ""
    assert LinkState(2.0 * MIB, MIB, None, False, None).rate == 2 * MIB


def test_time_left_uses_the_measured_rate() -> None:
    clock = [100.0]
    limiter = Limiter(clock=lambda: clock[0])
    the_link = HomeLink(limiter, awake_factory=FakeAwake())
    limiter.consume(MIB)
    clock[0] += 1.0
    limiter.consume(MIB)
    state = the_link.state(bytes_left=4 * MIB)
    assert state.rate == pytest.approx(2 * MIB)
    assert state.seconds_left == pytest.approx(2.0)


def test_time_to_send_a_single_rate_is_exact() -> None:
    seconds, exact = time_to_send(parse_bwlimit("1M"), 2 * 1024 * MIB, MONDAY)
    assert (seconds, exact) == (2048.0, True)
    assert time_to_send(parse_bwlimit("off"), MIB, MONDAY) == (None, False)
    assert time_to_send(parse_bwlimit("1M"), 0, MONDAY) == (0.0, True)


def test_time_to_send_follows_the_timetable() -> None:
    table = parse_bwlimit("00:00,1M 12:00,2M")
    # 12 hours at 1 MiB/s, then one hour at 2 MiB/s.
    seconds, exact = time_to_send(table, 12 * 3600 * MIB + 3600 * 2 * MIB, MONDAY)
    assert exact and seconds == pytest.approx(13 * 3600)
    # Weeks of data: whole weeks skipped, the same answer as day by day (36 MiB-hours a day).
    per_day = (12 * 1 + 12 * 2) * 3600 * MIB
    seconds, exact = time_to_send(table, 30 * per_day, MONDAY)
    assert seconds == pytest.approx(30 * 86400)


def test_time_to_send_with_unlimited_hours_is_an_upper_bound() -> None:
    table = parse_bwlimit("08:00,1M 23:00,off")
    seconds, exact = time_to_send(table, 15 * 3600 * MIB, datetime(2026, 1, 5, 8, 0))
    assert not exact and seconds == pytest.approx(15 * 3600)
    seconds, exact = time_to_send(table, 16 * 3600 * MIB, datetime(2026, 1, 5, 8, 0))
    assert seconds == pytest.approx(24 * 3600 + 3600)  # the night counts as sending nothing


def test_timetable_of_settings() -> None:
    assert timetable_of(Settings()).always_off
    assert timetable_of(Settings(bwlimit=" 4M ")).slots[0].rate == 4 * MIB
