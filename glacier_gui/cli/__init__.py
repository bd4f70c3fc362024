"""The headless command line: ``glacier-gui COMMAND [options]``, one table of every command, one error boundary.

Exit status: 0 all went well; 1 something failed (a unit, S3, a file on disk, or a bug); 2 bad input only
(usage, settings, a status.csv that cannot be read as one).  Whatever happens, the user gets one line on stderr
in plain words naming the file or setting; a traceback goes to the log file, never to the screen.
Settings: a flag beats ``--config FILE``, which beats the saved settings, which beat the defaults.

This package never imports Qt: with no command, the process entry (:mod:`glacier_gui.__main__`) opens the
window instead.  A command is a row of :data:`COMMANDS`; there is no other place that lists them.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import shutil
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import NamedTuple

from glacier_gui.cli import backup, estimate, restore, schedule, thumbs, verify
from glacier_gui.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Parser,
    RunFunction,
    UsageError,
    add_common_options,
)
from glacier_gui.cli.settings_help import settings_text
from glacier_gui.core.ledger.status import StatusFileError, StatusLockedError, UnknownUnit
from glacier_gui.core.lock import StatusInUse
from glacier_gui.core.logs import FILE_ONLY, setup_logging
from glacier_gui.core.paths import describe_os_error, printable
from glacier_gui.core.progress import Cancelled
from glacier_gui.core.s3.errors import RemoteError
from glacier_gui.core.settings import SettingsError, check_data_dir, default_data_dir
from glacier_gui.core.versions import version_text

log = logging.getLogger(__name__)

# What the user asked for cannot be done as asked: exit status 2.  UnicodeError is a ValueError but never bad
# input (a name that cannot be encoded is a bug of ours): the boundary takes it out first.
BAD_INPUT = (UsageError, SettingsError, StatusFileError, UnknownUnit, ValueError)


class Command(NamedTuple):
    """One sub-command: its line in ``--help``, the options of its own, and what runs it.

    *run* gets the parsed arguments and an ExitStack that holds what the command keeps until it ends (the
    status.csv writers' lock); it returns the exit status.  *settings*: the parser gets the common options and
    the setting flags after the command's own (``restore`` adds them to each of its actions itself, ``help``
    takes none).  A command without *data_dir* (``help``) runs without the data folder or the log.
    """

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: RunFunction
    settings: bool = True
    data_dir: bool = True


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """For commands that take only the common options."""


HELP_TOPICS = "settings, or a command"


def _add_help_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "'help settings' explains every setting once (its flag, its name in settings.json, its default); "
        "'help COMMAND' is the same as 'COMMAND --help'."
    )
    parser.add_argument("topic", nargs="?", metavar="TOPIC", help=f"what to explain: {HELP_TOPICS}")


def _run_help(args: argparse.Namespace, held: ExitStack) -> int:
    """``glacier-gui help [settings|COMMAND]``: the settings from their declaration, else argparse's own help."""
    if args.topic == "settings":
        sys.stdout.write(settings_text(max(60, min(100, shutil.get_terminal_size().columns - 1))))
        return EXIT_OK
    if args.topic not in (None, *COMMANDS):
        raise UsageError(f"no help on {args.topic!r}: ask for {HELP_TOPICS} ({', '.join(COMMANDS)})")
    parser = build_parser()
    if args.topic is None:
        parser.print_help()
        return EXIT_OK
    code = parse_command_line([args.topic, "--help"])
    return code if isinstance(code, int) else EXIT_OK


COMMANDS: dict[str, Command] = {
    "scan": Command("scan the album and update status.csv", _no_arguments, backup.run_scan),
    "upload": Command("upload the units in state Upload (or --unit)", backup.add_upload_arguments, backup.run_upload),
    "run": Command("scan, then upload the Upload units (the original main.py)", _no_arguments, backup.run_run),
    "status": Command("print the status table", backup.add_status_arguments, backup.run_status),
    "mark": Command("set units to Upload (what you did in Excel)", backup.add_mark_arguments, backup.run_mark),
    "estimate": Command(
        "estimate the requests and cost of an upload (marked units, or --files N --size SIZE)",
        estimate.add_arguments,
        estimate.run,
    ),
    "restore": Command("get units back: restore start|status|fetch", restore.add_arguments, restore.run, False),
    "verify": Command(
        "check the backup in S3 against the manifests, without a restore",
        verify.add_verify_arguments,
        verify.run_verify,
    ),
    "rebuild-status": Command(
        "rebuild a lost status.csv from the manifests in the bucket", verify.add_rebuild_arguments, verify.run_rebuild
    ),
    "schedule": Command(
        "back up automatically: schedule register|unregister|status", schedule.add_arguments, schedule.run
    ),
    "browse": Command(
        "write a unit's thumbnails to a folder, from the bucket alone (no restore)",
        thumbs.add_browse_arguments,
        thumbs.run_browse,
    ),
    "thumbs": Command(
        "make the thumbnail packs of units uploaded before thumbnails existed",
        thumbs.add_thumbs_arguments,
        thumbs.run_thumbs,
    ),
    "demo": Command("run the whole flow on a sample album and a local endpoint", _no_arguments, backup.run_demo),
    "help": Command(
        "explain the settings (help settings) or a command (help COMMAND)",
        _add_help_arguments,
        _run_help,
        settings=False,
        data_dir=False,
    ),
}


QtVersion = Callable[[], "str | None"]


class _PrintVersions(argparse.Action):
    """``--version``: the versions a bug report needs (core/versions.py), then exit like argparse's own."""

    def __init__(self, option_strings: Sequence[str], dest: str, qt_version: QtVersion | None = None) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0)
        self.help = "print the versions of the app, Python and its libraries (for bug reports) and exit"
        self.qt_version = qt_version

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        print(version_text(self.qt_version() if self.qt_version else None))
        parser.exit()


def build_parser(qt_version: QtVersion | None = None) -> argparse.ArgumentParser:
    """The whole command line: the window's own options, and every command of :data:`COMMANDS`.

    *qt_version* tells ``--version`` the Qt version (this package never imports Qt; the process entry does).
    """
    parser = Parser(prog="glacier-gui", description="Back up an album to S3 Glacier Deep Archive, folder by folder.")
    parser.add_argument("--version", action=_PrintVersions, qt_version=qt_version)
    # Used when no command is given, by glacier_gui.__main__ (the window and the installation check).
    parser.add_argument("--demo", action="store_true", help="open the window on the embedded demo")
    parser.add_argument("--screenshot", type=Path, metavar="FILE", help="render the window to a PNG and exit")
    parser.add_argument("--smoke-test", action="store_true", help="check the installation and exit")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", dest="top_data_dir")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, command in COMMANDS.items():
        command_parser = sub.add_parser(name, help=command.help)
        command.add_arguments(command_parser)  # its own options first, in --help too
        if command.settings:
            add_common_options(command_parser)
    return parser


def parse_command_line(
    argv: Sequence[str] | None = None, qt_version: QtVersion | None = None
) -> argparse.Namespace | int:
    """The parsed command line, or the exit status when argparse has already answered it (--help, --version,
    or a usage error printed as one line)."""
    try:
        return build_parser(qt_version).parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command *argv* names (default: ``sys.argv[1:]``); returns the exit status.

    Without a command there is nothing to run here: exit status 2 (``glacier_gui.__main__`` opens the window).
    """
    args = parse_command_line(argv)
    if isinstance(args, int):
        return args
    if args.command is None:
        print("glacier-gui: error: name a command (see --help)", file=sys.stderr)
        return EXIT_BAD_INPUT
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Run the parsed command: the one place that turns errors into one line and an exit status."""
    command = COMMANDS[args.command]
    if not command.data_dir:  # help: no data folder, no log
        try:
            return command.run(args, ExitStack())
        except UsageError as exc:
            return _say(EXIT_BAD_INPUT, f"error: {exc}")
    args.data_dir = (args.data_dir or args.top_data_dir or default_data_dir()).expanduser()
    try:
        check_data_dir(args.data_dir)
    except SettingsError as exc:
        return _say(EXIT_BAD_INPUT, f"error: {exc}")
    log_path = setup_logging(args.data_dir, console_level=logging.WARNING)
    _tolerant_output()
    details = f" (details in {log_path})" if log_path else ""
    try:
        with ExitStack() as held:  # status.csv locks and the like, released however the command ends
            return command.run(args, held)
    except KeyboardInterrupt:
        return _say(EXIT_INTERRUPTED, "interrupted; run the same command again to resume")
    except Cancelled:
        return _say(EXIT_FAILED, "cancelled")
    except (StatusInUse, StatusLockedError, RemoteError) as exc:  # not bad input: S3, or another program
        log.info("%s", exc, extra=FILE_ONLY)
        return _say(EXIT_FAILED, f"error: {exc}" if isinstance(exc, RemoteError) else str(exc))
    except UnicodeError as exc:
        log.error("unexpected error", exc_info=True, extra=FILE_ONLY)
        return _say(EXIT_FAILED, f"error: a name could not be encoded ({printable(str(exc))}){details}")
    except BAD_INPUT as exc:
        log.info("bad input: %s", exc, extra=FILE_ONLY)
        return _say(EXIT_BAD_INPUT, f"error: {exc}")
    except OSError as exc:
        log.error("%s", describe_os_error(exc), exc_info=True, extra=FILE_ONLY)
        return _say(EXIT_FAILED, f"error: {describe_os_error(exc)}{details}")
    except Exception as exc:  # a bug: the user still gets one line, the log gets the traceback
        log.error("unexpected error", exc_info=True, extra=FILE_ONLY)
        return _say(EXIT_FAILED, f"error: unexpected {type(exc).__name__}: {printable(str(exc))}{details}")


def _say(code: int, text: str) -> int:
    """One line on stderr, in the program's name; returns *code*."""
    print(f"glacier-gui: {printable(text)}", file=sys.stderr)
    return code


def _tolerant_output() -> None:
    """A name that is not valid Unicode never stops a print: such characters are shown as escapes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot change (closed, detached)
                reconfigure(errors="backslashreplace")


__all__ = ["COMMANDS", "Command", "build_parser", "main", "parse_command_line", "run"]
