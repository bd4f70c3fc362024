"""The bad-input corpus: odd situations a family album and its users produce, each judged through the CLI.

Why: the app promises one line and exit 2 for bad input (usage, a setting, a status.csv that cannot be read
as one), exit 1 for a failure (a unit that failed, an outage, a bucket or credentials S3 refuses, permission,
I/O), exit 0 where it must cope — never a traceback — and a status.csv that is never damaged.  Each case here
is a small function that sets up one odd situation in a fresh folder, runs one CLI command (sometimes after a
setup command) and checks those promises through :meth:`Ctx.run`.  A case that fails because of a known bug
not fixed yet carries ``known="issue N: ..."``: pytest marks it ``xfail(strict=True)`` and the campaign table
shows it as a known failure (none does today).  The cases live in ``corpus_*.py`` (grouped by theme); this
module holds the machinery and the runner, which runs cases in parallel threads (most of their time is spent
waiting).
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import io
import os
import tempfile
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.reliability.harness import TRACEBACK, Env, Result, read_status, run_cli


class CaseFailed(AssertionError):
    """The app broke one of its promises in this case (the message says which)."""


@dataclass(frozen=True)
class Case:
    id: str
    description: str
    expect: tuple[int, ...]  # acceptable exit codes of the command under test
    fn: Callable[[Ctx], None]
    known: str | None = None  # "issue N: ..." when it fails today
    slow: bool = False  # takes long (run first, so its wait overlaps the rest)

    @property
    def expected(self) -> str:
        return "exit " + "|".join(map(str, self.expect))


CASES: list[Case] = []


def case(id: str, description: str, expect: int | tuple[int, ...], known: str | None = None, slow: bool = False):
    """Register a corpus case (a decorator)."""

    def register(fn: Callable[[Ctx], None]) -> Callable[[Ctx], None]:
        if any(c.id == id for c in CASES):
            raise ValueError(f"duplicate corpus case id {id}")
        codes = expect if isinstance(expect, tuple) else (expect,)
        CASES.append(Case(id, description, codes, fn, known, slow))
        return fn

    return register


def _drop_dac() -> None:
    """In the child, as root: drop CAP_DAC_OVERRIDE/READ_SEARCH so file permissions apply as to a user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@dataclass
class Ctx:
    """What a case works with: a fresh Env (album, data dir, status folder, bucket) and the checks."""

    case: Case
    env: Env
    got: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def s3(self) -> Any:
        return self.env.s3

    def album(self, files: dict[str, bytes] | None = None) -> Path:
        """A small album: two units, plus *files* (relative paths; ``bytes`` paths allowed via os.fsencode)."""
        base = {
            "2021/0401_帰省/IMG_0001.jpg": b"a" * 1000,
            "2022/0601_運動会/リレー.jpg": b"e" * 4000,
        }
        for rel, data in {**base, **(files or {})}.items():
            path = self.env.album / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return self.env.album

    def status(self, rows: list[tuple[str, str]], encoding: str = "utf-8-sig", extra: str = "") -> bytes:
        """Write status.csv by hand (what an Excel user does): (state, unit) rows; returns the bytes written."""
        buffer = io.StringIO()
        w = csv.writer(buffer, lineterminator="\r\n")
        w.writerow(["status", "local_path", "unit"])
        for state, unit in rows:
            w.writerow([state, f"{self.env.album}/{unit}", unit])
        payload = (buffer.getvalue() + extra).encode(encoding)
        self.env.status_file.parent.mkdir(parents=True, exist_ok=True)
        self.env.status_file.write_bytes(payload)
        return payload

    def marked(self, *units: str) -> bytes:
        return self.status([("Upload", u) for u in units])

    def bucket(self) -> str:
        self.env.create_bucket()
        return self.env.bucket

    def setup(self, *command: str, **override: str | None) -> Result:
        """A command that prepares the case; it must succeed."""
        r = self.env.cli(*command, **override)
        if r.code != 0 or TRACEBACK in r.text:
            raise CaseFailed(f"setup `{command[0]}` failed: {r.brief()}")
        return r

    def run(
        self,
        *command: str,
        mention: tuple[str, ...] = (),
        status: str | None = "parse",
        unprivileged: bool = False,
        env: dict[str, str] | None = None,
        timeout: float = 150,
        expect: tuple[int, ...] | None = None,
        **override: str | None,
    ) -> Result:
        """The command under test; checks no traceback, the exit code, the mentions and status.csv.

        *status*: ``"same"`` (byte-identical afterwards), ``"parse"`` (readable with the csv module if it
        exists), or None (not checked: the case checks it).
        """
        path = self.env.status_file
        before = path.read_bytes() if status == "same" and path.is_file() else None
        r = run_cli(
            [*command, *self.env.args(**override)],
            env=env or self.env.env(),
            timeout=timeout,
            preexec=_drop_dac if unprivileged and os.geteuid() == 0 else None,
        )
        self.judge(r, mention, status, before, expect)
        return r

    def judge(
        self,
        r: Result,
        mention: tuple[str, ...] = (),
        status: str | None = "parse",
        before: bytes | None = None,
        expect: tuple[int, ...] | None = None,
    ) -> None:
        """The promises every command keeps: no traceback, the exit code, the names, status.csv intact.

        The table's "got" is the exit status of the command under test: a follow-up check with its own *expect*
        does not replace it (its failure is reported in words).
        """
        path = self.env.status_file
        if expect is None or not self.got:
            self.got = f"exit {r.code}"
        if TRACEBACK in r.text:
            raise CaseFailed(f"traceback: {_last_error_line(r.text)}")
        if r.code not in (expect or self.case.expect):
            raise CaseFailed(f"{r.brief()[:300]}")
        for name in mention:
            if name not in r.text:
                raise CaseFailed(f"output does not name {name!r}: {r.brief()[:200]}")
        if status == "same" and before is not None and path.read_bytes() != before:
            raise CaseFailed("status.csv changed")
        if status == "parse" and path.is_file():
            try:
                read_status(path)
            except Exception as exc:  # noqa: BLE001 - the finding
                raise CaseFailed(f"status.csv unreadable afterwards: {exc}") from None

    def check(self, condition: object, message: str) -> None:
        if not condition:
            raise CaseFailed(message)

    def rows(self) -> dict[str, dict[str, str]]:
        try:
            return {r["unit"]: r for r in read_status(self.env.status_file)}
        except Exception as exc:  # noqa: BLE001 - a status.csv the csv module cannot read is the finding
            raise CaseFailed(f"status.csv unreadable: {exc}") from None


def _last_error_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    tail = lines[lines.index(next(x for x in lines if TRACEBACK in x)) :] if TRACEBACK in text else lines
    return tail[-1][:200] if tail else ""


@dataclass
class CaseResult:
    id: str
    description: str
    expected: str
    got: str
    ok: bool
    known: str | None
    failure: str = ""
    seconds: float = 0.0


def run_case(c: Case, s3_url: str, workdir: Path | None = None) -> CaseResult:
    started = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix=f"case-{c.id}-", dir=workdir))
    ctx = Ctx(c, Env(base, s3_url))
    failure = ""
    try:
        c.fn(ctx)
    except CaseFailed as exc:
        failure = str(exc)
    except Exception as exc:  # noqa: BLE001 - a broken case is reported, not fatal for the campaign
        failure = f"harness error: {type(exc).__name__}: {exc} @ {traceback.format_exc().splitlines()[-3].strip()}"
    finally:
        _restore_modes(base)
    got = ctx.got or "-"
    if failure:
        got += f" ({failure[:230]})"
    return CaseResult(c.id, c.description, c.expected, got, not failure, c.known, failure, time.monotonic() - started)


def _restore_modes(base: Path) -> None:
    """Give back write/read bits a case took away, so its folder can be cleaned up."""
    for folder, dirs, _files in os.walk(base):
        for name in dirs:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(folder, name), 0o755)


def load_cases() -> list[Case]:
    """Every case, in a stable order (importing the theme modules registers them)."""
    from tests.reliability import corpus_album, corpus_remote, corpus_status  # noqa: F401

    return list(CASES)


def run_cases(cases: list[Case], s3_url: str, workers: int = 4, workdir: Path | None = None) -> list[CaseResult]:
    """Run *cases* in parallel threads (slow ones first, so their waits overlap the rest)."""
    ordered = sorted(cases, key=lambda c: not c.slow)
    with ThreadPoolExecutor(workers, "corpus") as pool:
        results = list(pool.map(lambda c: run_case(c, s3_url, workdir), ordered))
    done = {r.id: r for r in results}
    return [done[c.id] for c in cases]
