"""The CLI's one error boundary: whatever goes wrong, one line in plain words, the right exit status, a traceback
only in the log file, and status.csv untouched.

Exit 2 is for bad input alone (usage, settings, a status.csv that cannot be read as one); S3 refusing or being
away, a file in the way, and our own bugs are exit 1.
"""

from __future__ import annotations

import errno
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from glacier_gui import cli
from glacier_gui.cli import main
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args, write

REPO = Path(__file__).resolve().parents[1]
TRAVEL = "2022/0501_旅行"


def run(*args: str) -> int:
    return main(list(args))


def one_line(err: str) -> str:
    err = err.strip()
    assert "Traceback" not in err and "\n" not in err, err
    return err


def failing_command(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """``status`` raises *error* (as a bug or the OS would) after loading nothing."""

    def broken(args: object, held: ExitStack) -> int:
        raise error

    monkeypatch.setitem(cli.COMMANDS, "status", cli.COMMANDS["status"]._replace(run=broken))


def scanned(settings: Settings, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    assert run("scan", *cli_args(settings, data_dir)) == 0
    capsys.readouterr()
    return Path(settings.status_file).read_bytes()


# ---- the boundary ----------------------------------------------------------------------------------------
def test_a_bug_is_one_line_exit_1_and_its_traceback_goes_to_the_log(
    settings: Settings, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = scanned(settings, data_dir, capsys)
    failing_command(monkeypatch, RuntimeError("the unexpected happened"))
    assert run("status", *cli_args(settings, data_dir)) == 1
    err = one_line(capsys.readouterr().err)
    log = data_dir / "logs" / "glacier_gui.log"
    assert err == f"glacier-gui: error: unexpected RuntimeError: the unexpected happened (details in {log})"
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: the unexpected happened" in text
    assert Path(settings.status_file).read_bytes() == before


@pytest.mark.parametrize(
    "error, words",
    [
        (OSError(errno.ENOSPC, "No space left on device", "/nas/album/status.csv"), "the disk is full: cannot write"),
        (PermissionError(errno.EACCES, "Permission denied", "/nas/album/status.csv"), "permission denied:"),
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "/nas/album/status.csv"), "does not exist"),
        (UnicodeEncodeError("utf-8", "bad\udcfe", 3, 4, "surrogates not allowed"), "could not be encoded"),
    ],
)
def test_an_os_error_is_one_line_naming_the_file_exit_1(
    settings: Settings, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys, error: Exception, words: str
) -> None:
    failing_command(monkeypatch, error)
    assert run("status", *cli_args(settings, data_dir)) == 1
    err = one_line(capsys.readouterr().err)
    assert words in err
    if isinstance(error, OSError):
        assert "/nas/album/status.csv" in err
    assert "Traceback" in (data_dir / "logs" / "glacier_gui.log").read_text(encoding="utf-8")


class _Refusing(http.server.BaseHTTPRequestHandler):
    """An S3 endpoint that refuses everything, as a bucket policy or a dead account does."""

    def _deny(self) -> None:
        body = b"<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
        self.send_response(403)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _deny

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def refusing_s3() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_s3_refusing_is_a_remote_error_exit_1_not_bad_input(
    settings: Settings, data_dir: Path, refusing_s3: str, capsys
) -> None:
    args = cli_args(settings, data_dir)
    assert run("mark", "--upload", TRAVEL, *args) == 2  # before any scan: an unknown unit is bad input
    capsys.readouterr()
    scanned(settings, data_dir, capsys)
    assert run("mark", "--upload", TRAVEL, *args) == 0
    before = Path(settings.status_file).read_bytes()
    args[args.index("--endpoint-url") + 1] = refusing_s3
    assert run("upload", *args) == 1
    err = one_line(capsys.readouterr().err)
    assert "access denied by S3" in err and settings.bucket in err
    assert Path(settings.status_file).read_bytes() == before


def test_in_a_real_process_a_folder_in_place_of_status_csv_is_one_line(settings: Settings, data_dir: Path) -> None:
    Path(settings.status_file).mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "glacier_gui", "status", *cli_args(settings, data_dir)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        cwd=REPO,
        timeout=120,
    )
    assert done.returncode == 2  # the setting status_file names a folder: bad input
    err = one_line(done.stderr)
    assert err.startswith(f"glacier-gui: error: {settings.status_file} is a folder, where status.csv (a file) should")


# ---- restore fetch into a destination that changed -------------------------------------------------------------
@pytest.fixture
def started(settings: Settings, data_dir: Path, tmp_path: Path, capsys) -> Path:
    """TRAVEL uploaded in STANDARD (readable at once) and a restore job for it into tmp_path/restored."""
    args = [*cli_args(settings, data_dir), "--storage-class", "STANDARD"]
    assert run("scan", *args) == 0
    assert run("mark", "--upload", TRAVEL, *args) == 0
    assert run("upload", *args) == 0
    dest = tmp_path / "restored"
    assert run("restore", "start", "--unit", TRAVEL, "--dest", str(dest), "--yes", *args) == 0
    capsys.readouterr()
    return dest


def test_fetch_into_a_destination_that_became_a_file_is_one_line_exit_1(
    settings: Settings, data_dir: Path, started: Path, capsys
) -> None:
    write(started, b"I was put here later")
    assert run("restore", "fetch", *cli_args(settings, data_dir)) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    [line] = [line for line in captured.out.splitlines() if str(started) in line]
    assert f"the restore destination {started} is a file, not a folder" in line
    assert started.read_bytes() == b"I was put here later"


@pytest.mark.skipif(os.name == "nt", reason="read-only folders are made with chmod/chattr")
def test_fetch_into_a_read_only_destination_is_one_line_exit_1(
    settings: Settings, data_dir: Path, started: Path, capsys
) -> None:
    started.mkdir()
    started.chmod(0o555)
    immutable = False
    try:
        if os.access(started, os.W_OK):  # root: chmod does not stop it, the immutable flag does
            immutable = subprocess.run(["chattr", "+i", str(started)], capture_output=True).returncode == 0
            if not immutable:
                pytest.skip("cannot make a folder read-only here")
        assert run("restore", "fetch", *cli_args(settings, data_dir)) == 1
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err + captured.out
        [line] = [line for line in captured.out.splitlines() if str(started) in line]
        assert f"the restore destination {started} cannot be written" in line
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(started)], capture_output=True)
        started.chmod(0o755)
    assert list(started.iterdir()) == []
