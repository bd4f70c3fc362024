"""A scheduled run hands its backup to the open window, which holds status.csv's lock all the time it is open.

Task Scheduler starts ``run`` at 02:00, which is exactly when the window was left open: without a hand-off the
run would find status.csv in use (core/lock.py) and end with exit status 1, and the night's backup would be
lost without anyone seeing it.  Instead the two processes speak through small files in ``<data>/handoff/``
(no socket, nothing listening, works the same on every OS and in the CLI without Qt):

1. The run writes ``<id>.request`` (JSON: status.csv's path, its pid, when) and waits.
2. The window that holds the lock (it looks every few seconds) *claims* it by renaming it to ``<id>.claimed``:
   a rename is atomic, so the request is claimed at most once, and a request the run has withdrawn cannot be.
3. The window runs scan + upload as the run would have, shows how it went (log pane, status bar, a dialog on
   failure), and writes ``<id>.done`` (JSON: ok, the summary line).  The run reads it, says it, and ends with
   exit status 0 or 1: Task Scheduler's "last result" is the backup's, as if the run had done it.

Nothing is lost silently:

- Nobody claims the request within :data:`CLAIM_SECONDS` (the lock is held by a CLI command in a terminal, not a
  window): the run withdraws it and reports "in use" as before (exit status 1, logged).
- The window closes before the backup ends (no ``.done``): its lock is free, so the waiting run takes it and
  runs the backup itself; the upload resumes where the window stopped.  The outcome is checked again after
  taking the lock, so an outcome written just before the window closed is never run twice.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from glacier_gui.core.atomic import atomic_write
from glacier_gui.core.i18n import Text, msg
from glacier_gui.core.lock import StatusInUse, StatusLock

log = logging.getLogger(__name__)

HANDOFF_FOLDER = "handoff"
CLAIM_SECONDS = 60.0  # the window looks every POLL_MS: a live window claims within seconds
WAIT_POLL_SECONDS = 2.0
POLL_MS = 2000  # how often the window looks for requests
STALE_SECONDS = 7 * 24 * 3600.0  # outcomes nobody read (the run was killed) are removed after a week


@dataclass(frozen=True)
class Request:
    """A run's request, as the window claimed it: ``path`` is the ``.claimed`` file."""

    path: Path
    status_path: str
    pid: int
    created: str

    @property
    def done_path(self) -> Path:
        return self.path.with_suffix(".done")


@dataclass(frozen=True)
class Outcome:
    """How the handed-off backup ended: *ok*, and one line that says what was done."""

    ok: bool
    text: str


def folder(data_dir: Path) -> Path:
    return data_dir / HANDOFF_FOLDER


def same_status(a: str | Path, b: str | Path) -> bool:
    """Whether two spellings name the same status.csv (case and separators as the OS compares them)."""
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


# ---- the scheduled run's side ------------------------------------------------------------------------------
def post_request(data_dir: Path, status_path: Path) -> Path:
    """Write a request for the window that holds *status_path*; returns its path."""
    body = {"status": str(status_path), "pid": os.getpid(), "created": datetime.now().isoformat(timespec="seconds")}
    path = folder(data_dir) / f"{datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.request"
    atomic_write(path, json.dumps(body, ensure_ascii=False))
    return path


def withdraw(request: Path) -> bool:
    """Take an unclaimed request back; False when the window claimed it first.

    On Windows a file cannot be deleted while the window reads it (for a few microseconds before it claims it):
    the deletion is tried again for a moment."""
    for attempt in range(20):
        try:
            request.unlink()
        except FileNotFoundError:
            return False
        except PermissionError:
            if attempt == 19:
                raise
            time.sleep(0.05)
        else:
            return True
    return False  # not reached


def read_outcome(done: Path) -> Outcome | None:
    """The window's outcome for a request, once written (then removed: it has been read)."""
    try:
        body = json.loads(done.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        body = {"ok": False, "text": f"the window's outcome could not be read ({exc})"}
    with contextlib.suppress(OSError):
        done.unlink()
    return Outcome(bool(body.get("ok")), str(body.get("text", "")))


def hand_off(
    data_dir: Path,
    status_path: Path,
    take_lock: Callable[[], StatusLock],
    claim_seconds: float | None = None,
    poll_seconds: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Outcome | StatusLock | None:
    """Ask the window that holds *status_path*'s lock to run the backup, and wait until it has.

    Returns the window's :class:`Outcome`; or the lock (from *take_lock*), when its holder went away before an
    outcome: the caller runs the backup itself; or None when no window claimed the request in time: the holder
    is not a window, and the caller reports that status.csv is in use.
    """
    claim_seconds = CLAIM_SECONDS if claim_seconds is None else claim_seconds
    poll_seconds = WAIT_POLL_SECONDS if poll_seconds is None else poll_seconds
    request = post_request(data_dir, status_path)
    claimed = request.with_suffix(".claimed")
    done = request.with_suffix(".done")
    log.info("status.csv is in use: asking the open window to run this backup (%s)", request.name)
    deadline = clock() + claim_seconds
    said_claimed = False
    while True:
        outcome = read_outcome(done)
        if outcome is not None:
            return outcome
        lock = _try(take_lock)
        if lock is not None:  # the holder has gone
            outcome = read_outcome(done)  # written just before the window closed: not run twice
            if outcome is not None:
                lock.release()
                return outcome
            if not withdraw(request):
                claimed.unlink(missing_ok=True)
                log.warning("the window closed before the backup finished: running it here")
            return lock
        if not request.exists():
            if not said_claimed:
                log.info("the open window took the backup; waiting for its outcome")
                said_claimed = True
        elif clock() >= deadline and withdraw(request):
            log.info("no window took the backup within %.0f s", claim_seconds)
            return None
        sleep(poll_seconds)


def _try(take_lock: Callable[[], StatusLock]) -> StatusLock | None:
    try:
        return take_lock()
    except StatusInUse:
        return None


# ---- the window's side -------------------------------------------------------------------------------------
def claim_request(data_dir: Path, status_path: Path) -> Request | None:
    """Claim the oldest request for *status_path* (only the lock's holder calls this); None when there is none.

    A request for another status.csv is left alone (its holder is another process, or nobody)."""
    base = folder(data_dir)
    try:
        waiting = sorted(base.glob("*.request"))
    except OSError:
        return None
    _sweep(base)
    for path in waiting:
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # withdrawn meanwhile, or half-written by a run that was killed
            continue
        if not same_status(str(body.get("status", "")), status_path):
            continue
        claimed = path.with_suffix(".claimed")
        try:
            os.rename(path, claimed)
        except OSError:  # withdrawn (or claimed by another holder) meanwhile
            continue
        return Request(claimed, str(body.get("status")), int(body.get("pid", 0)), str(body.get("created", "")))
    return None


def finish(request: Request, outcome: Outcome) -> None:
    """Tell the waiting run how its backup went (and end the claim)."""
    atomic_write(request.done_path, json.dumps({"ok": outcome.ok, "text": outcome.text}, ensure_ascii=False))
    request.path.unlink(missing_ok=True)


def _sweep(base: Path) -> None:
    """Remove outcomes and claims nobody will read (their run was killed) once they are a week old."""
    cutoff = time.time() - STALE_SECONDS
    for path in [*base.glob("*.done"), *base.glob("*.claimed")]:
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def outcome_line(outcome: Outcome) -> Text:
    """What the scheduled run says (log and stdout) about a backup the window ran."""
    if outcome.ok:
        return msg("the open window ran the backup: {text}", text=outcome.text)
    return msg("the open window ran the backup, which did not finish: {text}", text=outcome.text)
