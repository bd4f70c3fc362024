"""Resume after a kill between S3 storing an object and the journal recording it: adopt from facts, never stuck.

The kill instant is reproduced without timing: the journal's ``file_done`` of one file fails (as if the
process died right there: the file is not recorded, the unit is not finished), so S3 holds the completed
object - a multipart one, with moto's COMPOSITE checksum without the ``-N`` suffix - and the journal only the
open upload.  The next run must adopt it (no byte sent
again); an object that is not the local file is refused with a message that names ``--allow-overwrite``,
which then really replaces it.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

import pytest

from glacier_gui.core.ledger.manifest import Journal
from glacier_gui.core.ledger.status import State
from glacier_gui.core.restore.verify import verify_units
from glacier_gui.core.s3.client import layout_for, make_client
from glacier_gui.core.s3.probe import load_manifest
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.conftest import write

UNIT = "2022/0601_運動会"
VIDEO = "video.mp4"
KEY = f"10_Album/{UNIT}/{VIDEO}"
PART = 5 * 2**20


@pytest.fixture
def video(album: Path) -> Path:
    return write(album / "2022" / "0601_運動会" / VIDEO, os.urandom(2 * PART + 4321))


def marked(settings: Settings, data_dir: Path):
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    return table, summary


def killed_after_s3_stored(settings: Settings, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Upload the unit; the journal never records the video (the process "dies" as it is about to)."""
    table, summary = marked(settings, data_dir)
    real_file_done = Journal.file_done

    def dying(journal: Journal, entry) -> None:
        if entry.path == VIDEO:
            raise OSError("killed")
        real_file_done(journal, entry)

    monkeypatch.setattr(Journal, "file_done", dying)
    [unit] = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan).units
    assert not unit.ok and "killed" in unit.error
    monkeypatch.setattr(Journal, "file_done", real_file_done)


def counted_client(settings: Settings) -> tuple[object, list[str]]:
    client = make_client(settings)
    sent: list[str] = []
    for name in ("put_object", "upload_part", "create_multipart_upload", "complete_multipart_upload"):
        real = getattr(client, name)
        setattr(
            client, name, lambda _real=real, _name=name, **kw: (sent.append(f"{_name} {kw['Key']}"), _real(**kw))[1]
        )
    return client, sent


def test_kill_after_multipart_completed_is_adopted_without_sending_again(
    settings: Settings, data_dir: Path, s3, bucket: str, video: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.concurrency = 1
    killed_after_s3_stored(settings, data_dir, monkeypatch)
    head = s3.head_object(Bucket=bucket, Key=KEY, ChecksumMode="ENABLED")
    assert head["ContentLength"] == video.stat().st_size  # S3 has it all; our records do not
    assert head["ETag"].strip('"').endswith("-3")
    _files, open_uploads = Journal.for_unit(data_dir, bucket, "", "10_Album", UNIT).read()
    assert VIDEO in open_uploads  # the journal saw the upload start, never its end

    table, summary = marked(settings, data_dir)
    client, sent = counted_client(settings)
    report = backup.upload_marked(settings, table, data_dir, client, scan=summary.scan)
    [unit] = report.units
    assert unit.ok, unit.error
    assert not [s for s in sent if VIDEO in s]  # adopted: not one byte of the video again
    assert table.require(UNIT).status == State.SYNCHRONIZED
    manifest, _ = load_manifest(client, bucket, layout_for(settings), data_dir, UNIT)
    entry = manifest.files[VIDEO]
    assert entry.sha256 == hashlib.sha256(video.read_bytes()).hexdigest()
    assert entry.s3_checksum.endswith("-3")
    [check] = verify_units(client, bucket, layout_for(settings), data_dir, [UNIT])
    assert check.ok, check.problems


def test_adopted_although_the_part_size_setting_changed_and_the_journal_is_gone(
    settings: Settings, data_dir: Path, s3, bucket: str, video: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The journal lost too (a CreateMultipartUpload answer lost, or the data folder reset) and a larger part
    size configured now: S3's part 1 says the part size the object was sent with."""
    settings.concurrency = 1
    killed_after_s3_stored(settings, data_dir, monkeypatch)
    Journal.for_unit(data_dir, bucket, "", "10_Album", UNIT).remove()
    settings.part_size_mib = 8
    table, summary = marked(settings, data_dir)
    client, sent = counted_client(settings)
    [unit] = backup.upload_marked(settings, table, data_dir, client, scan=summary.scan).units
    assert unit.ok, unit.error
    assert not [s for s in sent if VIDEO in s]


def put_multipart(s3, bucket: str, key: str, data: bytes, mtime: float) -> None:
    """A multipart upload by hand, as another run of this app would have sent it (SHA-256 parts, mtime)."""
    upload = s3.create_multipart_upload(
        Bucket=bucket,
        Key=key,
        ChecksumAlgorithm="SHA256",
        StorageClass="STANDARD",
        Metadata={"mtime": repr(mtime)},
    )["UploadId"]
    parts = []
    for n, start in enumerate(range(0, len(data), PART), start=1):
        chunk = data[start : start + PART]
        b64 = base64.b64encode(hashlib.sha256(chunk).digest()).decode()
        etag = s3.upload_part(
            Bucket=bucket,
            Key=key,
            UploadId=upload,
            PartNumber=n,
            Body=chunk,
            ChecksumAlgorithm="SHA256",
            ChecksumSHA256=b64,
        )["ETag"]
        parts.append({"PartNumber": n, "ETag": etag, "ChecksumSHA256": b64})
    s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload, MultipartUpload={"Parts": parts})


@pytest.mark.parametrize("multipart", [True, False], ids=["multipart", "single-put"])
def test_same_size_and_date_but_other_bytes_is_refused_then_replaced_with_allow_overwrite(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path, multipart: bool
) -> None:
    settings.storage_class = "STANDARD"  # so the test can read the objects back
    size = 2 * PART + 99 if multipart else 3000
    local = write(album / "2022" / "0601_運動会" / VIDEO, os.urandom(size))
    other = os.urandom(size)
    mtime = local.stat().st_mtime
    if multipart:
        put_multipart(s3, bucket, KEY, other, mtime)
    else:
        s3.put_object(Bucket=bucket, Key=KEY, Body=other, ChecksumAlgorithm="SHA256", Metadata={"mtime": repr(mtime)})
    table, summary = marked(settings, data_dir)
    report = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan)
    [unit] = report.units
    assert not unit.ok
    assert "cannot be proven the same" in unit.error and "different content" in unit.error
    assert VIDEO in unit.error and "--allow-overwrite" in unit.error
    assert s3.get_object(Bucket=bucket, Key=KEY)["Body"].read() == other  # nothing was overwritten
    row = table.require(UNIT)
    assert row.status == State.CHECK_FILE_UPLOAD and "--allow-overwrite" in row.last_error

    settings.allow_overwrite = True
    [unit] = backup.upload_marked(settings, table, data_dir, make_client(settings), units=[UNIT]).units
    assert unit.ok, unit.error
    assert unit.overwrites == 1
    assert s3.get_object(Bucket=bucket, Key=KEY)["Body"].read() == local.read_bytes()
    assert table.require(UNIT).status == State.SYNCHRONIZED


def test_object_with_another_date_is_a_conflict_not_an_error(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path
) -> None:
    local = write(album / "2022" / "0601_運動会" / VIDEO, b"v" * 3000)
    s3.put_object(Bucket=bucket, Key=KEY, Body=local.read_bytes(), Metadata={"mtime": "12345.0"})
    table, summary = marked(settings, data_dir)
    [unit] = backup.upload_marked(settings, table, data_dir, make_client(settings), scan=summary.scan).units
    assert not unit.ok and "another modification time" in unit.error and "--allow-overwrite" in unit.error
