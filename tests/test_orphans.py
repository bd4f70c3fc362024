"""Multipart uploads nobody resumes (a CreateMultipartUpload whose answer was lost) are aborted at the next run.

Only under this album's prefixes (data and ``.glacier_gui/<root>/``), only those no journal owns: an upload the
journal recorded is resumed, not aborted, even when its unit is not part of the run.  moto dates every open
upload 2010, so the engine's "at least an hour old" guard lets these through.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import botocore.exceptions
import pytest

from glacier_gui.core.progress import CancelToken
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.conftest import write


def open_uploads(s3, bucket: str) -> dict[str, str]:
    return {u["UploadId"]: u["Key"] for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])}


def run(settings: Settings, data_dir: Path, units: list[str], client=None, cancel: CancelToken | None = None):
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload(units)
    return backup.upload_marked(
        settings, table, data_dir, client or make_client(settings), units=units, cancel=cancel, scan=summary.scan
    )


def test_orphans_under_the_album_are_aborted_others_left_alone(
    settings: Settings, data_dir: Path, s3, bucket: str, caplog: pytest.LogCaptureFixture
) -> None:
    def start(key: str) -> str:
        return s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]

    orphan = start("10_Album/2022/0601_運動会/video.mp4")  # its answer was lost: no journal knows it
    orphan_elsewhere = start("10_Album/2021/0401_帰省/big.mov")  # another unit of the album: also nobody's
    reserved = start(".glacier_gui/10_Album/thumbs/2022/0601_運動会.tar")
    outside = start("other-tool/backup.bin")
    other_album = start("10_Album_old/2022/x.mov")
    other_reserved = start(".glacier_gui/OtherAlbum/thumbs/x.tar")
    caplog.set_level(logging.INFO, logger="glacier_gui")
    report = run(settings, data_dir, ["2022/0601_運動会"])
    assert not report.failed
    left = open_uploads(s3, bucket)
    assert orphan not in left and orphan_elsewhere not in left and reserved not in left
    assert {outside, other_album, other_reserved} <= set(left)
    lines = [r.getMessage() for r in caplog.records if "aborted an unfinished upload" in r.getMessage()]
    assert len(lines) == 3
    assert any("10_Album/2022/0601_運動会/video.mp4" in line and "started 2010-" in line for line in lines)


def test_an_upload_the_journal_owns_is_resumed_not_aborted(
    settings: Settings, data_dir: Path, s3, bucket: str, album: Path
) -> None:
    write(album / "2022" / "0601_運動会" / "video.mp4", os.urandom(5 * 2**20 * 2 + 1000))
    settings.concurrency = 1
    client = make_client(settings)
    cancel = CancelToken()
    real_upload_part = client.upload_part

    def upload_part(**kwargs):
        answer = real_upload_part(**kwargs)
        cancel.cancel()  # Stop after the first part
        return answer

    client.upload_part = upload_part
    first = run(settings, data_dir, ["2022/0601_運動会"], client=client, cancel=cancel)
    assert first.failed
    [owned] = open_uploads(s3, bucket)

    # A run of another unit leaves it alone (the journal owns it) ...
    assert not run(settings, data_dir, ["2021/0401_帰省"]).failed
    assert owned in open_uploads(s3, bucket)
    # ... and the unit's own next run resumes it.
    [unit] = run(settings, data_dir, ["2022/0601_運動会"]).units
    assert unit.ok, unit.error
    assert unit.parts_resumed >= 1
    assert not open_uploads(s3, bucket)


def test_without_permission_to_list_uploads_the_run_goes_on(
    settings: Settings, data_dir: Path, s3, bucket: str, caplog: pytest.LogCaptureFixture
) -> None:
    orphan = s3.create_multipart_upload(Bucket=bucket, Key="10_Album/2022/0601_運動会/x.mov")["UploadId"]
    client = make_client(settings)
    real_paginator = client.get_paginator

    def get_paginator(name: str):
        if name == "list_multipart_uploads":
            raise botocore.exceptions.ClientError(
                {"Error": {"Code": "AccessDenied", "Message": "denied"}}, "ListMultipartUploads"
            )
        return real_paginator(name)

    client.get_paginator = get_paginator
    caplog.set_level(logging.INFO, logger="glacier_gui")
    assert not run(settings, data_dir, ["2022/0601_運動会"], client=client).failed
    lines = [r.getMessage() for r in caplog.records if "s3:ListBucketMultipartUploads" in r.getMessage()]
    assert len(lines) == 1
    assert orphan in open_uploads(s3, bucket)


def test_a_dry_run_aborts_nothing(settings: Settings, data_dir: Path, s3, bucket: str) -> None:
    orphan = s3.create_multipart_upload(Bucket=bucket, Key="10_Album/2022/0601_運動会/x.mov")["UploadId"]
    settings.dry_run = True
    assert not run(settings, data_dir, ["2022/0601_運動会"]).failed
    assert orphan in open_uploads(s3, bucket)
