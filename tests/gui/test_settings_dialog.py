"""The settings dialog: round trip, refusals with reasons, folder picker (patched), preview, Test connection."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from glacier_gui.core.s3 import credentials
from glacier_gui.core.s3.bucket_setup import abort_rule
from glacier_gui.core.s3.connection import CheckResult, connection_ok
from glacier_gui.core.settings import Settings, load_saved_settings
from glacier_gui.gui.dialogs.settings_dialog import SettingsDialog


@pytest.fixture
def dialog(qtbot, settings: Settings, make_session):
    def make(s: Settings = settings) -> SettingsDialog:
        d = SettingsDialog(make_session(s))
        qtbot.addWidget(d)
        d.show()
        return d

    return make


def test_round_trip_unchanged_and_edited(dialog, settings: Settings, album: Path):
    d = dialog()
    d.accept()
    assert d.result() == SettingsDialog.DialogCode.Accepted
    assert d.result_settings() == settings

    d = dialog()
    d.level_spin.setValue(1)
    d.skip_files.entry.setText("*.xmp")
    d.skip_files.add_button.click()
    d.skip_folders.list.setCurrentRow(0)
    d.skip_folders.remove_button.click()
    d.prefix_edit.setText("backup/")
    d.storage_combo.setCurrentIndex(d.storage_combo.findData("GLACIER"))
    d.concurrency_spin.setValue(3)
    d.dry_run_check.setChecked(True)
    d.accept()
    result = d.result_settings()
    assert result == replace(
        settings,
        level=1,
        skip_files=[*settings.skip_files, "*.xmp"],
        skip_folders=settings.skip_folders[1:],
        prefix="backup/",
        storage_class="GLACIER",
        concurrency=3,
        dry_run=True,
    )
    d.skip_folders.defaults_button.click()
    assert d.skip_folders.values() == list(Settings().skip_folders)


def test_window_saves_accepted_settings_for_the_cli_too(make_window, settings: Settings, data_dir: Path, qtbot):
    window = make_window(settings)
    d = window.open_settings()
    d.prefix_edit.setText("photos/")
    d.accept()
    assert window.session.settings.prefix == "photos/"
    assert load_saved_settings(data_dir) == window.session.settings  # the core's settings.json, shared with the CLI


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.level_spin.setValue(0), "level must be between 1 and 8"),
        (lambda d: d.level_spin.setValue(12), "level must be between 1 and 8"),
        (lambda d: d.root_edit.setText(""), "no album root"),
        (lambda d: d.root_edit.setText("/no/such/album"), "not a folder"),
        (lambda d: d.bucket_edit.setText("Bad_Bucket"), "not a valid S3 bucket name"),
        (lambda d: d.endpoint_edit.setText("ftp://x"), "must start with http"),
    ],
)
def test_bad_values_are_refused_with_the_reason(dialog, change, reason):
    d = dialog()
    change(d)
    d.accept()
    assert d.isVisible() and d.result_settings() is None
    assert reason in d.error_label.text() and d.error_label.isVisible()


def test_browse_uses_the_folder_picker_and_typed_unc_paths_are_kept(dialog, monkeypatch, tmp_path: Path):
    calls = []

    def pick(parent, caption, start):
        calls.append(start)
        return str(tmp_path)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(pick))
    d = dialog()
    d.browse_button.click()
    assert calls and d.root_edit.text() == str(tmp_path)
    d.root_edit.setText(r"\\192.168.0.20\10_Album")
    assert d.form_settings().album_root == r"\\192.168.0.20\10_Album"
    assert d.form_settings().root_name == "10_Album"


def test_level_preview_counts_units_in_a_worker(dialog, qtbot):
    d = dialog()
    qtbot.waitUntil(lambda: "level 2 → 3 units" in d.preview_label.text(), timeout=10_000)
    assert "e.g. 2022/0601_運動会" in d.preview_label.text()
    d.level_spin.setValue(1)
    qtbot.waitUntil(lambda: "level 1 → 2 units" in d.preview_label.text(), timeout=10_000)


CHECKS = ["bucket", "list", "write", "read", "multipart", "parts", "abort", "restore", "lifecycle"]


def test_test_connection_reports_each_check(dialog, qtbot, s3, bucket: str):
    def test() -> list[CheckResult]:
        d.test_button.click()
        qtbot.waitUntil(lambda: d.test_button.isEnabled() and "✔" in d.connection_label.text(), timeout=20_000)
        return d.connection_results

    d = dialog()
    results = test()
    assert [r.check for r in results] == CHECKS
    assert [r.severity for r in results] == ["error"] * 8 + ["warning"]
    # moto's fresh bucket has no rule that aborts unfinished uploads: a warning, which does not fail the test
    assert [r.check for r in results if not r.ok] == ["lifecycle"] and connection_ok(results)
    assert "writing objects is allowed" in d.connection_label.text()
    assert "AbortIncompleteMultipartUpload" in d.connection_label.text()
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [abort_rule(7)]})
    results = test()
    assert [r.ok for r in results] == [True] * len(CHECKS) and connection_ok(results)
    assert "after 7 days" in d.connection_label.text()
    d.bucket_edit.setText("no-such-bucket-xyz")
    d.test_button.click()
    qtbot.waitUntil(lambda: d.test_button.isEnabled() and "✘" in d.connection_label.text(), timeout=20_000)
    assert "does not exist" in d.connection_label.text()
    assert [r.check for r in d.connection_results] == ["bucket"] and not connection_ok(d.connection_results)


def test_keyring_keys_go_to_the_keyring_not_the_settings_file(
    dialog, memory_keyring, make_window, settings: Settings, data_dir: Path
):
    window = make_window(settings)
    d = window.open_settings()
    d.source_combo.setCurrentIndex(d.source_combo.findData("keyring"))
    d.accept()
    assert "enter the access key id" in d.error_label.text()  # keyring chosen but no keys yet
    d.key_id_edit.setText("AKIDEXAMPLEKEY")
    d.secret_edit.setText("the-secret-value")
    d.accept()
    assert window.session.settings.credential_source == "keyring"
    assert credentials.load_keys() == {
        "aws_access_key_id": "AKIDEXAMPLEKEY",
        "aws_secret_access_key": "the-secret-value",
    }
    saved = (data_dir / "settings.json").read_text(encoding="utf-8")
    assert "the-secret-value" not in saved and json.loads(saved)["credential_source"] == "keyring"
    again = window.open_settings()
    assert "AKIDEXAMPLEKEY" in again.key_id_edit.placeholderText()
    again.forget_keys_button.click()
    assert credentials.load_keys() is None
    again.reject()


def test_the_album_name_in_the_backup_is_its_own_setting(make_window, settings: Settings, data_dir: Path, tmp_path):
    """Saved with the folder's name first; kept when the album moves to a folder with another name; a new PC may
    have no album folder at all once the name is set."""
    window = make_window(settings)
    d = window.open_settings()
    assert d.album_name_edit.text() == "" and d.album_name_edit.placeholderText() == "10_Album"
    d.accept()
    assert load_saved_settings(data_dir).bucket_album == "10_Album"  # written down at the first save
    moved = tmp_path / "new-nas" / "アルバム"
    moved.mkdir(parents=True)
    d = window.open_settings()
    assert d.album_name_edit.text() == "10_Album"
    d.root_edit.setText(str(moved))
    d.accept()
    assert (window.session.settings.album_root, window.session.settings.root_name) == (str(moved), "10_Album")
    d = window.open_settings()
    d.root_edit.setText("")  # no NAS: the photos still come back by the album's name
    d.accept()
    assert window.session.settings.album_root == "" and window.session.settings.root_name == "10_Album"
    d = window.open_settings()
    d.album_name_edit.setText("a/b")
    d.accept()
    assert d.isVisible() and "one folder name" in d.error_label.text()
    d.reject()
