"""The scheduled run's hand-off to the process that holds status.csv (core/homelink/handoff.py), with two real
processes: a holder in a subprocess (a stand-in for the window: it holds the lock and claims requests through the
same core functions the window uses) and the run in this process.  The window itself is tested in
tests/gui/test_scheduled_run.py."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from glacier_gui.core.homelink import handoff
from glacier_gui.core.lock import StatusInUse, StatusLock

REPO = Path(__file__).resolve().parents[1]

# A holder of the lock: 'plain' never claims (a CLI command in a terminal); 'window' claims and answers;
# 'walk-away' claims and exits without an answer (the window closed mid-backup).
HOLDER = """
import sys, time
from pathlib import Path
from glacier_gui.core.homelink import handoff
from glacier_gui.core.lock import StatusLock

data_dir, status, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
lock = StatusLock(status).acquire()
print("held", flush=True)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    if mode != "plain":
        request = handoff.claim_request(data_dir, status)
        if request is not None:
            if mode == "window":
                handoff.finish(request, handoff.Outcome(True, f"3 of 3 unit(s) synchronized by pid {sys.argv[4]}"))
            print("claimed", request.pid, flush=True)
            break
    time.sleep(0.05)
if mode == "window":
    time.sleep(30)  # the window stays open after the backup
"""


@pytest.fixture
def paths(tmp_path: Path) -> tuple[Path, Path]:
    data_dir = tmp_path / "データ"
    data_dir.mkdir()
    return data_dir, tmp_path / "アルバム" / "status.csv"


@pytest.fixture
def holder(paths: tuple[Path, Path]) -> Iterator[object]:
    procs: list[subprocess.Popen[str]] = []

    def start(mode: str) -> subprocess.Popen[str]:
        data_dir, status = paths
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(data_dir), str(status), mode, "x"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        return proc

    yield start
    for proc in procs:
        proc.kill()
        proc.wait()


def take(status: Path):
    return lambda: StatusLock(status).acquire()


def leftovers(data_dir: Path) -> list[str]:
    return sorted(p.name for p in handoff.folder(data_dir).glob("*") if not p.name.startswith("."))


def test_the_holder_runs_the_backup_and_the_run_reports_its_outcome(paths, holder) -> None:
    data_dir, status = paths
    window = holder("window")
    outcome = handoff.hand_off(data_dir, status, take(status), claim_seconds=20, poll_seconds=0.05)
    assert outcome == handoff.Outcome(True, "3 of 3 unit(s) synchronized by pid x")
    assert window.stdout.readline().split()[0] == "claimed"
    assert leftovers(data_dir) == []  # claim and outcome read and gone
    with pytest.raises(StatusInUse):  # the window still holds status.csv: the run did not take it
        StatusLock(status).acquire()
    assert "the open window ran the backup: 3 of 3" in handoff.outcome_line(outcome)


def test_a_holder_that_is_not_a_window_leaves_the_request_unclaimed(paths, holder) -> None:
    data_dir, status = paths
    holder("plain")
    assert handoff.hand_off(data_dir, status, take(status), claim_seconds=0.6, poll_seconds=0.05) is None
    assert leftovers(data_dir) == []  # withdrawn: no window will run it later by surprise


def test_a_window_that_closes_before_the_outcome_leaves_the_backup_to_the_run(paths, holder) -> None:
    data_dir, status = paths
    walker = holder("walk-away")
    got = handoff.hand_off(data_dir, status, take(status), claim_seconds=20, poll_seconds=0.05)
    assert isinstance(got, StatusLock) and got.held  # the run now holds status.csv and does the backup itself
    try:
        assert walker.wait(timeout=10) == 0
        assert leftovers(data_dir) == []
    finally:
        got.release()


def test_the_window_claims_only_requests_for_its_own_status_file(paths, tmp_path: Path) -> None:
    data_dir, status = paths
    other = handoff.post_request(data_dir, tmp_path / "other" / "status.csv")
    assert handoff.claim_request(data_dir, status) is None and other.exists()
    mine = handoff.post_request(data_dir, status)
    request = handoff.claim_request(data_dir, status)
    assert request is not None and request.path == mine.with_suffix(".claimed") and not mine.exists()
    assert handoff.claim_request(data_dir, status) is None  # claimed once only
    assert not handoff.withdraw(mine)  # the run sees that it was claimed
    handoff.finish(request, handoff.Outcome(False, "1 of 2 unit(s) synchronized"))
    assert json.loads(request.done_path.read_text(encoding="utf-8")) == {
        "ok": False,
        "text": "1 of 2 unit(s) synchronized",
    }
    assert handoff.read_outcome(request.done_path) == handoff.Outcome(False, "1 of 2 unit(s) synchronized")
    assert not request.done_path.exists() and not request.path.exists()


def test_an_outcome_written_as_the_window_closes_is_not_run_twice(paths) -> None:
    data_dir, status = paths
    calls = []

    def take_lock() -> StatusLock:
        calls.append(1)
        if len(calls) == 1:
            raise StatusInUse("held")
        # The window claimed, wrote its outcome and closed between two looks of the run.
        request = handoff.claim_request(data_dir, status)
        assert request is not None
        handoff.finish(request, handoff.Outcome(True, "done"))
        return StatusLock(status).acquire()

    outcome = handoff.hand_off(data_dir, status, take_lock, claim_seconds=5, poll_seconds=0.01)
    assert outcome == handoff.Outcome(True, "done")
    StatusLock(status).acquire().release()  # the lock taken on the way was given back
