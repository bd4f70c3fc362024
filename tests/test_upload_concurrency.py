"""Units of a run overlap: plans ahead of the uploads, and several units verified and recorded at once.

A folder-heavy album (hundreds of small event folders) is paced by each unit's own round trips (plan listing,
verify listing, manifest PUT) when they run one unit after another.  These tests record, through a wrapped
``Transfer``, when each per-unit request starts and ends, and ask for an order of events the serial engine
cannot produce - no wall-clock threshold.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from glacier_gui.core.ledger.status import State
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.transfer import Transfer
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from glacier_gui.core.upload import engine as upload
from tests.conftest import write

UNITS = [f"2023/{month:02d}01_e{month}" for month in range(1, 13)]


class Recording(Transfer):
    """A Transfer that stamps the plan listings and the manifest PUTs; the first of each kind waits (up to 10 s)
    for a second one to start, which only an engine that overlaps units can do."""

    events: list[tuple[str, str, float]] = []  # (kind, what, time): kinds plan-start, manifest-end
    lock = threading.Lock()
    second = {"plan": threading.Event(), "manifest": threading.Event()}
    started = {"plan": 0, "manifest": 0}
    overlapped = {"plan": False, "manifest": False}

    def _stamp(self, kind: str, what: str) -> None:
        with self.lock:
            self.events.append((kind, what, time.monotonic()))

    def _overlap(self, kind: str) -> None:
        with self.lock:
            self.started[kind] += 1
            first = self.started[kind] == 1
        if first:
            self.overlapped[kind] = self.second[kind].wait(10)
        else:
            self.second[kind].set()

    def objects_under(self, prefix: str, recursive: bool = True):  # type: ignore[no-untyped-def]
        self._stamp("plan-start", prefix)
        self._overlap("plan")
        return super().objects_under(prefix, recursive)

    def put_json(self, key: str, body: bytes) -> None:
        self._overlap("manifest")
        super().put_json(key, body)
        self._stamp("manifest-end", key)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> type[Recording]:
    Recording.events = []
    Recording.second = {"plan": threading.Event(), "manifest": threading.Event()}
    Recording.started = {"plan": 0, "manifest": 0}
    Recording.overlapped = {"plan": False, "manifest": False}
    monkeypatch.setattr(upload, "Transfer", Recording)
    monkeypatch.setenv("GLACIER_GUI_TEST_SLOW_REQUEST", "0.05")
    return Recording


def test_units_are_planned_ahead_and_finished_concurrently(
    settings: Settings, data_dir: Path, album: Path, recording: type[Recording]
) -> None:
    for i, unit in enumerate(UNITS):
        write(album / unit / "photo.jpg", bytes([i]) * 2000)
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload(UNITS)
    done: list[str] = []
    report = backup.upload_marked(
        settings, table, data_dir, make_client(settings), scan=summary.scan, on_unit_done=lambda r: done.append(r.unit)
    )
    assert not report.failed, [u.error for u in report.failed]
    assert sorted(done) == sorted(UNITS)
    assert all(table.require(u).status == State.SYNCHRONIZED for u in UNITS)
    # Two plan listings at once, and two manifest PUTs at once: the serial engine did neither.
    assert recording.overlapped == {"plan": True, "manifest": True}
    plan_start = {what.rstrip("/").split("/", 1)[1]: t for kind, what, t in recording.events if kind == "plan-start"}
    manifest_end = {
        what.removesuffix(".json").split("/manifests/", 1)[1]: t
        for kind, what, t in recording.events
        if kind == "manifest-end"
    }
    assert set(plan_start) == set(manifest_end) == set(UNITS)
    # The next unit's plan does not wait for the unit before it to be recorded.
    assert any(plan_start[nxt] < manifest_end[cur] for cur, nxt in zip(UNITS, UNITS[1:], strict=False))
    # Every unit is recorded only after its own manifest is in S3 (on_unit_done comes after the PUT).
    assert len(manifest_end) == len(done)
