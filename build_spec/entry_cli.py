"""Entry of the console executable ``glacier-gui(.exe)``: the CLI for terminals and Task Scheduler.

With no sub-command it opens the window too (the console stays attached, which helps when reporting bugs).
"""

import multiprocessing
import sys

from glacier_gui.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless without child processes; required if a library starts one
    sys.exit(main())
