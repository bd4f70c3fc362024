"""Scheduled backups: exact schtasks command lines and quoting, parsing real schtasks output, cron and launchd."""

from __future__ import annotations

import plistlib
import shlex
import subprocess
from collections.abc import Sequence
from datetime import datetime

import pytest

from glacier_gui.core.homelink.schedule import (
    DEFAULT_TASK_NAME,
    BackupSchedule,
    Outcome,
    RunResult,
    ScheduleError,
    crontab_line,
    launchd_plist,
    parse_schtasks_query,
    query,
    quote_windows_arg,
    register,
    schtasks_create,
    schtasks_delete,
    schtasks_query,
    task_command_line,
    unregister,
)

EXE = [r"C:\Program Files\glacier-gui\glacier-gui.exe"]
DATA = r"D:\写真 バックアップ\設定"

# --- real `schtasks /Query /V /FO CSV` output ------------------------------------------------------------------
# From creativeprojects/resticprofile's tests (schtasks/csv_test.go, a Windows machine with d/m/y dates): one
# row per trigger, and a failed last run printed as a negative decimal HRESULT.
RESTIC_CSV = r""""HostName","TaskName","Next Run Time","Status","Logon Mode","Last Run Time","Last Result","Author","Task To Run","Start In","Comment","Scheduled Task State","Idle Time","Power Management","Run As User","Delete Task If Not Rescheduled","Stop Task If Runs X Hours and X Mins","Schedule","Schedule Type","Start Time","Start Date","End Date","Days","Months","Repeat: Every","Repeat: Until: Time","Repeat: Until: Duration","Repeat: Stop If Still Running"
"WIN-7060","\resticprofile backup\self backup","13/02/2025 17:30:00","Ready","Interactive only","13/02/2025 17:15:00","-2147024894","resticprofile","R:\Temp\go-build4112622634\b001\exe\resticprofile.exe --no-ansi --config examples\windows.yaml run-schedule backup@self","M:\go\src\github.com\creativeprojects\resticprofile","resticprofile backup for profile self in examples\windows.yaml","Enabled","Disabled","Stop On Battery Mode, No Start On Batteries","user","Disabled","72:00:00","Scheduling data is not available in this format.","Weekly","17:15:00","13/02/2025","N/A","MON, TUE, WED, THU, FRI","Every 1 week(s)","0 Hour(s), 15 Minute(s)","None","23 Hour(s), 45 Minute(s)","Disabled"
"WIN-7060","\resticprofile backup\self backup","13/02/2025 17:30:00","Ready","Interactive only","13/02/2025 17:15:00","-2147024894","resticprofile","R:\Temp\go-build4112622634\b001\exe\resticprofile.exe --no-ansi --config examples\windows.yaml run-schedule backup@self","M:\go\src\github.com\creativeprojects\resticprofile","resticprofile backup for profile self in examples\windows.yaml","Enabled","Disabled","Stop On Battery Mode, No Start On Batteries","user","Disabled","72:00:00","Scheduling data is not available in this format.","Weekly","00:00:00","15/02/2025","N/A","SUN, SAT","Every 1 week(s)","12 Hour(s), 0 Minute(s)","None","12 Hour(s), 0 Minute(s)","Disabled"
"""  # noqa: E501 - verbatim output

# From rapid7/metasploit-framework's task scheduler spec (US English): a task that never ran, and a Task To Run
# with quotes that schtasks does not escape (a CSV parser breaks on that column; we never read it).
NEVER_RAN_CSV = (
    '"WINDESK.local","\\fzuZbSwfXc","N/A","Ready","Interactive/Background","11/30/1999 12:00:00 AM","267011",'
    '"WINDEST\\Administrator","reg query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache'
    '\\Tree\\DGvtFiFtnZQVmtY" /v "SD"","N/A","N/A","Enabled","Disabled","Stop On Battery Mode, No Start On '
    'Batteries","SYSTEM","Disabled","72:00:00","Scheduling data is not available in this format.","One Time '
    'Only","12:00:00 AM","5/10/2020","N/A","N/A","N/A","Disabled","Disabled","Disabled","Disabled"\r\n'
)


def our_row(next_run: str, status: str, logon: str, last_run: str, result: str) -> str:
    """A row for our task in the documented column order (values below are from real machines' output)."""
    tr = task_command_line(EXE, DATA)
    return (
        f'"FAMILY-PC","\\{DEFAULT_TASK_NAME}","{next_run}","{status}","{logon}","{last_run}","{result}",'
        f'"FAMILY-PC\\papa","{tr}","N/A","N/A","Enabled","Disabled","Stop On Battery Mode, No Start On Batteries",'
        '"papa","Disabled","72:00:00","Scheduling data is not available in this format.","Daily ","02:00:00",'
        '"2026/07/01","N/A","Every 1 day(s)","N/A","Disabled","Disabled","Disabled","Disabled"\r\n'
    )


# US English values as printed on a real machine (a run refused on battery: -2147020576 = 0x800710E0).
US_ROW = our_row("10/6/2026 3:00:00 AM", "Ready", "Interactive only", "9/29/2026 12:08:24 PM", "-2147020576")
# Japanese values as printed by `schtasks /Query /V /FO LIST` on Japanese Windows (前回の実行時刻 / 前回の結果).
JA_ROW = our_row("2026/07/21 15:34:30", "準備完了", "対話型のみ", "2026/07/21 15:30:07", "0")
JA_NEVER_ROW = our_row("2026/07/22 2:00:00", "準備完了", "対話型のみ", "1999/11/30 0:00:00", "267011")


class FakeRunner:
    def __init__(self, *results: RunResult) -> None:
        self.results = list(results)
        self.calls: list[list[str]] = []

    def __call__(self, argv: Sequence[str]) -> RunResult:
        self.calls.append(list(argv))
        return self.results.pop(0)


# --- /TR quoting --------------------------------------------------------------------------------------------


def test_task_command_line_quotes_spaces_and_japanese() -> None:
    assert task_command_line(EXE, DATA) == (
        r'"C:\Program Files\glacier-gui\glacier-gui.exe" run --data-dir "D:\写真 バックアップ\設定"'
    )
    # Japanese without spaces is quoted as well (harmless, and unambiguous in Task Scheduler's window).
    assert task_command_line([r"C:\gg\gg.exe"], r"D:\写真") == r'C:\gg\gg.exe run --data-dir "D:\写真"'


@pytest.mark.parametrize(
    ("arg", "quoted"),
    [
        (r"C:\tools\gg.exe", r"C:\tools\gg.exe"),
        (r"C:\Program Files\gg.exe", r'"C:\Program Files\gg.exe"'),
        ("", '""'),
        (r"D:\Backup Data" + "\\", r'"D:\Backup Data\\"'),  # a trailing backslash must not eat the quote
        (r"D:\a\\b", r"D:\a\\b"),  # backslashes not before a quote stay as they are
        ('say "hi"', r'"say \"hi\""'),
        ('back\\"slash', r'"back\\\"slash"'),
        ("全角\u3000スペース", '"全角\u3000スペース"'),
    ],
)
def test_quote_windows_arg(arg: str, quoted: str) -> None:
    assert quote_windows_arg(arg) == quoted


def test_quoting_round_trips_through_the_c_runtime_rules() -> None:
    """Split our quoted line again by the C runtime's rules (a reference CommandLineToArgvW, as the program
    started by Task Scheduler will): every argument comes back unchanged."""

    def split(line: str) -> list[str]:
        args, cur, i, quoted, have = [], [], 0, False, False
        while i < len(line):
            ch = line[i]
            if ch == "\\":
                j = i
                while j < len(line) and line[j] == "\\":
                    j += 1
                n = j - i
                if j < len(line) and line[j] == '"':
                    cur.append("\\" * (n // 2))
                    if n % 2:
                        cur.append('"')
                        i = j + 1
                    else:
                        i = j
                    have = True
                    continue
                cur.append("\\" * n)
                i = j
                have = True
                continue
            if ch == '"':
                quoted, have = not quoted, True
            elif ch in " \t" and not quoted:
                if have:
                    args.append("".join(cur))
                cur, have = [], False
            else:
                cur.append(ch)
                have = True
            i += 1
        if have:
            args.append("".join(cur))
        return args

    tricky = [r"C:\Program Files\x.exe", "run", "--data-dir", "D:\\写真 データ\\", 'a "quoted" word', "", "x\\\\"]
    assert split(" ".join(quote_windows_arg(a) for a in tricky)) == tricky


def test_too_long_a_command_is_refused() -> None:
    with pytest.raises(ScheduleError, match="262"):
        task_command_line(EXE, "D:\\" + "写" * 300)


# --- schtasks command lines ---------------------------------------------------------------------------------


def test_create_daily() -> None:
    argv = schtasks_create(EXE, DATA, BackupSchedule(2, 0))
    assert argv == [
        "schtasks",
        "/Create",
        "/TN",
        "glacier_gui backup",
        "/TR",
        r'"C:\Program Files\glacier-gui\glacier-gui.exe" run --data-dir "D:\写真 バックアップ\設定"',
        "/SC",
        "DAILY",
        "/ST",
        "02:00",
        "/F",
    ]
    # What Windows actually receives: Microsoft's documented /TR "\"...\" args" form.
    assert subprocess.list2cmdline(argv) == (
        'schtasks /Create /TN "glacier_gui backup" /TR '
        r'"\"C:\Program Files\glacier-gui\glacier-gui.exe\" run --data-dir \"D:\写真 バックアップ\設定\"" '
        "/SC DAILY /ST 02:00 /F"
    )


def test_create_weekly_days_in_week_order() -> None:
    schedule = BackupSchedule.parse("23:05", ["fri", "Mon", "WED", "mon"])
    argv = schtasks_create([r"C:\gg\glacier-gui.exe"], r"C:\data", schedule, name="Photos")
    assert argv == [
        "schtasks",
        "/Create",
        "/TN",
        "Photos",
        "/TR",
        r"C:\gg\glacier-gui.exe run --data-dir C:\data",
        "/SC",
        "WEEKLY",
        "/D",
        "MON,WED,FRI",
        "/ST",
        "23:05",
        "/F",
    ]
    every_day = BackupSchedule.parse("7:30", ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"])
    assert schtasks_create(EXE, DATA, every_day)[6:10] == ["/SC", "DAILY", "/ST", "07:30"]


def test_query_and_delete_commands() -> None:
    assert schtasks_query() == ["schtasks", "/Query", "/TN", "glacier_gui backup", "/V", "/FO", "CSV", "/NH"]
    assert schtasks_delete("Photos") == ["schtasks", "/Delete", "/TN", "Photos", "/F"]


@pytest.mark.parametrize(
    ("hhmm", "days"), [("24:00", []), ("12:60", []), ("noon", []), ("1200", []), ("8:00", ["XYZ"])]
)
def test_bad_schedules(hhmm: str, days: list[str]) -> None:
    with pytest.raises(ScheduleError):
        BackupSchedule.parse(hhmm, days)


# --- parsing the query ------------------------------------------------------------------------------------------


def test_parse_real_csv_with_two_triggers_and_a_failure() -> None:
    status = parse_schtasks_query(RESTIC_CSV, r"\resticprofile backup\self backup")
    assert status is not None
    assert status.last_run == datetime(2025, 2, 13, 17, 15)
    assert status.last_run_text == "13/02/2025 17:15:00"
    assert status.next_run_text == "13/02/2025 17:30:00"
    assert status.last_result == 0x80070002  # -2147024894: the file was not found
    assert status.last_result_hex == "0x80070002"
    assert status.outcome is Outcome.FAILED
    assert parse_schtasks_query(RESTIC_CSV, "another task") is None  # the header row is not a task


def test_parse_never_ran_with_unescaped_quotes_later_in_the_row() -> None:
    status = parse_schtasks_query(NEVER_RAN_CSV, "fzuZbSwfXc")
    assert status is not None
    assert status.last_run is None  # 1999-11-30 is Task Scheduler's "never"
    assert status.last_result == 267011
    assert status.outcome is Outcome.NEVER_RAN
    assert status.status_text == "Ready"


def test_parse_us_english_failure_on_battery() -> None:
    status = parse_schtasks_query(US_ROW)
    assert status is not None
    assert status.name == "\\glacier_gui backup"
    assert status.last_run == datetime(2026, 9, 29, 12, 8, 24)
    assert status.last_result_hex == "0x800710E0"
    assert status.outcome is Outcome.FAILED


def test_parse_japanese_windows_by_position() -> None:
    status = parse_schtasks_query(JA_ROW)
    assert status is not None
    assert status.last_run == datetime(2026, 7, 21, 15, 30, 7)
    assert status.last_result == 0
    assert status.outcome is Outcome.SUCCESS
    assert status.status_text == "準備完了"
    never = parse_schtasks_query(JA_NEVER_ROW)
    assert never is not None and never.last_run is None and never.outcome is Outcome.NEVER_RAN


@pytest.mark.parametrize(
    ("text", "code", "outcome"),
    [
        ("0", 0, Outcome.SUCCESS),
        ("1", 1, Outcome.FAILED),
        ("0x1", 1, Outcome.FAILED),
        ("0x41301", 0x41301, Outcome.RUNNING),
        ("267009", 0x41301, Outcome.RUNNING),
        ("-2147020576", 0x800710E0, Outcome.FAILED),
        ("0x800710E0", 0x800710E0, Outcome.FAILED),
        ("N/A", None, Outcome.UNKNOWN),
    ],
)
def test_result_codes_decimal_or_hex(text: str, code: int | None, outcome: Outcome) -> None:
    status = parse_schtasks_query(our_row("N/A", "Ready", "Interactive only", "7/1/2026 2:00:01 AM", text))
    assert status is not None
    assert status.last_result == code
    assert status.outcome is outcome


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("2026/07/21 15:30:07", datetime(2026, 7, 21, 15, 30, 7)),
        ("2026/07/21 5:30:07", datetime(2026, 7, 21, 5, 30, 7)),
        ("9/29/2026 12:08:24 PM", datetime(2026, 9, 29, 12, 8, 24)),
        ("9/29/2026 12:08:24 AM", datetime(2026, 9, 29, 0, 8, 24)),
        ("29.09.2026 23:08:24", datetime(2026, 9, 29, 23, 8, 24)),
        ("N/A", None),
        ("11/30/1999 12:00:00 AM", None),
        ("someday", None),
    ],
)
def test_last_run_dates_in_several_locales(text: str, when: datetime | None) -> None:
    status = parse_schtasks_query(our_row("N/A", "Ready", "Interactive only", text, "0"))
    assert status is not None
    assert status.last_run == when
    assert status.last_run_text == text


# --- register / query / unregister through a runner --------------------------------------------------------


def test_register_runs_the_create_command() -> None:
    runner = FakeRunner(
        RunResult(0, 'SUCCESS: The scheduled task "glacier_gui backup" has successfully been created.', "")
    )
    register(EXE, DATA, BackupSchedule(2, 0), runner=runner)
    assert runner.calls == [schtasks_create(EXE, DATA, BackupSchedule(2, 0))]


def test_register_failure_carries_schtasks_message() -> None:
    runner = FakeRunner(RunResult(1, "", "ERROR: Access is denied.\r\n"))
    with pytest.raises(ScheduleError, match="Access is denied"):
        register(EXE, DATA, BackupSchedule(2, 0), runner=runner)


def test_query_found_and_not_found_in_english_and_japanese() -> None:
    runner = FakeRunner(
        RunResult(0, JA_ROW, ""),
        RunResult(1, "", "ERROR: The system cannot find the file specified.\r\n"),
        RunResult(1, "", "エラー: 指定されたファイルが見つかりません。\r\n"),
        RunResult(1, "", "ERROR: Access is denied.\r\n"),
    )
    status = query(runner=runner)
    assert status is not None and status.outcome is Outcome.SUCCESS
    assert query(runner=runner) is None
    assert query(runner=runner) is None
    with pytest.raises(ScheduleError, match="Access is denied"):
        query(runner=runner)
    assert runner.calls[0] == schtasks_query()


def test_unregister() -> None:
    runner = FakeRunner(
        RunResult(0, 'SUCCESS: The scheduled task "glacier_gui backup" was successfully deleted.', ""),
        RunResult(1, "", "ERROR: The system cannot find the file specified.\r\n"),
        RunResult(1, "", "ERROR: Access is denied.\r\n"),
    )
    assert unregister(runner=runner) is True
    assert unregister(runner=runner) is False
    with pytest.raises(ScheduleError):
        unregister(runner=runner)
    assert runner.calls[0] == ["schtasks", "/Delete", "/TN", "glacier_gui backup", "/F"]


# --- other OSes -----------------------------------------------------------------------------------------------


def test_crontab_line_daily_and_weekly() -> None:
    program = ["/Applications/Glacier GUI.app/Contents/MacOS/glacier-gui"]
    line = crontab_line(program, "/Users/mama/写真 設定", BackupSchedule(2, 30))
    expected = "30 2 * * * '/Applications/Glacier GUI.app/Contents/MacOS/glacier-gui' run"
    assert line == expected + " --data-dir '/Users/mama/写真 設定'"
    assert shlex.split(line.split(" ", 5)[5]) == [*program, "run", "--data-dir", "/Users/mama/写真 設定"]
    weekly = crontab_line(
        ["/usr/bin/glacier-gui"], "/home/p/data", BackupSchedule.parse("23:00", ["SUN", "MON", "SAT"])
    )
    assert weekly == "0 23 * * 1,6,0 /usr/bin/glacier-gui run --data-dir /home/p/data"


def test_crontab_escapes_percent() -> None:
    # cron turns a bare % into a newline and drops the backslash of \%, so the shell sees /data/100%.
    assert crontab_line(["/bin/gg"], "/data/100%", BackupSchedule(1, 0)).endswith(" /data/100\\%")
    assert crontab_line(["/bin/gg"], "/my data/100%", BackupSchedule(1, 0)).endswith(" '/my data/100\\%'")


def test_launchd_plist() -> None:
    program = ["/Applications/Glacier GUI.app/Contents/MacOS/glacier-gui"]
    text = launchd_plist(program, "/Users/mama/写真 & <設定>", BackupSchedule.parse("02:15", ["SUN", "WED"]))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "&amp; &lt;設定&gt;" in text
    plist = plistlib.loads(text.encode("utf-8"))
    assert plist["ProgramArguments"] == [*program, "run", "--data-dir", "/Users/mama/写真 & <設定>"]
    assert plist["StartCalendarInterval"] == [
        {"Weekday": 3, "Hour": 2, "Minute": 15},
        {"Weekday": 0, "Hour": 2, "Minute": 15},
    ]
    daily = plistlib.loads(launchd_plist(program, "/d", BackupSchedule(4, 0)).encode("utf-8"))
    assert daily["StartCalendarInterval"] == {"Hour": 4, "Minute": 0}
    assert daily["Label"] == "io.github.glacier-gui.backup"
