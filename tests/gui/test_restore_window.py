"""Restore, restore jobs, verify and rebuild from the window, against moto's S3 server."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QFileDialog, QMessageBox

from glacier_gui.core.clock import utc_now
from glacier_gui.core.ledger.manifest import local_manifest_path
from glacier_gui.core.ledger.status import State, StatusTable, load_status
from glacier_gui.core.lock import StatusLock
from glacier_gui.core.restore.job import JobFile, JobObject, ObjState, RestoreJob, jobs_dir, list_jobs
from glacier_gui.core.restore.plan import narrow_job, plan_restore
from glacier_gui.core.restore.request import request_restores
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.s3.probe import load_manifest
from glacier_gui.core.settings import Settings
from glacier_gui.gui.actions import ActionId
from glacier_gui.gui.dialogs import restore_dialog
from glacier_gui.gui.models.jobs_model import COL_DOWNLOADED, COL_IN_PROGRESS, COL_READY, COL_STATE
from glacier_gui.gui.models.status_model import COL_UNIT
from tests.test_restore import TRAVEL, files_under, held_restores, set_restore, upload_all

FESTIVAL = "2022/0601_運動会"


def select_units(window, units: list[str]) -> None:
    selection = window.board.view.selectionModel()
    selection.clearSelection()
    for r in range(window.board.proxy.rowCount()):
        index = window.board.proxy.index(r, COL_UNIT)
        if index.data() in units:
            selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert sorted(window.board.selected_units()) == sorted(units)


def test_restore_dialog_shows_the_estimate_then_requests(
    make_window, settings: Settings, data_dir: Path, qtbot, tmp_path: Path, s3, bucket: str, monkeypatch
) -> None:
    upload_all(settings, data_dir)
    window = make_window(settings)
    select_units(window, [TRAVEL])
    dest = tmp_path / "restored"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(dest)))
    with held_restores():
        dialog = window.restore_actions.open_restore_dialog()
        assert dialog is not None and not dialog.request_button.isEnabled()
        qtbot.waitUntil(lambda: dialog.full is not None, timeout=10_000)
        assert "Choose the folder" in dialog.estimate_label.text() and not dialog.request_button.isEnabled()
        with qtbot.waitSignal(dialog.repriced, timeout=5000):
            dialog.browse_button.click()  # the (patched) folder picker
        assert dialog.dest_edit.text() == str(dest)
        text = dialog.estimate_label.text()
        assert "2 file(s)" in text and "Bulk" in text and "within 48 hours" in text and "Estimated cost" in text
        with qtbot.waitSignal(dialog.repriced, timeout=5000):
            dialog.tier_combo.setCurrentIndex(dialog.tier_combo.findData("Standard"))
        assert "within 12 hours" in dialog.estimate_label.text()
        repriced: list[None] = []
        dialog.repriced.connect(lambda: repriced.append(None))
        dialog.days_spin.setValue(3)  # a field: priced at once
        assert repriced == [None] and "kept 3 day(s)" in dialog.estimate_label.text()
        with qtbot.waitSignal(dialog.repriced, timeout=5000):
            dialog.set_file_checked(TRAVEL, "sub/DSC_0002.jpg", False)  # ticks: priced together, once
            dialog.set_file_checked(TRAVEL, "DSC_0001.jpg", False)
            dialog.set_file_checked(TRAVEL, "DSC_0001.jpg", True)
        assert repriced == [None, None]
        assert "1 file(s)" in dialog.estimate_label.text() and dialog.request_button.isEnabled()
        with qtbot.waitSignal(dialog.jobCreated, timeout=10_000) as blocker:
            dialog.request_button.click()
        outcome = blocker.args[0]
        assert outcome.report.requested == 1 and not outcome.report.failed
        [job] = list_jobs(data_dir)
        assert (job.tier, job.days, job.dest, job.units) == ("Standard", 3, str(dest), [TRAVEL])
        assert [f.path for f in job.files] == ["DSC_0001.jpg"] and [o.state for o in job.objects] == ["requested"]
        set_restore(bucket, f"10_Album/{TRAVEL}/DSC_0001.jpg", "IN_PROGRESS")
        head = s3.head_object(Bucket=bucket, Key=f"10_Album/{TRAVEL}/DSC_0001.jpg")
        assert 'ongoing-request="true"' in head["Restore"]
        assert "Restore" not in s3.head_object(Bucket=bucket, Key=f"10_Album/{TRAVEL}/sub/DSC_0002.jpg")
    assert window.restore_actions.panel.isVisible() and window.restore_actions.panel.model.rowCount() == 1


def test_restore_dialog_says_why_a_unit_cannot_be_restored(
    make_window, settings: Settings, data_dir: Path, qtbot, bucket: str
) -> None:
    window = make_window(settings, scanned=True)  # nothing uploaded: no manifest
    select_units(window, [TRAVEL])
    dialog = window.restore_actions.open_restore_dialog()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    assert "no manifest" in dialog.estimate_label.text() and not dialog.request_button.isEnabled()
    dialog.reject()


def make_held_job(settings: Settings, data_dir: Path, dest: Path) -> RestoreJob:
    client = make_client(settings)
    layout = layout_for(settings)
    manifest = load_manifest(client, settings.bucket, layout, data_dir, TRAVEL)[0]
    job = plan_restore(client, {TRAVEL: manifest}, layout, settings.bucket, dest)
    job.path = jobs_dir(data_dir) / f"{job.id}.json"
    job.save()
    assert request_restores(client, job).requested == 2
    return job


def cell(panel, row: int, col: int) -> str:
    return str(panel.model.index(row, col).data())


def test_jobs_panel_held_restore_then_download_asks_before_replacing(
    make_window, settings: Settings, data_dir: Path, qtbot, tmp_path: Path, bucket: str
) -> None:
    upload_all(settings, data_dir)
    dest = tmp_path / "restored"
    with held_restores():
        job = make_held_job(settings, data_dir, dest)
        for o in job.objects:
            set_restore(bucket, o.key, "IN_PROGRESS")
        window = make_window(settings)  # as after a restart: the panel reads the job from the data dir
        panel = window.restore_actions.panel
        assert panel.isVisible() and panel.model.rowCount() == 1
        with qtbot.waitSignal(panel.refreshed, timeout=10_000):
            panel.refresh_button.click()
        assert cell(panel, 0, COL_IN_PROGRESS) == "2" and cell(panel, 0, COL_READY) == "0"
        assert cell(panel, 0, COL_STATE) == "Waiting for S3"
        with qtbot.waitSignal(panel.fetched, timeout=10_000) as blocker:
            panel.download_button.click()  # nothing ready: nothing written
        assert blocker.args[0].fetched[job.id].waiting == 2 and not dest.exists()

        for o in job.objects:
            set_restore(bucket, o.key, "RESTORED")
        with qtbot.waitSignal(panel.refreshed, timeout=10_000):
            panel.refresh_button.click()
        assert cell(panel, 0, COL_READY) == "2" and "download" in cell(panel, 0, COL_STATE).lower()
        mine = dest / TRAVEL / "DSC_0001.jpg"
        mine.parent.mkdir(parents=True)
        mine.write_bytes(b"my own edit")  # a different local file is in the way
        question = panel.download()
        assert isinstance(question, QMessageBox) and "already exist" in question.text()
        with qtbot.waitSignal(panel.fetched, timeout=10_000) as blocker:
            panel.replace_button.click()
    report = blocker.args[0].fetched[job.id]
    assert report.downloaded == 2 and not report.failed and not report.skipped
    assert files_under(dest) == {f"{TRAVEL}/DSC_0001.jpg": b"c" * 3000, f"{TRAVEL}/sub/DSC_0002.jpg": b"d" * 500}
    assert cell(panel, 0, COL_DOWNLOADED) == "2" and cell(panel, 0, COL_STATE) == "Done: every file restored"
    assert "2 file(s) downloaded and verified" in panel.message_label.text()


def test_jobs_panel_warns_when_the_copy_expires_soon(
    make_window, settings: Settings, data_dir: Path, tmp_path: Path
) -> None:
    soon = (utc_now() + timedelta(hours=20)).isoformat()
    job = RestoreJob(
        "20240101-000000-abcd",
        settings.bucket,
        "",
        "10_Album",
        str(tmp_path / "d"),
        "Bulk",
        3,
        utc_now().isoformat(),
        [TRAVEL],
        objects=[JobObject("k", 10, "DEEP_ARCHIVE", ObjState.READY, expiry=soon)],
        files=[JobFile(TRAVEL, "a.jpg", "k", 10, 0.0, "0" * 64)],
        path=jobs_dir(data_dir) / "20240101-000000-abcd.json",
    )
    job.save()
    window = make_window(settings)
    panel = window.restore_actions.panel
    assert panel.warning_label.isVisible() and "expires" in panel.warning_label.text()
    assert "1 file(s) are not downloaded" in panel.warning_label.text()
    assert cell(panel, 0, COL_STATE).startswith("Download now")


def test_verify_action_reports_a_missing_object(
    make_window, settings: Settings, data_dir: Path, qtbot, s3, bucket: str
) -> None:
    upload_all(settings, data_dir)
    s3.delete_object(Bucket=bucket, Key=f"10_Album/{TRAVEL}/sub/DSC_0002.jpg")
    window = make_window(settings)
    select_units(window, [TRAVEL, FESTIVAL])
    actions = window.restore_actions
    with qtbot.waitSignal(actions.verifyFinished, timeout=10_000) as blocker:
        window.action(ActionId.VERIFY).trigger()
    checks = {c.unit: c for c in blocker.args[0]}
    assert checks[FESTIVAL].ok and not checks[TRAVEL].ok
    assert [(p.kind, p.path) for p in checks[TRAVEL].problems] == [("missing", "sub/DSC_0002.jpg")]
    dialog = actions.verify_dialog
    assert dialog is not None and dialog.isVisible() and "1 with problems" in dialog.summary_label.text()
    results = {dialog.table.item(r, 0).text(): dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())}
    assert results[TRAVEL].startswith("1 problem(s): missing") and results[FESTIVAL].startswith("OK")
    assert "sub/DSC_0002.jpg" in dialog.details.toPlainText()
    dialog.close()


def test_rebuild_action_restores_deleted_rows(make_window, settings: Settings, data_dir: Path, qtbot) -> None:
    upload_all(settings, data_dir)
    status = Path(settings.status_file)
    table = load_status(status)
    StatusTable(status, [r for r in table.rows if r.unit != TRAVEL]).save()
    # A lost local manifest too: the rebuild reads the bucket's copies.
    local_manifest_path(data_dir, settings.bucket, "", "10_Album", TRAVEL).unlink()
    window = make_window(settings)
    assert window.session.model.rowCount() == 2
    box = window.backup.ask_rebuild()
    assert box is not None and "Replace" in box.text()
    rebuild = next(b for b in box.buttons() if b.text() == "Rebuild")
    with qtbot.waitSignal(window.backup.rebuildFinished, timeout=20_000):
        rebuild.click()
    assert window.session.model.rowCount() == 3
    assert {r.unit: r.status for r in load_status(status).rows} == {
        "2021/0401_帰省": State.SYNCHRONIZED,
        TRAVEL: State.SYNCHRONIZED,
        FESTIVAL: State.SYNCHRONIZED,
    }
    assert len(load_status(status.with_name("status.csv.bak")).rows) == 2  # the replaced file is kept
    assert "3 synchronized" in window.board.summary_label.text()


def test_rebuild_is_off_while_another_process_writes(make_window, settings: Settings) -> None:
    other = StatusLock(Path(settings.status_file)).acquire()
    try:
        window = make_window(settings)
        assert not window.action(ActionId.REBUILD).isEnabled() and window.backup.ask_rebuild() is None
    finally:
        other.release()


def test_restore_picker_and_a_destination_that_leads_outside(
    make_window, settings: Settings, data_dir: Path, qtbot, tmp_path: Path, monkeypatch
) -> None:
    upload_all(settings, data_dir)
    window = make_window(settings)
    select_units(window, [TRAVEL])
    dest = tmp_path / "restored"
    (dest / TRAVEL).mkdir(parents=True)
    (dest / TRAVEL / "sub").symlink_to(tmp_path)  # files of sub/ would land outside the destination
    dialog = window.restore_actions.open_restore_dialog()
    qtbot.waitUntil(lambda: dialog.full is not None, timeout=10_000)
    unit = dialog.model.find(TRAVEL)
    dialog.tree.expand(unit)
    with qtbot.waitSignal(dialog.repriced, timeout=5000):
        dialog.dest_edit.setText(str(dest))
    assert "2 file(s)" in dialog.estimate_label.text()  # the file system has not answered yet
    qtbot.waitUntil(lambda: "Refused: " in dialog.estimate_label.text(), timeout=5000)  # now it has
    assert "1 file(s)" in dialog.estimate_label.text() and "sub/DSC_0002.jpg" in dialog.estimate_label.text()
    with qtbot.waitSignal(dialog.repriced, timeout=5000):
        dialog.set_file_checked(TRAVEL, None, False)  # the whole unit
    assert "Tick at least one file" in dialog.estimate_label.text() and not dialog.request_button.isEnabled()
    assert dialog.tree.isExpanded(unit) and dialog.model.ticked_files == 0

    # The dialog closes while the check of another destination is still out: its answer is dropped quietly.
    started, release = threading.Event(), threading.Event()

    def held_check(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            started.set()
            release.wait(10)
        return narrow_job(*args, **kwargs)

    monkeypatch.setattr(restore_dialog, "narrow_job", held_check)
    dialog.dest_edit.setText(str(tmp_path / "elsewhere"))
    qtbot.waitUntil(started.is_set, timeout=5000)  # once the typing rests
    destroyed = []
    dialog.destroyed.connect(lambda: destroyed.append(True))
    dialog.reject()
    qtbot.waitUntil(lambda: bool(destroyed), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: window.session.runner.pool.activeThreadCount() == 0, timeout=5000)


def test_restore_dialog_offers_an_earlier_version_of_the_backup(
    make_window, settings: Settings, data_dir: Path, qtbot, album: Path
) -> None:
    upload_all(settings, data_dir)  # the unit's first manifest: 2 files
    time.sleep(1.1)  # S3 dates objects to the second
    (album / "2022" / "0501_旅行" / "DSC_0003.jpg").write_bytes(b"new photo")
    upload_all(settings, data_dir)  # its second generation: 3 files
    window = make_window(settings)
    select_units(window, [TRAVEL])
    dialog = window.restore_actions.open_restore_dialog()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.full is not None and dialog.version_combo.count() == 2, timeout=10_000)
    assert len(dialog.full.files) == 3 and dialog.version_combo.itemText(0) == "The newest"
    assert dialog.version_combo.itemText(1).startswith("As it was on ")
    first = dialog.full
    dialog.version_combo.setCurrentIndex(1)
    dialog.version_combo.activated.emit(1)
    qtbot.waitUntil(lambda: dialog.full is not first, timeout=10_000)
    assert sorted(f.path for f in dialog.full.files) == ["DSC_0001.jpg", "sub/DSC_0002.jpg"]
    dialog.reject()


def test_restore_dialog_with_a_refused_path_says_it_and_requests_the_rest(
    make_window, settings: Settings, data_dir: Path, qtbot, tmp_path: Path, bucket: str
) -> None:
    """A manifest entry the app refuses (planted in the bucket, or a name Windows cannot hold) once crashed the
    request with "TypeError: Text.__new__"; now it is said, kept in the job, and the rest is requested."""
    from dataclasses import replace

    from glacier_gui.core.i18n import Text
    from glacier_gui.core.ledger.manifest import save_local_manifest

    upload_all(settings, data_dir)
    layout = layout_for(settings)
    manifest = load_manifest(make_client(settings), bucket, layout, data_dir, TRAVEL)[0]
    good = manifest.files["DSC_0001.jpg"]
    manifest.files["../../evil.jpg"] = replace(good, path="../../evil.jpg", key=good.key + ".x")
    save_local_manifest(local_manifest_path(data_dir, bucket, layout.prefix, layout.root_name, TRAVEL), manifest)
    window = make_window(settings)
    select_units(window, [TRAVEL])
    dest = tmp_path / "restored"
    with held_restores():
        dialog = window.restore_actions.open_restore_dialog()
        qtbot.waitUntil(lambda: dialog.full is not None, timeout=10_000)
        with qtbot.waitSignal(dialog.repriced, timeout=5000):
            dialog.dest_edit.setText(str(dest))
        text = dialog.estimate_label.text()
        assert "1 file(s) are refused" in text and "evil.jpg" in text
        assert f"The restore writes 3.4 KiB into {dest}" in text  # 3000 + 500 bytes: the two real photos
        with qtbot.waitSignal(dialog.jobCreated, timeout=10_000) as blocker:
            dialog.request_button.click()
    assert blocker.args[0].report.requested == 2
    [job] = list_jobs(data_dir)
    [refused] = [f for f in job.files if f.state == "failed"]
    assert refused.path == "../../evil.jpg" and isinstance(refused.error, Text)
