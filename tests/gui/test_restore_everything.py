"""Restore everything from the window: one menu action, the cost and times first, then the requests with progress."""

from __future__ import annotations

from pathlib import Path

from glacier_gui.core.restore.job import ObjState, list_jobs
from glacier_gui.core.settings import Settings
from glacier_gui.gui.actions import ActionId
from tests.test_restore import held_restores, upload_all


def test_restore_everything_lists_the_bucket_prices_and_requests_with_progress(
    make_window, settings: Settings, data_dir: Path, qtbot, tmp_path: Path
) -> None:
    upload_all(settings, data_dir)
    window = make_window(settings)
    actions = window.restore_actions
    assert window.action(ActionId.RESTORE_ALL) in window.restore_menu.actions()
    with held_restores():
        with qtbot.waitSignal(actions.dialogOpened, timeout=10_000) as opened:
            window.action(ActionId.RESTORE_ALL).trigger()  # nothing selected: every unit of the bucket
        dialog = opened.args[0]
        assert sorted(dialog.units) == ["2021/0401_帰省", "2022/0501_旅行", "2022/0601_運動会"]
        qtbot.waitUntil(lambda: dialog.full is not None, timeout=10_000)
        with qtbot.waitSignal(dialog.repriced, timeout=5000):
            dialog.dest_edit.setText(str(tmp_path / "everything"))
        text = dialog.estimate_label.text()
        assert "5 file(s)" in text and "within 48 hours" in text
        assert "With the Standard tier instead" in text and "within 12 hours" in text
        assert "Sending the 5 restore request(s) takes about" in text
        with qtbot.waitSignal(dialog.jobCreated, timeout=20_000) as created:
            dialog.request_button.click()
        assert created.args[0].report.requested == 5
        # The requests went out as the restore lane's job: the dialog and the panel drew its progress.
        assert "Requesting restores: 5 of 5" in dialog.progress_label.text()
        panel = actions.panel
        assert "Requesting restores: 5 of 5" in panel.message_label.text()
        [job] = list_jobs(data_dir)
        assert {o.state for o in job.objects} == {ObjState.REQUESTED} and len(job.objects) == 5
        assert panel.model.rowCount() == 1 and not panel.busy


def test_request_the_rest_resumes_a_stopped_job_from_the_panel(
    make_window, settings: Settings, data_dir: Path, qtbot, tmp_path: Path, s3, bucket: str
) -> None:
    from glacier_gui.core.restore.job import JobFile, JobObject, RestoreJob, jobs_dir

    keys = [f"10_Album/2024/IMG_{i:03d}.jpg" for i in range(30)]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x", StorageClass="DEEP_ARCHIVE")
    done = [JobObject(k, 1, "DEEP_ARCHIVE", ObjState.REQUESTED) for k in keys[:10]]  # sent before the stop
    job = RestoreJob(
        "20260101-000000-5e7d", bucket, "", "10_Album", str(tmp_path / "out"), "Bulk", 3, "2026-01-01T00:00:00+00:00",
        ["2024"], objects=done + [JobObject(k, 1, "DEEP_ARCHIVE") for k in keys[10:]],
        files=[JobFile("2024", k.rsplit("/", 1)[1], k, 1, 0.0, "0" * 64) for k in keys],
    )  # fmt: skip
    job.path = jobs_dir(data_dir) / f"{job.id}.json"
    job.save()
    window = make_window(settings)
    panel = window.restore_actions.panel
    assert panel.isVisible() and panel.resume_button.isVisible() and panel.resume_button.isEnabled()
    panel.resume_button.click()
    assert panel.busy
    qtbot.waitUntil(lambda: not panel.busy, timeout=20_000)
    assert "20 restore(s) requested" in panel.message_label.text()
    [again] = list_jobs(data_dir)
    assert {o.state for o in again.objects} == {ObjState.REQUESTED}
    assert not panel.resume_button.isVisible()
    for key in keys[:10]:  # the ones sent before the stop were not asked again
        assert "Restore" not in s3.head_object(Bucket=bucket, Key=key)


def test_closing_the_dialog_leaves_the_requests_going_in_the_panel(
    make_window, settings: Settings, data_dir: Path, qtbot, tmp_path: Path, monkeypatch
) -> None:
    import time

    from moto.s3.models import S3Backend

    upload_all(settings, data_dir)
    original = S3Backend.restore_object

    def slow(self, *args):  # type: ignore[no-untyped-def]
        time.sleep(0.5)
        return original(self, *args)

    monkeypatch.setattr(S3Backend, "restore_object", slow)
    window = make_window(settings)
    with held_restores():
        with qtbot.waitSignal(window.restore_actions.dialogOpened, timeout=10_000) as opened:
            window.action(ActionId.RESTORE_ALL).trigger()
        dialog = opened.args[0]
        qtbot.waitUntil(lambda: dialog.full is not None, timeout=10_000)
        with qtbot.waitSignal(dialog.repriced, timeout=5000):
            dialog.dest_edit.setText(str(tmp_path / "everything"))
        dialog.request_button.click()
        qtbot.waitUntil(lambda: dialog.worker is not None, timeout=10_000)
        with qtbot.waitSignal(dialog.jobCreated, timeout=20_000) as created:
            dialog.reject()  # Close: the requests go on
            assert not dialog.isVisible() and window.restore_actions.panel.isVisible()
            assert window.restore_actions.panel.busy
    assert created.args[0].report.requested == 5
