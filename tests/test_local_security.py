"""Transport and local files: no http:// to AWS, a private data folder (POSIX), secrets masked in the log."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from glacier_gui.cli import main
from glacier_gui.core.atomic import atomic_write, private_folder
from glacier_gui.core.logs import redact, setup_logging
from glacier_gui.core.setting_checks import check_endpoint
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"  # AWS's documented example, not a real key


# ---- endpoints --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "http://s3.us-east-1.amazonaws.com",
        "HTTP://s3.amazonaws.com/",
        "http://bucket.s3.ap-northeast-1.amazonaws.com:80",
        "http://s3.cn-north-1.amazonaws.com.cn",
        "http://s3.dualstack.us-east-1.amazonaws.com.",
        "http://s3.us-east-1.api.aws",
    ],
)
def test_http_to_an_aws_host_is_refused(url: str) -> None:
    assert "unencrypted" in str(check_endpoint(url))


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://s3.us-east-1.amazonaws.com",
        "http://127.0.0.1:9000",
        "http://localhost:9000",
        "http://[::1]:9000",
        "http://nas.local:9000",  # an S3-compatible server on the home network, named explicitly
        "http://192.168.1.20:9000",
        "http://amazonaws.com.example.org",  # not Amazon's
    ],
)
def test_https_loopback_and_explicit_s3_compatible_hosts_are_allowed(url: str) -> None:
    assert check_endpoint(url) is None


def test_the_cli_refuses_http_to_aws_with_one_line(settings: Settings, data_dir: Path, capsys) -> None:
    args = cli_args(settings, data_dir)
    args[args.index("--endpoint-url") + 1] = "http://s3.us-east-1.amazonaws.com"
    assert main(["verify", "--unit", "2021/0401_帰省", *args]) == 2
    err = capsys.readouterr().err
    assert "http://s3.us-east-1.amazonaws.com" in err and "https://" in err and "Traceback" not in err


# ---- the data folder --------------------------------------------------------------------------------------
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_the_data_folder_is_private_and_so_are_its_files(settings: Settings, tmp_path: Path, album: Path) -> None:
    old = os.umask(0o022)  # the usual one: 0755 folders, 0644 files
    try:
        data = tmp_path / "loose"
        data.mkdir(mode=0o755)
        os.chmod(data, 0o755)  # a data folder from an older version
        args = cli_args(settings, data)
        args[args.index("--status-file") + 1] = str(data / "status.csv")
        assert main(["scan", *args]) == 0
        assert main(["upload", "--unit", "2021/0401_帰省", *args]) == 0
        restore = ["restore", "start", "--unit", "2021/0401_帰省", "--dest", str(tmp_path / "r"), "--yes"]
        assert main([*restore, *args]) == 0
    finally:
        os.umask(old)
    assert mode(data) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"status.csv", "glacier_gui.log", "status.csv.lock"} <= names
    assert any(p.parent.name == "manifests" for p in files) and any(p.parent.name == "restore_jobs" for p in files)
    assert {str(p.relative_to(data)): oct(mode(p)) for p in files if mode(p) != 0o600} == {}


@posix_only
def test_private_folder_leaves_a_tight_folder_and_atomic_files_are_0600(tmp_path: Path) -> None:
    tight = private_folder(tmp_path / "a" / "b")
    assert mode(tight) == 0o700
    os.chmod(tight, 0o500)
    private_folder(tight)
    assert mode(tight) == 0o500  # only ever tightened
    os.chmod(tight, 0o700)
    atomic_write(tight / "x.json", "{}")
    assert mode(tight / "x.json") == 0o600


# ---- the log ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (f"secret {SECRET} in a message", "secret *** in a message"),
        (f"'{SECRET}'", "'***'"),
        ("AKIAIOSFODNN7EXAMPLE", "***"),
        ("aws_secret_access_key = abc", "aws_***"),
    ],
)
def test_secret_like_strings_are_masked(text: str, masked: str) -> None:
    assert redact(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",  # a SHA-1 in hex: lower case only
        f"{SECRET}X",  # part of a longer run
        "RPg1RJSlugO6F5Ko0+nFNMR6kYGYD956P0SwbvKufH8=",  # a SHA-256 checksum (44 characters)
        "10_Album/2021/0401_帰省/IMG_0001.jpg",
        "2022/0601/Photos/Summer/Beach/Day1/Morning/IMG.jpg",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_the_log_file_masks_a_bare_secret_in_messages_and_tracebacks(tmp_path: Path) -> None:
    log_path = setup_logging(tmp_path / "data", console_level=None)
    assert log_path is not None
    log = logging.getLogger("glacier_gui.test")
    log.warning("a key id AKIAIOSFODNN7EXAMPLE and a secret %s", SECRET)
    try:
        raise ValueError(f"boto said {SECRET}")
    except ValueError:
        log.exception("failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_path.read_text(encoding="utf-8")
    assert "a key id *** and a secret ***" in text and "boto said ***" in text
    assert SECRET not in text and "AKIAIOSFODNN7EXAMPLE" not in text
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_glacier_gui", False):
            root.removeHandler(handler)
            handler.close()
