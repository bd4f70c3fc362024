"""Round trips that overlap instead of queueing: the first units are planned while the bucket is checked, a
multipart upload is opened while its first part is read, and a multipart object is checked by HEAD while its
unit still sends (so its class and size are known before the unit's listing).

Against moto's server.  Each overlap is asked for with an event the other side must set first (up to 10 s):
one step after the other, the event is never set in time and the test fails - no wall-clock threshold.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from glacier_gui.core.ledger.status import State
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.s3.errors import RemoteError
from glacier_gui.core.s3.objects import RemoteObject
from glacier_gui.core.s3.transfer import Transfer
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from glacier_gui.core.upload import engine as upload
from glacier_gui.core.upload import send as upload_send
from tests.conftest import write

UNIT = "2022/0601_運動会"
MIB = 2**20


def _run(settings: Settings, data_dir: Path, units: list[str] | None = None) -> Any:
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    wanted = units or [UNIT]
    table.mark_upload(wanted)
    report = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan, units=wanted)
    return table, report


def test_the_first_units_are_planned_while_the_bucket_is_checked(
    settings: Settings, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = threading.Event()
    checked = threading.Event()
    seen: dict[str, Any] = {"listed_during_check": None, "sent_before_check": False}

    class Planning(Transfer):
        def objects_under(self, prefix: str, recursive: bool = True) -> Any:
            listed.set()
            return super().objects_under(prefix, recursive)

        def put(self, *args: Any, **kwargs: Any) -> Any:
            if not checked.is_set():
                seen["sent_before_check"] = True
            return super().put(*args, **kwargs)

    class Checking(Transfer):
        def check_bucket(self) -> None:
            seen["listed_during_check"] = listed.wait(10)  # one after the other: no listing comes
            super().check_bucket()
            checked.set()

    monkeypatch.setattr(upload, "Transfer", Planning)
    monkeypatch.setattr(backup, "Transfer", Checking)
    units = [UNIT, "2022/0501_旅行", "2021/0401_帰省"]
    table, report = _run(settings, data_dir, units)
    assert seen["listed_during_check"] is True
    assert seen["sent_before_check"] is False  # nothing is sent before the bucket is known to be usable
    assert not report.failed and all(table.require(u).status == State.SYNCHRONIZED for u in units)
    assert all(table.require(u).sync_start for u in units)


def test_a_missing_bucket_starts_no_unit_though_some_were_being_planned(settings: Settings, data_dir: Path) -> None:
    settings.bucket = "no-such-bucket-here"
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    units = [UNIT, "2022/0501_旅行"]
    table.mark_upload(units)
    with pytest.raises(RemoteError, match="no-such-bucket-here"):
        backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan, units=units)
    for key in units:
        row = table.require(key)
        assert row.status == State.UPLOAD and row.sync_start == ""  # not reported started
    assert not [p for p in data_dir.rglob("*") if "journal" in p.name]  # the plans made meanwhile wrote nothing


def test_the_first_part_is_read_while_the_multipart_upload_is_created(
    settings: Settings, data_dir: Path, album: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(album / UNIT / "video.mov", os.urandom(11 * MIB))  # 3 parts of 5 MiB
    first_read = threading.Event()
    seen: list[bool] = []
    read_into = upload_send._read_into

    def reading(fh: Any, view: memoryview) -> memoryview:
        first_read.set()
        return read_into(fh, view)

    class Creating(Transfer):
        def create_multipart(self, *args: Any, **kwargs: Any) -> str:
            seen.append(first_read.wait(10))  # read only after the upload is open: never set in time
            return super().create_multipart(*args, **kwargs)

    monkeypatch.setattr(upload_send, "_read_into", reading)
    monkeypatch.setattr(upload, "Transfer", Creating)
    table, report = _run(settings, data_dir)
    assert seen == [True]
    assert not report.failed and table.require(UNIT).status == State.SYNCHRONIZED


class Heads(Transfer):
    """Records the HEADs; holds the single PUTs of small files until the large file's HEAD (so the unit still
    sends when the large file completes), and can make the HEAD answer lie or fail."""

    keys: list[str] = []
    headed = threading.Event()
    answer: Any = None  # a function of the real answer, or an exception to raise

    def head(self, key: str, part_number: int | None = None) -> Any:
        self.keys.append(key)
        self.headed.set()
        if isinstance(Heads.answer, Exception):
            raise Heads.answer
        real = super().head(key, part_number)
        return Heads.answer(real) if Heads.answer is not None else real

    def put(self, key: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        if key.endswith(".jpg"):
            self.headed.wait(10)
        return super().put(key, data, *args, **kwargs)


@pytest.fixture
def heads(settings: Settings, album: Path, monkeypatch: pytest.MonkeyPatch) -> type[Heads]:
    write(album / UNIT / "video.mov", os.urandom(6 * MIB))  # 2 parts of 5 MiB
    settings.concurrency = 2
    Heads.keys, Heads.headed, Heads.answer = [], threading.Event(), None
    monkeypatch.setattr(upload, "Transfer", Heads)
    return Heads


def test_a_multipart_object_is_checked_by_head_while_its_unit_still_sends(
    settings: Settings, data_dir: Path, heads: type[Heads]
) -> None:
    table, report = _run(settings, data_dir)
    assert not report.failed and table.require(UNIT).status == State.SYNCHRONIZED
    assert heads.keys == [f"10_Album/{UNIT}/video.mov"]  # the small file: the listing; no class probe either


def test_a_wrong_class_in_that_head_fails_the_file(settings: Settings, data_dir: Path, heads: type[Heads]) -> None:
    heads.answer = lambda real: {**real, "StorageClass": "GLACIER_IR"}
    settings.storage_class = "DEEP_ARCHIVE"
    table, report = _run(settings, data_dir)
    [unit] = report.units
    assert not unit.ok and "video.mov" in unit.error and "in GLACIER_IR in S3, expected DEEP_ARCHIVE" in unit.error
    assert table.require(UNIT).status == State.CHECK_FILE_UPLOAD


def test_a_head_that_cannot_be_made_leaves_the_check_to_the_listing(
    settings: Settings, data_dir: Path, heads: type[Heads]
) -> None:
    heads.answer = RemoteError("Access Denied (s3:GetObject)")
    table, report = _run(settings, data_dir)
    assert not report.failed and table.require(UNIT).status == State.SYNCHRONIZED


def test_that_head_proves_a_listing_blind_to_classes_without_another_probe(
    settings: Settings, data_dir: Path, heads: type[Heads], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``rclone serve s3`` lists every object as STANDARD; the HEAD after the upload already showed the class."""
    settings.storage_class = "DEEP_ARCHIVE"
    real_list = upload.list_objects

    def blind(*args: Any, **kwargs: Any) -> Any:
        for o in real_list(*args, **kwargs):
            yield RemoteObject(o.key, o.size, "STANDARD", o.etag, o.last_modified)

    real_head = upload.head_object

    def probe(client: Any, bucket: str, key: str) -> Any:
        heads.keys.append(f"probe {key}")
        return real_head(client, bucket, key)

    monkeypatch.setattr(upload, "list_objects", blind)
    monkeypatch.setattr(upload, "head_object", probe)
    table, report = _run(settings, data_dir)
    assert not report.failed and table.require(UNIT).status == State.SYNCHRONIZED
    assert heads.keys == [f"10_Album/{UNIT}/video.mov"]  # no "probe ..." after it


def test_without_that_head_the_blind_listing_is_probed(
    settings: Settings, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same blind listing with small files only: one HEAD proves it (the test above can tell the two apart)."""
    settings.storage_class = "DEEP_ARCHIVE"
    real_list, real_head = upload.list_objects, upload.head_object
    probes: list[str] = []

    def blind(*args: Any, **kwargs: Any) -> Any:
        for o in real_list(*args, **kwargs):
            yield RemoteObject(o.key, o.size, "STANDARD", o.etag, o.last_modified)

    def probe(client: Any, bucket: str, key: str) -> Any:
        probes.append(key)
        return real_head(client, bucket, key)

    monkeypatch.setattr(upload, "list_objects", blind)
    monkeypatch.setattr(upload, "head_object", probe)
    table, report = _run(settings, data_dir)
    assert not report.failed and table.require(UNIT).status == State.SYNCHRONIZED
    assert probes == [f"10_Album/{UNIT}/リレー.jpg"]
