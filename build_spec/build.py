"""Build the bundle with PyInstaller and (optionally) smoke-test the result.

    python build_spec/build.py                 # one-folder bundle in dist/GlacierGUI/
    python build_spec/build.py --onefile       # dist/GlacierGUI(.exe) and dist/glacier-gui(.exe), self-contained
    python build_spec/build.py --smoke-test    # ... then run the frozen console exe with --smoke-test
    python build_spec/build.py --zip           # ... and pack the result into dist/GlacierGUI-<version>-<os>.zip

The same command works on Windows (the .exe users get) and Linux (what the tests build).  A Windows exe can
only be built on Windows: PyInstaller does not cross-compile.  Exit status: PyInstaller's, then the smoke
test's.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

SPEC_DIR = Path(__file__).resolve().parent
ROOT = SPEC_DIR.parent
SPEC = SPEC_DIR / "glacier_gui.spec"
GUI_EXE, CLI_EXE = "GlacierGUI", "glacier-gui"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""


def cli_executable(dist: Path, onefile: bool = False) -> Path:
    """Where the console executable is after a build into *dist*."""
    folder = dist if onefile else dist / GUI_EXE
    return folder / f"{CLI_EXE}{EXE_SUFFIX}"


def build(dist: Path, work: Path, onefile: bool = False, clean: bool = False, quiet: bool = False) -> float:
    """Run PyInstaller on the spec (in a child process, so the build never imports into this one).

    Returns the build time in seconds; raises ``subprocess.CalledProcessError`` when PyInstaller fails.
    """
    env = dict(os.environ, GLACIER_GUI_ONEFILE="1" if onefile else "0")
    # Build from this checkout even if another copy of the package is installed.
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "--log-level",
        "WARN" if quiet else "INFO",
    ]
    if clean:
        command.append("--clean")
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    return time.perf_counter() - started


def folder_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def make_zip(dist: Path, onefile: bool) -> Path:
    from glacier_gui import __version__

    system = {"Windows": "windows", "Darwin": "macos"}.get(platform.system(), platform.system().lower())
    base = dist / f"{GUI_EXE}-{__version__}-{system}-{platform.machine().lower()}"
    if onefile:
        staging = dist / "_zip"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for name in (GUI_EXE, CLI_EXE):
            shutil.copy2(dist / f"{name}{EXE_SUFFIX}", staging)
        archive = shutil.make_archive(str(base), "zip", staging)
        shutil.rmtree(staging)
    else:
        archive = shutil.make_archive(str(base), "zip", dist, GUI_EXE)
    return Path(archive)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="two self-contained executables, no folder")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default: build/)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--smoke-test", action="store_true", help="run the frozen console exe with --smoke-test")
    parser.add_argument("--zip", action="store_true", help="zip the result for distribution")
    args = parser.parse_args(argv)
    try:
        seconds = build(args.dist, args.work, args.onefile, args.clean)
    except subprocess.CalledProcessError as exc:
        print(f"build.py: PyInstaller failed (exit status {exc.returncode})", file=sys.stderr)
        return exc.returncode or 1
    target = cli_executable(args.dist, args.onefile)
    bundle = target if args.onefile else target.parent
    print(f"build.py: built {bundle} in {seconds:.0f} s, {folder_size(bundle) / 2**20:.0f} MiB")
    if args.smoke_test:
        started = time.perf_counter()
        code = subprocess.run([str(target), "--smoke-test"], check=False).returncode
        print(f"build.py: frozen smoke test exit status {code} in {time.perf_counter() - started:.1f} s")
        if code:
            return code
    if args.zip:
        print(f"build.py: wrote {make_zip(args.dist, args.onefile)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
