"""The estimate before an upload (issue 6) and the one-writer lock on status.csv, in the window."""

from __future__ import annotations

from pathlib import Path

import pytest

from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.lock import StatusInUse, StatusLock
from glacier_gui.core.settings import Settings, load_saved_settings
from glacier_gui.core.upload import backup
from glacier_gui.core.upload.estimate import SUGGESTED_PACK_BELOW
from glacier_gui.gui.actions import ActionId
from glacier_gui.gui.models.status_model import COL_UPLOAD
from tests.conftest import write

TRAVEL = "2022/0501_旅行"


def bucket_keys(s3, bucket: str) -> list[str]:
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_estimate_before_upload_cancel_sends_nothing_ok_uploads(
    make_window, settings: Settings, qtbot, s3, bucket: str, monkeypatch
) -> None:
    window = make_window(settings, scanned=True, auto_accept_estimate=False)
    window.session.model.mark_units([TRAVEL])
    with qtbot.waitSignal(window.backup.estimateShown, timeout=10_000) as blocker:
        window.action(ActionId.UPLOAD).trigger()
    dialog = blocker.args[0]
    labels = {key: label.text() for key, label in dialog.labels.items()}
    # 2 files -> 2 PUTs; per unit a listing before, the verifying listing, the listing of the manifest's
    # generations and the new generation's PUT.
    assert labels["requests"] == "6" and labels["objects"] == "2"
    assert labels["files"] == "2 in 1 unit(s)" and labels["bytes"].startswith("3.4 KiB")
    assert labels["request_cost"].startswith("$") and "per year" in labels["monthly"]
    assert "180 days" in labels["minimum"]
    assert "tip" not in labels  # two photos: packing would not save a cent
    dialog.reject()
    assert not window.session.runner.busy and bucket_keys(s3, bucket) == []
    assert "nothing was sent" in window.statusBar().currentMessage()
    assert load_status(Path(settings.status_file)).require(TRAVEL).status == State.UPLOAD

    def no_second_scan(*_args, **_kwargs):
        raise AssertionError("the upload scanned the NAS again instead of using the estimate's scan")

    monkeypatch.setattr(backup, "scan_units", no_second_scan)
    with qtbot.waitSignal(window.backup.estimateShown, timeout=10_000) as blocker:
        window.backup.start_upload()
    with qtbot.waitSignal(window.backup.uploadFinished, timeout=30_000) as done:
        blocker.args[0].upload_button.click()
    assert not done.args[0].failed
    assert f"10_Album/{TRAVEL}/sub/DSC_0002.jpg" in bucket_keys(s3, bucket)
    assert load_status(Path(settings.status_file)).require(TRAVEL).status == State.SYNCHRONIZED


def test_estimate_shows_the_thumbnails_on_their_own_line(make_window, settings: Settings, qtbot) -> None:
    from dataclasses import replace

    window = make_window(replace(settings, thumbnails=True), scanned=True, auto_accept_estimate=False)
    window.session.model.mark_units([TRAVEL])
    with qtbot.waitSignal(window.backup.estimateShown, timeout=10_000) as blocker:
        window.action(ActionId.UPLOAD).trigger()
    dialog = blocker.args[0]
    labels = {key: label.text() for key, label in dialog.labels.items()}
    assert labels["thumbnails"].startswith("2 photos") and "per month" in labels["thumbnails"]
    assert labels["requests"] == "6"  # the pack is not counted in the data's figures
    dialog.reject()


def test_estimate_tip_turns_packing_on(
    make_window, settings: Settings, album: Path, data_dir: Path, qtbot, s3, bucket: str
) -> None:
    for i in range(300):  # many small files: requests cost more than their storage
        write(album / "2022" / "0701_文化祭" / f"IMG_{i:04d}.jpg", b"x" * 100)
    window = make_window(settings, scanned=True, auto_accept_estimate=False)
    window.session.model.mark_units(["2022/0701_文化祭"])
    with qtbot.waitSignal(window.backup.estimateShown, timeout=10_000) as blocker:
        window.backup.start_upload()
    dialog = blocker.args[0]
    assert dialog.labels["requests"].text() == "304"  # 300 PUTs + 4 per unit
    assert "Tip: packing files smaller than 1.0 MiB" in dialog.labels["tip"].text()
    dialog.pack_check.setChecked(True)
    with qtbot.waitSignal(window.backup.uploadFinished, timeout=30_000) as done:
        dialog.upload_button.click()
    assert not done.args[0].failed
    assert window.session.settings.pack_below == SUGGESTED_PACK_BELOW == load_saved_settings(data_dir).pack_below
    data_keys = [k for k in bucket_keys(s3, bucket) if k.startswith("10_Album/2022/0701_文化祭/")]
    assert 1 <= len(data_keys) < 5  # tar volume(s), not 300 objects


def test_settings_dialog_edits_pack_below(make_window, settings: Settings) -> None:
    window = make_window(settings)
    dialog = window.open_settings()
    assert dialog.pack_spin.value() == 0 and dialog.pack_spin.text().startswith("off")
    dialog.pack_spin.setValue(512)
    dialog.accept()
    assert window.session.settings.pack_below == 512 * 1024


def test_second_writer_makes_the_window_read_only(make_window, settings: Settings, qtbot) -> None:
    status = Path(settings.status_file)
    other = StatusLock(status).acquire()  # e.g. a scheduled 'glacier-gui run' in another process
    try:
        window = make_window(settings, scanned=True)
        assert window.session.read_only and window.board.banner.isVisible()
        assert "in use" in window.board.banner_label.text() and "Read-only" in window.board.banner_label.text()
        assert not window.action(ActionId.SCAN).isEnabled() and not window.action(ActionId.UPLOAD).isEnabled()
        assert not window.board.mark_button.isEnabled()
        assert (
            not window.session.model.flags(window.session.model.index(0, COL_UPLOAD))
            & window.session.model.flags(window.session.model.index(0, COL_UPLOAD)).ItemIsUserCheckable
        )
        window.backup.start_scan()
        assert not window.session.runner.busy
        window.log_pane.drain()
        assert "read-only" in window.log_pane.text()
    finally:
        other.release()
    window.board.retry_lock_button.click()
    assert (
        not window.session.read_only
        and not window.board.banner.isVisible()
        and window.action(ActionId.SCAN).isEnabled()
    )
    with pytest.raises(StatusInUse):  # now the window is the writer
        StatusLock(status).acquire()
    window.close()
    StatusLock(status).acquire().release()  # closing the window lets others write


def test_changing_the_status_file_moves_the_lock(make_window, settings: Settings, data_dir: Path) -> None:
    window = make_window(settings)
    new_path = data_dir / "other" / "status.csv"
    from dataclasses import replace

    window.session.apply_settings(replace(window.session.settings, status_file=str(new_path)))
    StatusLock(Path(settings.status_file)).acquire().release()  # the old file is free
    with pytest.raises(StatusInUse):
        StatusLock(new_path).acquire()
