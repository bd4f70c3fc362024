"""The home link's settings and commands: validation messages, the flags, the scheduled task made from the settings
(through the runner seam), ``glacier-gui schedule``, and SIGTSTP/SIGCONT pausing a real CLI upload."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pytest

from glacier_gui.cli import build_parser, main
from glacier_gui.cli.common import settings_from_args
from glacier_gui.core.homelink import autorun
from glacier_gui.core.homelink.schedule import RunResult, ScheduleError, schtasks_create
from glacier_gui.core.settings import Settings, SettingsError
from tests.conftest import cli_args, write

REPO = Path(__file__).resolve().parents[1]
NS = {"t": autorun.TASK_NAMESPACE}
PROGRAM = [r"C:\Program Files\GlacierGUI\GlacierGUI.exe"]  # the windowed exe: no console window for hours
DATA_DIR = Path(r"C:\Users\山田 花子\AppData\Roaming\glacier_gui")
NOW = datetime(2026, 3, 10, 15, 0)


# ---- settings -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"bwlimit": "08:00,1M 25:00,off"}, ["bandwidth limit", "25:00,off", "HH:MM"]),
        ({"bwlimit": "4X"}, ["bandwidth limit", '"4X"']),
        ({"bwlimit": "Mon-08:00,1M Xyz-09:00,off"}, ['"Xyz"']),
        ({"schedule": "hourly"}, ["schedule must be one of off, daily, weekly"]),
        ({"schedule_time": "24:00"}, ["'24:00'", "HH:MM"]),
        ({"schedule_time": "7pm"}, ["'7pm'"]),
        ({"schedule_days": "MON,FUN"}, ["'FUN'", "MON,TUE"]),
        ({"schedule": "weekly", "schedule_days": ""}, ["weekly", "at least one day"]),
    ],
)
def test_settings_refuse_bad_values_naming_them(changes: dict[str, str], words: list[str]) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings(**changes).validate()  # type: ignore[arg-type]
    for word in words:
        assert word in str(caught.value)


def test_good_values_and_defaults() -> None:
    s = Settings()
    assert (s.bwlimit, s.keep_awake, s.schedule) == ("", True, "off")
    Settings(bwlimit="Mon-08:00,512k Sat-00:00,off", schedule="weekly", schedule_days="mon, thu").validate()
    assert Settings(schedule_days="mon, thu").schedule_day_list == ("MON", "THU")


def test_flags_come_from_the_settings(data_dir: Path) -> None:
    args = build_parser().parse_args(
        [
            "upload",
            "--bwlimit",
            "08:00,1M 23:00,off",
            "--no-keep-awake",
            "--schedule",
            "weekly",
            "--data-dir",
            str(data_dir),
        ]
    )
    args.config = None
    s = settings_from_args(args)
    assert (s.bwlimit, s.keep_awake, s.schedule) == ("08:00,1M 23:00,off", False, "weekly")
    args = build_parser().parse_args(["upload", "--data-dir", str(data_dir)])
    assert settings_from_args(args).keep_awake is True


def test_a_bad_bwlimit_flag_is_one_line_and_exit_2(data_dir: Path, capsys) -> None:
    assert main(["upload", "--bwlimit", "08:00,1M 23:00,fast", "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and '"23:00,fast"' in err


# ---- the Windows task from the settings (runner seam) ------------------------------------------------------------


class FakeSchtasks:
    """Records each schtasks call; reads the task XML while the call runs (the file is gone afterwards)."""

    def __init__(self, refuse_xml: bool = False) -> None:
        self.calls: list[list[str]] = []
        self.xml = ""
        self.refuse_xml = refuse_xml

    def __call__(self, argv: Sequence[str]) -> RunResult:
        self.calls.append(list(argv))
        if "/XML" in argv:
            path = Path(argv[argv.index("/XML") + 1])
            raw = path.read_bytes()
            assert raw[:2] in (b"\xff\xfe", b"\xfe\xff")  # UTF-16 with its BOM
            self.xml = raw.decode("utf-16")
            if self.refuse_xml:
                return RunResult(1, "", "ERROR: The task XML is malformed.\r\n")
        return RunResult(0, "SUCCESS: The scheduled task was created.\r\n", "")


def parsed(xml: str) -> ET.Element:
    return ET.fromstring(xml.encode("utf-16"))


def test_daily_task_xml_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USERDOMAIN", "AzureAD")
    monkeypatch.setenv("USERNAME", "hanako")
    runner = FakeSchtasks()
    settings = Settings(schedule="daily", schedule_time="02:30")
    done = autorun.register_task(settings, DATA_DIR, runner, PROGRAM, NOW, name="glacier_gui backup")
    assert done.full
    [call] = runner.calls
    assert call[:6] == ["schtasks", "/Create", "/TN", "glacier_gui backup", "/XML", call[5]] and call[6:] == ["/F"]
    assert not Path(call[5]).exists()  # the temporary XML is removed
    task = parsed(runner.xml)
    trigger = task.find("t:Triggers/t:CalendarTrigger", NS)
    assert trigger is not None
    assert trigger.findtext("t:StartBoundary", namespaces=NS) == "2026-03-11T02:30:00"  # the next 02:30, tomorrow
    assert trigger.findtext("t:ScheduleByDay/t:DaysInterval", namespaces=NS) == "1"
    settings_el = task.find("t:Settings", NS)
    assert settings_el is not None
    wanted = {
        "DisallowStartIfOnBatteries": "false",
        "StopIfGoingOnBatteries": "false",
        "StartWhenAvailable": "true",
        "ExecutionTimeLimit": "PT0S",
        "MultipleInstancesPolicy": "IgnoreNew",
    }
    assert {k: settings_el.findtext(f"t:{k}", namespaces=NS) for k in wanted} == wanted
    assert task.findtext("t:Principals/t:Principal/t:LogonType", namespaces=NS) == "InteractiveToken"
    # No UserId: Task Scheduler takes the caller (DOMAIN\\user may not resolve for Entra ID accounts).
    assert task.find("t:Principals/t:Principal/t:UserId", NS) is None and "UserId" not in runner.xml
    assert task.findtext("t:Actions/t:Exec/t:Command", namespaces=NS) == PROGRAM[0]
    assert task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS) == f'run --data-dir "{DATA_DIR}"'


def test_weekly_task_xml_days_and_a_start_later_today() -> None:
    runner = FakeSchtasks()
    settings = Settings(schedule="weekly", schedule_time="21:05", schedule_days="thu,MON")
    autorun.register_task(settings, DATA_DIR, runner, PROGRAM, NOW)
    task = parsed(runner.xml)
    trigger = task.find("t:Triggers/t:CalendarTrigger", NS)
    assert trigger is not None
    assert trigger.findtext("t:StartBoundary", namespaces=NS) == "2026-03-10T21:05:00"  # later today
    days = trigger.find("t:ScheduleByWeek/t:DaysOfWeek", NS)
    assert days is not None and [d.tag.split("}")[1] for d in days] == ["Monday", "Thursday"]


def test_a_refused_xml_falls_back_to_the_plain_task() -> None:
    runner = FakeSchtasks(refuse_xml=True)
    settings = Settings(schedule="weekly", schedule_time="02:00", schedule_days="SAT")
    done = autorun.register_task(settings, DATA_DIR, runner, PROGRAM, NOW)
    assert not done.full and "malformed" in done.fallback_reason
    schedule = autorun.schedule_of(settings)
    assert schedule is not None
    assert runner.calls[1] == schtasks_create(PROGRAM, str(DATA_DIR), schedule)  # the plain /Create task
    assert runner.calls[1][-7:] == ["/SC", "WEEKLY", "/D", "SAT", "/ST", "02:00", "/F"]


def test_off_is_not_registered_and_query_and_delete_go_through_the_runner() -> None:
    runner = FakeSchtasks()
    with pytest.raises(ScheduleError, match="off"):
        autorun.register_task(Settings(), DATA_DIR, runner, PROGRAM, NOW)
    assert runner.calls == []
    assert autorun.unregister_task(runner, "x") is True
    assert runner.calls == [["schtasks", "/Delete", "/TN", "x", "/F"]]


def test_text_to_copy_on_linux_and_macos(tmp_path: Path) -> None:
    settings = Settings(schedule="weekly", schedule_time="02:00", schedule_days="MON,THU")
    line = autorun.copy_text(settings, tmp_path / "data dir", "linux", ["/usr/bin/glacier-gui"])
    assert line == f"0 2 * * 1,4 /usr/bin/glacier-gui run --data-dir '{tmp_path / 'data dir'}'"
    plist = autorun.copy_text(settings, tmp_path, "darwin", ["/Applications/GlacierGUI"])
    assert "<key>Weekday</key>" in plist and "<string>--data-dir</string>" in plist


def test_the_program_the_task_starts(tmp_path: Path) -> None:
    gui, console = r"C:\Program Files\GlacierGUI\GlacierGUI.exe", r"C:\Program Files\GlacierGUI\glacier-gui.exe"
    # Registered from the window or from the console exe: the task starts the windowed exe either way.
    assert autorun.backup_program(gui, frozen=True, platform="win32") == PROGRAM
    assert autorun.backup_program(console, frozen=True, platform="win32") == PROGRAM
    assert autorun.backup_program("/usr/bin/python3", False, "linux") == ["/usr/bin/python3", "-m", "glacier_gui"]
    assert autorun.backup_program(r"C:\Python311\pythonw.exe", False, "win32")[0] == r"C:\Python311\python.exe"
    assert autorun.backup_program(str(tmp_path / "GlacierGUI"), True, "linux") == [str(tmp_path / "GlacierGUI")]


def test_the_frozen_app_registers_a_task_that_starts_the_windowed_exe(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = r"C:\Users\山田 花子\AppData\Local\Programs\GlacierGUI"
    monkeypatch.setattr(autorun, "is_frozen", lambda: True)
    monkeypatch.setattr(sys, "executable", installed + r"\glacier-gui.exe")  # `glacier-gui schedule register`
    monkeypatch.setattr(sys, "platform", "win32")
    runner = FakeSchtasks()
    autorun.register_task(Settings(schedule="daily", schedule_time="02:00"), DATA_DIR, runner, now=NOW)
    monkeypatch.undo()
    task = parsed(runner.xml)
    assert task.findtext("t:Actions/t:Exec/t:Command", namespaces=NS) == installed + r"\GlacierGUI.exe"
    assert task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS) == f'run --data-dir "{DATA_DIR}"'


def test_schedule_command_prints_the_crontab_line_here(data_dir: Path, capsys) -> None:
    if autorun.uses_task_scheduler():
        pytest.skip("Windows registers a real task (the Windows workflow runs that round trip)")
    args = ["--data-dir", str(data_dir)]
    assert main(["schedule", "register", "--schedule", "daily", "--schedule-time", "03:15", *args]) == 0
    out = capsys.readouterr().out
    assert "crontab -e" in out and f"15 3 * * * {sys.executable} -m glacier_gui run --data-dir {data_dir}" in out
    assert main(["schedule", "status", *args]) == 1  # the saved settings say off
    assert "off" in capsys.readouterr().out
    assert main(["schedule", "register", *args]) == 2
    assert main(["schedule", "unregister", *args]) == 0


# ---- SIGTSTP / SIGCONT pause a real CLI upload -------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(signal, "SIGTSTP"), reason="no SIGTSTP on this platform")
def test_sigtstp_pauses_and_sigcont_resumes_a_cli_upload(
    settings: Settings, data_dir: Path, tmp_path: Path, s3, bucket: str
) -> None:
    album = tmp_path / "photos" / "10_Album"
    for i in range(8):
        write(album / "2024" / "0101_正月" / f"IMG_{i}.jpg", bytes([i]) * 128 * 1024)
    settings.album_root = str(album)
    args = cli_args(settings, data_dir)
    assert main(["scan", *args]) == 0 and main(["mark", "--upload", "2024/0101_正月", *args]) == 0
    env = os.environ | {"PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "glacier_gui", "upload", "--bwlimit", "256k", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    prefix = "10_Album/2024/0101_正月/"
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stderr is not None
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()  # type: ignore[union-attr]

    def wait_line(word: str) -> None:
        while word not in lines.get(timeout=30):  # other lines (a log warning) may come first
            pass

    def stored() -> int:
        return s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("KeyCount", 0)

    try:
        deadline = time.monotonic() + 60
        while stored() == 0:  # the handlers are in place once the upload sends
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGTSTP)
        wait_line("paused")
        time.sleep(0.5)  # what was already let through arrives
        at_pause = stored()
        time.sleep(1.0)
        assert stored() == at_pause < 8  # nothing more while paused (256 KiB/s would have sent two more files)
        assert proc.poll() is None  # paused, not stopped or ended
        proc.send_signal(signal.SIGCONT)
        wait_line("resumed")
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert stored() == 8
