"""Scheduled backups: the command lines that register, query and remove a nightly ``glacier-gui run``.

The family should not have to remember to press "Upload".  On Windows we ask Task Scheduler through
``schtasks.exe`` (present on every Windows since XP, no extra package, no admin rights for a task of one's own);
on macOS and Linux we only produce text to copy (a launchd plist, a crontab line), because editing those for the
user is more surprising than helpful.  Everything here is a pure function of its arguments, except
:func:`register`/:func:`query`/:func:`unregister`, which take a *runner* so tests can replay real output.

**Quoting for /TR.**  The task's command line is stored as one string and, when the task starts, split again
by our program's C runtime, so each argument is quoted by the MSVCRT rules (quotes around anything with a space,
a tab, a quote or non-ASCII text; ``\\"`` for a quote; backslashes doubled only before a quote).  That string is
then *one* argument of ``schtasks /TR``; passing the argv list to ``subprocess`` on Windows quotes it once more
(``list2cmdline``), which gives exactly Microsoft's documented form ``/TR "\\"C:\\Program Files\\...\\" run"``.
Japanese names need no escaping (``CreateProcessW`` passes UTF-16), only quoting.  /TR holds at most 262
characters: a longer command raises :class:`ScheduleError` rather than a task that cannot start.

**Reading the result: /FO CSV by position, not /FO LIST by label.**  ``schtasks /Query /V /FO LIST`` prints
localized labels (``Last Result:`` in English, ``前回の結果:`` on Japanese Windows, other words elsewhere), so a
label parser works only for the languages it knows.  The verbose CSV has the same columns in the same order in
every language (HostName, TaskName, Next Run Time, Status, Logon Mode, Last Run Time, Last Result, Author,
Task To Run, ...), and ``/NH`` drops the localized header.  schtasks does not escape quotes inside CSV fields
(the Task To Run column breaks a CSV parser), so only the first seven columns are read, by splitting on
``","`` — those never contain quotes.  Dates are printed in the user's locale; :attr:`TaskStatus.last_run`
is parsed from the common formats and :attr:`TaskStatus.last_run_text` keeps the text as printed.

Known limit of ``/Create``: a task made this way does not start on battery power and does not run late after
the PC was off at its time (Task Scheduler's "start when available"); both need ``/XML`` (a later step).
"""

from __future__ import annotations

import plistlib
import re
import shlex
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

DEFAULT_TASK_NAME = "glacier_gui backup"
MAX_TR_CHARS = 262
WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")

# Task Scheduler's own result codes (HRESULTs) that are not failures of our program.
RESULT_SUCCESS = 0
RESULT_RUNNING = 0x41301  # SCHED_S_TASK_RUNNING
RESULT_NEVER_RAN = 0x41303  # SCHED_S_TASK_HAS_NOT_RUN


class ScheduleError(Exception):
    """A schedule that cannot be registered, or schtasks said no; the message says why (plain English)."""


@dataclass(frozen=True)
class BackupSchedule:
    """Run at ``hour:minute`` local time on *days* (``MON``..``SUN``); no days means every day."""

    hour: int
    minute: int
    days: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise ScheduleError(f"Not a time of day: {self.hour:02d}:{self.minute:02d}")
        unknown = [d for d in self.days if d not in WEEKDAYS]
        if unknown:
            raise ScheduleError(f"Unknown weekday {unknown[0]!r}: use {', '.join(WEEKDAYS)}")
        # Canonical order, no repeats: MON,WED reads the same however it was ticked.
        object.__setattr__(self, "days", tuple(d for d in WEEKDAYS if d in self.days))

    @classmethod
    def parse(cls, hhmm: str, days: Sequence[str] = ()) -> BackupSchedule:
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", hhmm.strip())
        if not match:
            raise ScheduleError(f"Not a time of day: {hhmm!r} (use HH:MM, 24-hour)")
        return cls(int(match[1]), int(match[2]), tuple(d.strip().upper()[:3] for d in days))

    @property
    def daily(self) -> bool:
        return not self.days or len(self.days) == 7

    @property
    def hhmm(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


def run_argv(program: Sequence[str], data_dir: str) -> list[str]:
    """The command the scheduler starts: our console program, ``run``, and the data folder to use."""
    if not program:
        raise ScheduleError("No program to schedule")
    return [*program, "run", "--data-dir", data_dir]


# --- Windows: schtasks ----------------------------------------------------------------------------------------


def quote_windows_arg(arg: str) -> str:
    """Quote one argument for the Microsoft C runtime's command-line parser (CommandLineToArgvW rules).

    Paths are always quoted when they hold anything but plain ASCII letters, digits and ``\\/:._-``, so what
    Task Scheduler shows is unambiguous; a trailing backslash inside quotes is doubled so it does not escape
    the closing quote.
    """
    if arg and re.fullmatch(r"[A-Za-z0-9\\/:._=-]+", arg):
        return arg
    out, backslashes = ['"'], 0
    for ch in arg:
        if ch == "\\":
            backslashes += 1
            continue
        if ch == '"':
            out.append("\\" * (2 * backslashes + 1) + '"')
        else:
            out.append("\\" * backslashes + ch)
        backslashes = 0
    out.append("\\" * (2 * backslashes) + '"')
    return "".join(out)


def task_command_line(program: Sequence[str], data_dir: str) -> str:
    """The /TR value: the run command as one Windows command line.  Raises :class:`ScheduleError` if too long."""
    line = " ".join(quote_windows_arg(a) for a in run_argv(program, data_dir))
    if len(line) > MAX_TR_CHARS:
        raise ScheduleError(
            f"The command for Task Scheduler is {len(line)} characters long; it allows {MAX_TR_CHARS}. "
            "Install the program or keep the data folder in a shorter path."
        )
    return line


def schtasks_create(
    program: Sequence[str], data_dir: str, schedule: BackupSchedule, name: str = DEFAULT_TASK_NAME
) -> list[str]:
    """``schtasks /Create`` for *schedule*, replacing a task of the same name (``/F``)."""
    argv = ["schtasks", "/Create", "/TN", name, "/TR", task_command_line(program, data_dir)]
    if schedule.daily:
        argv += ["/SC", "DAILY"]
    else:
        argv += ["/SC", "WEEKLY", "/D", ",".join(schedule.days)]
    return [*argv, "/ST", schedule.hhmm, "/F"]


def schtasks_query(name: str = DEFAULT_TASK_NAME) -> list[str]:
    """``schtasks /Query`` in verbose CSV without the (localized) header: see the module docstring."""
    return ["schtasks", "/Query", "/TN", name, "/V", "/FO", "CSV", "/NH"]


def schtasks_delete(name: str = DEFAULT_TASK_NAME) -> list[str]:
    return ["schtasks", "/Delete", "/TN", name, "/F"]


class Outcome(Enum):
    """What the last run of the task came to (the GUI turns it into words)."""

    SUCCESS = "success"
    FAILED = "failed"
    RUNNING = "running"
    NEVER_RAN = "never_ran"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class TaskStatus:
    """One task as ``schtasks /Query`` reports it."""

    name: str
    next_run_text: str
    status_text: str  # localized ("Ready", "準備完了"): for display only
    last_run_text: str
    last_run: datetime | None
    last_result: int | None  # as an unsigned 32-bit code: 0 = success, 0x800710E0 = refused, ...

    @property
    def outcome(self) -> Outcome:
        code = self.last_result
        if code is None:
            return Outcome.UNKNOWN
        if code == RESULT_NEVER_RAN:
            return Outcome.NEVER_RAN
        if code == RESULT_RUNNING:
            return Outcome.RUNNING
        return Outcome.SUCCESS if code == RESULT_SUCCESS else Outcome.FAILED

    @property
    def last_result_hex(self) -> str:
        return "" if self.last_result is None else f"0x{self.last_result:08X}"


_DATE_FORMATS = (
    "%Y/%m/%d %H:%M:%S",  # Japanese: 2026/07/21 15:30:07
    "%Y-%m-%d %H:%M:%S",  # ISO-like locales
    "%m/%d/%Y %I:%M:%S %p",  # US English: 9/29/2026 12:08:24 PM
    "%d/%m/%Y %H:%M:%S",  # UK, France, ...: 13/02/2025 17:15:00
    "%d.%m.%Y %H:%M:%S",  # German
    "%d-%m-%Y %H:%M:%S",  # Dutch and others
)


def _parse_when(text: str) -> datetime | None:
    """A schtasks date in one of the common locale formats; None for "N/A", never-run, or an unknown format."""
    for fmt in _DATE_FORMATS:
        try:
            when = datetime.strptime(text, fmt)
        except ValueError:
            continue
        # Task Scheduler shows 1999-11-30 00:00 for a task that has never run.
        return None if (when.year, when.month, when.day) == (1999, 11, 30) else when
    return None


def _parse_result(text: str) -> int | None:
    """``0``, ``267011``, ``-2147020576`` or ``0x41303`` as an unsigned 32-bit code."""
    s = text.strip()
    try:
        value = int(s, 16) if s.lower().startswith("0x") else int(s)
    except ValueError:
        return None
    return value & 0xFFFFFFFF


def parse_schtasks_query(output: str, name: str = DEFAULT_TASK_NAME) -> TaskStatus | None:
    """The first row of ``schtasks /Query /V /FO CSV /NH`` output for *name* (a task may print one row per
    trigger); None if no row is for that task.  Reads columns by position (see the module docstring).
    """
    wanted = name.strip("\\").lower()
    for line in output.splitlines():
        line = line.strip()
        if not (line.startswith('"') and '","' in line):
            continue
        fields = [f.strip().strip('"') for f in line.split('","')]
        if len(fields) < 7 or fields[1].strip("\\").lower() != wanted:
            continue
        return TaskStatus(
            name=fields[1],
            next_run_text=fields[2],
            status_text=fields[3],
            last_run_text=fields[5],
            last_run=_parse_when(fields[5]),
            last_result=_parse_result(fields[6]),
        )
    return None


# --- running schtasks -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunResult:
    returncode: int
    stdout: str
    stderr: str


Runner = Callable[[Sequence[str]], RunResult]


def run_command(argv: Sequence[str]) -> RunResult:
    """Run a console tool and decode what it prints (schtasks writes in the OEM code page, e.g. cp932)."""
    encoding = "oem" if sys.platform == "win32" else "utf-8"
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up from the GUI
    done = subprocess.run(list(argv), capture_output=True, timeout=60, creationflags=flags, check=False)
    return RunResult(done.returncode, done.stdout.decode(encoding, "replace"), done.stderr.decode(encoding, "replace"))


# "The system cannot find the file specified" (English) / 指定されたファイルが見つかりません (Japanese).
_NOT_FOUND = re.compile(r"cannot find|does not exist|見つかりません|存在しません", re.IGNORECASE)


def _message(result: RunResult) -> str:
    return (result.stderr.strip() or result.stdout.strip() or f"exit code {result.returncode}").splitlines()[0]


def register(
    program: Sequence[str],
    data_dir: str,
    schedule: BackupSchedule,
    name: str = DEFAULT_TASK_NAME,
    runner: Runner = run_command,
) -> None:
    """Create or replace the Windows task.  Raises :class:`ScheduleError` with schtasks' own message."""
    result = runner(schtasks_create(program, data_dir, schedule, name))
    if result.returncode != 0:
        raise ScheduleError(f"Task Scheduler refused the backup task: {_message(result)}")


def query(name: str = DEFAULT_TASK_NAME, runner: Runner = run_command) -> TaskStatus | None:
    """The task's last run and result, or None when there is no such task."""
    result = runner(schtasks_query(name))
    if result.returncode != 0:
        if _NOT_FOUND.search(result.stderr + result.stdout):
            return None
        raise ScheduleError(f"Could not read the backup task: {_message(result)}")
    status = parse_schtasks_query(result.stdout, name)
    if status is None:
        raise ScheduleError("Could not read the backup task: schtasks printed no line for it")
    return status


def unregister(name: str = DEFAULT_TASK_NAME, runner: Runner = run_command) -> bool:
    """Remove the task; False if there was none.  Raises :class:`ScheduleError` on other failures."""
    result = runner(schtasks_delete(name))
    if result.returncode == 0:
        return True
    if _NOT_FOUND.search(result.stderr + result.stdout):
        return False
    raise ScheduleError(f"Could not remove the backup task: {_message(result)}")


# --- macOS and Linux: text to copy ------------------------------------------------------------------------------


def crontab_line(program: Sequence[str], data_dir: str, schedule: BackupSchedule) -> str:
    """One line for ``crontab -e`` (local time; ``%`` escaped, since cron turns it into a newline)."""
    command = " ".join(shlex.quote(a) for a in run_argv(program, data_dir)).replace("%", "\\%")
    # cron counts Sunday as 0; MON..SAT are 1..6.
    days = "*" if schedule.daily else ",".join(str((WEEKDAYS.index(d) + 1) % 7) for d in schedule.days)
    return f"{schedule.minute} {schedule.hour} * * {days} {command}"


def launchd_plist(
    program: Sequence[str], data_dir: str, schedule: BackupSchedule, label: str = "io.github.glacier-gui.backup"
) -> str:
    """A LaunchAgent for ``~/Library/LaunchAgents/<label>.plist`` (load it with ``launchctl load``)."""
    when: dict[str, int] = {"Hour": schedule.hour, "Minute": schedule.minute}
    # launchd counts Sunday as 0 (or 7); MON..SAT are 1..6.
    calendar: dict[str, int] | list[dict[str, int]] = (
        when if schedule.daily else [{"Weekday": (WEEKDAYS.index(d) + 1) % 7, **when} for d in schedule.days]
    )
    plist = {"Label": label, "ProgramArguments": run_argv(program, data_dir), "StartCalendarInterval": calendar}
    return plistlib.dumps(plist, sort_keys=False).decode("utf-8")
