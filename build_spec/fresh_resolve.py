"""The fresh-resolve check: does today's newest of every dependency still pass?  ``python build_spec/fresh_resolve.py``

``constraints.txt`` keeps every install on versions that passed; a new user who installs without it, or the
day we regenerate it, gets whatever is newest.  This check shows that drift before users meet it (issue 19:
moto 5.2.6 broke a fresh install while CI, on older versions, stayed green): it installs ``-e ".[test]"``
WITHOUT the constraints into a throwaway virtual environment, lists what differs from ``constraints.txt``, and
runs a fast subset there: the installation smoke test, the least-privilege tests and one upload test.

Exit status 0 when the subset passes (or with ``--warn-only``, always: then a failure is a WARNING block in
the output); 1 when it fails; 3 when the install itself failed.  ``.ci/run`` runs it with ``--warn-only`` on
every submission: ``docs/dependencies.md`` says why.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from update_constraints import CONSTRAINTS, ROOT, canonical, clean_env, drift, make_venv, pip, read_pins  # noqa: E402

SUBSET = [
    "tests/gui/test_app.py::test_smoke_test_builds_the_window",
    "tests/test_least_privilege.py",
    "tests/test_upload.py::test_upload_marks_synchronized_with_counts_from_s3",
]
INSTALLERS = ("pip", "setuptools")
TEST_TIMEOUT = 900  # seconds for the subset (it takes well under a minute)
PREFIX = "fresh-resolve | "


def say(text: str) -> None:
    """Every line of this check carries a prefix, so none of it reads as the main test run's summary."""
    for line in text.rstrip("\n").splitlines() or [""]:
        print(PREFIX + line, flush=True)


def installed(python: Path) -> dict[str, str]:
    listed = json.loads(pip(python, "list", "--format=json"))
    return {canonical(item["name"]): item["version"] for item in listed}


def run_subset(python: Path) -> tuple[int, str]:
    env = clean_env() | {"QT_QPA_PLATFORM": "offscreen"}
    command = [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUBSET]
    try:
        done = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TEST_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        return 1, f"the subset did not finish in {TEST_TIMEOUT} s"
    return done.returncode, done.stdout + done.stderr


def check(keep: Path | None) -> tuple[int, str]:
    """(exit status, one-line verdict); prints the details as it goes."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="glacier_gui_fresh_") as tmp:
        where = keep or Path(tmp) / "venv"
        try:
            python = make_venv(where)
            pip(python, "install", "--quiet", "-e", ".[test]")
        except (SystemExit, subprocess.SubprocessError, OSError) as exc:
            say(str(exc))
            return 3, "the install without constraints failed"
        say(f"installed without constraints in {time.monotonic() - started:.0f} s")
        changed = drift(read_pins(CONSTRAINTS), {k: v for k, v in installed(python).items() if k != "glacier-gui"})
        # Not drift: pins this install does not ask for (the build extra), and the installers the venv came with.
        changed = [line for line in changed if "(not resolved)" not in line and line.split(":")[0] not in INSTALLERS]
        say("differs from constraints.txt:" if changed else "the same versions as constraints.txt")
        for line in changed:
            say(f"  {line}")
        versions = subprocess.run(
            [str(python), "-m", "glacier_gui", "--version"], cwd=ROOT, capture_output=True, text=True, check=False
        )
        say(versions.stdout + versions.stderr)
        code, output = run_subset(python)
        say("\n".join(output.strip().splitlines()[-25:]))
    took = f"{time.monotonic() - started:.0f} s"
    if code == 0:
        return 0, f"the newest dependencies pass the subset ({took})"
    return 1, f"the newest dependencies FAIL the subset ({took}): see above; docs/dependencies.md says what to do"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warn-only", action="store_true", help="exit 0 even when the subset fails (CI)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="make the venv here and keep it (to look into it)")
    args = parser.parse_args(argv)
    code, verdict = check(args.keep)
    if code and args.warn_only:
        say("WARNING: " + verdict)
        say("WARNING: CI goes on: it tests the pinned versions of constraints.txt, which users install.")
        return 0
    say(verdict)
    return code


if __name__ == "__main__":
    sys.exit(main())
