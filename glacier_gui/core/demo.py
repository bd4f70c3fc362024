"""The embedded demo: a sample album and an S3-compatible endpoint on 127.0.0.1, no AWS account needed.

The endpoint is moto's server (the same one the tests use): it keeps DEEP_ARCHIVE, refuses GETs of archived
objects and implements restores.  Everything lives in memory and disappears when the demo ends.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from glacier_gui.core.demophotos import write_event_photo
from glacier_gui.core.settings import Settings

DEMO_BUCKET = "glacier-gui-demo"
DEMO_CREDENTIALS = {"aws_access_key_id": "demo", "aws_secret_access_key": "demo-not-a-secret"}

# Two levels: year / event, Japanese names as a real family album has them.
_EVENTS = {
    "2021/0401_帰省": 6,
    "2021/1224_クリスマス": 5,
    "2022/0501_旅行": 8,
    "2022/0601_運動会": 9,
    "2023/0101_お正月": 4,
}


def make_sample_album(root: Path, seed: int = 2022) -> Path:
    """Create (or refresh) a small album under *root*: a few dozen small photos (real JPEGs drawn by
    :mod:`glacier_gui.core.demophotos`, so browsing shows real thumbnails), plus one loose file and junk."""
    rng = random.Random(seed)
    album = root / "10_Album"
    to_draw = []
    for event, count in _EVENTS.items():
        folder = album.joinpath(*event.split("/"))
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(1, count + 1):
            photo = folder / f"IMG_{i:04d}.jpg"
            if not photo.exists():
                to_draw.append((photo, folder.name, i))
        (folder / "Thumbs.db").write_bytes(b"junk that is never uploaded")
    for photo, event, index in to_draw:  # about 50 ms each
        write_event_photo(photo, event, index)
    video = album / "2022" / "0601_運動会" / "リレー.mp4"
    if not video.exists():
        video.write_bytes(rng.randbytes(6 * 2**20 + 12345))  # larger than a part: sent as a multipart upload
    (album / "2022" / "メモ.txt").write_text("2022年の写真のメモ\n", encoding="utf-8")  # a file above the unit level
    (album / "2022" / "@eaDir").mkdir(exist_ok=True)  # Synology's thumbnails: skipped
    return album


@dataclass
class DemoEndpoint:
    url: str
    bucket: str


@contextmanager
def demo_endpoint(bucket: str = DEMO_BUCKET) -> Iterator[DemoEndpoint]:
    """Run moto's S3 server on 127.0.0.1 (a free port) with *bucket* created; stopped on exit."""
    from moto.server import ThreadedMotoServer  # heavy import: only when the demo runs

    os.environ.setdefault("MOTO_ALLOW_NONEXISTENT_REGION", "true")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        port = server._server.server_address[1]  # type: ignore[union-attr]  # moto has no public accessor
        url = f"http://127.0.0.1:{port}"
        from glacier_gui.core.s3.bucket_setup import BucketOptions, create_backup_bucket
        from glacier_gui.core.s3.client import make_client

        client = make_client(Settings(endpoint_url=url, region="us-east-1"), credentials=DEMO_CREDENTIALS)
        # Set up as the wizard would, less the write-once bucket policy: moto cannot read its conditions and would
        # refuse every write (the app's writes carry If-None-Match all the same).
        create_backup_bucket(client, bucket, "us-east-1", BucketOptions(write_once_policy=False))
        yield DemoEndpoint(url, bucket)
    finally:
        server.stop()


def demo_settings(album: Path, endpoint: DemoEndpoint, data_dir: Path) -> Settings:
    """Settings for the demo: level 2, Deep Archive, small parts so the video shows a multipart upload."""
    return Settings(
        album_root=str(album),
        level=2,
        bucket=endpoint.bucket,
        endpoint_url=endpoint.url,
        region="us-east-1",
        storage_class="DEEP_ARCHIVE",
        concurrency=4,
        part_size_mib=5,
        status_file=str(data_dir / "status.csv"),
    )
