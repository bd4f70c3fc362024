"""settings.json carries a version that is read: older files are upgraded hook by hook, newer ones refused."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from glacier_gui.core import settings as settings_module
from glacier_gui.core.settings import (
    SETTINGS_FILE_NAME,
    SETTINGS_VERSION,
    Settings,
    SettingsError,
    load_saved_settings,
    load_settings_file,
    save_settings,
    upgrade_settings,
)


def write_settings(data_dir: Path, body: dict[str, Any]) -> Path:
    path = data_dir / SETTINGS_FILE_NAME
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


def test_a_version_0_file_loads_and_is_saved_as_the_current_version(tmp_path: Path) -> None:
    write_settings(tmp_path, {"bucket": "family-photos", "level": 3, "part_size_mib": 32})  # no "version" key
    loaded = load_saved_settings(tmp_path)
    assert (loaded.bucket, loaded.level, loaded.part_size_mib) == ("family-photos", 3, 32)
    path = save_settings(loaded, tmp_path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["version"] == SETTINGS_VERSION == 2
    assert load_saved_settings(tmp_path) == loaded


def test_hooks_run_in_order_from_the_files_own_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a future version would add them: 2 renames a setting, 3 changes its unit."""
    ran: list[int] = []

    def to_2(values: dict[str, Any]) -> dict[str, Any]:
        ran.append(2)
        values["part_size_mib"] = values.pop("chunk_mib")
        return values

    def to_3(values: dict[str, Any]) -> dict[str, Any]:
        ran.append(3)
        values["part_size_mib"] *= 2
        return values

    monkeypatch.setattr(settings_module, "SETTINGS_VERSION", 3)
    monkeypatch.setattr(settings_module, "UPGRADES", {**settings_module.UPGRADES, 2: to_2, 3: to_3})
    write_settings(tmp_path, {"version": 1, "chunk_mib": 8})
    assert load_saved_settings(tmp_path).part_size_mib == 16
    assert ran == [2, 3]
    ran.clear()
    assert upgrade_settings({"version": 2, "part_size_mib": 8}) == {"version": 3, "part_size_mib": 16}
    assert ran == [3]  # a version-2 file skips the hook that made version 2


def test_a_file_from_a_newer_version_is_refused_clearly(tmp_path: Path) -> None:
    path = write_settings(tmp_path, {"version": SETTINGS_VERSION + 1, "bucket": "family-photos"})
    with pytest.raises(SettingsError, match="newer glacier_gui") as caught:
        load_saved_settings(tmp_path)
    assert str(path) in str(caught.value) and f"settings version {SETTINGS_VERSION + 1}" in str(caught.value)
    with pytest.raises(SettingsError, match="newer glacier_gui"):
        load_settings_file(path, Settings())  # the same for a --config file


def test_saving_over_a_newer_file_keeps_a_copy_of_it(tmp_path: Path) -> None:
    newer = {"version": SETTINGS_VERSION + 1, "bucket": "family-photos", "setting_of_the_future": True}
    write_settings(tmp_path, newer)
    save_settings(Settings(bucket="other-bucket"), tmp_path)  # what the GUI does after starting from defaults
    assert load_saved_settings(tmp_path).bucket == "other-bucket"
    kept = tmp_path / f"settings.v{SETTINGS_VERSION + 1}.json"
    assert json.loads(kept.read_text(encoding="utf-8")) == newer
    save_settings(Settings(bucket="third"), tmp_path)  # an ordinary save keeps no copy
    assert sorted(p.name for p in tmp_path.iterdir()) == [SETTINGS_FILE_NAME, kept.name]


@pytest.mark.parametrize("version", ["1", 1.5, -1, True, None])
def test_a_version_that_is_not_a_whole_number_is_refused(tmp_path: Path, version: object) -> None:
    write_settings(tmp_path, {"version": version})
    with pytest.raises(SettingsError, match="not a settings version"):
        load_saved_settings(tmp_path)


def test_a_version_1_file_names_the_album_in_the_bucket_after_its_folder(tmp_path: Path) -> None:
    """Before version 2 the folder's name was the album's name in the bucket: upgrading writes it down, so a
    later move to a folder with another name keeps backing up into the same archive."""
    write_settings(tmp_path, {"version": 1, "album_root": "\\\\nas\\photo\\10_Album", "bucket": "family-photos"})
    loaded = load_saved_settings(tmp_path)
    assert loaded.bucket_album == "10_Album" and loaded.root_name == "10_Album"
    moved = dataclasses.replace(loaded, album_root="/mnt/new-nas/アルバム")
    assert moved.root_name == "10_Album"  # the keys do not follow the folder's new name
    save_settings(moved, tmp_path)
    assert load_saved_settings(tmp_path).root_name == "10_Album"


def test_without_a_name_in_the_bucket_the_folders_name_is_used_and_written_down_at_first_set_up() -> None:
    fresh = Settings(album_root="/mnt/nas/10_Album")
    assert fresh.bucket_album == "" and fresh.root_name == "10_Album"  # the CLI's --root alone, as before
    named = fresh.with_album_name()
    assert named.bucket_album == "10_Album"
    assert dataclasses.replace(named, album_root="/mnt/nas/アルバム").root_name == "10_Album"
    chosen = Settings(album_root="/mnt/nas/アルバム", bucket_album="10_Album")
    assert chosen.with_album_name() is chosen and chosen.root_name == "10_Album"


@pytest.mark.parametrize("bad", ["a/b", "a\\b", "..", ".", "tab\there"])
def test_an_album_name_in_the_bucket_is_one_folder_name(bad: str) -> None:
    with pytest.raises(SettingsError, match="one folder name"):
        Settings(bucket_album=bad).validate()
