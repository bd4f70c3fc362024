"""Scheduled backups from the settings: the program the system starts, the Windows task, the text for cron/launchd.

``core/homelink/schedule.py`` knows schtasks' command lines and output; this module decides *what* to register from the
settings (``schedule``, ``schedule_time``, ``schedule_days``) and *how*:

- **Windows**: a task made from Task Scheduler XML (``schtasks /Create /XML``), because a task made with plain
  ``/Create`` does not start on battery, does not run late when the PC was off or asleep at its time, and is
  stopped after 72 hours — and the first upload of an album takes days.  The XML sets
  ``DisallowStartIfOnBatteries``/``StopIfGoingOnBatteries`` false, ``StartWhenAvailable`` true, no time limit,
  and "only while the user is logged on" (``InteractiveToken``: the NAS share needs the user's own logon).  If
  Task Scheduler refuses the XML, the plain ``/Create`` task is made instead, and the caller is told so.
- **macOS / Linux**: text to copy (a launchd plist, a crontab line); we do not edit the user's crontab.

The task runs ``run`` with ``--data-dir``, so it uses the settings saved in that folder.  On Windows the frozen
app's task starts the *windowed* ``GlacierGUI.exe run ...`` (its output goes to the log file): the console
``glacier-gui.exe`` would put a black window on the desktop for the hours of an upload, and closing it would
kill the backup.  The task names no ``<UserId>``: Task Scheduler then registers it for the calling user, which
also works for Microsoft and Entra ID accounts whose ``DOMAIN\\user`` does not resolve.  When the window is
open (and holds status.csv), the run hands the backup to it: see ``core/homelink/handoff.py``.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath, PureWindowsPath
from xml.sax.saxutils import escape

from glacier_gui.core.homelink.schedule import (
    DEFAULT_TASK_NAME,
    BackupSchedule,
    Runner,
    ScheduleError,
    TaskStatus,
    crontab_line,
    launchd_plist,
    query,
    quote_windows_arg,
    register,
    run_argv,
    run_command,
    unregister,
)
from glacier_gui.core.settings import Settings
from glacier_gui.resources import is_frozen

log = logging.getLogger(__name__)

GUI_EXE_NAME = "GlacierGUI.exe"  # the windowed exe (build_spec/glacier_gui.spec): no console window
TASK_NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task"
_XML_DAYS = {
    "MON": "Monday",
    "TUE": "Tuesday",
    "WED": "Wednesday",
    "THU": "Thursday",
    "FRI": "Friday",
    "SAT": "Saturday",
    "SUN": "Sunday",
}

task_runner: Runner = run_command
"""What runs schtasks for the window (looked up at each call, so tests can put a fake here)."""


def schedule_of(settings: Settings) -> BackupSchedule | None:
    """The settings' automatic backup, or None when it is off.  Raises ScheduleError for a bad time or day."""
    if settings.schedule == "off":
        return None
    days = settings.schedule_day_list if settings.schedule == "weekly" else ()
    if settings.schedule == "weekly" and not days:
        raise ScheduleError("A weekly backup needs at least one day, e.g. MON,THU")
    return BackupSchedule.parse(settings.schedule_time, days)


def backup_program(executable: str | None = None, frozen: bool | None = None, platform: str | None = None) -> list[str]:
    """The command the scheduler starts.  Frozen: on Windows the windowed ``GlacierGUI.exe`` beside the running
    exe (no console window for the hours of an upload; see the module docstring), elsewhere the console
    ``glacier-gui`` (cron and launchd keep its output).  Not frozen: this Python with ``-m glacier_gui``."""
    on_windows = (platform or sys.platform) == "win32"
    exe = (PureWindowsPath if on_windows else PurePosixPath)(executable or sys.executable)
    if frozen if frozen is not None else is_frozen():
        if on_windows:
            return [str(exe.with_name(GUI_EXE_NAME))]
        console = exe.with_name("glacier-gui")
        return [str(console if Path(console).exists() else exe)]
    if exe.name.lower() == "pythonw.exe":  # a console python, so the task's output has somewhere to go
        exe = exe.with_name("python.exe")
    return [str(exe), "-m", "glacier_gui"]


# ---- Windows: Task Scheduler XML ---------------------------------------------------------------------------------


def next_start(schedule: BackupSchedule, now: datetime) -> datetime:
    """The next time of day of *schedule* after *now* (today or tomorrow): the task's start boundary.

    In the future on purpose: a start boundary in the past would count as a missed run, which
    ``StartWhenAvailable`` would start at once.
    """
    start = now.replace(hour=schedule.hour, minute=schedule.minute, second=0, microsecond=0)
    return start if start > now else start + timedelta(days=1)


def task_xml(program: Sequence[str], data_dir: str, schedule: BackupSchedule, now: datetime) -> str:
    """The task definition (Task Scheduler schema 1.2) for *schedule*; see the module docstring for its settings.

    The principal has no ``<UserId>``: schtasks registers the task for the user who runs it."""
    argv = run_argv(program, data_dir)
    if schedule.daily:
        when = "<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>"
    else:
        days = "".join(f"<{_XML_DAYS[d]} />" for d in schedule.days)
        when = f"<ScheduleByWeek><DaysOfWeek>{days}</DaysOfWeek><WeeksInterval>1</WeeksInterval></ScheduleByWeek>"
    arguments = " ".join(quote_windows_arg(a) for a in argv[1:])
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="{TASK_NAMESPACE}">
  <RegistrationInfo>
    <Description>Glacier GUI: scan the album and upload the folders marked for upload (glacier-gui run).</Description>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>{next_start(schedule, now):%Y-%m-%dT%H:%M:%S}</StartBoundary>
      <Enabled>true</Enabled>
      {when}
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <AllowHardTerminate>true</AllowHardTerminate>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <IdleSettings>
      <StopOnIdleEnd>false</StopOnIdleEnd>
      <RestartOnIdle>false</RestartOnIdle>
    </IdleSettings>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>false</WakeToRun>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <Priority>7</Priority>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(argv[0])}</Command>
      <Arguments>{escape(arguments)}</Arguments>
    </Exec>
  </Actions>
</Task>
"""


def schtasks_create_xml(xml_path: str, name: str = DEFAULT_TASK_NAME) -> list[str]:
    """``schtasks /Create /XML``, replacing a task of the same name (``/F``)."""
    return ["schtasks", "/Create", "/TN", name, "/XML", xml_path, "/F"]


@dataclass(frozen=True)
class Registered:
    """How the task was made: ``full`` (from XML: battery, catch-up, no time limit) or the plain fallback."""

    full: bool
    fallback_reason: str = ""


def register_task(
    settings: Settings,
    data_dir: Path,
    runner: Runner = run_command,
    program: Sequence[str] | None = None,
    now: datetime | None = None,
    name: str = DEFAULT_TASK_NAME,
) -> Registered:
    """Create or replace the Windows task for the settings' schedule.  Raises ScheduleError (also when it is off)."""
    schedule = schedule_of(settings)
    if schedule is None:
        raise ScheduleError("Automatic backup is off: choose daily or weekly first")
    argv = list(program or backup_program())
    xml = task_xml(argv, str(data_dir), schedule, now or datetime.now())
    handle, path = tempfile.mkstemp(prefix="glacier_gui_task_", suffix=".xml")
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(xml.encode("utf-16"))  # with its BOM, as Task Scheduler exports
        result = runner(schtasks_create_xml(path, name))
    finally:
        Path(path).unlink(missing_ok=True)
    if result.returncode == 0:
        return Registered(full=True)
    reason = (result.stderr.strip() or result.stdout.strip() or f"exit code {result.returncode}").splitlines()[0]
    log.warning("Task Scheduler refused the task XML (%s); registering a basic task instead", reason)
    register(argv, str(data_dir), schedule, name, runner)
    return Registered(full=False, fallback_reason=reason)


def unregister_task(runner: Runner = run_command, name: str = DEFAULT_TASK_NAME) -> bool:
    """Remove the Windows task; False when there was none."""
    return unregister(name, runner)


def query_task(runner: Runner = run_command, name: str = DEFAULT_TASK_NAME) -> TaskStatus | None:
    """The Windows task's last run and result; None when there is no task."""
    return query(name, runner)


# ---- macOS and Linux: text to copy -------------------------------------------------------------------------------


def copy_text(
    settings: Settings, data_dir: Path, platform: str | None = None, program: Sequence[str] | None = None
) -> str:
    """The launchd plist (macOS) or crontab line (others) for the settings' schedule; raises when it is off."""
    schedule = schedule_of(settings)
    if schedule is None:
        raise ScheduleError("Automatic backup is off: choose daily or weekly first")
    argv = list(program or backup_program())
    if (platform or sys.platform) == "darwin":
        return launchd_plist(argv, str(data_dir), schedule)
    return crontab_line(argv, str(data_dir), schedule)


def uses_task_scheduler(platform: str | None = None) -> bool:
    return (platform or sys.platform) == "win32"
