"""Scan: level semantics, skip rules, loose files above the unit level, NFD names, unreadable folders."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from glacier_gui.core.album.scan import SkipRules, scan_album, scan_units
from glacier_gui.core.progress import Cancelled, CancelToken
from glacier_gui.core.setting_checks import DEFAULT_SKIP_FILES, DEFAULT_SKIP_FOLDERS
from tests.conftest import write

DEFAULT_SKIP = SkipRules(DEFAULT_SKIP_FILES, DEFAULT_SKIP_FOLDERS)


def keys(result) -> list[str]:
    return [u.key for u in result.units]


def test_level_2_gives_event_folders_and_skips_junk(album: Path) -> None:
    result = scan_album(album, 2, DEFAULT_SKIP)
    assert keys(result) == ["2021/0401_帰省", "2022/0501_旅行", "2022/0601_運動会"]
    units = result.by_key()
    assert [f.rel for f in units["2022/0501_旅行"].files] == ["DSC_0001.jpg", "sub/DSC_0002.jpg"]
    assert units["2022/0501_旅行"].total_size == 3500
    assert [f.rel for f in units["2022/0601_運動会"].files] == ["リレー.jpg"]  # Thumbs.db skipped
    assert units["2022/0601_運動会"].last_modified is not None


def test_level_1_and_3(album: Path) -> None:
    assert keys(scan_album(album, 1, DEFAULT_SKIP)) == ["2021", "2022"]
    one = scan_album(album, 1, DEFAULT_SKIP).by_key()
    assert one["2022"].file_count == 3  # everything below 2022, minus Thumbs.db and @eaDir
    three = scan_album(album, 3, DEFAULT_SKIP)
    # Only 2022/0501_旅行 has a folder at depth 3; the files above that depth are not dropped.
    assert "2022/0501_旅行/sub" in keys(three)
    loose = {u.key: u for u in three.units if u.loose}
    assert sorted(loose) == ["2021/0401_帰省", "2022/0501_旅行", "2022/0601_運動会"]
    assert sum(u.file_count for u in three.units) == 5


def test_files_above_the_unit_level_become_a_loose_unit(album: Path) -> None:
    write(album / "2022" / "メモ.txt", "memo")
    write(album / "top.jpg", b"x")
    units = scan_album(album, 2, DEFAULT_SKIP).by_key()
    assert units["2022"].loose and [f.rel for f in units["2022"].files] == ["メモ.txt"]
    assert units["."].loose and [f.rel for f in units["."].files] == ["top.jpg"]


def test_custom_skip_patterns_are_case_insensitive(album: Path) -> None:
    write(album / "2021" / "0401_帰省" / "IMG_0003.MOV", b"m")
    write(album / "2021" / "90_Temp" / "a.jpg", b"t")
    rules = SkipRules(["*.mov"], ["90_temp"])
    result = scan_album(album, 2, rules).by_key()
    assert "2021/90_Temp" not in result
    assert [f.rel for f in result["2021/0401_帰省"].files] == ["IMG_0001.jpg", "IMG_0002.jpg"]


def test_nfd_names_become_nfc(tmp_path: Path) -> None:
    nfd_folder = unicodedata.normalize("NFD", "ガイド")
    nfd_file = unicodedata.normalize("NFD", "パパ.jpg")
    write(tmp_path / "root" / nfd_folder / nfd_file, b"x")
    result = scan_album(tmp_path / "root", 1, DEFAULT_SKIP)
    [unit] = result.units
    assert unit.key == "ガイド" and unit.key == unicodedata.normalize("NFC", unit.key)
    assert unit.files[0].rel == "パパ.jpg"
    assert unit.files[0].fs_rel == nfd_file  # the on-disk name is kept to open the file
    # A unit named in NFC is found on disk even though the folder is NFD.
    again = scan_units(tmp_path / "root", ["ガイド"], 1, DEFAULT_SKIP).units[0]
    assert not again.errors and again.file_count == 1


def test_unreadable_folder_is_reported_on_its_unit(album: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = album / "2022" / "0501_旅行" / "sub"
    real_open, real_scandir = os.open, os.scandir

    def refuse(path):  # as root, chmod cannot make a folder unreadable: fail the call instead
        if not isinstance(path, int) and Path(path) == bad:
            raise PermissionError(13, "Permission denied", str(path))

    def scandir(path):  # the folder listed by name (Windows) ...
        refuse(path)
        return real_scandir(path)

    def open_folder(path, *args, **kwargs):  # ... or opened first (POSIX)
        refuse(path)
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", open_folder)
    units = scan_album(album, 2, DEFAULT_SKIP).by_key()
    assert units["2022/0501_旅行"].errors and "Permission denied" in units["2022/0501_旅行"].errors[0]
    assert units["2022/0501_旅行"].file_count == 1
    assert not units["2021/0401_帰省"].errors


def test_scan_can_be_cancelled(album: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        scan_album(album, 2, DEFAULT_SKIP, cancel=token)


def test_progress_is_reported(album: Path) -> None:
    seen = []
    scan_album(album, 2, DEFAULT_SKIP, progress=lambda p: seen.append(p.files))
    assert seen and seen[-1] == 5


def test_windows_long_paths_use_the_extended_form() -> None:
    from glacier_gui.core.paths import display, extended

    unc = Path("\\\\192.168.0.20\\10_Album\\2022")
    assert str(extended(unc, windows=True)) == "\\\\?\\UNC\\192.168.0.20\\10_Album\\2022"
    assert str(extended(Path("D:\\Album\\x"), windows=True)) == "\\\\?\\D:\\Album\\x"
    assert extended(extended(unc, windows=True), windows=True) == extended(unc, windows=True)
    assert display(extended(unc, windows=True)) == "\\\\192.168.0.20\\10_Album\\2022"
    assert extended(Path("/srv/album"), windows=False) == Path("/srv/album")  # other systems: unchanged


# ---- links and units that leave the album -------------------------------------------------------------------
@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_follow_reads_link_targets_inside_a_unit_and_stops_at_loops(album: Path, tmp_path: Path) -> None:
    elsewhere = write(tmp_path / "elsewhere" / "deep" / "shared.jpg", b"s" * 10).parent.parent
    event = album / "2022" / "0601_運動会"
    (event / "more").symlink_to(elsewhere, target_is_directory=True)
    (event / "one.jpg").symlink_to(elsewhere / "deep" / "shared.jpg")
    (elsewhere / "deep" / "back").symlink_to(elsewhere, target_is_directory=True)  # a loop through the link
    (event / "self").symlink_to(event, target_is_directory=True)
    follow = SkipRules(DEFAULT_SKIP_FILES, DEFAULT_SKIP_FOLDERS, follow_symlinks=True)
    unit = scan_album(album, 2, follow).by_key()["2022/0601_運動会"]
    assert [f.rel for f in unit.files] == ["more/deep/shared.jpg", "one.jpg", "リレー.jpg"]
    loops = [w for w in unit.warnings if "(a loop)" in w]
    assert len(loops) == 2 and any("/self ->" in w for w in loops) and any("/back ->" in w for w in loops)
    assert not unit.errors
    reported = scan_album(album, 2, DEFAULT_SKIP).by_key()["2022/0601_運動会"]  # the default: report, skip
    assert [f.rel for f in reported.files] == ["リレー.jpg"]
    assert sorted(w.split(" -> ")[0].rsplit("/", 1)[1] for w in reported.warnings) == ["more", "one.jpg", "self"]


def test_scan_units_refuses_a_key_that_leaves_the_album(album: Path, tmp_path: Path) -> None:
    from glacier_gui.core.paths import PathRefused

    write(tmp_path / "outside" / "private.txt", b"secret")
    for key in ("../outside", "2022/../../outside", "/etc", "2022/./0601_運動会", "2022\\..\\..\\outside"):
        with pytest.raises(PathRefused):
            scan_units(album, [key], 2, DEFAULT_SKIP)
    if os.name != "nt":
        (album / "2022" / "out").symlink_to(tmp_path / "outside", target_is_directory=True)
        with pytest.raises(PathRefused, match="resolves outside the album"):
            scan_units(album, ["2022/out"], 2, DEFAULT_SKIP)
