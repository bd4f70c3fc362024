"""Packaging: the smoke test itself, the spec's Windows parts, and the frozen bundle built by PyInstaller.

The slow test builds the one-folder bundle with ``build_spec/build.py`` (about 40 s here, in a temporary
folder) and runs the frozen console executable.  With ``GLACIER_GUI_FROZEN_DIST`` set to a dist folder that
``build.py`` already filled (the Windows workflow does this), it tests that bundle instead of building again.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from glacier_gui import __version__
from glacier_gui.__main__ import main

ROOT = Path(__file__).resolve().parents[1]
BUILD_SPEC = ROOT / "build_spec"
CHECKS = (
    "imports",
    "resources",
    "language",
    "keyring",
    "status.csv",
    "thumbnail",
    "scan",
    "endpoint",
    "upload",
    "window",
)
# Checks that may end in WARN without failing: no credential store on a headless Linux; the window until the
# GUI offers its hook (then it must be ok).
MAY_WARN = {"keyring"} if sys.platform != "win32" else set()


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, BUILD_SPEC / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gui_hook_present() -> bool:
    """True once glacier_gui.gui.app offers the smoke test's window hook: then the window check must be ok."""
    from glacier_gui.smoke import WINDOW_HOOK

    try:
        return hasattr(importlib.import_module("glacier_gui.gui.app"), WINDOW_HOOK)
    except ModuleNotFoundError:
        return False


def _assert_checks_ok(output: str) -> None:
    checks = _check_lines(output)
    assert list(checks) == list(CHECKS), output
    may_warn = MAY_WARN if _gui_hook_present() else MAY_WARN | {"window"}
    assert all(checks[name] == "ok" for name in CHECKS if name not in may_warn), output


def _check_lines(output: str) -> dict[str, str]:
    """{check name: status} from the smoke test's output lines."""
    found = {}
    for line in output.splitlines():
        m = re.match(r"^(ok|WARN)\s+(\S+)\s+\d+\.\d\d s  \S", line)
        if m:
            found[m.group(2)] = m.group(1)
    return found


# ---- the smoke test, unfrozen --------------------------------------------------------------------------------
def test_smoke_test_passes_and_prints_one_line_per_check(tmp_path, capsys):
    code = main(["--smoke-test", "--data-dir", str(tmp_path / "data")])
    out = capsys.readouterr().out
    assert code == 0, out
    _assert_checks_ok(out)
    assert "2022/0601_運動会 Synchronized" in out
    assert re.search(r"^smoke test passed in \d+\.\d s", out, re.M)
    # It really worked in the data dir: a status.csv with the uploaded unit, the log file.
    status = (tmp_path / "data" / "status.csv").read_text(encoding="utf-8-sig")
    assert "Synchronized" in status
    assert (tmp_path / "data" / "logs" / "glacier_gui.log").is_file()


def test_window_without_the_gui_hook_is_a_warning_not_ok(tmp_path, capsys, monkeypatch):
    from glacier_gui import smoke

    if _gui_hook_present():
        monkeypatch.delattr(importlib.import_module("glacier_gui.gui.app"), smoke.WINDOW_HOOK)
    assert smoke.run_smoke_test(tmp_path) == 0
    window = [line for line in capsys.readouterr().out.splitlines() if " window " in line]
    assert window and window[0].startswith("WARN") and "QMainWindow painted at" in window[0]


def test_a_failing_check_gives_one_line_and_exit_1(tmp_path, capsys, monkeypatch):
    from glacier_gui import smoke

    monkeypatch.setattr(smoke, "resource_path", lambda name: tmp_path / "nowhere" / name)
    assert smoke.run_smoke_test(tmp_path / "data") == 1
    out = capsys.readouterr().out
    failed = [line for line in out.splitlines() if line.startswith("smoke test FAILED")]
    assert len(failed) == 1 and "resources: icon.png is missing" in failed[0]
    assert "upload" not in _check_lines(out)  # it stops at the first failure


# ---- the spec's Windows parts, checked on any system ---------------------------------------------------------
def test_version_resource_is_made_from_the_package_version(tmp_path):
    winversion = _load("winversion")
    assert winversion.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert winversion.version_tuple("0.2.0.dev4+g1234") == (0, 2, 0, 0)
    assert winversion.version_tuple("2.0rc1") == (2, 0, 0, 0)
    assert winversion.version_tuple("1.2.3.4.5") == (1, 2, 3, 0)
    path = winversion.write_version_file(tmp_path, __version__, "Glacier GUI", "desc", "glacier-gui")

    def record(kind):
        return lambda *args, **kwargs: (kind, args, kwargs)

    kinds = (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    )
    info = eval(path.read_text(encoding="utf-8"), {k: record(k) for k in kinds})  # PyInstaller evals it too
    fixed = info[2]["ffi"][2]
    assert fixed["filevers"] == winversion.version_tuple(__version__)
    strings = dict(s[1] for s in info[2]["kids"][0][1][0][0][1][1])
    assert strings["ProductVersion"] == __version__ and strings["OriginalFilename"] == "glacier-gui.exe"


def test_manifest_is_long_path_aware():
    winmanifest = pytest.importorskip("PyInstaller.utils.win32.winmanifest")
    xml = winmanifest.create_application_manifest((BUILD_SPEC / "glacier_gui.manifest").read_bytes())
    assert b"<longPathAware" in xml and b">true</longPathAware>" in xml
    assert b'level="asInvoker"' in xml  # never asks for administrator rights


def test_icon_files_hold_every_size():
    ico = (ROOT / "resources" / "icon.ico").read_bytes()
    reserved, kind, count = (int.from_bytes(ico[i : i + 2], "little") for i in (0, 2, 4))
    assert (reserved, kind) == (0, 1)
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
    assert (ROOT / "resources" / "icon.png").read_bytes().startswith(b"\x89PNG")


def test_spec_names_every_module_imported_by_name():
    """PyInstaller follows import statements, not ``importlib.import_module("...")``: the spec must list those."""
    by_name = set()
    for path in (ROOT / "glacier_gui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                by_name.add(node.args[0].value)
    spec = ast.parse((BUILD_SPEC / "glacier_gui.spec").read_text(encoding="utf-8"))
    [listed] = [
        ast.literal_eval(node.value)
        for node in spec.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "IMPORTED_BY_NAME"
    ]
    assert "glacier_gui.gui.app" in by_name  # the smoke test's window hook: the scan really finds something
    assert by_name <= set(listed)
    assert 'collect_submodules("glacier_gui")' not in (BUILD_SPEC / "glacier_gui.spec").read_text(encoding="utf-8")


# ---- the frozen bundle ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def frozen_cli(tmp_path_factory) -> Path:
    build = _load("build")
    prebuilt = os.environ.get("GLACIER_GUI_FROZEN_DIST")
    if prebuilt:
        exe = build.cli_executable(Path(prebuilt))
        assert exe.is_file(), f"GLACIER_GUI_FROZEN_DIST={prebuilt} holds no {exe.name}"
        return exe
    pytest.importorskip("PyInstaller")
    base = tmp_path_factory.mktemp("frozen")
    seconds = build.build(base / "dist", base / "work", quiet=True)
    print(f"bundle built in {seconds:.0f} s")
    return build.cli_executable(base / "dist")


def _run(exe: Path, *args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, GLACIER_GUI_DATA_DIR=str(tmp / "default-data"))
    env.pop("PYTHONPATH", None)  # the bundle must not need the source tree
    return subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        cwd=tmp,
        timeout=180,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_frozen_smoke_test(frozen_cli, tmp_path):
    result = _run(frozen_cli, "--smoke-test", "--data-dir", str(tmp_path / "data"), tmp=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "frozen bundle, utf-8 mode on" in result.stdout
    _assert_checks_ok(result.stdout)
    assert "smoke test passed" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_frozen_bundle_contents_and_cli(frozen_cli, tmp_path):
    version = _run(frozen_cli, "--version", tmp=tmp_path)
    lines = version.stdout.splitlines()
    assert (version.returncode, lines[0]) == (0, f"glacier_gui {__version__}")
    # The bundle carries the libraries' metadata (the spec copies it), so --version names every version.
    assert "not installed" not in version.stdout and "(Qt 6." in version.stdout, version.stdout
    bad = _run(frozen_cli, "scan", "--level", "0", "--root", str(tmp_path / "missing"), tmp=tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    folder = frozen_cli.parent
    gui_name = "GlacierGUI.exe" if sys.platform == "win32" else "GlacierGUI"
    assert (folder / gui_name).is_file()
    internal = folder / "_internal"
    assert (internal / "resources" / "pricing.json").is_file()
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    qt_translations = {Path(n).name for n in names if n.endswith(".qm") and "/translations/" in n}
    assert qt_translations and all(re.search(r"_(ja|en)\.qm$", n) for n in qt_translations)
    unwanted = re.compile(r"Qt6?(WebEngine|Qml|Quick|Network|Pdf|Multimedia|VirtualKeyboard|3D)|opengl32sw|scipy/")
    assert not [n for n in names if unwanted.search(n)]


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_frozen_windowed_entry_starts(frozen_cli, tmp_path):
    """The windowed executable's own entry (build_spec/entry_gui.py with glacier_gui/startup.py) is in the bundle
    and runs: on Windows its output goes nowhere, so the exit status is what tells."""
    gui = frozen_cli.with_name("GlacierGUI.exe" if sys.platform == "win32" else "GlacierGUI")
    version = _run(gui, "--version", tmp=tmp_path)
    assert version.returncode == 0, version.stderr
    if sys.platform != "win32":
        assert version.stdout.startswith(f"glacier_gui {__version__}")
    assert not (tmp_path / "default-data" / "startup-error.txt").exists()
