"""An album root that cannot be read (the NAS is off, a share with no rights) changes nothing.

The scan used to take an unreadable root for an empty album and turn every unit into Check_NotExists, exit 0:
a scheduled run could not tell it from success.  Now the CLI exits 1 with one line naming the root and the
cause and leaves status.csv byte for byte; a folder missing *under* a readable root is still Check_NotExists.
The tests run as root in CI, where permissions do not deny: the refusal is injected into ``os.scandir``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args

_real_scandir = os.scandir


def deny(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Listing *folder* fails as on a share without rights (PermissionError), everything else works."""

    def scandir(path: object = ".") -> object:
        if isinstance(path, str | os.PathLike) and os.path.realpath(os.fspath(path)) == os.path.realpath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return _real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


def states(settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    capsys.readouterr()
    assert main(["status", "--json", *cli_args(settings, data_dir)]) == 0
    return {r["unit"]: r["status"] for r in json.loads(capsys.readouterr().out)}


@pytest.fixture
def scanned(settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    assert main(["scan", *cli_args(settings, data_dir)]) == 0
    capsys.readouterr()
    return Path(settings.status_file).read_bytes()


@pytest.mark.parametrize("command", ["scan", "run", "upload"])
def test_a_share_without_rights_changes_nothing(
    settings: Settings,
    data_dir: Path,
    album: Path,
    scanned: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
) -> None:
    if command == "upload":
        assert main(["mark", "--upload", "2021/0401_帰省", *cli_args(settings, data_dir)]) == 0
        scanned = Path(settings.status_file).read_bytes()
    deny(monkeypatch, album)
    capsys.readouterr()
    assert main([command, *cli_args(settings, data_dir)]) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "Traceback" not in err + out
    assert f"the album root {album} cannot be read (no permission to read it)" in err
    assert Path(settings.status_file).read_bytes() == scanned


def test_a_nas_that_is_off_changes_nothing(
    settings: Settings, data_dir: Path, album: Path, scanned: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    away = album.with_name("unplugged")
    album.rename(away)  # the share's path no longer leads anywhere
    try:
        assert main(["scan", *cli_args(settings, data_dir)]) == 1
        err = capsys.readouterr().err
        assert f"the album root {album} cannot be read (it cannot be found)" in err and err.count("\n") == 1
        assert Path(settings.status_file).read_bytes() == scanned
    finally:
        away.rename(album)
    assert set(states(settings, data_dir, capsys).values()) == {"Check"}


def test_a_missing_folder_under_a_readable_root_is_check_not_exists(
    settings: Settings, data_dir: Path, album: Path, scanned: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(album / "2021")
    assert main(["scan", *cli_args(settings, data_dir)]) == 0
    rows = states(settings, data_dir, capsys)
    assert rows["2021/0401_帰省"] == "Check_NotExists" and rows["2022/0501_旅行"] == "Check"


def test_an_unreadable_year_folder_leaves_its_units_as_they_were(
    settings: Settings,
    data_dir: Path,
    album: Path,
    scanned: bytes,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    deny(monkeypatch, album / "2022")
    assert main(["scan", *cli_args(settings, data_dir)]) == 0
    out = capsys.readouterr().out
    assert "unreadable" in out
    rows = states(settings, data_dir, capsys)
    assert rows == {"2021/0401_帰省": "Check", "2022/0501_旅行": "Check", "2022/0601_運動会": "Check"}


def test_a_root_never_scanned_that_is_not_a_folder_is_a_setting_to_fix(
    settings: Settings, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = cli_args(settings, data_dir)
    args[args.index("--root") + 1] = str(tmp_path / "typo")
    assert main(["scan", *args]) == 2
    assert "is not a folder" in capsys.readouterr().err
