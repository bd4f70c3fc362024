"""A new computer finds its backup with exactly the app's IAM policy: the region from HeadBucket (no
GetBucketLocation), the albums from a delimited listing of the reserved prefix, and the rebuilt list with no album
folder (the IAM-checking S3 server of tests/test_least_privilege.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from glacier_gui.core.ledger.status import State
from glacier_gui.core.restore.rebuild import rebuild_status
from glacier_gui.core.s3.albums import bucket_region, list_albums
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.upload import backup
from tests.test_least_privilege import iam_server, iam_settings  # noqa: F401 - the fixtures

UNIT = "2022/0601_運動会"


def test_a_new_computer_finds_the_album_with_only_the_policy(
    iam_server,  # noqa: F811 - the fixture imported above
    iam_settings: Settings,  # noqa: F811
    data_dir: Path,
    tmp_path: Path,
) -> None:
    settings = iam_settings
    client = make_client(settings, credentials=iam_server.user)
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    assert not backup.upload_marked(settings, table, data_dir, client, scan=summary.scan).failed

    fresh = make_client(replace(settings, region=""), credentials=iam_server.user)
    assert bucket_region(fresh, settings.bucket) == "us-east-1"
    [album] = list_albums(fresh, settings.bucket)
    assert (album.name, album.units, album.level) == ("10_Album", 1, 2)
    new_pc = replace(settings, album_root="", bucket_album=album.name, status_file=str(tmp_path / "status.csv"))
    report = rebuild_status(fresh, new_pc, tmp_path / "new-data")
    assert [(r.unit, r.status) for r in report.table.rows] == [(UNIT, State.CHECK_NOT_EXISTS)]
