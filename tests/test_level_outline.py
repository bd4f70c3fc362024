"""The wizard's level outline gives the same units as a full scan, from folder names alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from glacier_gui.core.album.levels import LevelOutline, outline_levels
from glacier_gui.core.album.scan import SkipRules, scan_album
from glacier_gui.core.progress import Cancelled, CancelToken
from glacier_gui.core.settings import Settings
from tests.conftest import write


def _skip() -> SkipRules:
    s = Settings()
    return SkipRules(s.skip_files, s.skip_folders)


def _as_scan_gives(root: Path, level: int) -> LevelOutline:
    result = scan_album(root, level, _skip())
    proper = [u for u in result.units if not u.loose]
    example = proper[-1].key if proper else (result.units[-1].key if result.units else "")
    return LevelOutline(level, len(result.units), example, len(result.units) - len(proper))


def test_the_outline_matches_the_scan_at_each_level(album: Path) -> None:
    write(album / "2022" / "loose.jpg", b"above the unit level")
    write(album / "2023" / "0101_お正月" / "deep" / "x.jpg", b"x")
    (album / "2024" / "empty_event").mkdir(parents=True)
    write(album / "root.jpg", b"in the root")
    outlines = outline_levels(album, _skip(), 3)
    assert outlines == [_as_scan_gives(album, level) for level in (1, 2, 3)]
    assert outlines[1].example == "2024/empty_event"
    assert outlines[1].loose == 2  # the root and 2022 hold files of their own


def test_the_plain_album(album: Path) -> None:
    one, two = outline_levels(album, _skip(), 2)
    assert (one.units, one.example, one.loose) == (2, "2022", 0)
    assert (two.units, two.example, two.loose) == (3, "2022/0601_運動会", 0)


def test_a_folder_that_cannot_be_opened_says_so(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="cannot be opened"):
        outline_levels(tmp_path / "missing", _skip())


def test_cancel_stops_the_walk(album: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        outline_levels(album, _skip(), cancel=token)
