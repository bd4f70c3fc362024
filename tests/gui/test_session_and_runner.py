"""run_task, the JobRunner's lanes and timer, and the Session (lock, table, client cache), without the window."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from glacier_gui.core.ledger.status import State, StatusRow, StatusTable
from glacier_gui.core.lock import StatusInUse, StatusLock
from glacier_gui.core.progress import CancelToken
from glacier_gui.core.settings import Settings, load_saved_settings
from glacier_gui.gui.job_runner import RESTORE_LANE, JobRunner
from glacier_gui.gui.models.filter_proxy import StatusFilter
from glacier_gui.gui.status_board import StatusBoard


def on_gui_thread() -> bool:
    return QThread.currentThread() is QApplication.instance().thread()


@pytest.fixture
def runner(qtbot):
    r = JobRunner()
    yield r
    r.shutdown(5000)


def test_run_task_delivers_the_result_on_the_gui_thread(runner: JobRunner, qtbot) -> None:
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker thread"] = not on_gui_thread()
        return 42

    def done(value: int) -> None:
        seen["value"], seen["gui thread"] = value, on_gui_thread()

    runner.run_task(work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen == {"worker thread": True, "value": 42, "gui thread": True}


def test_run_task_delivers_errors_on_the_gui_thread_as_one_sentence(runner: JobRunner, qtbot) -> None:
    errors: list[tuple[str, bool]] = []

    def work() -> None:
        raise ValueError("the album root is not a folder")

    runner.run_task(work, lambda _value: errors.append(("done?", False)), lambda m: errors.append((m, on_gui_thread())))
    # Wait for the callback itself: the task may fail before a waitSignal could connect to its signal.
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    qtbot.wait(50)  # a second callback would show here
    assert errors == [("the album root is not a folder", True)]


def test_run_task_cancel_reaches_the_call(runner: JobRunner, qtbot) -> None:
    cancel, started = CancelToken(), threading.Event()

    def work() -> None:
        started.set()
        while True:
            cancel.raise_if_cancelled()
            threading.Event().wait(0.01)

    task = runner.run_task(work, lambda _v: None, cancel=cancel)
    assert started.wait(5)
    with qtbot.waitSignal(task.signals.failed, timeout=5000) as blocker:
        task.cancel()
    assert blocker.args == ["Stopped."]


def test_a_lane_runs_one_job_reports_busy_and_ticks(runner: JobRunner, qtbot) -> None:
    release = threading.Event()
    busy: list[bool] = []
    runner.busyChanged.connect(busy.append)
    results: list[object] = []
    with qtbot.waitSignal(runner.tick, timeout=5000):  # the timer ticks while a job runs
        runner.run_job(lambda: release.wait(10) and "done", results.append, results.append, "waiting job")
        assert runner.busy and busy == [True] and runner.job() is not None
        with pytest.raises(RuntimeError, match="busy"):
            runner.run_job(lambda: None, results.append, results.append, "second job")
    side = runner.run_job(lambda: "other lane", results.append, results.append, "restore job", RESTORE_LANE)
    assert runner.job(RESTORE_LANE) is side and runner.busy  # the restore lane runs beside the status lane
    qtbot.waitUntil(lambda: results == ["other lane"], timeout=5000)
    assert runner.busy and runner.timer.isActive()
    release.set()
    qtbot.waitUntil(lambda: results == ["other lane", "done"], timeout=5000)
    assert busy == [True, False] and not runner.busy and runner.job() is None and not runner.timer.isActive()


def test_stop_cancels_the_lane_job(runner: JobRunner, qtbot) -> None:
    cancel = CancelToken()
    failed: list[str] = []

    def work() -> None:
        while True:
            cancel.raise_if_cancelled()
            threading.Event().wait(0.01)

    task = runner.run_job(work, lambda _v: None, failed.append, "endless", cancel=cancel)
    assert not runner.stop(RESTORE_LANE)  # nothing runs there
    assert runner.stop()
    qtbot.waitUntil(lambda: failed == ["Stopped."], timeout=5000)
    assert task.cancelled_by_user and not runner.busy


def test_session_is_the_one_writer_and_read_only_when_another_is(make_session, settings: Settings, qtbot) -> None:
    status = Path(settings.status_file)
    other = StatusLock(status).acquire()
    try:
        session = make_session(settings)
        assert session.read_only and "in use" in session.read_only_reason and not session.model.editable
        assert not session.retry_lock()
    finally:
        other.release()
    with qtbot.waitSignal(session.readOnlyChanged, timeout=1000):
        assert session.retry_lock()
    assert not session.read_only and session.model.editable
    with pytest.raises(StatusInUse):
        StatusLock(status).acquire()
    session.shutdown()
    StatusLock(status).acquire().release()


def test_session_settings_move_the_lock_and_reload_the_table(
    make_session, settings: Settings, data_dir: Path, qtbot
) -> None:
    session = make_session(settings)
    other_file = data_dir / "elsewhere" / "status.csv"
    StatusTable(other_file, [StatusRow(status=State.CHECK, unit="2022/0501_旅行")]).save()
    with qtbot.waitSignal(session.tableReplaced, timeout=1000), qtbot.waitSignal(session.settingsChanged):
        assert session.apply_settings(replace(settings, status_file=str(other_file)))
    assert [r.unit for r in session.table.rows] == ["2022/0501_旅行"] == [session.model.row_of(0).unit]
    assert load_saved_settings(data_dir).status_file == str(other_file)
    StatusLock(Path(settings.status_file)).acquire().release()  # the old file is free
    with pytest.raises(StatusInUse):
        StatusLock(other_file).acquire()


def test_session_reports_settings_it_cannot_save(make_session, settings: Settings, qtbot) -> None:
    session = make_session(settings)
    with qtbot.waitSignal(session.problem, timeout=1000) as blocker:
        assert not session.apply_settings(replace(settings, level=0))
    assert blocker.args[0] == "Settings not saved" and "level" in blocker.args[1]
    assert session.settings == settings


def test_session_prepares_one_client_per_settings(make_session, settings: Settings, qtbot) -> None:
    session = make_session(settings)
    assert session.cached_client() is None
    session.prepare_client()
    qtbot.waitUntil(lambda: session.cached_client() is not None, timeout=10_000)
    client = session.cached_client()
    assert session.client_source()() is client  # a pool thread gets the same client
    session.settings = replace(settings, region="ap-northeast-1")
    assert session.cached_client() is None  # made for other settings
    assert session.client_source()() is not client


def test_board_refilters_on_the_tick_while_a_job_runs(make_session, settings: Settings, qtbot) -> None:
    session = make_session(settings)
    session.adopt_table(StatusTable(Path(settings.status_file), [StatusRow(status=State.CHECK, unit=u) for u in "abc"]))
    board = StatusBoard(session)
    qtbot.addWidget(board)
    board.status_combo.setCurrentIndex(board.status_combo.findData(StatusFilter.ATTENTION))
    assert board.proxy.rowCount() == 3
    release = threading.Event()
    session.runner.run_job(lambda: release.wait(10), lambda _v: None, lambda _m: None, "a long job")
    session.runner.timer.stop()  # the test says when the tick comes
    for unit in "ab":  # as an upload finishes units: the core changed their rows
        session.table.require(unit).status = State.SYNCHRONIZED
        session.model.refresh_unit(unit)
    assert board.proxy.rowCount() == 3  # not refiltered per unit
    session.runner.tick.emit()
    assert board.proxy.rowCount() == 1 and "1 need checking" in board.summary_label.text()
    session.table.require("c").status = State.SYNCHRONIZED
    session.model.refresh_unit("c")
    release.set()
    qtbot.waitUntil(lambda: board.proxy.rowCount() == 0, timeout=5000)  # the job's end refreshes too
