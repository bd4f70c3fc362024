"""``glacier-gui schedule register|unregister|status``: the automatic backup, without opening Task Scheduler.

On Windows ``register`` makes (or replaces) a Task Scheduler task that runs ``run`` with ``--data-dir`` at the
settings' time (``--schedule daily|weekly``, ``--schedule-time HH:MM``, ``--schedule-days MON,THU``); in the frozen
app it starts the windowed ``GlacierGUI.exe`` (no console window: see core/homelink/autorun.py).  ``status`` prints
its last run and result (exit status 1 when there is no task); ``unregister`` removes it.  Elsewhere the command
prints the crontab line (Linux) or launchd plist (macOS) to install by hand: editing those for the user would
surprise more than help.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path

from glacier_gui.cli.common import EXIT_FAILED, EXIT_OK, UsageError, settings_from_args
from glacier_gui.core.homelink import autorun
from glacier_gui.core.homelink.schedule import DEFAULT_TASK_NAME, Outcome, ScheduleError, TaskStatus
from glacier_gui.core.settings import Settings

ACTIONS = ("register", "unregister", "status")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Make the system run 'glacier-gui run' by itself: a Task Scheduler task on Windows, "
        "a crontab line or launchd plist to copy elsewhere."
    )
    parser.add_argument("action", choices=ACTIONS, help="register (or replace), unregister, or show the task")
    parser.add_argument("--task-name", default=DEFAULT_TASK_NAME, metavar="NAME", help="the task's name")


def run(args: argparse.Namespace, held: ExitStack) -> int:
    # A data folder such as C:\Users\花子\... printed into a pipe in the ANSI code page (cp1252) must not crash.
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")
    settings = settings_from_args(args)
    data_dir = args.data_dir.resolve()
    try:
        if not autorun.uses_task_scheduler():
            return _print_copy_text(args.action, settings, data_dir)
        if args.action == "register":
            return _register(settings, data_dir, args.task_name)
        if args.action == "unregister":
            removed = autorun.unregister_task(name=args.task_name)
            print(f"task {args.task_name!r} removed" if removed else f"there was no task {args.task_name!r}")
            return EXIT_OK
        return _status(args.task_name)
    except ScheduleError as exc:
        if settings.schedule == "off" and args.action == "register":
            raise UsageError(str(exc)) from None
        print(f"glacier-gui: error: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _register(settings: Settings, data_dir: Path, name: str) -> int:
    done = autorun.register_task(settings, data_dir, name=name)
    program = " ".join(autorun.backup_program())
    print(f"task {name!r} registered: {_when(settings)}, runs {program} run --data-dir {data_dir}")
    if done.full:
        print("it runs on battery power, catches up a time the PC was off or asleep, and has no time limit")
    else:
        print(
            f"note: Task Scheduler refused the full task definition ({done.fallback_reason}); this basic task "
            "does not start on battery power and does not catch up a missed time"
        )
    return EXIT_OK


def _status(name: str) -> int:
    status = autorun.query_task(name=name)
    if status is None:
        print(f"no task {name!r} is registered")
        return EXIT_FAILED
    print(f"task {name!r}: {status.status_text}; next run {status.next_run_text}; last run {_last_run(status)}")
    return EXIT_OK


def _last_run(status: TaskStatus) -> str:
    outcome = status.outcome
    if outcome == Outcome.NEVER_RAN:
        return "never"
    words = {Outcome.SUCCESS: "succeeded", Outcome.RUNNING: "running now", Outcome.FAILED: "failed"}
    result = words.get(outcome, "result unknown")
    code = f" ({status.last_result_hex})" if outcome == Outcome.FAILED else ""
    return f"{status.last_run_text}, {result}{code}"


def _when(settings: Settings) -> str:
    if settings.schedule == "weekly":
        return f"every {','.join(settings.schedule_day_list)} at {settings.schedule_time}"
    return f"daily at {settings.schedule_time}"


def _print_copy_text(action: str, settings: Settings, data_dir: Path) -> int:
    """macOS and Linux: the text to install by hand (nothing is changed on this computer)."""
    mac = sys.platform == "darwin"
    if action == "unregister":
        where = "the LaunchAgent (launchctl unload, then delete the .plist)" if mac else "the line (crontab -e)"
        print(f"nothing was installed by glacier-gui; remove {where} that runs 'run --data-dir {data_dir}'")
        return EXIT_OK
    if settings.schedule == "off":
        if action == "status":
            print("automatic backup is off (set --schedule daily or weekly, or in Settings)")
            return EXIT_FAILED
        raise UsageError("automatic backup is off: pass --schedule daily or weekly (or set it in Settings)")
    text = autorun.copy_text(settings, data_dir)
    if mac:
        print("# save as ~/Library/LaunchAgents/io.github.glacier-gui.backup.plist, then:")
        print("#   launchctl load ~/Library/LaunchAgents/io.github.glacier-gui.backup.plist")
    else:
        print(f"# {_when(settings)}: add this line with 'crontab -e'")
    print(text.rstrip("\n"))
    return EXIT_OK
