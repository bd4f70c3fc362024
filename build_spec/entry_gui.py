"""Entry of the windowed executable ``GlacierGUI(.exe)``: what users double-click (no console window).

A windowed Windows program has no stdout/stderr (they are None), and any print() -- argparse's --help, a
warning -- would then crash it.  They go nowhere instead; the log file in the data dir has the details.  A
failure before the window's own error handling exists (even importing the app) is shown in a message box and
written to the data dir (glacier_gui/startup.py), so it is never silent.
"""

import multiprocessing
import os
import sys

from glacier_gui import startup  # the standard library only: it must work when the rest cannot be imported


def run() -> int:
    from glacier_gui.__main__ import main

    return main()


if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  # lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    startup.windowed = True
    sys.exit(startup.guarded(run))
