"""The main window end to end against moto's S3 server: scan, mark, upload, stop and resume, actions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt

from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.settings import Settings
from glacier_gui.gui.actions import ActionId
from glacier_gui.gui.models.status_model import COL_PROGRESS, COL_UNIT, COL_UPLOAD, Roles
from glacier_gui.gui.workers.upload_worker import UploadWorker
from tests.conftest import write

UNITS = {"2021/0401_帰省", "2022/0501_旅行", "2022/0601_運動会"}


def states_on_disk(settings: Settings) -> dict[str, str]:
    return {r.unit: r.status for r in load_status(Path(settings.status_file)).rows}


def test_scan_mark_selected_and_upload_end_to_end(make_window, settings: Settings, qtbot, s3, bucket):
    window = make_window(settings)
    assert window.session.model.rowCount() == 0
    with qtbot.waitSignal(window.backup.scanFinished, timeout=30_000):
        window.backup.start_scan()
    assert {window.session.model.row_of(r).unit for r in range(window.session.model.rowCount())} == UNITS
    assert set(states_on_disk(settings).values()) == {State.CHECK}
    assert "3 units" in window.board.summary_label.text() and "3 need checking" in window.board.summary_label.text()

    window.board.view.selectAll()  # multi-select, then "Mark selected for upload"
    window.board.mark_button.click()
    assert set(states_on_disk(settings).values()) == {State.UPLOAD}

    with qtbot.waitSignal(window.backup.uploadFinished, timeout=60_000) as blocker:
        window.action(ActionId.UPLOAD).trigger()
        assert (
            window.session.runner.busy
            and window.action(ActionId.STOP).isEnabled()
            and not window.action(ActionId.SCAN).isEnabled()
        )
    report = blocker.args[0]
    assert not report.failed
    assert set(states_on_disk(settings).values()) == {State.SYNCHRONIZED}
    for r in range(window.session.model.rowCount()):
        unit = window.session.model.row_of(r).unit
        progress = window.session.model.unit_progress(unit)
        assert progress is not None and progress.fraction == 1.0 and progress.files_done == progress.files_total
        assert window.session.model.index(r, COL_PROGRESS).data(Roles.ProgressRole) == 1.0
        assert window.session.model.index(r, COL_PROGRESS).data().startswith("100%")
    assert "3 synchronized" in window.board.summary_label.text() and "/month" in window.board.summary_label.text()
    assert "3 of 3 units done" in window.backup.progress_label.text()
    assert not window.session.runner.busy and window.action(ActionId.SCAN).isEnabled()
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert "10_Album/2022/0601_運動会/リレー.jpg" in keys
    window.log_pane.drain()
    assert "synchronized" in window.log_pane.text()


def test_ticking_in_the_view_saves_status_csv(make_window, settings: Settings, qtbot):
    window = make_window(settings, scanned=True)
    proxy_row = next(
        r
        for r in range(window.board.proxy.rowCount())
        if window.board.proxy.index(r, COL_UNIT).data() == "2022/0501_旅行"
    )
    index = window.board.proxy.index(proxy_row, COL_UPLOAD)
    window.board.view.setCurrentIndex(index)
    qtbot.keyClick(window.board.view, Qt.Key.Key_Space)  # what a user does with the keyboard on the checkbox
    assert states_on_disk(settings)["2022/0501_旅行"] == State.UPLOAD
    assert "1 marked" in window.board.summary_label.text()
    qtbot.keyClick(window.board.view, Qt.Key.Key_Space)
    assert states_on_disk(settings)["2022/0501_旅行"] == State.CHECK


def test_stop_mid_upload_leaves_unfinished_and_a_later_upload_resumes(
    make_window, settings: Settings, qtbot, monkeypatch, album: Path, s3, bucket
):
    big = write(album / "2022" / "0601_運動会" / "リレー.mp4", b"v" * (13 * 2**20))  # 3 parts of 5 MiB
    monkeypatch.setenv("GLACIER_GUI_TEST_SLOW_REQUEST", "0.4")  # each request takes a while: Stop lands mid-file
    s = replace(settings, concurrency=1)
    window = make_window(s, scanned=True)
    window.session.model.mark_units(["2022/0601_運動会"])
    with qtbot.waitSignal(window.backup.uploadFinished, timeout=60_000) as blocker:
        window.backup.start_upload()
        qtbot.waitUntil(
            lambda: isinstance(window.session.runner.job(), UploadWorker), timeout=10_000
        )  # after the estimate
        worker = window.session.runner.job()
        assert isinstance(worker, UploadWorker)
        qtbot.waitUntil(lambda: worker.progress.snapshot().bytes_done >= 5 * 2**20, timeout=30_000)
        window.action(ActionId.STOP).trigger()
    first = blocker.args[0]
    assert first.failed
    assert states_on_disk(s)["2022/0601_運動会"] == State.CHECK_FILE_UPLOAD
    assert (
        window.session.model.index(window.session.model.view_row("2022/0601_運動会"), 2).data() == "Upload unfinished"
    )
    assert window.message_box is None or not window.message_box.isVisible()  # Stop is not an error

    monkeypatch.delenv("GLACIER_GUI_TEST_SLOW_REQUEST")
    window.session.model.mark_units(["2022/0601_運動会"])
    with qtbot.waitSignal(window.backup.uploadFinished, timeout=60_000) as blocker:
        window.backup.start_upload()
    second = blocker.args[0]
    assert not second.failed
    assert second.units[0].parts_resumed >= 1  # the parts sent before Stop were not sent again
    assert states_on_disk(s)["2022/0601_運動会"] == State.SYNCHRONIZED
    head = s3.head_object(Bucket=bucket, Key="10_Album/2022/0601_運動会/リレー.mp4")
    assert head["ContentLength"] == big.stat().st_size


def test_failed_job_becomes_a_plain_words_dialog(make_window, settings: Settings, qtbot):
    window = make_window(replace(settings, album_root=str(Path(settings.album_root) / "gone")))
    with qtbot.waitSignal(window.backup.jobFailed, timeout=10_000) as blocker:
        window.action(ActionId.SCAN).trigger()
    assert "not a folder" in blocker.args[0]
    assert window.message_box is not None and window.message_box.isVisible()
    assert "not a folder" in window.message_box.text()
    window.message_box.close()


def test_upload_without_marks_says_what_to_do(make_window, settings: Settings):
    window = make_window(settings, scanned=True)
    window.backup.start_upload()
    assert not window.session.runner.busy
    assert "tick" in window.statusBar().currentMessage()


def test_open_status_folder_and_about(make_window, settings: Settings, no_real_dialogs, qtbot):
    window = make_window(settings)
    window.action(ActionId.OPEN_FOLDER).trigger()
    assert [u.toLocalFile() for u in no_real_dialogs] == [str(Path(settings.status_file).parent)]
    window.show_about()


def test_shortcuts_and_restore_menu(make_window, settings: Settings):
    window = make_window(settings)
    shortcuts = {
        a.text(): a.shortcut().toString()
        for a in (
            window.action(ActionId.SCAN),
            window.action(ActionId.UPLOAD),
            window.action(ActionId.STOP),
            window.action(ActionId.SETTINGS),
        )
    }
    assert shortcuts == {"&Scan": "F5", "&Upload marked": "Ctrl+U", "S&top": "Esc", "S&ettings…": "Ctrl+,"}
    assert window.restore_menu.menuAction().isVisible()
    texts = [a.text() for a in window.restore_menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Restore selected units…",
        "Restore &everything…",
        "Restore &jobs",
        "&Verify selected units in S3",
    ]


def test_window_state_persists_in_the_data_dir(make_window, settings: Settings, data_dir: Path):
    window = make_window(settings)
    window.board.filter_edit.setText("運動会")
    window.close()
    assert (data_dir / "window.ini").exists()
    again = make_window(settings)
    assert again.board.filter_edit.text() == "運動会"


def test_selection_survives_sorting(make_window, settings: Settings):
    window = make_window(settings, scanned=True)
    target = next(
        r
        for r in range(window.board.proxy.rowCount())
        if window.board.proxy.index(r, COL_UNIT).data() == "2021/0401_帰省"
    )
    window.board.view.selectionModel().select(
        window.board.proxy.index(target, COL_UNIT),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    window.board.view.sortByColumn(COL_UNIT, Qt.SortOrder.DescendingOrder)
    assert window.board.selected_units() == ["2021/0401_帰省"]
    assert window.board.proxy.index(0, COL_UNIT).data() == "2022/0601_運動会"


def test_the_status_bar_forgets_the_scan_counters_when_the_scan_ends(make_window, settings: Settings, qtbot):
    window = make_window(settings)
    label = window.backup.progress_label
    shown: list[str] = []
    window.session.runner.tick.connect(lambda: shown.append(label.text()))  # after the board and jobs drew
    with qtbot.waitSignal(window.backup.scanFinished, timeout=30_000):
        window.action(ActionId.SCAN).trigger()
    assert any(text.startswith("Scanning: ") and "files" in text for text in shown)  # it was there while it ran
    assert label.text() == "" and not window.backup.overall_bar.isVisible()
    assert window.statusBar().currentMessage().startswith("Scan finished: 3 units")
