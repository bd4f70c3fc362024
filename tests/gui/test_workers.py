"""The worker base and the scan/upload workers on a QThreadPool, against moto's S3 server."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QThreadPool

from glacier_gui.core.ledger.status import State, load_status
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from glacier_gui.gui.workers.base import Worker, running_workers, start_worker
from glacier_gui.gui.workers.scan_worker import ScanOutcome, ScanWorker
from glacier_gui.gui.workers.upload_worker import UploadWorker


class Exploding(Worker):
    name = "exploding"

    def work(self) -> object:
        raise RuntimeError("something unexpected")


def test_worker_base_turns_any_exception_into_failed(qtbot, caplog):
    pool = QThreadPool()
    worker = Exploding()
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(worker.signals.failed, timeout=5000) as blocker:
        start_worker(pool, worker)
    assert blocker.args == ["RuntimeError: something unexpected"]
    assert "exploding failed" in caplog.text
    pool.waitForDone(2000)
    qtbot.waitUntil(lambda: worker not in running_workers(), timeout=2000)


def test_scan_then_upload_workers_end_to_end(qtbot, settings: Settings, data_dir: Path):
    pool = QThreadPool()
    table = backup.open_status(settings, data_dir)
    scan = ScanWorker(settings, table)
    with qtbot.waitSignal(scan.signals.finished, timeout=20_000) as blocker:  # set up before the start
        start_worker(pool, scan)
    outcome = blocker.args[0]
    assert isinstance(outcome, ScanOutcome) and outcome.save_problem is None
    assert len(table.rows) == 0  # the window's table is untouched; the merged copy comes back
    merged = outcome.table
    assert {r.status for r in merged.rows} == {State.CHECK} and len(merged.rows) == 3
    merged.mark_upload([r.unit for r in merged.rows])

    upload = UploadWorker(settings, merged, data_dir)
    done_units: list[str] = []
    upload.signals.progress.connect(lambda result: done_units.append(result.unit))
    with qtbot.waitSignal(upload.signals.finished, timeout=60_000) as blocker:
        start_worker(pool, upload)
    report = blocker.args[0]
    assert not report.failed and sorted(done_units) == sorted(r.unit for r in merged.rows)
    snap = upload.progress.snapshot()
    assert snap.bytes_done == snap.bytes_total > 0 and snap.units_done == 3
    assert all(p.fraction == 1.0 for p in snap.units.values())
    assert {r.status for r in load_status(Path(settings.status_file)).rows} == {State.SYNCHRONIZED}
    pool.waitForDone(5000)
