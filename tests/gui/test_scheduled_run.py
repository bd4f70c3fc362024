"""A scheduled ``glacier-gui run`` while the window is open (it holds status.csv): two real processes, the window
here and the run as Task Scheduler starts it (``python -m glacier_gui run --data-dir ...``)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from glacier_gui.core.homelink import handoff
from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.settings import Settings, save_settings

REPO = Path(__file__).resolve().parents[2]
TRAVEL = "2022/0501_旅行"


def start_scheduled_run(data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "glacier_gui", "run", "--data-dir", str(data_dir), "--no-progress"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def bucket_keys(s3, bucket: str) -> list[str]:
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_the_open_window_runs_the_scheduled_backup_and_shows_the_outcome(
    make_window, settings: Settings, data_dir: Path, qtbot, s3, bucket: str
) -> None:
    save_settings(settings, data_dir)  # what the task's `run --data-dir` reads
    window = make_window(settings, scanned=True)
    window.session.model.mark_units([TRAVEL])
    window.scheduled_runs.timer.setInterval(100)
    assert not window.session.read_only  # the window holds status.csv
    run = start_scheduled_run(data_dir)
    try:
        with qtbot.waitSignal(window.scheduled_runs.finished, timeout=60_000) as finished:
            pass
        out, err = run.communicate(timeout=60)
    finally:
        run.kill()
    assert finished.args == [True, "1 of 1 unit(s) synchronized"]
    assert run.returncode == 0, out + err
    assert "the open window ran the backup: 1 of 1 unit(s) synchronized" in out
    assert f"10_Album/{TRAVEL}/DSC_0001.jpg" in bucket_keys(s3, bucket)
    assert load_status(Path(settings.status_file)).require(TRAVEL).status == State.SYNCHRONIZED
    assert "Scheduled backup finished: 1 of 1 unit(s) synchronized" in window.statusBar().currentMessage()
    window.log_pane.drain()
    assert "Scheduled backup finished" in window.log_pane.text()
    assert not window.session.read_only  # the window kept status.csv throughout
    assert [p.name for p in handoff.folder(data_dir).iterdir()] == []  # no request, claim or outcome left


def test_a_window_closed_before_the_backup_ran_leaves_it_to_the_scheduled_run(
    make_window, settings: Settings, data_dir: Path, qtbot, s3, bucket: str
) -> None:
    save_settings(settings, data_dir)
    window = make_window(settings, scanned=True)
    window.session.model.mark_units([TRAVEL])
    window.scheduled_runs.timer.setInterval(100)
    release = threading.Event()
    # The user's own job is running: the claimed request waits for it.
    window.session.runner.run_job(lambda: release.wait(30), lambda _r: None, lambda _m: None, "a long job")
    run = start_scheduled_run(data_dir)
    try:
        qtbot.waitUntil(lambda: window.scheduled_runs.request is not None, timeout=30_000)
        release.set()
        window.close()  # before the claimed backup could start: the lock is free, the run takes it
        out, err = run.communicate(timeout=90)
    finally:
        run.kill()
    assert run.returncode == 0, out + err
    assert "ran the backup" not in out and window.scheduled_runs.request is None
    assert "1 units" in out or "uploaded" in out, out  # the run's own scan and upload lines
    assert f"10_Album/{TRAVEL}/DSC_0001.jpg" in bucket_keys(s3, bucket)
    assert load_status(Path(settings.status_file)).require(TRAVEL).status == State.SYNCHRONIZED


def test_a_failed_scheduled_backup_is_shown_and_ends_the_run_with_exit_status_1(
    make_window, settings: Settings, data_dir: Path, qtbot, s3
) -> None:
    from dataclasses import replace

    settings = replace(settings, bucket="no-such-bucket-for-this-test")
    save_settings(settings, data_dir)
    window = make_window(settings, scanned=True)
    window.session.model.mark_units([TRAVEL])
    window.scheduled_runs.timer.setInterval(100)
    run = start_scheduled_run(data_dir)
    try:
        with qtbot.waitSignal(window.scheduled_runs.finished, timeout=60_000) as finished:
            pass
        out, err = run.communicate(timeout=60)
    finally:
        run.kill()
    ok, text = finished.args
    assert not ok and text
    assert run.returncode == 1, out + err
    assert "the open window ran the backup, which did not finish" in out
    assert "Scheduled backup did not finish" in window.statusBar().currentMessage()


def test_the_scheduled_backup_waits_while_the_user_decides_on_an_estimate(
    make_window, settings: Settings, data_dir: Path, qtbot, s3, bucket: str
) -> None:
    from glacier_gui.gui.actions import ActionId

    save_settings(settings, data_dir)
    window = make_window(settings, scanned=True, auto_accept_estimate=False)
    window.session.model.mark_units([TRAVEL])
    window.scheduled_runs.timer.setInterval(100)
    with qtbot.waitSignal(window.backup.estimateShown, timeout=10_000) as shown:
        window.action(ActionId.UPLOAD).trigger()
    run = start_scheduled_run(data_dir)
    try:
        qtbot.waitUntil(lambda: window.scheduled_runs.request is not None, timeout=30_000)
        qtbot.wait(500)
        assert not window.scheduled_runs._running and not window.session.runner.busy  # the dialog is still open
        with qtbot.waitSignal(window.scheduled_runs.finished, timeout=60_000) as finished:
            shown.args[0].reject()  # the user says no to their own upload: the scheduled backup goes on
        out, err = run.communicate(timeout=60)
    finally:
        run.kill()
    assert finished.args == [True, "1 of 1 unit(s) synchronized"], out + err
    assert run.returncode == 0
    assert window.backup.auto_accept_estimate is False  # the user's uploads still wait for their go
