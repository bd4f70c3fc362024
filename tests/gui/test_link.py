"""The home link in the window: Pause/Resume, the status bar's limit and paused state, the bandwidth form, the
settings page, the summary's estimate, and the scheduled task made on save (through the runner seam)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from glacier_gui.core.homelink import autorun
from glacier_gui.core.homelink import link as homelink
from glacier_gui.core.homelink.link import HomeLink, LinkState
from glacier_gui.core.homelink.schedule import RunResult
from glacier_gui.core.settings import Settings, load_saved_settings
from glacier_gui.gui.actions import ActionId
from glacier_gui.gui.dialogs.bandwidth_page import FORM, OFF, TEXT, BandwidthPage
from glacier_gui.gui.dialogs.settings_dialog import SettingsDialog
from glacier_gui.gui.link_status import LinkWords
from tests.conftest import write

MIB = 1024 * 1024
NOW = datetime(2026, 1, 5, 9, 30)  # a Monday


class NoAwake:
    def __call__(self, why: str) -> NoAwake:
        return self

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


@pytest.fixture(autouse=True)
def fresh_link(monkeypatch: pytest.MonkeyPatch) -> Iterator[HomeLink]:
    """A process link of the test's own (the window and the upload both find it), resumed afterwards."""
    link = HomeLink(awake_factory=NoAwake())
    monkeypatch.setattr(homelink, "_LINK", link)
    yield link
    link.resume()


class FakeSchtasks:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, argv: Sequence[str]) -> RunResult:
        self.calls.append(list(argv))
        if "/Query" in argv:
            row = '"PC","\\glacier_gui backup","2026/03/11 2:30:00","Ready","Interactive only","2026/03/10 2:30:00","0"'
            return RunResult(0, row + "\r\n", "")
        return RunResult(0, "SUCCESS\r\n", "")


@pytest.fixture
def windows_tasks(monkeypatch: pytest.MonkeyPatch) -> FakeSchtasks:
    """Task Scheduler as on Windows, with schtasks replaced by a recorder."""
    fake = FakeSchtasks()
    monkeypatch.setattr(autorun, "uses_task_scheduler", lambda platform=None: True)
    monkeypatch.setattr(autorun, "task_runner", fake)
    return fake


def big_album(settings: Settings) -> None:
    """One unit with enough bytes to take a few seconds at 256 KiB/s."""
    for i in range(3):
        write(Path(settings.album_root) / "2022" / "0601_運動会" / f"video_{i}.mp4", bytes([i]) * 256 * 1024)


# ---- pause --------------------------------------------------------------------------------------------------------


def test_pause_toggles_while_uploading_and_the_status_bar_says_so(
    make_window, settings: Settings, fresh_link: HomeLink, qtbot
) -> None:
    big_album(settings)
    settings.bwlimit = "256k"
    window = make_window(settings, scanned=True)
    pause = window.action(ActionId.PAUSE)
    assert pause.isCheckable() and not pause.isEnabled()  # nothing runs: nothing to pause
    window.session.model.mark_units(["2022/0601_運動会"])
    with qtbot.waitSignal(window.backup.uploadFinished, timeout=60000):
        window.action(ActionId.UPLOAD).trigger()
        qtbot.waitUntil(lambda: pause.isEnabled() and fresh_link.limiter.total_bytes > 0, timeout=30000)
        pause.trigger()
        assert pause.isChecked() and fresh_link.paused
        assert pause.text() == "&Resume"
        window.session.runner.tick.emit()
        assert window.link.label.text().startswith("Paused")
        assert "limit 256.0 KiB/s" in window.link.label.text()
        sent = fresh_link.limiter.total_bytes
        qtbot.wait(400)
        assert fresh_link.limiter.total_bytes == sent  # nothing more while paused
        pause.trigger()
        assert not pause.isChecked() and not fresh_link.paused and pause.text() == "&Pause"
    assert not pause.isEnabled()
    assert window.session.table.require("2022/0601_運動会").status == "Synchronized"


def test_a_job_ending_while_paused_resumes_the_link(make_window, settings: Settings, fresh_link, qtbot) -> None:
    big_album(settings)
    settings.bwlimit = "256k"
    window = make_window(settings, scanned=True)
    pause = window.action(ActionId.PAUSE)
    window.session.model.mark_units(["2022/0601_運動会"])
    with qtbot.waitSignal(window.backup.uploadFinished, timeout=60000):
        window.action(ActionId.UPLOAD).trigger()
        qtbot.waitUntil(pause.isEnabled, timeout=30000)
        pause.trigger()
        window.action(ActionId.STOP).trigger()  # Stop reaches the paused connections through the cancel token
    assert not pause.isChecked() and not fresh_link.paused


# ---- the limit in the status bar, live --------------------------------------------------------------------------


def test_saved_limit_reaches_the_limiter_and_the_status_bar(make_window, settings: Settings, fresh_link, qtbot) -> None:
    window = make_window(settings)
    assert window.link.label.text() == ""
    window.session.apply_settings(replace(window.session.settings, bwlimit="2M"))
    assert fresh_link.limiter.current_limit() == (2 * MIB, None)
    assert window.link.label.text() == "limit 2.0 MiB/s"
    fresh_link.pause()
    window.session.runner.tick.emit()
    assert window.link.label.text() == "Paused · limit 2.0 MiB/s"


def test_bandwidth_dialog_saves_and_applies(make_window, settings: Settings, data_dir: Path, fresh_link, qtbot) -> None:
    window = make_window(settings)
    window.action(ActionId.BANDWIDTH).trigger()
    dialog = window.link.bandwidth_dialog
    assert dialog is not None
    dialog.page.form_radio.setChecked(True)
    dialog.page.rate_spin.setValue(1.5)
    dialog.page.to_edit.setTime(dialog.page.to_edit.time().fromString("22:30", "HH:mm"))
    assert dialog.text() == "08:00,1.5M 22:30,off"
    dialog.accept()
    assert load_saved_settings(data_dir).bwlimit == "08:00,1.5M 22:30,off"
    assert fresh_link.timetable.text == "08:00,1.5M 22:30,off"


def test_link_words() -> None:
    words = LinkWords()
    state = LinkState(950 * 1024, MIB, datetime(2026, 1, 5, 23, 0), False, 2 * 3600)
    assert words.status(state, True, NOW) == "↑ 950.0 KiB/s · limit 1.0 MiB/s until 23:00 · about 2 h left at this rate"
    later = LinkState(0.0, None, datetime(2026, 1, 10, 0, 0), False, None)
    assert words.limit(later, NOW) == "no limit until Sat 00:00"
    assert words.duration(30) == "under a minute" and words.duration(3 * 86400) == "about 3 days"


def test_summary_estimates_the_marked_units_at_the_limit(make_window, settings: Settings, qtbot) -> None:
    big_album(settings)  # 2022/0601_運動会: 3 x 256 KiB and 4,000 bytes
    settings.bwlimit = "1k"
    window = make_window(settings, scanned=True)
    assert "take" not in window.board.summary_label.text()
    window.session.model.mark_units(["2022/0601_運動会"])
    qtbot.waitUntil(lambda: "the marked units take about 13 min at 1.0 KiB/s" in window.board.summary_label.text())
    window.session.apply_settings(replace(window.session.settings, bwlimit=""))
    assert "take" not in window.board.summary_label.text()


# ---- the bandwidth form -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mode"),
    [("", OFF), ("off", OFF), ("4M", FORM), ("512k", FORM), ("08:00,1M 23:00,off", FORM), ("100k", TEXT)],
)
def test_the_form_shows_what_it_can_say(qtbot, text: str, mode: int) -> None:
    page = BandwidthPage()
    qtbot.addWidget(page)
    page.set_text(text)
    assert page.modes.checkedId() == mode and page.text() == text


def test_typing_an_expert_timetable_and_a_bad_one(qtbot) -> None:
    page = BandwidthPage()
    qtbot.addWidget(page)
    qtbot.keyClicks(page.text_edit, "Mon-08:00,512k Sat-00:00,off")
    assert page.modes.checkedId() == TEXT and page.error() == ""
    page.text_edit.clear()
    qtbot.keyClicks(page.text_edit, "08:00,1M 25:00,off")
    assert "25:00,off" in page.error() and "25:00,off" in page.hint_label.text()
    page.off_radio.setChecked(True)
    assert page.text() == "" and page.error() == ""


# ---- the settings dialog's page -----------------------------------------------------------------------------------


def test_settings_dialog_round_trip_and_a_refused_limit(qtbot, settings: Settings, make_session) -> None:
    dialog = SettingsDialog(make_session(replace(settings, bwlimit="4M", keep_awake=False)))
    qtbot.addWidget(dialog)
    page = dialog.link_page
    assert page.bandwidth.text() == "4M" and not page.keep_awake_check.isChecked()
    page.bandwidth.text_edit.setText("08:00,1M 23:00,soon")
    page.bandwidth.text_edit.textEdited.emit("08:00,1M 23:00,soon")
    dialog.accept()
    assert dialog.result_settings() is None and '"23:00,soon"' in dialog.error_label.text()
    page.bandwidth.set_text("1M")
    page.keep_awake_check.setChecked(True)
    page.schedule.when_combo.setCurrentIndex(page.schedule.when_combo.findData("weekly"))
    page.schedule.day_checks["THU"].setChecked(True)
    page.schedule.day_checks["SUN"].setChecked(False)  # the default day
    dialog.accept()
    result = dialog.result_settings()
    assert result is not None
    assert (result.bwlimit, result.keep_awake, result.schedule, result.schedule_days) == ("1M", True, "weekly", "THU")


def test_schedule_page_shows_text_to_copy_off_windows(qtbot, settings: Settings, make_session, monkeypatch) -> None:
    monkeypatch.setattr(autorun, "uses_task_scheduler", lambda platform=None: False)
    dialog = SettingsDialog(make_session(replace(settings, schedule="daily", schedule_time="03:15")))
    qtbot.addWidget(dialog)
    text = dialog.link_page.schedule.copy_text.toPlainText()
    assert ("15 3 * * *" in text or "<integer>15</integer>" in text) and "run" in text


# ---- the scheduled task on save (Windows, through the runner) ----------------------------------------------------


def test_saving_a_schedule_registers_the_task_and_off_removes_it(
    make_window, settings: Settings, windows_tasks: FakeSchtasks, qtbot
) -> None:
    window = make_window(settings)
    window.session.apply_settings(replace(window.session.settings, schedule="daily", schedule_time="02:30"))
    qtbot.waitUntil(lambda: any("/XML" in c for c in windows_tasks.calls))
    [create] = [c for c in windows_tasks.calls if "/Create" in c]
    assert create[:4] == ["schtasks", "/Create", "/TN", "glacier_gui backup"]
    window.session.apply_settings(replace(window.session.settings, level=2))  # nothing about the schedule
    window.session.apply_settings(replace(window.session.settings, schedule="off"))
    qtbot.waitUntil(lambda: any("/Delete" in c for c in windows_tasks.calls))
    assert sum("/Create" in c for c in windows_tasks.calls) == 1


def test_schedule_page_shows_the_tasks_last_result(
    qtbot, settings: Settings, make_session, windows_tasks: FakeSchtasks
) -> None:
    dialog = SettingsDialog(make_session(replace(settings, schedule="daily")))
    qtbot.addWidget(dialog)
    label = dialog.link_page.schedule.state_label
    qtbot.waitUntil(lambda: "succeeded" in label.text())
    assert "2026/03/10 2:30:00" in label.text() and "2026/03/11 2:30:00" in label.text()
    assert windows_tasks.calls[0][:2] == ["schtasks", "/Query"]


def test_an_outage_shows_in_the_status_bar_then_the_unit_waits_for_the_next_run(
    make_window, settings: Settings, qtbot
) -> None:
    import socket

    with socket.socket() as probe:  # a port where nothing listens: S3 "unreachable"
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    window = make_window(settings, scanned=True)
    window.session.apply_settings(replace(settings, endpoint_url=dead, outage_wait="3s"))
    window.session.model.mark_units(["2022/0501_旅行"])
    label = window.backup.progress_label
    with qtbot.waitSignal(window.backup.uploadFinished, timeout=60000):
        window.action(ActionId.UPLOAD).trigger()
        qtbot.waitUntil(lambda: "waiting for the network" in label.text(), timeout=30000)
    assert window.session.table.require("2022/0501_旅行").status == "Check_FileUpload"
    assert "gave up after waiting" in window.session.table.require("2022/0501_旅行").last_error
