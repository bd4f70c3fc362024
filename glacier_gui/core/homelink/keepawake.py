"""Keep the computer from sleeping while an upload or download runs.

A backup of a photo album takes hours over a home link; if the PC goes to sleep after 30 idle minutes the job
stalls overnight.  Each OS has its own way to say "busy, do not sleep", and none of them needs a library:

- **Windows**: ``SetThreadExecutionState(ES_CONTINUOUS | ES_SYSTEM_REQUIRED)``, undone with ``ES_CONTINUOUS``.
  The state belongs to the *calling thread* and is dropped when that thread ends, so it is set and cleared from a
  small thread of our own that lives exactly as long as the hold (a worker thread of a pool would not do).
- **macOS**: ``caffeinate -i -w <our pid>``; ``-w`` makes it end by itself if we crash.
- **Linux**: ``systemd-inhibit --what=sleep:idle --mode=block ... cat``, with ``cat`` reading a pipe from us:
  closing the pipe (release, or our process dying) ends ``cat`` and with it the inhibitor, so a crash never
  leaves one behind.  Without ``systemd-inhibit`` (or without a system bus) nothing is held, and that is said
  once in the log file only: a server or container without a bus would otherwise print the same warning on
  every CLI run, where nothing can be done about it (issue 19).  Windows and macOS still warn on the console.

Every OS path is reachable through seams (platform name, the Windows function, ``Popen``, ``which``), so the
tests on one OS drive the others.  Holding is best effort: a failure is logged, never raised.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import IO, Any, Protocol

from glacier_gui.core.logs import FILE_ONLY

log = logging.getLogger(__name__)

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
DEFAULT_WHY = "Backing up the photo album"
_START_CHECK_SECONDS = 0.3  # a refused inhibitor (no D-Bus, no logind) exits within milliseconds
_STOP_WAIT_SECONDS = 2.0

_said: set[str] = set()
_said_lock = threading.Lock()


def _say_once(level: int, message: str, *args: object, console: bool = True) -> None:
    """Log *message* the first time only: a backup run may acquire and release many times.

    Not *console*: to the log file only (:data:`~glacier_gui.core.logs.FILE_ONLY`)."""
    with _said_lock:
        if message in _said:
            return
        _said.add(message)
    log.log(level, message, *args, extra=None if console else FILE_ONLY)


class ProcessLike(Protocol):
    """The part of :class:`subprocess.Popen` we use (a fake in tests)."""

    stdin: IO[bytes] | None
    stderr: IO[bytes] | None

    def poll(self) -> int | None: ...
    def wait(self, timeout: float | None = None) -> int: ...
    def terminate(self) -> None: ...
    def kill(self) -> None: ...


PopenFactory = Callable[..., ProcessLike]


def _windows_set_state() -> Callable[[int], int]:
    if sys.platform == "win32":
        import ctypes

        fn = ctypes.windll.kernel32.SetThreadExecutionState
        fn.argtypes = [ctypes.c_uint32]
        fn.restype = ctypes.c_uint32
        return fn  # type: ignore[no-any-return]
    raise OSError("SetThreadExecutionState exists only on Windows")


class _WindowsHold:
    """A thread that sets the execution state, waits, and clears it from the same thread."""

    def __init__(self, set_state: Callable[[int], int]) -> None:
        self._set_state = set_state
        self._started = threading.Event()
        self._stop = threading.Event()
        self._ok = False
        self._thread = threading.Thread(target=self._run, name="keep-awake", daemon=True)

    def start(self) -> bool:
        self._thread.start()
        self._started.wait(5.0)
        return self._ok

    def _run(self) -> None:
        try:
            # A zero return means the call failed; the previous state is returned otherwise.
            self._ok = self._set_state(ES_CONTINUOUS | ES_SYSTEM_REQUIRED) != 0
        except Exception:
            log.warning("Could not keep the computer awake", exc_info=True)
        finally:
            self._started.set()
        if not self._ok:
            return
        self._stop.wait()
        try:
            self._set_state(ES_CONTINUOUS)
        except Exception:
            log.warning("Could not give back the sleep setting", exc_info=True)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(_STOP_WAIT_SECONDS)


class KeepAwake:
    """Hold "do not sleep" between :meth:`acquire` and :meth:`release` (both idempotent; not counted).

    Use as ``with KeepAwake("Uploading 3 folders"):`` so it is released on exceptions too.  :meth:`acquire`
    returns whether a hold is in place; the job goes on either way.
    """

    def __init__(
        self,
        why: str = DEFAULT_WHY,
        *,
        platform: str | None = None,
        set_state: Callable[[int], int] | None = None,
        popen: PopenFactory | None = None,
        which: Callable[[str], str | None] = shutil.which,
        pid: int | None = None,
    ) -> None:
        self.why = why
        self._platform = platform or sys.platform
        self._set_state = set_state
        self._popen: PopenFactory = popen or subprocess.Popen
        self._which = which
        self._pid = os.getpid() if pid is None else pid
        self._lock = threading.Lock()
        self._held = False
        self._win: _WindowsHold | None = None
        self._proc: ProcessLike | None = None
        self._ends_on_eof = False

    @property
    def active(self) -> bool:
        """True while a hold is in place (a helper process that died since counts as released)."""
        with self._lock:
            if self._proc is not None and self._proc.poll() is not None:
                return False
            return self._win is not None or self._proc is not None

    def acquire(self) -> bool:
        with self._lock:
            if not self._held:
                self._held = True
                try:
                    self._start()
                except Exception:
                    log.warning("Could not keep the computer awake", exc_info=True)
            return self._win is not None or self._proc is not None

    def release(self) -> None:
        with self._lock:
            if not self._held:
                return
            self._held = False
            win, self._win = self._win, None
            proc, self._proc = self._proc, None
        if win is not None:
            win.stop()
        if proc is not None:
            _stop_process(proc, self._ends_on_eof)

    def __enter__(self) -> KeepAwake:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    def _start(self) -> None:
        if self._platform == "win32":
            hold = _WindowsHold(self._set_state or _windows_set_state())
            if hold.start():
                self._win = hold
            else:
                _say_once(logging.WARNING, "Windows refused to keep the computer awake (SetThreadExecutionState)")
        elif self._platform == "darwin":
            self._proc = self._spawn(["caffeinate", "-i", "-w", str(self._pid)], "caffeinate", ends_on_eof=False)
        elif self._platform.startswith("linux"):
            tool = self._which("systemd-inhibit")
            if tool is None:
                _say_once(logging.INFO, "systemd-inhibit not found: the computer may sleep during long transfers")
                return
            argv = [tool, "--what=sleep:idle", "--who=glacier_gui", f"--why={self.why}", "--mode=block", "cat"]
            self._proc = self._spawn(argv, "systemd-inhibit", ends_on_eof=True, console=False)
        else:
            _say_once(logging.INFO, "Keeping the computer awake is not supported on %s", self._platform)

    def _spawn(self, argv: Sequence[str], name: str, *, ends_on_eof: bool, console: bool = True) -> ProcessLike | None:
        """Start a helper that holds the inhibitor while it runs; None (logged once) if it would not start.

        *ends_on_eof*: the helper ends by itself when the pipe to its stdin closes.  Not *console*: a failure
        goes to the log file only.
        """
        self._ends_on_eof = ends_on_eof
        try:
            proc = self._popen(
                list(argv),
                stdin=subprocess.PIPE if ends_on_eof else subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                close_fds=True,
            )
        except OSError as exc:
            _say_once(logging.WARNING, "Could not start %s to keep the computer awake: %s", name, exc, console=console)
            return None
        try:
            code = proc.wait(_START_CHECK_SECONDS)
        except subprocess.TimeoutExpired:
            return proc  # still running: it holds the lock
        reason = _read_all(proc.stderr).strip() or f"exit code {code}"
        _close(proc.stdin)
        _close(proc.stderr)
        _say_once(logging.WARNING, "%s could not keep the computer awake: %s", name, reason, console=console)
        return None


def _read_all(stream: IO[bytes] | None) -> str:
    if stream is None:
        return ""
    try:
        return stream.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def _close(stream: IO[Any] | None) -> None:
    if stream is not None:
        with contextlib.suppress(OSError):
            stream.close()


def _stop_process(proc: ProcessLike, ends_on_eof: bool) -> None:
    """End the helper: close its stdin if that ends it (``cat``), else terminate; kill it if it lingers."""
    _close(proc.stdin)
    try:
        if not ends_on_eof:
            proc.terminate()
        try:
            proc.wait(_STOP_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            proc.terminate()
            try:
                proc.wait(_STOP_WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(_STOP_WAIT_SECONDS)
    except OSError:
        log.debug("The keep-awake helper was already gone", exc_info=True)
    _close(proc.stderr)
