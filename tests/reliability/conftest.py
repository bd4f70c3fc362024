"""The campaign needs Linux: SIGKILL, bytes file names, symlinks, and prctl to drop root's file-permission bypass.

On other systems (the Windows CI job runs the test suite too) its tests are not collected.  The moto server
fixture ``s3_url`` comes from ``tests/conftest.py``.
"""

from __future__ import annotations

import sys

if sys.platform != "linux":
    collect_ignore_glob = ["test_*.py"]
