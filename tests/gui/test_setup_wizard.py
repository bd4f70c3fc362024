"""The first-run wizard, page by page, against moto: folder, key (fake keyring), region, bucket, summary, Finish."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard

from glacier_gui.core.s3 import credentials
from glacier_gui.core.s3.bucket_setup import ABORT_RULE_ID
from glacier_gui.core.settings import Settings, has_saved_settings, load_saved_settings
from glacier_gui.gui.dialogs.setup_widgets import status_colour
from glacier_gui.gui.dialogs.setup_wizard import SetupWizard, open_setup_wizard, suggest_bucket_name
from glacier_gui.gui.dialogs.wizard_pages import IAM_USER_HELP_URL, default_region

WAIT_MS = 20_000


@pytest.fixture
def fresh(s3_url: str, data_dir: Path) -> Settings:
    """First start: nothing chosen yet, only the test endpoint (what --demo or the environment would set)."""
    return Settings(endpoint_url=s3_url, status_file=str(data_dir / "status.csv"))


@pytest.fixture
def wizard(qtbot, make_session, fresh: Settings):
    def make(s: Settings = fresh) -> SetupWizard:
        w = SetupWizard(make_session(s))
        qtbot.addWidget(w)
        w.show()
        back_up_this_album(qtbot, w)
        return w

    return make


def _name() -> str:
    return f"wizard-{uuid.uuid4().hex[:12]}"


def next_page(qtbot, w: SetupWizard) -> None:
    page = w.currentId()
    qtbot.waitUntil(lambda: w.button(QWizard.WizardButton.NextButton).isEnabled(), timeout=WAIT_MS)
    w.button(QWizard.WizardButton.NextButton).click()
    assert w.currentId() == page + 1, "the wizard stayed on its page"


def back_up_this_album(qtbot, w: SetupWizard) -> None:
    """The first question: back up this PC's album (the default), not get photos back."""
    assert w.currentPage() is w.mode_page and w.mode_page.backup_radio.isChecked()
    next_page(qtbot, w)
    assert w.currentPage() is w.album_page


def choose_album(qtbot, w: SetupWizard, album: Path) -> None:
    w.album_page.root_edit.setText(str(album))
    qtbot.waitUntil(w.album_page.isComplete, timeout=WAIT_MS)
    next_page(qtbot, w)


def choose_region(qtbot, w: SetupWizard, region: str) -> None:
    w.region_page.select_region(region)
    assert w.region_page.region() == region
    next_page(qtbot, w)


def wait_idle(qtbot, w: SetupWizard) -> None:
    qtbot.waitUntil(lambda: w.bucket_page.test_button.isEnabled(), timeout=WAIT_MS)


def test_the_whole_way_creating_a_bucket_with_keys_in_the_keyring(
    qtbot, wizard, album: Path, s3, data_dir: Path, memory_keyring, no_real_dialogs
):
    w = wizard()
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()  # no folder yet

    # 1. The album folder, with what each level makes of it.
    w.album_page.root_edit.setText(str(album))
    qtbot.waitUntil(w.album_page.isComplete, timeout=WAIT_MS)
    texts = [b.text() for b in w.album_page.level_buttons.buttons()]
    assert texts[0] == "Level 1: 2 units, e.g. 2022"
    assert texts[1] == "Level 2: 3 units, e.g. 2022/0601_運動会"
    assert w.album_page.level_buttons.checkedId() == 2
    assert "can be read" in w.album_page.folder_label.text()
    next_page(qtbot, w)

    # 2. The key: no AWS command line here, so typing a key is offered first; the policy goes to the clipboard.
    page = w.credentials_page
    assert page.box.source() == "keyring"
    page.help_label.linkActivated.emit(IAM_USER_HELP_URL)
    assert [u.toString() for u in no_real_dialogs] == [IAM_USER_HELP_URL]
    page.copy_button.click()
    policy = json.loads(QApplication.clipboard().text())
    assert policy["Statement"][0]["Resource"] == "arn:aws:s3:::YOUR-BUCKET"
    assert "YOUR-BUCKET" in page.copy_label.text()
    w.button(QWizard.WizardButton.NextButton).click()
    assert w.currentPage() is page and "enter the access key id" in page.error_label.text()
    page.box.key_id_edit.setText("AKIDWIZARDKEY")
    page.box.secret_edit.setText("the-wizard-secret")
    next_page(qtbot, w)
    assert memory_keyring.entries == {}  # kept in memory until Finish

    # 3. The region, priced.
    tokyo = [
        w.region_page.region_list.item(i).text()
        for i in range(w.region_page.region_list.count())
        if w.region_page.region_list.item(i).data(Qt.ItemDataRole.UserRole) == "ap-northeast-1"
    ]
    assert tokyo == ["ap-northeast-1 (Tokyo) — about 2.00 USD per TB per month"]
    assert not w.region_page.advanced.isHidden()  # an endpoint is set: the advanced field shows it
    choose_region(qtbot, w, "ap-northeast-1")

    # 4. The bucket: created here, then tested.
    bucket_page = w.bucket_page
    assert bucket_page.creating() and bucket_page.name_edit.text().startswith("10-album-backup-")
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()  # not created yet
    name = _name()
    bucket_page.name_edit.setText(name)
    bucket_page.versioning_check.setChecked(True)
    bucket_page.create_button.click()
    qtbot.waitUntil(
        lambda: "✔" in bucket_page.test_label.text() and bucket_page.test_button.isEnabled(), timeout=WAIT_MS
    )
    assert f"created bucket {name} in ap-northeast-1" in bucket_page.message_label.text()
    assert "writing objects is allowed" in bucket_page.test_label.text()
    assert all(r.ok for r in bucket_page.connection_results)
    assert (s3.get_bucket_location(Bucket=name)["LocationConstraint"]) == "ap-northeast-1"
    lifecycle = s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"]
    assert [(r["ID"], r["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"]) for r in lifecycle] == [
        (ABORT_RULE_ID, 7)
    ]
    block = s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"]
    assert all(block.values()) and len(block) == 4
    assert s3.get_bucket_versioning(Bucket=name)["Status"] == "Enabled"
    bucket_page.copy_button.click()
    assert json.loads(QApplication.clipboard().text())["Statement"][1]["Resource"] == f"arn:aws:s3:::{name}/*"
    # Back to another region: the bucket made in Tokyo does not count there.
    w.back()
    choose_region(qtbot, w, "us-east-1")
    assert f"The bucket {name} was made in ap-northeast-1" in bucket_page.message_label.text()
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    w.back()
    choose_region(qtbot, w, "ap-northeast-1")
    next_page(qtbot, w)

    # 5. The summary; Finish saves and asks for the first scan.
    summary = w.summary_page.summary_label.text()
    for expected in (str(album), "3 units", "AKIDWIZARDKEY", "ap-northeast-1 (Tokyo)", name, "passed"):
        assert expected in summary
    assert w.summary_page.start_scan_check.isChecked()
    with qtbot.waitSignal(w.scanRequested, timeout=WAIT_MS):
        w.button(QWizard.WizardButton.FinishButton).click()
    assert w.result() == QWizard.DialogCode.Accepted
    saved = load_saved_settings(data_dir)
    assert saved == w.result_settings()
    assert (saved.album_root, saved.level, saved.bucket, saved.region) == (str(album), 2, name, "ap-northeast-1")
    assert saved.credential_source == "keyring"
    assert credentials.load_keys() == {
        "aws_access_key_id": "AKIDWIZARDKEY",
        "aws_secret_access_key": "the-wizard-secret",
    }
    assert "the-wizard-secret" not in (data_dir / "settings.json").read_text(encoding="utf-8")


def test_a_taken_or_bad_name_is_explained_on_the_page(qtbot, wizard, album: Path, bucket: str):
    w = wizard()
    choose_album(qtbot, w, album)
    w.credentials_page.box.source_combo.setCurrentIndex(w.credentials_page.box.source_combo.findData("profile"))
    next_page(qtbot, w)  # the environment's test keys, through the default AWS chain
    choose_region(qtbot, w, "us-east-1")
    page = w.bucket_page
    for name, reason in (
        (bucket, f"bucket {bucket!r} already exists in your account"),
        ("Bad_Bucket", "not a valid S3 bucket name"),
    ):
        page.name_edit.setText(name)
        page.create_button.click()
        wait_idle(qtbot, w)
        qtbot.waitUntil(lambda reason=reason: reason in page.message_label.text(), timeout=WAIT_MS)
        assert "Traceback" not in page.message_label.text() and "✘" in page.message_label.text()
        assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
        w.next()  # even when forced, the page does not let go
        assert w.currentPage() is page

    # The existing bucket is offered under "Use a bucket I already have".
    page.existing_radio.setChecked(True)
    qtbot.waitUntil(lambda: page.listed, timeout=WAIT_MS)
    wait_idle(qtbot, w)
    assert page.bucket_combo.findText(bucket) >= 0
    page.bucket_combo.setCurrentText(bucket)
    page.test_button.click()
    qtbot.waitUntil(lambda: page.connection_results is not None, timeout=WAIT_MS)
    basic = {"bucket", "list", "write", "read", "multipart"}  # a bucket made without the wizard lacks its rules
    assert all(r.ok for r in page.connection_results if r.check in basic)
    next_page(qtbot, w)
    assert bucket in w.summary_page.summary_label.text()
    assert "the AWS command line's default sign-in" in w.summary_page.summary_label.text()


def test_finish_saves_through_the_window_and_starts_the_first_scan(
    qtbot, make_window, fresh: Settings, album: Path, bucket: str, data_dir: Path
):
    assert not has_saved_settings(data_dir)
    window = make_window(replace(fresh, bucket=bucket, region="us-east-1"))
    w = open_setup_wizard(window)
    assert w.isVisible() and w.bucket_page.existing_radio.isChecked()
    back_up_this_album(qtbot, w)
    choose_album(qtbot, w, album)
    w.credentials_page.box.source_combo.setCurrentIndex(w.credentials_page.box.source_combo.findData("profile"))
    next_page(qtbot, w)
    choose_region(qtbot, w, "us-east-1")
    next_page(qtbot, w)  # the bucket from the settings, not tested: the summary says so
    assert "not run" in w.summary_page.summary_label.text()
    with qtbot.waitSignal(window.backup.scanFinished, timeout=WAIT_MS):
        w.button(QWizard.WizardButton.FinishButton).click()
    assert load_saved_settings(data_dir).album_root == str(album)
    assert load_saved_settings(data_dir).bucket_album == "10_Album"  # the folder's name, kept for the bucket
    assert window.session.settings.bucket == bucket
    assert sorted(r.unit for r in window.session.table.rows) == ["2021/0401_帰省", "2022/0501_旅行", "2022/0601_運動会"]


def test_cancel_saves_nothing(qtbot, wizard, album: Path, data_dir: Path, memory_keyring):
    w = wizard()
    choose_album(qtbot, w, album)
    w.credentials_page.box.key_id_edit.setText("AKIDNOTKEPT")
    w.credentials_page.box.secret_edit.setText("not-kept")
    next_page(qtbot, w)
    w.reject()
    assert not has_saved_settings(data_dir) and memory_keyring.entries == {}


def test_the_folder_picker_and_a_folder_that_cannot_be_opened(qtbot, wizard, monkeypatch, album: Path):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_args: str(album)))
    w = wizard()
    w.album_page.picker.browse_button.click()
    assert w.album_page.root_edit.text() == str(album)
    qtbot.waitUntil(w.album_page.isComplete, timeout=WAIT_MS)
    w.album_page.root_edit.setText(r"\\192.168.0.20\no_such_share")
    assert not w.album_page.isComplete()
    qtbot.waitUntil(lambda: "cannot be opened" in w.album_page.folder_label.text(), timeout=WAIT_MS)
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    assert w.album_page.apply(Settings()).root_name == "no_such_share"  # a typed UNC path is kept as typed


@pytest.mark.parametrize(
    ("locale_name", "region"),
    [("ja_JP", "ap-northeast-1"), ("en_JP", "ap-northeast-1"), ("de_DE", "eu-west-1"), ("en_US", "us-east-2")],
)
def test_the_suggested_region(locale_name: str, region: str):
    offered = ["us-east-1", "us-east-2", "eu-west-1", "ap-northeast-1"]
    assert default_region(locale_name, offered) == region
    assert default_region(locale_name, ["us-west-2"]) == "us-west-2"


def test_a_suggested_bucket_name_is_valid():
    for root in ("10_Album", "アルバム", "", "My Photos 2024!"):
        name = suggest_bucket_name(root)
        assert Settings(bucket=name).validate().bucket == name
    assert suggest_bucket_name("アルバム").startswith("family-photos-backup-")


def test_check_marks_read_on_light_and_dark_palettes(qtbot):
    light, dark = QPalette(QColor("#f0f0f0")), QPalette(QColor("#202020"))
    assert status_colour(light, True) != status_colour(dark, True)
    assert status_colour(light, False) != status_colour(dark, False)
    assert QColor(status_colour(dark, False)).lightness() > QColor(status_colour(light, False)).lightness()
