"""Outages: S3 or the network unreachable for a while.  Wait (``outage_wait``), say so once, go on or stop cleanly.

The gate's logic is tested with a fake clock (no real waiting); the engine against a port that refuses
connections and against ``tests/fault_proxy.py`` in front of moto, switched down and up from the engine's own
callbacks (the unit-done callback, the outage report), never by a timer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import botocore.exceptions
import pytest

from glacier_gui.cli import main
from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.progress import TransferProgress
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.errors import Unreachable
from glacier_gui.core.s3.outage import MAX_DELAY, GaveUpWaiting, OutageGate, is_outage, spoken_duration
from glacier_gui.core.setting_checks import parse_duration
from glacier_gui.core.settings import Settings, SettingsError, resolve_settings
from glacier_gui.core.upload import backup
from tests.conftest import cli_args
from tests.fault_proxy import FaultProxy, refused_port

UNITS = ["2021/0401_帰省", "2022/0501_旅行", "2022/0601_運動会"]


# ---- the gate, on a fake clock ----------------------------------------------------------------------------
class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> bool:
        self.sleeps.append(seconds)
        self.now += seconds
        return False


def client_error(code: str, status: int | None = None) -> Exception:
    meta = {"ResponseMetadata": {"HTTPStatusCode": status}} if status else {}
    return botocore.exceptions.ClientError({"Error": {"Code": code}, **meta}, "PutObject")


def refused() -> Exception:
    return botocore.exceptions.EndpointConnectionError(endpoint_url="http://127.0.0.1:9")


def flaky(failures: int) -> tuple[list[int], object]:
    calls: list[int] = []

    def request() -> str:
        calls.append(1)
        if len(calls) <= failures:
            raise refused()
        return "answer"

    return calls, request


def gate_for(window: float, t: FakeTime) -> tuple[OutageGate, list[str]]:
    changes: list[str] = []
    gate = OutageGate(window, on_change=lambda text, _since: changes.append(text), clock=t.clock, sleep=t.sleep)
    return gate, changes


def test_gate_waits_with_backoff_and_reports_each_state_change_once() -> None:
    t = FakeTime()
    gate, changes = gate_for(1800, t)
    calls, request = flaky(5)
    assert gate.call(request) == "answer"
    assert len(calls) == 6 and t.sleeps == [0.5, 1.0, 2.0, 4.0, 8.0]
    assert len(changes) == 2 and changes[0].startswith("waiting for the network") and changes[1] == ""
    assert "giving up at" in changes[0]
    assert gate.call(lambda: "next") == "next" and len(changes) == 2  # no news while all is well


def test_gate_backoff_is_capped_and_it_gives_up_at_the_end_of_the_window() -> None:
    t = FakeTime()
    gate, changes = gate_for(600, t)
    calls, request = flaky(10**6)
    with pytest.raises(GaveUpWaiting) as raised:
        gate.call(request)
    assert max(t.sleeps) == MAX_DELAY and t.now == 600  # the last try is at the deadline itself
    assert "gave up after waiting 10 min" in str(raised.value) and "outage_wait" in str(raised.value)
    assert len(changes) == 2  # waiting, gave up
    tried = len(calls)
    with pytest.raises(GaveUpWaiting):  # the run is over: later requests fail at once, untried
        gate.call(request)
    assert len(calls) == tried


def test_gate_with_no_window_gives_up_at_once_with_one_report() -> None:
    t = FakeTime()
    gate, changes = gate_for(0, t)
    calls, request = flaky(1)
    with pytest.raises(GaveUpWaiting) as raised:
        gate.call(request)
    assert len(calls) == 1 and t.sleeps == [] and len(changes) == 1
    assert "outage_wait is 0" in str(raised.value)


def test_a_refusal_is_an_answer_not_an_outage() -> None:
    t = FakeTime()
    gate, changes = gate_for(1800, t)
    denied = botocore.exceptions.ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "PutObject")

    def request() -> None:
        raise denied

    with pytest.raises(botocore.exceptions.ClientError):
        gate.call(request)
    assert t.sleeps == [] and changes == []


@pytest.mark.parametrize(
    ("error", "outage"),
    [
        (refused(), True),
        (botocore.exceptions.ReadTimeoutError(endpoint_url="x"), True),
        (botocore.exceptions.ConnectionClosedError(endpoint_url="x"), True),
        (Unreachable("down"), True),
        (client_error("SlowDown", 503), True),
        (client_error("InternalError"), True),
        (client_error("BadGateway", 502), True),
        (client_error("AccessDenied", 403), False),
        (client_error("NoSuchBucket", 404), False),
        (GaveUpWaiting("over"), False),
    ],
)
def test_what_counts_as_an_outage(error: Exception, outage: bool) -> None:
    assert is_outage(error) is outage


def test_outage_wait_setting_is_a_validated_duration(data_dir: Path) -> None:
    assert [parse_duration(t) for t in ("30m", "20s", "1h", "0", "1h30m")] == [1800, 20, 3600, 0, 5400]
    assert Settings().outage_wait == "30m"
    for bad in ("soon", "10", "-5m", "8d"):
        with pytest.raises(SettingsError, match="outage wait"):
            resolve_settings(data_dir, None, {"outage_wait": bad})
    assert spoken_duration(130) == "2 min 10 s" and spoken_duration(45) == "45 s"


def test_outage_wait_flag_comes_from_the_settings_spec(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--outage-wait", "soon"]) == 2
    assert "outage wait" in capsys.readouterr().err


# ---- the engine ---------------------------------------------------------------------------------------------
def warnings_from_the_app(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("glacier_gui") and r.levelno >= logging.WARNING]


@pytest.fixture
def proxy(s3_url: str) -> Iterator[FaultProxy]:
    target = urlsplit(s3_url)
    proxy = FaultProxy((target.hostname or "127.0.0.1", target.port or 80))
    yield proxy
    proxy.close()


def test_unreachable_s3_with_no_wait_fails_fast_with_exit_status_1(
    settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.endpoint_url = f"http://127.0.0.1:{refused_port()}"
    args = cli_args(settings, data_dir)
    assert main(["scan", *args]) == 0
    assert main(["mark", "--upload", *UNITS[:2], *args]) == 0
    capsys.readouterr()
    assert main(["upload", "--outage-wait", "0", *args]) == 1  # not 2: an outage is no bad input
    out, err = capsys.readouterr()
    assert "FAIL 2021/0401_帰省" in out and "S3 unreachable" in out
    assert len([line for line in err.splitlines() if "unreachable" in line]) == 1, err
    table = load_status(Path(settings.status_file), settings.album_root)
    for unit in UNITS[:2]:
        row = table.require(unit)
        assert row.status == State.CHECK_FILE_UPLOAD and "S3 unreachable" in row.last_error


class Reporting(TransferProgress):
    """The progress snapshot, whose outage report brings the network back (as a router coming back would)."""

    def __init__(self, proxy: FaultProxy, comes_back: bool) -> None:
        super().__init__()
        self.proxy, self.comes_back, self.reports = proxy, comes_back, []
        # Units finish concurrently: to take the network down between units, the others wait to verify until it is.
        self.hold_until_down, self.first_verifying, self.went_down = False, "", threading.Event()
        self.hold_lock = threading.Lock()

    def set_state(self, unit: str, state: str) -> None:
        if state == "verifying" and self.hold_until_down:
            with self.hold_lock:
                first = not self.first_verifying
                self.first_verifying = self.first_verifying or unit
            if not first:
                assert self.went_down.wait(60)
        super().set_state(unit, state)

    def set_outage(self, text: str, since: float | None) -> None:
        super().set_outage(text, since)
        self.reports.append(text)
        if text.startswith("waiting") and self.comes_back:
            assert self.snapshot().outage == text  # what the GUI's status bar shows meanwhile
            self.proxy.up()


def upload_through(proxy: FaultProxy, settings: Settings, data_dir: Path, progress: Reporting, down_after_first: bool):
    settings.endpoint_url = proxy.url
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload(UNITS)
    done: list[str] = []
    progress.hold_until_down = down_after_first

    def unit_done(result) -> None:
        done.append(result.unit)
        if down_after_first and len(done) == 1:
            proxy.down()
            progress.went_down.set()

    report = backup.upload_marked(
        settings, table, data_dir, make_client(settings), progress=progress, scan=summary.scan, on_unit_done=unit_done
    )
    return report, table


def test_network_down_at_the_start_then_back_completes_with_two_lines(
    proxy: FaultProxy, settings: Settings, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    proxy.down()
    settings.outage_wait = "5m"
    progress = Reporting(proxy, comes_back=True)
    report, table = upload_through(proxy, settings, data_dir, progress, down_after_first=False)
    assert not report.failed, [u.error for u in report.failed]
    assert proxy.refused > 0
    lines = warnings_from_the_app(caplog)
    assert len([m for m in lines if "waiting for the network" in m]) == 1, lines
    assert len([m for m in lines if "network back after" in m]) == 1, lines
    assert len(lines) == 2, lines
    assert progress.snapshot().outage == "" and progress.reports[-1] == ""
    assert all(table.require(u).status == State.SYNCHRONIZED for u in UNITS)


def test_network_down_mid_run_then_back_completes_with_two_lines(
    proxy: FaultProxy, settings: Settings, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings.outage_wait = "5m"
    progress = Reporting(proxy, comes_back=True)
    report, table = upload_through(proxy, settings, data_dir, progress, down_after_first=True)
    assert not report.failed, [u.error for u in report.failed]
    lines = warnings_from_the_app(caplog)
    assert len([m for m in lines if "waiting for the network" in m]) == 1, lines
    assert len([m for m in lines if "network back after" in m]) == 1, lines
    assert len(lines) == 2, lines
    assert all(table.require(u).status == State.SYNCHRONIZED for u in UNITS)


def test_network_gone_for_longer_than_the_window_stops_cleanly(
    proxy: FaultProxy, settings: Settings, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings.outage_wait = "1s"
    progress = Reporting(proxy, comes_back=False)
    report, table = upload_through(proxy, settings, data_dir, progress, down_after_first=True)
    first = [u for u in report.units if u.ok]  # the unit done before the network went down
    rest = [u for u in report.units if not u.ok]
    assert [u.unit for u in first] == [progress.first_verifying] and len(rest) == len(UNITS) - 1
    for unit in rest:
        assert "S3 unreachable since" in unit.error and "outage_wait" in unit.error
        row = table.require(unit.unit)
        assert row.status == State.CHECK_FILE_UPLOAD and "S3 unreachable" in row.last_error
    lines = warnings_from_the_app(caplog)
    assert len([m for m in lines if "waiting for the network" in m]) == 1, lines
    assert len([m for m in lines if "gave up after waiting" in m]) == 1, lines
    assert len(lines) == 2, lines  # not one line per file or per request
    assert progress.snapshot().outage.startswith("S3 unreachable since")
