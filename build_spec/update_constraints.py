"""Regenerate ``constraints.txt``: ``python build_spec/update_constraints.py`` (from the repository root).

Every dependency in ``pyproject.toml`` floats inside a range, so a fresh install takes whatever is newest that
day, and one new release (moto 5.2.6 in issue 19) can break it.  ``constraints.txt`` holds the exact version of
every package the app, the tests and the build install (plain ``name==version`` lines for pip's ``-c``), and
the README, ``.ci/run`` and the Windows workflow install with it.

This script makes it from a fresh resolve, as a new user's install would see it: a throwaway virtual
environment, the newest pip, and ``pip install --dry-run --ignore-installed --report`` of ``.[test,build]``,
pip itself and the build backend (``[build-system] requires``).  It writes the pins with comment lines saying
on which Python and platform they were made.  ``--check`` writes nothing and exits 1 when a fresh resolve
would pin something else (``build_spec/fresh_resolve.py`` goes further: it installs and runs tests).
``docs/dependencies.md`` says when to run it and what to do when a new version breaks something.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints.txt"
EXTRAS = "test,build"
PROJECT = "glacier-gui"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)\s*(#.*)?$")


def canonical(name: str) -> str:
    """A distribution name as pip compares them (PEP 503): ``PySide6_Essentials`` -> ``pyside6-essentials``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def clean_env() -> dict[str, str]:
    """The environment for pip in a throwaway venv: without a constraints file of ours given through it."""
    env = {k: v for k, v in os.environ.items() if k not in ("PIP_CONSTRAINT", "PIP_BUILD_CONSTRAINT", "PYTHONPATH")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def make_venv(where: Path) -> Path:
    """A new virtual environment at *where* with the newest pip; returns its python."""
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    python = where / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip(python, "install", "--quiet", "--upgrade", "pip")
    return python


def pip(python: Path, *args: str, timeout: float = 1800) -> str:
    """Run pip of *python*; its output, or SystemExit with pip's own words when it fails."""
    done = subprocess.run(
        [str(python), "-m", "pip", *args],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"pip {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return done.stdout


def build_requires() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return list(tomllib.load(f)["build-system"]["requires"])


def fresh_resolve(python: Path, workdir: Path) -> dict[str, str]:
    """{canonical name: version} of what pip would install today, nothing installed before it counted."""
    report = workdir / "report.json"
    requirements = [f".[{EXTRAS}]", "pip", *build_requires()]
    pip(python, "install", "--dry-run", "--ignore-installed", "--quiet", "--report", str(report), *requirements)
    found = {}
    for item in json.loads(report.read_text(encoding="utf-8"))["install"]:
        name = canonical(item["metadata"]["name"])
        if name != PROJECT:
            found[name] = item["metadata"]["version"]
    return dict(sorted(found.items()))


def read_pins(path: Path = CONSTRAINTS) -> dict[str, str]:
    """{canonical name: version} of a constraints file (comments and blank lines skipped)."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def made_on(python: Path) -> dict[str, str]:
    """Where the pins were made: the venv's Python and pip, and this machine's platform."""
    code = "import platform, sys; print(platform.python_version(), platform.python_implementation())"
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return {
        "python": f"{out[0]} ({out[1]})",
        "platform": f"{platform.system()} {platform.machine()} ({platform.platform(terse=True)})",
        "pip": pip(python, "--version").split()[1],
    }


def render(pins: dict[str, str], where: dict[str, str], today: datetime.date) -> str:
    head = [
        "# Exact versions of every package that glacier_gui, its tests and its build install: pip's -c file.",
        '#   pip install -c constraints.txt -e ".[test]"',
        "# Made from a fresh resolve of .[test,build], pip and the build backend by",
        "#   python build_spec/update_constraints.py      (docs/dependencies.md says when and why)",
        f"# Made on: {today.isoformat()}",
        f"# Python: {where['python']}",
        f"# Platform: {where['platform']}",
        f"# pip: {where['pip']}",
        "# Windows-only packages (pywin32-ctypes, pefile, colorama) are not pinned: a resolve on Linux never",
        "# installs them, and -c only constrains what is installed, so the Windows workflow takes their newest.",
        "# A range in pyproject.toml narrower than the libraries allow says why in a comment there.",
        "",
    ]
    return "\n".join(head + [f"{name}=={version}" for name, version in pins.items()]) + "\n"


def drift(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """What differs between two sets of pins, one line per package."""
    lines = []
    for name in sorted(set(old) | set(new)):
        if old.get(name) != new.get(name):
            lines.append(f"{name}: {old.get(name, '(not pinned)')} -> {new.get(name, '(not resolved)')}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what a fresh resolve would change")
    parser.add_argument("--output", type=Path, default=CONSTRAINTS, help="where to write (default: %(default)s)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="glacier_gui_lock_") as tmp:
        python = make_venv(Path(tmp) / "venv")
        pins = fresh_resolve(python, Path(tmp))
        where = made_on(python)
    changes = drift(read_pins(args.output) if args.output.exists() else {}, pins)
    if args.check:
        print("\n".join(changes) if changes else f"{args.output.name}: a fresh resolve pins the same versions")
        return 1 if changes else 0
    args.output.write_text(render(pins, where, datetime.date.today()), encoding="utf-8")
    print(f"wrote {len(pins)} pins to {args.output} (Python {where['python']}, {where['platform']})")
    print("\n".join(changes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
