"""CLI help and repeated flags: own options before the setting flags, ``help settings``, flags that add up or refuse.

Each command's ``--help`` shows what is its own first and the thirty setting flags after, in their own group, and
its usage line sums those up as ``[setting flags]``.  ``glacier-gui help settings`` explains every setting once,
from the same rows as the table in ``docs/reference.md``.  A flag given twice never silently keeps only the last
value: list flags add up (``mark --upload A --upload B`` marks both), one-value flags refuse a second value.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

import pytest

from glacier_gui.cli import COMMANDS, build_parser, main
from glacier_gui.cli.common import SETTINGS_GROUP, StoreOnce, setting_flag, settings_from_args
from glacier_gui.cli.settings_help import setting_rows
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args

SETTING_FLAGS = [setting_flag(f.name, f.metadata["spec"]) for f in fields(Settings)]


def _command_parsers() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every parser that runs something: each command, and each action of the commands that have actions."""

    def walk(name: str, parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            yield name, parser
        for sub in subs:
            for child, child_parser in sub.choices.items():
                yield from walk(f"{name} {child}".strip(), child_parser)

    yield from walk("", build_parser())


RUNNABLE = dict(_command_parsers())


def _help(command: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main([*command.split(), "--help"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [c for c in RUNNABLE if c != "help"])
def test_own_options_come_first_and_the_settings_in_their_own_group(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _help(command, capsys)
    usage, body = out.split("\n\n", 1)
    flat_usage = " ".join(usage.split())
    assert flat_usage.endswith("[setting flags]"), flat_usage
    assert not [f for f in SETTING_FLAGS if f"{f} " in flat_usage or f"{f}]" in flat_usage], flat_usage
    lines = body.splitlines()
    settings_at = lines.index(f"{SETTINGS_GROUP}:")

    def listed_at(flag: str) -> list[int]:  # the lines where an option is listed (not merely mentioned)
        return [i for i, line in enumerate(lines) if f"{line} ".startswith((f"  {flag} ", f"  {flag},"))]

    names = {f.name for f in fields(Settings)}
    own = [a for a in RUNNABLE[command]._actions if a.option_strings and a.dest not in names]
    for action in own:  # -h, the command's own flags, then --config/--data-dir/--no-progress: all above
        where = listed_at(action.option_strings[0])
        assert where and max(where) < settings_at, action.option_strings
    for flag in SETTING_FLAGS:
        assert len(listed_at(flag)) == 1 and listed_at(flag)[0] > settings_at, flag
    assert "glacier-gui help settings" in " ".join(lines[settings_at : settings_at + 4])


def test_a_command_s_own_options_precede_the_common_ones(capsys: pytest.CaptureFixture[str]) -> None:
    out = _help("restore start", capsys).split("\n\n", 1)[1]  # below the usage line
    assert out.index("--dest DIR") < out.index("common options:") < out.index("--config FILE")
    assert out.index("--config FILE") < out.index(SETTINGS_GROUP) < out.index("--bucket NAME")


def test_help_settings_explains_every_setting_once(tmp_path: Path, monkeypatch, capsys) -> None:
    data_dir = tmp_path / "never-made"
    monkeypatch.setenv("GLACIER_GUI_DATA_DIR", str(data_dir))
    assert main(["help", "settings"]) == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    heads = re.findall(r"^(--[a-z-]+)\b.*? {4}\S", out, re.MULTILINE)  # "--level N    Level"
    assert heads == SETTING_FLAGS  # one entry per setting, in declaration order
    for f in fields(Settings):
        spec = f.metadata["spec"]
        assert flat.count(f"settings.json: {f.name};") == 1, f.name
        assert " ".join(str(spec.help).split()) in flat, f.name
    assert "--thumbnails / --no-thumbnails" in out and "default: on" in out
    assert "settings.json: level; default: 2" in flat and "one of: report, follow" in flat
    assert not data_dir.exists()  # help needs no data folder and writes no log


def test_help_settings_and_the_reference_table_are_built_from_the_same_rows(capsys) -> None:
    assert main(["help", "settings"]) == 0
    out = capsys.readouterr().out
    table = (Path(__file__).resolve().parents[1] / "docs" / "reference.md").read_text(encoding="utf-8")
    for row in setting_rows():
        assert f"{row.flag}    {row.label}" in out
        assert f"| `{row.name}` (" in table and f"`{row.flag}`" in table


def test_help_names_a_command_or_refuses(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["upload", "--help"]) == 0
    direct = capsys.readouterr().out
    assert main(["help", "upload"]) == 0
    assert capsys.readouterr().out == direct
    assert main(["help"]) == 0
    assert "COMMAND" in capsys.readouterr().out
    assert main(["help", "colours"]) == 2
    err = capsys.readouterr().err
    assert "no help on 'colours'" in err and "settings" in err and err.count("\n") == 1
    assert "help" in COMMANDS and not COMMANDS["help"].settings


# ---- repeated flags ------------------------------------------------------------------------------------------
def test_no_flag_silently_keeps_only_its_last_value() -> None:
    """Every flag that stores a value is StoreOnce; every flag that takes several values adds them up."""
    for command, parser in RUNNABLE.items():
        for action in parser._actions:
            if not action.option_strings or isinstance(action, argparse._HelpAction):
                continue
            if type(action).__name__ == "_StoreAction":
                pytest.fail(f"{command} {action.option_strings[0]}: a second value would replace the first")
            if action.nargs in ("+", "*"):
                assert isinstance(action, argparse._ExtendAction | argparse._AppendAction), (command, action.dest)


def test_mark_upload_twice_marks_both(settings: Settings, data_dir: Path, capsys) -> None:
    args = cli_args(settings, data_dir)
    assert main(["scan", *args]) == 0
    assert main(["mark", "--upload", "2022/0601_運動会", "--upload", "2021/0401_帰省", "2022/0501_旅行", *args]) == 0
    capsys.readouterr()
    assert main(["status", "--json", *args]) == 0
    rows = {r["unit"]: r["status"] for r in json.loads(capsys.readouterr().out)}
    assert rows == {"2022/0601_運動会": "Upload", "2021/0401_帰省": "Upload", "2022/0501_旅行": "Upload"}


@pytest.mark.parametrize(
    ("argv", "dest", "expected"),
    [
        (["mark", "--upload", "A", "--upload", "B", "C"], "upload", ["A", "B", "C"]),
        (["upload", "--unit", "A", "--unit", "B"], "unit", ["A", "B"]),
        (["estimate", "--unit", "A", "--unit", "B"], "unit", ["A", "B"]),
        (["verify", "--unit", "A", "--unit", "B"], "unit", ["A", "B"]),
        (["thumbs", "--unit", "A", "--unit", "B"], "unit", ["A", "B"]),
        (["restore", "start", "--unit", "A", "--unit", "B", "--dest", "d"], "unit", ["A", "B"]),
        (["restore", "start", "--unit", "A", "--dest", "d", "--file", "x", "--file", "y"], "file", ["x", "y"]),
        (["scan", "--skip-file", "*.tmp", "--skip-file", "*.bak"], "skip_files", ["*.tmp", "*.bak"]),
        (["scan", "--skip-folder", "@eaDir", "--skip-folder", "#recycle"], "skip_folders", ["@eaDir", "#recycle"]),
    ],
)
def test_list_flags_add_up(argv: list[str], dest: str, expected: list[str]) -> None:
    assert getattr(build_parser().parse_args(argv), dest) == expected


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["scan", "--bucket", "one-bucket", "--bucket", "two-bucket"], "--bucket"),
        (["scan", "--level", "2", "--level", "3"], "--level"),
        (["upload", "--pack-below", "1MiB", "--pack-below", "2MiB"], "--pack-below"),
        (["browse", "--unit", "2022/0601_運動会", "--unit", "2021/0401_帰省"], "--unit"),
        (["restore", "start", "--unit", "A", "--dest", "d1", "--dest", "d2"], "--dest"),
        (["restore", "start", "--unit", "A", "--dest", "d", "--tier", "Bulk", "--tier", "Standard"], "--tier"),
        (["estimate", "--files", "10", "--files", "20"], "--files"),
        (["scan", "--data-dir", "a", "--data-dir", "b"], "--data-dir"),
    ],
)
def test_a_one_value_flag_given_twice_is_refused_by_name(argv: list[str], flag: str, tmp_path: Path, capsys) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{flag} was given twice" in err and err.count("\n") == 1, err
    assert not (tmp_path / "a").exists()


def test_the_same_value_twice_is_not_an_error(tmp_path: Path) -> None:
    args = build_parser().parse_args(["scan", "--level", "3", "--level", "3", "--data-dir", str(tmp_path)])
    assert settings_from_args(args).level == 3
    assert isinstance(next(a for a in build_parser()._actions if a.dest == "top_data_dir"), StoreOnce)
