"""Shared fixtures: a real S3 server (moto, HTTP on 127.0.0.1) and small albums on disk.

Nothing here talks to the internet: dummy credentials, the endpoint on loopback, and the AWS config files
pointed away from the user's own.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["AWS_ACCESS_KEY_ID"] = "testing"
os.environ["AWS_SECRET_ACCESS_KEY"] = "testing"
os.environ["AWS_DEFAULT_REGION"] = "us-east-1"
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_ENDPOINT_URL_S3", None)

from glacier_gui.core.settings import Settings

# The original script's status.csv example (copied from shared/seed/, so a plain clone runs the tests too).
SEED = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def s3_url() -> Iterator[str]:
    """moto's S3 server in this process, on a free port of 127.0.0.1."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    port = server._server.server_address[1]
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(s3_url: str):
    import boto3

    return boto3.client("s3", endpoint_url=s3_url, region_name="us-east-1")


@pytest.fixture
def bucket(s3) -> str:
    name = f"test-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture
def album(tmp_path: Path) -> Path:
    """10_Album/{2021/0401_帰省, 2022/0501_旅行, 2022/0601_運動会} with a few small files and some junk."""
    root = tmp_path / "10_Album"
    write(root / "2021" / "0401_帰省" / "IMG_0001.jpg", b"a" * 1000)
    write(root / "2021" / "0401_帰省" / "IMG_0002.jpg", b"b" * 2000)
    write(root / "2022" / "0501_旅行" / "DSC_0001.jpg", b"c" * 3000)
    write(root / "2022" / "0501_旅行" / "sub" / "DSC_0002.jpg", b"d" * 500)
    write(root / "2022" / "0601_運動会" / "リレー.jpg", b"e" * 4000)
    write(root / "2022" / "0601_運動会" / "Thumbs.db", b"junk")
    write(root / "2022" / "@eaDir" / "x.jpg", b"synology thumbnail")
    return root


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def settings(album: Path, s3_url: str, bucket: str, data_dir: Path) -> Settings:
    return Settings(
        album_root=str(album),
        level=2,
        bucket=bucket,
        endpoint_url=s3_url,
        region="us-east-1",
        concurrency=4,
        part_size_mib=5,
        status_file=str(data_dir / "status.csv"),
        thumbnails=False,  # on by default; tests/test_thumbstore.py and test_browse_cli.py turn it on
    )


def cli_args(settings: Settings, data_dir: Path) -> list[str]:
    """The common CLI options that point a command at *settings*."""
    return [
        "--root",
        settings.album_root,
        "--level",
        str(settings.level),
        "--bucket",
        settings.bucket,
        "--endpoint-url",
        settings.endpoint_url,
        "--region",
        settings.region,
        "--data-dir",
        str(data_dir),
        "--status-file",
        settings.status_file,
        "--part-size",
        str(settings.part_size_mib),
        "--concurrency",
        str(settings.concurrency),
        "--no-progress",
        "--thumbnails" if settings.thumbnails else "--no-thumbnails",
    ]


MOTO_SERVED = pytest.StashKey[str]()
"""The moto version of the IAM-checking server (tests/test_least_privilege.py), printed at the end of the run."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    served = config.stash.get(MOTO_SERVED, None)
    if served is not None:
        terminalreporter.write_line(f"least privilege: IAM decided by AWS's actions on moto {served}")
