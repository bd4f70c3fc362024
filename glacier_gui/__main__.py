"""The process entry (``python -m glacier_gui``, the ``glacier-gui`` script, both frozen executables).

It decides what this process is: with a command (``glacier-gui scan ...``) the headless CLI, which never loads
Qt; without one the window, or with ``--smoke-test`` the installation check.  Only here do the two meet.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from glacier_gui import cli, startup
from glacier_gui.cli.common import EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line *argv* (default: ``sys.argv[1:]``); returns the exit status."""
    args = cli.parse_command_line(argv, qt_version=qt_version)
    if isinstance(args, int):  # --help, --version, or a usage error already printed
        return args
    if args.command is not None:
        return cli.run(args)
    return open_window(args)


def qt_version() -> str | None:
    """For ``--version``: the Qt that PySide6 carries, asked of QtCore alone (no GUI module is loaded)."""
    try:
        from PySide6.QtCore import qVersion
    except ImportError:
        return None
    return str(qVersion())


def open_window(args: argparse.Namespace) -> int:
    """No command: the window (``--demo``, ``--screenshot``), or the installation check (``--smoke-test``)."""
    if args.smoke_test:  # checks the installation (above all the frozen exe) without a screen; see smoke.py
        from glacier_gui.smoke import run_smoke_test

        return run_smoke_test(args.top_data_dir)
    try:  # Qt is imported only now: the commands start fast and run where Qt cannot
        from glacier_gui.gui.app import run_app
    except ImportError as exc:
        text = f"the window cannot open ({exc}); the CLI works: glacier-gui --help"
        print(f"glacier-gui: {text}", file=sys.stderr)
        if startup.windowed:  # GlacierGUI.exe: stderr goes nowhere, so a message box and a file say it
            startup.report_failure(text, traceback.format_exc())
        return EXIT_BAD_INPUT
    return int(run_app(args))


if __name__ == "__main__":
    raise SystemExit(main())
