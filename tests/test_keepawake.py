"""Keeping the computer awake: every OS path through its seams, the real Linux inhibitor when it exists, and what
the user sees when it cannot be held (Linux: the log file only; Windows: a warning on the console too)."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from glacier_gui.core.homelink import keepawake
from glacier_gui.core.homelink.keepawake import ES_CONTINUOUS, ES_SYSTEM_REQUIRED, KeepAwake
from glacier_gui.core.logs import setup_logging
from glacier_gui.core.settings import Settings
from tests.conftest import cli_args


@pytest.fixture(autouse=True)
def fresh_log_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keepawake, "_said", set())


class FakeStream:
    def __init__(self, data: bytes = b"") -> None:
        self.data, self.closed = data, False

    def read(self) -> bytes:
        return self.data

    def close(self) -> None:
        self.closed = True


class FakeProc:
    """Runs until its stdin is closed (like ``cat``) or it is terminated; or exits at once with *fail*."""

    def __init__(self, argv: list[str], kwargs: dict[str, Any], fail: bytes | None, eof_ends: bool) -> None:
        self.argv, self.kwargs = argv, kwargs
        self.stdin: Any = FakeStream() if kwargs.get("stdin") == subprocess.PIPE else None
        self.stderr: Any = FakeStream(fail or b"")
        self.returncode: int | None = 1 if fail is not None else None
        self.eof_ends = eof_ends
        self.terminated = self.killed = False

    def poll(self) -> int | None:
        if self.returncode is None and self.eof_ends and self.stdin is not None and self.stdin.closed:
            self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.poll() is None:
            raise subprocess.TimeoutExpired(self.argv, timeout or 0)
        assert self.returncode is not None
        return self.returncode

    def terminate(self) -> None:
        self.terminated, self.returncode = True, -15

    def kill(self) -> None:
        self.killed, self.returncode = True, -9


class FakePopen:
    def __init__(self, fail: bytes | None = None, eof_ends: bool = True) -> None:
        self.fail, self.eof_ends = fail, eof_ends
        self.procs: list[FakeProc] = []

    def __call__(self, argv: list[str], **kwargs: Any) -> FakeProc:
        proc = FakeProc(argv, kwargs, self.fail, self.eof_ends)
        self.procs.append(proc)
        return proc


# --- Windows ------------------------------------------------------------------------------------------------


class FakeSetState:
    def __init__(self, result: int = ES_CONTINUOUS) -> None:
        self.result = result
        self.calls: list[tuple[int, int, bool]] = []  # (flags, thread id, thread is daemon)

    def __call__(self, flags: int) -> int:
        current = threading.current_thread()
        self.calls.append((flags, threading.get_ident(), current.daemon))
        return self.result


def test_windows_sets_and_clears_the_state_from_one_dedicated_thread() -> None:
    fake = FakeSetState()
    awake = KeepAwake(platform="win32", set_state=fake)
    assert awake.acquire() is True
    assert awake.active
    assert [flags for flags, _, _ in fake.calls] == [ES_CONTINUOUS | ES_SYSTEM_REQUIRED]
    holder = fake.calls[0][1]
    assert holder != threading.get_ident()  # not the caller's (maybe short-lived) thread
    assert awake.acquire() is True  # idempotent: no second call
    assert len(fake.calls) == 1
    awake.release()
    assert [flags for flags, _, _ in fake.calls] == [ES_CONTINUOUS | ES_SYSTEM_REQUIRED, ES_CONTINUOUS]
    assert fake.calls[1][1] == holder  # cleared by the same thread that set it
    assert not awake.active
    assert not any(t.ident == holder for t in threading.enumerate())  # and that thread is gone
    awake.release()
    assert len(fake.calls) == 2


def test_windows_holds_across_threads_that_come_and_go() -> None:
    fake = FakeSetState()
    awake = KeepAwake(platform="win32", set_state=fake)
    starter = threading.Thread(target=awake.acquire)
    starter.start()
    starter.join()
    assert awake.active  # the hold outlives the thread that asked for it
    awake.release()
    assert [flags for flags, _, _ in fake.calls] == [ES_CONTINUOUS | ES_SYSTEM_REQUIRED, ES_CONTINUOUS]


def test_windows_refusal_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeSetState(result=0)
    with caplog.at_level(logging.WARNING, logger=keepawake.__name__):
        assert KeepAwake(platform="win32", set_state=fake).acquire() is False
    assert "refused" in caplog.text
    assert len(fake.calls) == 1  # nothing to clear


def test_released_on_exceptions() -> None:
    fake = FakeSetState()
    with pytest.raises(RuntimeError), KeepAwake(platform="win32", set_state=fake) as awake:
        assert awake.active
        raise RuntimeError("upload failed")
    assert not awake.active
    assert fake.calls[-1][0] == ES_CONTINUOUS


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows fallback")
def test_windows_path_without_windows_is_a_logged_no_op(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger=keepawake.__name__):
        assert KeepAwake(platform="win32").acquire() is False
    assert "Could not keep the computer awake" in caplog.text


# --- macOS ------------------------------------------------------------------------------------------------------


def test_macos_runs_caffeinate_bound_to_our_pid() -> None:
    popen = FakePopen(eof_ends=False)
    awake = KeepAwake(platform="darwin", popen=popen, pid=4242)
    assert awake.acquire() is True
    (proc,) = popen.procs
    assert proc.argv == ["caffeinate", "-i", "-w", "4242"]
    assert proc.kwargs["stdin"] == subprocess.DEVNULL
    awake.acquire()
    assert len(popen.procs) == 1
    awake.release()
    assert proc.terminated and not proc.killed
    assert not awake.active


def test_macos_without_caffeinate(caplog: pytest.LogCaptureFixture) -> None:
    def missing(argv: list[str], **kwargs: Any) -> FakeProc:
        raise FileNotFoundError(2, "No such file or directory", argv[0])

    with caplog.at_level(logging.WARNING, logger=keepawake.__name__):
        awake = KeepAwake(platform="darwin", popen=missing)
        assert awake.acquire() is False
    assert "caffeinate" in caplog.text
    awake.release()


# --- Linux ------------------------------------------------------------------------------------------------------


def test_linux_runs_systemd_inhibit_around_a_pipe() -> None:
    popen = FakePopen()
    awake = KeepAwake("Uploading 3 folders", platform="linux", popen=popen, which=lambda _: "/usr/bin/systemd-inhibit")
    assert awake.acquire() is True
    (proc,) = popen.procs
    assert proc.argv == [
        "/usr/bin/systemd-inhibit",
        "--what=sleep:idle",
        "--who=glacier_gui",
        "--why=Uploading 3 folders",
        "--mode=block",
        "cat",
    ]
    assert proc.kwargs["stdin"] == subprocess.PIPE
    awake.release()
    assert proc.stdin.closed and proc.returncode == 0
    assert not proc.terminated  # ended by closing the pipe, not by a signal


def test_linux_helper_that_ignores_the_pipe_is_terminated() -> None:
    popen = FakePopen(eof_ends=False)
    awake = KeepAwake(platform="linux", popen=popen, which=lambda _: "/bin/systemd-inhibit")
    awake.acquire()
    started = time.monotonic()
    awake.release()
    assert popen.procs[0].terminated
    assert time.monotonic() - started < 5


def test_linux_without_systemd_inhibit_logs_once(caplog: pytest.LogCaptureFixture) -> None:
    popen = FakePopen()
    with caplog.at_level(logging.INFO, logger=keepawake.__name__):
        for _ in range(3):
            awake = KeepAwake(platform="linux", popen=popen, which=lambda _: None)
            assert awake.acquire() is False
            awake.release()
    assert not popen.procs
    assert caplog.text.count("systemd-inhibit not found") == 1


def test_linux_inhibitor_that_is_refused_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    popen = FakePopen(fail=b"Failed to connect to bus: No such file or directory\n")
    with caplog.at_level(logging.WARNING, logger=keepawake.__name__):
        awake = KeepAwake(platform="linux", popen=popen, which=lambda _: "/usr/bin/systemd-inhibit")
        assert awake.acquire() is False
        assert not awake.active
    assert "Failed to connect to bus" in caplog.text
    assert popen.procs[0].stdin.closed


def test_other_platforms_are_a_logged_no_op(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger=keepawake.__name__):
        assert KeepAwake(platform="freebsd13", popen=FakePopen()).acquire() is False
    assert "freebsd13" in caplog.text


def _fake_inhibitor(folder: Path) -> str:
    """A stand-in ``systemd-inhibit`` that, like the real one, runs its last argument and waits for it."""
    script = folder / "systemd-inhibit"
    script.write_text('#!/bin/sh\nfor last; do :; done\nexec "$last"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.mark.skipif(sys.platform == "win32" or shutil.which("cat") is None, reason="needs a POSIX shell and cat")
def test_linux_real_helper_process_ends_when_released(tmp_path: Path) -> None:
    awake = KeepAwake(platform="linux", which=lambda _: _fake_inhibitor(tmp_path))
    assert awake.acquire() is True
    proc = awake._proc
    assert proc is not None and proc.poll() is None
    time.sleep(0.2)
    assert awake.active
    awake.release()
    assert proc.poll() == 0  # cat saw the pipe close and ended by itself
    assert not awake.active


@pytest.mark.skipif(shutil.which("systemd-inhibit") is None, reason="systemd-inhibit is not on PATH")
def test_linux_real_systemd_inhibit(caplog: pytest.LogCaptureFixture) -> None:
    """The real tool: it holds the lock where logind runs, and is refused (logged, not raised) where it does not."""
    with caplog.at_level(logging.WARNING, logger=keepawake.__name__):
        started = time.monotonic()
        awake = KeepAwake("glacier_gui test", platform="linux")
        held = awake.acquire()
        assert time.monotonic() - started < 5
        proc = awake._proc
        if held:
            assert proc is not None and proc.poll() is None
            listing = subprocess.run(["systemd-inhibit", "--list"], capture_output=True, text=True, timeout=10)
            assert "glacier_gui" in listing.stdout
        else:
            # No system bus here (containers, CI): the tool exits at once and says why.
            assert proc is None
            assert "systemd-inhibit could not keep the computer awake" in caplog.text
        awake.release()
        if held:
            assert proc is not None and proc.poll() is not None
        assert not awake.active
    if shutil.which("pgrep"):  # nothing of ours is left running
        ours = subprocess.run(["pgrep", "-P", str(os.getpid()), "-f", "systemd-inhibit"], capture_output=True)
        assert ours.returncode != 0


# --- what the user sees --------------------------------------------------------------------------------------


@pytest.fixture
def logged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    """The app's logging (console WARNING+ on the stderr *capsys* reads, the file in *tmp_path*); yields a
    function that returns the log file's text."""
    log_path = setup_logging(tmp_path, console_level=logging.WARNING)
    assert log_path is not None

    def text() -> str:
        for handler in logging.getLogger().handlers:
            if getattr(handler, "baseFilename", "") == str(log_path):
                handler.flush()
        return log_path.read_text(encoding="utf-8")

    yield text
    setup_logging(None, console_level=None)


def test_linux_without_a_bus_says_so_in_the_log_file_only(logged: Any, capsys: pytest.CaptureFixture[str]) -> None:
    """A server without a session bus: not a warning on every CLI run, one line in the log."""
    popen = FakePopen(fail=b"Failed to connect to bus: No such file or directory\n")
    for _ in range(3):
        awake = KeepAwake(platform="linux", popen=popen, which=lambda _: "/usr/bin/systemd-inhibit")
        assert awake.acquire() is False
        awake.release()
    assert "awake" not in capsys.readouterr().err
    line = "systemd-inhibit could not keep the computer awake: Failed to connect to bus"
    assert logged().count(line) == 1


def test_windows_refusal_still_warns_on_the_console(logged: Any, capsys: pytest.CaptureFixture[str]) -> None:
    assert KeepAwake(platform="win32", set_state=FakeSetState(result=0)).acquire() is False
    assert "Windows refused to keep the computer awake" in capsys.readouterr().err
    assert "Windows refused" in logged()


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script stands in for systemd-inhibit")
def test_a_cli_upload_without_a_bus_prints_no_keep_awake_warning(
    settings: Settings,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The whole CLI (it sets up its own logging, console included), holding keep-awake while it uploads."""
    from glacier_gui.cli import main

    tools = tmp_path / "bin"
    tools.mkdir()
    refusing = tools / "systemd-inhibit"
    refusing.write_text("#!/bin/sh\necho 'Failed to connect to bus: No such file or directory' >&2\nexit 1\n")
    refusing.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ.get('PATH', '')}")
    args = cli_args(settings, data_dir)
    assert main(["scan", *args]) == 0
    assert main(["mark", "--upload", "2021/0401_帰省", *args]) == 0
    assert main(["upload", *args]) == 0
    assert "awake" not in capsys.readouterr().err
    log_text = (data_dir / "logs" / "glacier_gui.log").read_text(encoding="utf-8")
    assert "systemd-inhibit could not keep the computer awake: Failed to connect to bus" in log_text
    setup_logging(None, console_level=None)
