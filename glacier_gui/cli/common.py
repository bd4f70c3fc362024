"""What every command shares: exit codes, the one-line usage error, the settings flags, the progress line.

The settings flags are not written here one by one: :func:`add_common_options` makes one flag per setting from
its declaration in :mod:`glacier_gui.core.settings` (name, help, metavar, choices), so a new setting gets its
flag, and the flag its help text, without a second list to keep in step.  They come after a command's own
options, in their own group, and ``--help``'s usage line names them as one ``[setting flags]``.

A flag given twice never silently keeps only the last value: flags that take a list (``--unit``, ``--upload``,
``--skip-file``) add up, and a flag that takes one value refuses a second, different one (:class:`StoreOnce`).
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from glacier_gui.core.ledger.status import StatusTable, load_status
from glacier_gui.core.ledger.status_file import check_status_path
from glacier_gui.core.lock import StatusLock
from glacier_gui.core.paths import PathRefused
from glacier_gui.core.progress import TransferProgress
from glacier_gui.core.restore.job import RestoreError
from glacier_gui.core.restore.rebuild import RebuildRefused
from glacier_gui.core.s3.client import KeyLayout, layout_for
from glacier_gui.core.setting_checks import SettingSpec
from glacier_gui.core.settings import Settings, resolve_settings
from glacier_gui.core.textfmt import format_duration, format_size, parse_size

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl+C

RunFunction = Callable[[argparse.Namespace, ExitStack], int]


class UsageError(Exception):
    """Bad input: printed as one line, exit status 2."""


SETTINGS_GROUP = "settings (override the saved settings for this run)"
SETTINGS_GROUP_NOTE = (
    "A flag beats --config FILE, which beats the saved settings (settings.json, written by the window). "
    "'glacier-gui help settings' explains each one."
)
REPEATABLE = "repeatable, one value each time; the values given replace the saved list"
_SETTING_NAMES = frozenset(f.name for f in fields(Settings))


class StoreOnce(argparse.Action):
    """``store``, except that a second, different value for the same flag is a usage error, not a silent win.

    ``--bucket a --bucket b`` would otherwise keep only ``b``; the same value twice is accepted.  Flags that
    take a list use ``append``/``extend`` and add up instead.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        given: dict[str, Any] = namespace.__dict__.setdefault("_flags_given", {})
        if self.dest in given and given[self.dest] != values:
            parser.error(f"{option_string} was given twice ({given[self.dest]} and {values}): give it once")
        given[self.dest] = values
        setattr(namespace, self.dest, values)


class _HelpFormatter(argparse.HelpFormatter):
    """The usage line names a command's own options and sums up the thirty setting flags as one item."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        actions = list(actions)
        own = [a for a in actions if a.dest not in _SETTING_NAMES]
        if usage is None and len(own) < len(actions):
            own.append(argparse.Action([], "setting_flags", required=False, metavar="[setting flags]"))
        super().add_usage(usage, own, groups, prefix)


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (exit status 2), not the whole usage block.

    A flag given twice with one value each time is refused (:class:`StoreOnce`), and the usage line keeps the
    setting flags out of the way of the command's own.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)
        self.register("action", None, StoreOnce)
        self.register("action", "store", StoreOnce)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def size_arg(text: str) -> int:
    """A size flag (``2TB``, ``1MiB``): parse_size's own message when it is not one."""
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# ---- settings flags ---------------------------------------------------------------------------------------
def add_common_options(parser: argparse.ArgumentParser) -> None:
    """The options every command takes, after the command's own: --config and friends, then one flag per setting.

    Call it once the command has added its own options, so ``--help`` lists those first.
    """
    common = parser.add_argument_group("common options")
    common.add_argument(
        "--config", type=Path, metavar="FILE", help="JSON file of settings (the names of settings.json)"
    )
    common.add_argument("--data-dir", type=Path, metavar="DIR", help="settings, logs, journals (default: per user)")
    common.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    group = parser.add_argument_group(SETTINGS_GROUP, SETTINGS_GROUP_NOTE)
    defaults = Settings()
    for f in fields(Settings):
        _add_setting_flag(group, f.name, f.metadata["spec"], getattr(defaults, f.name))


def setting_flag(name: str, spec: SettingSpec) -> str:
    """The command-line flag of the setting *name* (``album_root`` -> ``--root``, ``bucket`` -> ``--bucket``)."""
    return spec.cli_flag or "--" + name.replace("_", "-")


def _add_setting_flag(group: Any, name: str, spec: SettingSpec, default: object) -> None:
    # Every flag defaults to None: resolve_settings then knows which settings the command line did not set.
    flag = setting_flag(name, spec)
    text = spec.help.replace("%", "%%")  # argparse formats help with %
    if isinstance(default, bool) and default:  # on by default: --no-thumbnails turns it off
        group.add_argument(flag, dest=name, action=argparse.BooleanOptionalAction, default=None, help=text)
    elif isinstance(default, bool):
        group.add_argument(flag, dest=name, action="store_const", const=True, help=text)
    elif isinstance(default, list):
        text += f" ({REPEATABLE})"
        group.add_argument(flag, dest=name, action="append", metavar=spec.metavar or "VALUE", help=text)
    else:
        if default not in ("", None):
            text += f" (default {default})"
        group.add_argument(
            flag,
            dest=name,
            type=_flag_type(spec.parse) if spec.parse else type(default),
            choices=spec.choices or None,
            metavar=spec.metavar or ("N" if isinstance(default, int) else "VALUE"),
            help=text,
        )


def _flag_type(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """A setting's own parser as an argparse type: its ValueError message shows, not argparse's generic one."""

    @functools.wraps(parse)
    def parse_flag(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return parse_flag


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Defaults < saved settings < --config < the settings flags given on this command line."""
    overrides = {f.name: getattr(args, f.name, None) for f in fields(Settings)}
    return resolve_settings(args.data_dir, args.config, overrides)


# ---- status.csv, S3 -----------------------------------------------------------------------------------------
def hold_status_lock(settings: Settings, data_dir: Path, held: ExitStack) -> None:
    """Take the writers' lock of status.csv until the command ends (*held* releases it); in the data folder
    when status.csv's own folder is read-only.  A path that cannot be a file is refused first (bad input)."""
    path = settings.status_path(data_dir)
    check_status_path(path)
    held.enter_context(StatusLock(path, fallback_dir=data_dir))


def read_table(settings: Settings, data_dir: Path) -> StatusTable:
    """Load status.csv (or a pending change, beside it or in the data folder) without the lock: for reading.

    A save that cannot replace status.csv keeps the change in the data folder when status.csv's folder is
    read-only, so the scan of a whole album is never lost.
    """
    return load_status(settings.status_path(data_dir), settings.album_root, settings.level, fallback_dir=data_dir)


def open_table(settings: Settings, data_dir: Path, held: ExitStack) -> StatusTable:
    """Load status.csv for writing: first the writers' lock, held until the command ends."""
    hold_status_lock(settings, data_dir, held)
    return read_table(settings, data_dir)


def key_layout(settings: Settings) -> KeyLayout:
    """Keys start with the album's name in the bucket: without it nothing in the bucket can be found."""
    if not settings.root_name:
        raise UsageError(
            "no album is named: pass --bucket-album NAME (the album's name in the bucket, e.g. 10_Album; "
            "'glacier-gui rebuild-status' lists them) or --root PATH (its folder's name is used)"
        )
    return layout_for(settings)


def bad_input_as_usage(run: RunFunction) -> RunFunction:
    """The core's "you asked for something impossible" errors (restore, paths, rebuild) become exit status 2."""

    @functools.wraps(run)
    def wrapper(args: argparse.Namespace, held: ExitStack) -> int:
        try:
            return run(args, held)
        except (RestoreError, PathRefused, RebuildRefused) as exc:
            raise UsageError(str(exc)) from None

    return wrapper


# ---- the progress line --------------------------------------------------------------------------------------
def progress_enabled(args: argparse.Namespace) -> bool:
    """A progress line only on a terminal, and not with --no-progress (Task Scheduler logs stay clean)."""
    return not args.no_progress and sys.stderr.isatty()


class TerminalProgress:
    """Redraws one status line on stderr twice a second from a snapshot; never per chunk."""

    def __init__(self, render: Callable[[], str], enabled: bool) -> None:
        self._render = render
        self._enabled = enabled
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TerminalProgress:
        if self._enabled:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._enabled:
            self._stop.set()
            self._thread.join()
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            sys.stderr.write("\r\033[K" + self._render()[:150])
            sys.stderr.flush()


def transfer_line(progress: TransferProgress) -> str:
    """One line for an upload or a download: bar, files, bytes, speed, time left, units."""
    s = progress.snapshot()
    width = 24
    done = int(width * s.bytes_done / s.bytes_total) if s.bytes_total else 0
    eta = s.eta_seconds
    return (
        f"[{'#' * done}{'.' * (width - done)}] {s.files_done}/{s.files_total} files "
        f"{format_size(s.bytes_done)}/{format_size(s.bytes_total)} {format_size(int(s.bytes_per_second))}/s "
        f"ETA {format_duration(eta) if eta is not None else '--'} units {s.units_done}/{s.units_total}"
    )


def parse_as_of(text: str) -> datetime:
    """``--as-of``: a day (its end) or a minute, in local time; a clear :class:`UsageError` for anything else."""
    value = text.strip()
    try:
        if len(value) == 10:
            day = datetime.strptime(value, "%Y-%m-%d")
            return day.replace(hour=23, minute=59, second=59).astimezone()
        return datetime.fromisoformat(value).astimezone()
    except ValueError:
        raise UsageError(f"--as-of {text!r}: give a date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM)") from None


def say_paused(paused: bool, *, what: str) -> None:
    """SIGTSTP paused the transfer, or SIGCONT resumed it (core/homelink/link.py: pause_on_signals); *what* is
    "sent" or "downloaded"."""
    if paused:
        print(
            f"glacier-gui: paused: nothing is {what} until SIGCONT (kill -CONT <pid>; or Ctrl+Z again, then fg)",
            file=sys.stderr,
            flush=True,
        )
    else:
        print("glacier-gui: resumed", file=sys.stderr, flush=True)
