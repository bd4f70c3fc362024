"""The CLI's shape: --help lists the command table, flags come from the settings spec, the imports stay apart."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from glacier_gui.cli import COMMANDS, build_parser, main
from glacier_gui.cli.common import setting_flag, settings_from_args
from glacier_gui.core.lock import StatusInUse, StatusLock
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "glacier_gui"


def test_help_lists_every_command_of_the_table_with_its_help(capsys) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    section = out.split("COMMAND\n", 2)[-1].split("\noptions:")[0]  # the sub-command list under "COMMAND"
    listed = re.findall(r"^ {4}(\S+)", section, re.MULTILINE)
    assert listed == list(COMMANDS)
    flat = " ".join(out.split())  # argparse wraps long help lines
    for name, command in COMMANDS.items():
        assert f"{name} {' '.join(command.help.split())}" in flat


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_has_its_own_help(name: str, capsys) -> None:
    assert main([name, "--help"]) == 0
    assert capsys.readouterr().out.startswith(f"usage: glacier-gui {name} ")


def test_every_setting_has_a_flag_with_the_help_of_its_spec(capsys) -> None:
    assert main(["scan", "--help"]) == 0
    flat = " ".join(capsys.readouterr().out.split())
    for f in fields(Settings):
        spec = f.metadata["spec"]
        flag = setting_flag(f.name, spec)
        assert f"{flag} " in flat or f"{flag}, " in flat, f.name  # "--thumbnails, --no-thumbnails" in the listing
        assert " ".join(spec.help.split()) in flat, f.name


def test_the_old_flag_names_all_still_set_their_settings(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        [
            "scan",
            *("--root", str(tmp_path), "--level", "3", "--status-file", str(tmp_path / "s.csv")),
            *("--bucket", "my-bucket", "--prefix", "backup/", "--endpoint-url", "http://127.0.0.1:9"),
            *("--region", "us-east-2", "--profile", "family", "--storage-class", "GLACIER"),
            *("--concurrency", "3", "--part-size", "32", "--pack-below", "1MiB", "--dry-run", "--allow-overwrite"),
            *("--skip-file", "*.tmp", "--skip-file", "*.bak", "--skip-folder", "@eaDir"),
            *("--credential-source", "keyring", "--data-dir", str(tmp_path / "data")),
        ]
    )
    s = settings_from_args(args)
    assert (s.album_root, s.level, s.status_file) == (str(tmp_path), 3, str(tmp_path / "s.csv"))
    assert (s.bucket, s.prefix, s.endpoint_url) == ("my-bucket", "backup/", "http://127.0.0.1:9")
    assert (s.region, s.profile, s.storage_class, s.credential_source) == ("us-east-2", "family", "GLACIER", "keyring")
    assert (s.concurrency, s.part_size_mib, s.pack_below) == (3, 32, 2**20)
    assert s.dry_run and s.allow_overwrite
    assert s.skip_files == ["*.tmp", "*.bak"] and s.skip_folders == ["@eaDir"]
    # Flags not given leave the saved settings (here the defaults) alone.
    untouched = settings_from_args(build_parser().parse_args(["scan", "--data-dir", str(tmp_path / "data")]))
    assert untouched == Settings()


def test_a_bad_size_or_choice_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["scan", "--pack-below", "lots", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "not a size: 'lots'" in err and err.count("\n") == 1
    assert main(["scan", "--storage-class", "COLD", "--data-dir", str(tmp_path)]) == 2
    assert "invalid choice: 'COLD'" in capsys.readouterr().err


def test_no_command_is_a_usage_error_for_the_cli_alone(capsys) -> None:
    assert main([]) == 2  # the window is glacier_gui.__main__'s business, not the CLI's
    assert "name a command" in capsys.readouterr().err


def test_the_status_lock_is_released_when_a_command_fails(settings: Settings, data_dir: Path, capsys) -> None:
    args = cli_args(settings, data_dir)
    assert main(["scan", *args]) == 0
    assert main(["mark", "--upload", "2099/nothing", *args]) == 2  # fails while holding the lock
    # Free again (a lock still held would raise StatusInUse here), and really exclusive within one process.
    with StatusLock(Path(settings.status_file)), pytest.raises(StatusInUse):
        StatusLock(Path(settings.status_file)).acquire()


# ---- imports ----------------------------------------------------------------------------------------------
def _module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


def _import_graph() -> dict[str, set[str]]:
    """Module -> the glacier_gui modules it imports anywhere, function bodies included."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for a in node.names:
                    submodule = f"{node.module}.{a.name}"
                    found.add(submodule if submodule in modules else node.module)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph[module])
    return seen


def test_no_import_cycle_through_the_cli_the_entry_or_the_smoke_test() -> None:
    graph = _import_graph()
    ours = [m for m in graph if m.startswith("glacier_gui.cli") or m in ("glacier_gui.__main__", "glacier_gui.smoke")]
    assert "glacier_gui.cli.common" in ours and len(ours) >= 8
    assert [m for m in ours if m in _reaches(graph, m)] == []


def test_the_cli_never_imports_the_gui_and_the_smoke_test_never_imports_the_cli() -> None:
    graph = _import_graph()
    for module in (m for m in graph if m.startswith("glacier_gui.cli")):
        assert not [m for m in _reaches(graph, module) if m.startswith("glacier_gui.gui")], module
    assert not [m for m in _reaches(graph, "glacier_gui.smoke") if m.startswith("glacier_gui.cli")]
    # And at run time: a command line parsed and a command's module loaded without Qt or the window.
    code = (
        "import sys, glacier_gui.cli as c, glacier_gui.__main__\n"
        "c.build_parser()\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'glacier_gui.gui'))])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stdout + result.stderr


def test_no_private_name_crosses_a_module_of_the_cli() -> None:
    for path in (PACKAGE / "cli").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("glacier_gui"):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.endswith("__")]
                assert not private, path.name
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert not (node.value.id in ("cli", "common") and node.attr.startswith("_")), path.name
