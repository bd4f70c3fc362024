"""The day the PC died: a new computer gets a photo back through the window, on moto's S3 server.

The old computer backed up ``10_Album``; the new one has only the bucket's name and the keys, and its album
folder (when it has one) is called ``アルバム``.  The wizard's recovery path finds the bucket's region and its
albums, the board shows the units as archive only, Browse shows the thumbnails, and a restore, its download and
verify bring the photos back byte for byte with their dates.  Each step's time on moto is printed (``-s``).
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import keyring.backends.fail
import pytest
from PIL import Image
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QWizard

from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.s3 import credentials
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings, load_saved_settings
from glacier_gui.core.upload import backup
from glacier_gui.gui.actions import ActionId
from glacier_gui.gui.dialogs.setup_wizard import SetupWizard, open_setup_wizard
from glacier_gui.gui.models.status_model import COL_ERROR, COL_FILES, COL_SIZE, COL_STATUS, COL_UNIT
from tests.gui.test_i18n import check, language  # noqa: F401 - the fixture, in both languages
from tests.test_restore import files_under

WAIT_MS = 30_000
MTIME = 1_650_000_000  # 2022-04-15: the photos' dates must come back too
TRAVEL, SEA, NEW_YEAR = "2023/0501_旅行", "2023/0801_海", "2024/0101_お正月"


def jpeg(colour: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def old_album(tmp_path: Path) -> Path:
    """The old computer's album: three units of real photos (Browse shows their thumbnails)."""
    root = tmp_path / "old-pc" / "10_Album"
    photos = {
        f"{TRAVEL}/IMG_0001.jpg": jpeg((200, 40, 40)),
        f"{TRAVEL}/IMG_0002.jpg": jpeg((40, 200, 40), (80, 60)),
        f"{SEA}/DSC_0100.jpg": jpeg((40, 40, 200)),
        f"{NEW_YEAR}/お正月.jpg": jpeg((220, 200, 40), (48, 64)),
    }
    for n, (rel, data) in enumerate(photos.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.utime(path, (MTIME + n, MTIME + n))
    return root


@pytest.fixture
def backed_up(old_album: Path, s3_url: str, bucket: str, tmp_path: Path) -> Settings:
    """What the old computer did: every unit uploaded, with thumbnails, into the bucket."""
    old_data = tmp_path / "old-pc" / "data"
    old_data.mkdir()
    settings = Settings(
        album_root=str(old_album),
        bucket=bucket,
        endpoint_url=s3_url,
        region="us-east-1",
        concurrency=4,
        part_size_mib=5,
        status_file=str(old_data / "status.csv"),
    )
    table = backup.open_status(settings, old_data)
    summary = backup.scan_into(settings, table)
    table.mark_upload(table.units_in(State.CHECK))
    assert not backup.upload_marked(settings, table, old_data, make_client(settings), scan=summary.scan).failed
    return settings


class Steps:
    """The time of each step of the path, printed at the end (the report's figures)."""

    def __init__(self) -> None:
        self.times: list[tuple[str, float]] = []

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.times.append((name, time.perf_counter() - start))

    def print(self) -> None:
        print("\nrecovery path on moto:")
        for name, seconds in self.times:
            print(f"  {seconds:6.2f} s  {name}")


def next_page(qtbot, w: SetupWizard) -> None:
    before = w.currentPage()
    qtbot.waitUntil(lambda: w.button(QWizard.WizardButton.NextButton).isEnabled(), timeout=WAIT_MS)
    w.button(QWizard.WizardButton.NextButton).click()
    assert w.currentPage() is not before, "the wizard stayed on its page"


def select_all_units(window) -> list[str]:
    view = window.board.view
    view.selectAll()
    units = window.board.selected_units()
    assert units, "no unit on the board"
    return units


def test_a_new_pc_gets_the_photos_back_through_the_window(
    qtbot, make_window, backed_up: Settings, old_album: Path, s3_url: str, data_dir: Path, tmp_path: Path
) -> None:
    steps = Steps()
    bucket = backed_up.bucket
    new_pc = tmp_path / "new-pc"
    new_folder = new_pc / "nas" / "アルバム"  # the new NAS folder: another name, empty
    new_folder.mkdir(parents=True)
    dest = new_pc / "復元した写真"
    # A new computer: no settings, no status.csv, no manifests; only the test endpoint (what the environment
    # would give) and a region that is not the bucket's (it is found by itself).
    fresh = Settings(endpoint_url=s3_url, region="ap-northeast-1", status_file=str(new_pc / "status.csv"))
    window = make_window(fresh)
    assert window.session.model.rowCount() == 0

    with steps.step("1. the first question: get my photos back"):
        w = open_setup_wizard(window)
        assert w.currentPage() is w.mode_page
        w.mode_page.recover_radio.setChecked(True)
        next_page(qtbot, w)
        assert w.currentPage() is w.credentials_page
    with steps.step("2. the AWS key (the keyring is tested on this page)"):
        box = w.credentials_page.box
        box.source_combo.setCurrentIndex(box.source_combo.findData("keyring"))
        box.key_id_edit.setText("AKIDRECOVERYKEY")
        box.secret_edit.setText("the-recovery-secret")
        next_page(qtbot, w)
        assert w.currentPage() is w.find_page
    with steps.step("3. the bucket: its region and albums found by themselves"):
        w.find_page.bucket_combo.setCurrentText(bucket)
        qtbot.waitUntil(w.find_page.isComplete, timeout=WAIT_MS)
        found = w.find_page.found
        assert found is not None and found.region == "us-east-1" and [a.name for a in found.albums] == ["10_Album"]
        assert "us-east-1" in w.find_page.result_label.text() and "10_Album" in w.find_page.result_label.text()
        next_page(qtbot, w)
    with steps.step("4. the album, chosen from the bucket's list"):
        page = w.album_choice_page
        assert page.album_list.topLevelItemCount() == 1
        row = page.album_list.topLevelItem(0)
        assert [row.text(c) for c in range(4)] == ["10_Album", "3", "4", row.text(3)] and "KiB" in row.text(3)
        assert page.chosen() is not None and page.chosen().level == 2
        next_page(qtbot, w)
    with steps.step("5. where restored photos go, and Finish: the list is read from the bucket"):
        page = w.destination_page
        assert page.dest_picker.path().endswith("10_Album (restored)")  # a default the user may keep
        page.dest_picker.edit.setText(str(dest))
        page.album_picker.edit.setText(str(new_folder))
        assert w.button(QWizard.WizardButton.FinishButton).isEnabled()
        with qtbot.waitSignal(window.backup.rebuildFinished, timeout=WAIT_MS):
            w.button(QWizard.WizardButton.FinishButton).click()
    saved = load_saved_settings(data_dir)
    assert (saved.bucket, saved.region, saved.bucket_album, saved.album_root, saved.level) == (
        bucket,
        "us-east-1",
        "10_Album",
        str(new_folder),
        2,
    )
    assert credentials.load_keys() == {
        "aws_access_key_id": "AKIDRECOVERYKEY",
        "aws_secret_access_key": "the-recovery-secret",
    }

    # The board: every unit is archive only, with the backup's figures; status.csv keeps the original's names.
    model = window.session.model
    rows = {model.index(r, COL_UNIT).data(): r for r in range(model.rowCount())}
    assert sorted(rows) == [TRAVEL, SEA, NEW_YEAR]
    for r in rows.values():
        assert model.index(r, COL_STATUS).data() == "Archive only (not on this PC)"
    assert model.index(rows[TRAVEL], COL_FILES).data() == "2" and "B" in model.index(rows[TRAVEL], COL_SIZE).data()
    summary = window.board.summary_label.text()
    assert "3 only in the backup" in summary and "0 need checking" in summary and "/month" in summary
    on_disk = load_status(Path(fresh.status_file))
    assert {r.status for r in on_disk.rows} == {State.CHECK_NOT_EXISTS}
    assert all(r.aws_arn.startswith("10_Album/") for r in on_disk.rows)  # the keys did not change

    with steps.step("6. Browse: thumbnails from the bucket, no restore"):
        select = window.board.view.selectionModel()
        select.clearSelection()
        index = window.board.proxy.index(
            next(
                r
                for r in range(window.board.proxy.rowCount())
                if window.board.proxy.index(r, COL_UNIT).data() == TRAVEL
            ),
            COL_UNIT,
        )
        select.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        with qtbot.waitSignal(window.restore_actions.browseOpened, timeout=WAIT_MS) as opened:
            window.action(ActionId.BROWSE).trigger()
        browse = opened.args[0]
        qtbot.waitUntil(lambda: not browse.loading, timeout=WAIT_MS)
        assert browse.proxy.rowCount() == 2
        browse.close()

    with steps.step("7. Restore: every unit, into the folder chosen in the wizard"):
        units = select_all_units(window)
        dialog = window.restore_actions.open_restore_dialog()
        assert dialog is not None and dialog.dest_edit.text() == str(dest)  # remembered from the wizard
        qtbot.waitUntil(lambda: dialog.full is not None and dialog.request_button.isEnabled(), timeout=WAIT_MS)
        travel = dialog.model.find(TRAVEL)
        assert travel.data() == f"{TRAVEL} (whole unit, 2 files)"
        with qtbot.waitSignal(dialog.repriced, timeout=WAIT_MS):
            dialog.set_file_checked(TRAVEL, "IMG_0002.jpg", False)
        assert travel.data() == f"{TRAVEL} (1 of 2 files)"  # the words follow the ticks
        with qtbot.waitSignal(dialog.repriced, timeout=WAIT_MS):
            dialog.set_file_checked(TRAVEL, "IMG_0002.jpg", True)
        assert "4 file(s) restored from Glacier Deep Archive: getting them back" in dialog.estimate_label.text()
        with qtbot.waitSignal(dialog.jobCreated, timeout=WAIT_MS) as created:
            dialog.request_button.click()
        assert created.args[0].report.requested == 4 and not created.args[0].report.failed
        assert sorted(units) == sorted(rows)
        panel = window.restore_actions.panel
        assert panel.isVisible() and panel.model.rowCount() == 1
        note = window.restore_actions.confirmation  # a short confirmation of the request
        assert note is not None and note.isVisible() and "getting 4 file(s) ready" in note.text()
        note.accept()

    with steps.step("8. Download the ready files (checked against the backup's checksums)"):
        with qtbot.waitSignal(panel.fetched, timeout=WAIT_MS) as fetched:
            panel.download_button.click()
        report = next(iter(fetched.args[0].fetched.values()))
        assert report.downloaded == 4 and not report.failed
    originals = files_under(old_album)
    assert files_under(dest) == originals  # byte for byte
    for rel in originals:
        assert (dest / rel).stat().st_mtime == (old_album / rel).stat().st_mtime  # with their dates

    with steps.step("9. Verify the backup against its records"):
        select_all_units(window)
        with qtbot.waitSignal(window.restore_actions.verifyFinished, timeout=WAIT_MS) as verified:
            window.action(ActionId.VERIFY).trigger()
        assert [c.ok for c in verified.args[0]] == [True, True, True]
    steps.print()


def test_the_key_page_says_when_the_computer_has_no_keyring(qtbot, make_session, s3_url: str) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # a Linux desktop without a Secret Service
    w = SetupWizard(make_session(Settings(endpoint_url=s3_url)))
    qtbot.addWidget(w)
    w.show()
    w.mode_page.recover_radio.setChecked(True)
    w.next()
    page = w.credentials_page
    assert page.box.source() == "profile"  # offered at once, before anything is typed in vain
    assert "no keyring" in page.error_label.text() and "aws configure" in page.error_label.text()
    page.box.source_combo.setCurrentIndex(page.box.source_combo.findData("keyring"))
    page.box.key_id_edit.setText("AKIDNOWHERE")
    page.box.secret_edit.setText("nowhere-to-keep")
    w.next()  # refused on this page, not at Finish
    assert w.currentPage() is page and page.box.source() == "profile" and "no keyring" in page.error_label.text()


def test_the_wizard_says_when_a_bucket_holds_no_backup(qtbot, make_session, s3_url: str, bucket: str) -> None:
    w = SetupWizard(make_session(Settings(endpoint_url=s3_url)))
    qtbot.addWidget(w)
    w.show()
    w.mode_page.recover_radio.setChecked(True)
    w.next()
    w.credentials_page.box.source_combo.setCurrentIndex(w.credentials_page.box.source_combo.findData("profile"))
    w.next()
    assert w.currentPage() is w.find_page
    w.find_page.bucket_combo.setCurrentText(bucket)  # an empty bucket
    qtbot.waitUntil(lambda: "holds no backup" in w.find_page.result_label.text(), timeout=WAIT_MS)
    assert not w.find_page.isComplete()
    w.find_page.bucket_combo.setCurrentText("no-such-bucket-anywhere")
    qtbot.waitUntil(lambda: "does not exist" in w.find_page.result_label.text(), timeout=WAIT_MS)
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    assert replace(w.draft(), bucket="").bucket_album == ""  # nothing chosen yet


def test_every_step_of_the_recovery_speaks_the_language_and_nothing_is_cut(
    language: str,  # noqa: F811 - the fixture imported above
    qtbot,
    make_window,
    backed_up: Settings,
    s3_url: str,
    tmp_path: Path,
) -> None:
    """Each page of the recovery path, and the board it opens, in Japanese (and English) with no clipped text."""
    window = make_window(Settings(endpoint_url=s3_url, status_file=str(tmp_path / "new" / "status.csv")))
    check(qtbot, window, language)  # the empty window: the two ways in
    assert window.board.welcome.isVisible() and not window.board.view.isVisible()
    guide = window.show_recovery_guide()
    check(qtbot, guide, language)
    assert ("バケットの名前" in guide.text.toPlainText()) == (language == "ja")
    guide.start_button.click()  # the guide's Start: the wizard, past the first question
    w = window.findChild(SetupWizard)
    assert w is not None and w.recovering() and w.currentPage() is w.credentials_page
    w.back()
    check(qtbot, w, language)
    next_page(qtbot, w)
    w.credentials_page.box.key_id_edit.setText("AKIDI18NKEY")
    w.credentials_page.box.secret_edit.setText("the-i18n-secret")
    check(qtbot, w, language)
    next_page(qtbot, w)
    w.find_page.bucket_combo.setCurrentText(backed_up.bucket)
    qtbot.waitUntil(w.find_page.isComplete, timeout=WAIT_MS)
    check(qtbot, w, language)
    next_page(qtbot, w)
    check(qtbot, w, language)
    next_page(qtbot, w)
    w.destination_page.dest_picker.edit.setText(str(tmp_path / "restored"))
    check(qtbot, w, language)
    with qtbot.waitSignal(window.backup.rebuildFinished, timeout=WAIT_MS):
        w.button(QWizard.WizardButton.FinishButton).click()
    check(qtbot, window, language)
    states = {window.session.model.index(r, COL_STATUS).data() for r in range(window.session.model.rowCount())}
    assert states == {"アーカイブのみ（このパソコンになし）" if language == "ja" else "Archive only (not on this PC)"}
    error = window.session.model.index(0, COL_ERROR).data()  # read back from status.csv, in the window's language
    assert error == (
        "バックアップにだけあります（このパソコンにはフォルダがありません）"
        if language == "ja"
        else "only in the backup: no folder on this computer"
    )
    window.log_pane.drain()
    assert ("バックアップからフォルダの一覧を読み込みました" in window.log_pane.text()) == (language == "ja")


def test_the_empty_window_and_the_help_menu_show_the_two_ways_in(qtbot, make_window, s3_url: str, tmp_path: Path):
    window = make_window(Settings(endpoint_url=s3_url, status_file=str(tmp_path / "status.csv")))
    board = window.board
    assert board.welcome.isVisible() and not board.view.isVisible()
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert [a.text() for a in help_menu.actions() if a.text()] == ["&Get my photos back…", "&About"]
    board.welcome.recover_button.click()
    w = window.findChild(SetupWizard)
    assert w is not None and w.recovering() and w.currentPage() is w.credentials_page
    w.reject()
    w.deleteLater()
    qtbot.wait(10)
    board.welcome.backup_button.click()  # no album chosen yet: the set-up, on the backup path
    wizards = [x for x in window.findChildren(SetupWizard) if x.isVisible()]
    assert len(wizards) == 1 and not wizards[0].recovering() and wizards[0].currentPage() is wizards[0].mode_page
    wizards[0].reject()


def test_a_folder_with_another_name_is_told_which_albums_the_bucket_holds(
    qtbot, make_window, backed_up: Settings, tmp_path: Path
) -> None:
    """Before the album's name was a setting, this was the dead end: the folder's own name found nothing."""
    folder = tmp_path / "new-nas" / "アルバム"
    folder.mkdir(parents=True)
    window = make_window(replace(backed_up, album_root=str(folder), status_file=str(tmp_path / "status.csv")))
    with qtbot.waitSignal(window.backup.jobFailed, timeout=WAIT_MS) as failed:
        window.backup.start_rebuild()
    assert "holds no album named 'アルバム'; it holds: 10_Album" in failed.args[0]
    assert "rebuild-status --album NAME" in failed.args[0]
