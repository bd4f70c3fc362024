"""Uploads through the fault proxy: resets, 5xx answers, lost answers and a hung connection, then ``verify``.

Why: retries and resume are only proven by a server that misbehaves.  Each run here uploads a small album
(two multipart videos, small photos) through :class:`FaultProxy` with one fault plan, then checks the same
outcome as a kill trial (every file once with its bytes, no open multipart upload, status.csv all
Synchronized) and runs ``verify`` through the proxy.  The mixed run is the campaign's headline; the single-fault
runs tell which fault breaks what.

A lost CreateMultipartUpload answer leaves an upload S3 created and no journal knows.  By design the run that
lost it does not abort it (the engine aborts such orphans once, at the start of a run, and only those started
over an hour ago: a younger one may be another computer's upload in progress); the next run does.  So each run
ends with "the next night": a new photo, every unit marked, one more upload straight to moto (moto dates every
upload 2010, so the orphan is old enough), and only then is the bucket judged, open uploads included.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.reliability.faultproxy import FaultPlan, FaultProxy, Rule
from tests.reliability.harness import TRACEBACK, Env, make_album, write
from tests.reliability.kill_trials import known_reason

UPLOAD_OPS = ("PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload")


def mixed_plan(seed: int, hang_seconds: float | None) -> FaultPlan:
    """10 % resets + 10 % 5xx on every request, one lost answer per upload operation, one hung connection."""
    rules = [Rule("lose", op, after=1) for op in UPLOAD_OPS] + [Rule("hang", "PutObject", after=2)]
    return FaultPlan(seed=seed, reset_rate=0.10, error_rate=0.10, rules=rules, hang_seconds=hang_seconds)


@dataclass(frozen=True)
class FaultRun:
    id: str
    description: str
    plan: Callable[[int], FaultPlan]
    known: str | None = None


def _single(action: str, op: str) -> Callable[[int], FaultPlan]:
    return lambda seed: FaultPlan(seed=seed, rules=[Rule(action, op, after=1)], hang_seconds=5)


RUNS = [
    FaultRun("fault-lose-PutObject", "the answer to a PutObject is lost (S3 stored it)", _single("lose", "PutObject")),
    FaultRun(
        "fault-lose-CreateMultipartUpload",
        "the answer to CreateMultipartUpload is lost (S3 created it)",
        _single("lose", "CreateMultipartUpload"),
    ),
    FaultRun(
        "fault-lose-UploadPart",
        "the answer to an UploadPart is lost (S3 stored the part)",
        _single("lose", "UploadPart"),
    ),
    FaultRun(
        "fault-lose-CompleteMultipartUpload",
        "the answer to CompleteMultipartUpload is lost (S3 completed)",
        _single("lose", "CompleteMultipartUpload"),
    ),
    FaultRun(
        "fault-hang-PutObject",
        "one PutObject connection hangs (no answer; dropped after 5 s)",
        _single("hang", "PutObject"),
    ),
    FaultRun(
        "fault-errors-20pct", "20 % of all requests answered 500/503", lambda seed: FaultPlan(seed, error_rate=0.2)
    ),
    FaultRun("fault-resets-20pct", "20 % of all requests reset", lambda seed: FaultPlan(seed, reset_rate=0.2)),
]


@dataclass
class FaultResult:
    id: str
    description: str
    upload_code: int | None = None
    resumes: int = 0
    verify_code: int | None = None
    orphans: int = 0  # multipart uploads left open after the faulty run (for the next run to abort)
    next_code: int | None = None
    problems: list[str] = field(default_factory=list)
    counts: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def known_reason(self) -> str | None:
        return known_reason(self.problems)

    def got(self) -> str:
        text = (
            f"upload exit {self.upload_code}, {self.resumes} resume(s), verify exit {self.verify_code}, "
            f"{self.orphans} open upload(s) left for the next run, next run exit {self.next_code}"
        )
        return text + ("" if self.ok else "; " + "; ".join(self.problems[:3]))


def run_fault_upload(
    s3_url: str, run_id: str, description: str, plan: FaultPlan, workdir: Path | None = None, max_resumes: int = 0
) -> FaultResult:
    """Upload through a proxy with *plan*; with *max_resumes* > 0, failed runs may be resumed (through it)."""
    started = time.monotonic()
    result = FaultResult(run_id, description)
    base = Path(tempfile.mkdtemp(prefix=f"{run_id}-", dir=workdir))
    with FaultProxy(s3_url, plan) as proxy:
        env = Env(base, s3_url, endpoint=proxy.url, concurrency=3, storage_class="DEEP_ARCHIVE").create_bucket()
        make_album(env.album, big_files=2, seed=plan.seed)
        env.prepare_marked()
        up = env.cli("upload", timeout=400)
        result.upload_code = up.code
        texts = [up.text]
        while up.code == 1 and result.resumes < max_resumes:
            result.resumes += 1
            up = env.cli("upload", timeout=400)
            texts.append(up.text)
        if up.code != 0:
            result.problems.append(f"upload {up.brief()[:240]}")
        verify = env.cli("verify", timeout=400)
        result.verify_code = verify.code
        texts.append(verify.text)
        if verify.code != 0:
            result.problems.append(f"verify {verify.brief()[:200]}")
        result.counts = proxy.summary()
    result.orphans = len(env.open_uploads())
    write(env.album / "2021" / "0401_帰省" / "IMG_0100.jpg", b"the next night's photo")
    env.prepare_marked()
    following = env.cli("upload", timeout=400, **{"endpoint-url": s3_url})
    result.next_code = following.code
    texts.append(following.text)
    if following.code != 0:
        result.problems.append(f"next upload {following.brief()[:200]}")
    if any(TRACEBACK in t for t in texts):
        result.problems.append("traceback")
    result.problems += env.problems_after_resume()
    result.seconds = time.monotonic() - started
    return result
