"""Kill trials: SIGKILL a real ``upload``/``run`` at a random or a precise instant, resume, and judge the result.

Why: the app promises that a run killed at any instant (``kill -9``, power cut) resumes to a correct backup:
every album file in the bucket exactly once with the right bytes, no multipart upload left open, status.csv
readable with every unit Synchronized.  Precise instants come from the fault proxy: ``hold`` keeps S3's
answer (S3 did the work, the app does not know yet), ``hang`` keeps the request from S3.  The instant of the
status.csv save comes from the app's test hook ``GLACIER_GUI_TEST_PAUSE=atomic-write:SECONDS``
(core/atomic.py): every atomic write sleeps between the fsync of its temporary file and ``os.replace``, so the
kill lands while status.csv's new bytes sit in the temp file and the old file is still in place; the temp file
left behind proves it.  Used by ``test_kill_trials.py`` and ``run_campaign.py``.
"""

from __future__ import annotations

import os
import random
import re
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.reliability.faultproxy import FaultPlan, FaultProxy, Rule
from tests.reliability.harness import TRACEBACK, Env, make_album, read_status

# Problems known today (a random kill may land on them), by the text of the finding: (pattern, "issue N: ...").
# None since issue 11's fixes (resume adopts a completed upload by its composite checksum, and aborts the
# multipart uploads no journal owns): every problem a trial finds now fails it.
KNOWN_PROBLEMS: list[tuple[re.Pattern[str], str]] = []


def known_reason(problems: list[str]) -> str | None:
    """The known issue(s) behind every one of *problems*; None if one of them is new (or there are none)."""
    reasons: list[str] = []
    for problem in problems:
        hits = [reason for pattern, reason in KNOWN_PROBLEMS if pattern.search(problem)]
        if not hits:
            return None
        reasons += [r for r in hits if r not in reasons]
    return " + ".join(reasons) or None


@dataclass(frozen=True)
class Scenario:
    id: str
    description: str
    command: str  # "upload" or "run"
    rule: Rule | None = None  # the proxy rule whose firing is the kill instant
    wait: str = ""  # proxy fate to wait for ("hold", "hang"), or a special trigger below
    slow: str = "0"  # GLACIER_GUI_TEST_SLOW_REQUEST for the killed run (a sleep after each request)
    concurrency: int = 1  # 1: nothing else is in flight at a precise instant, so the outcome is deterministic
    pause: str = ""  # GLACIER_GUI_TEST_PAUSE for the killed run (core/atomic.py's hook)


SCENARIOS = [
    Scenario("scan", "kill `run` as it takes the status lock to scan", "run", wait="lock"),
    Scenario(
        "put-in-flight",
        "kill while a small PutObject is on its way (S3 has not got it)",
        "upload",
        Rule("hang", "PutObject", "IMG_0002"),
        "hang",
    ),
    Scenario(
        "put-answered",
        "kill after S3 stored a small PutObject, before the app got the answer",
        "run",
        Rule("hold", "PutObject", "DSC_0001"),
        "hold",
    ),
    Scenario(
        "create-answered",
        "kill after S3 created a multipart upload, before the app knew its id",
        "upload",
        Rule("hold", "CreateMultipartUpload"),
        "hold",
    ),
    Scenario(
        "mid-multipart",
        "kill while the 2nd part of a multipart upload is answered",
        "upload",
        Rule("hold", "UploadPart", after=1),
        "hold",
    ),
    Scenario(
        "complete-answered",
        "kill after S3 completed a multipart upload, before the journal write",
        "upload",
        Rule("hold", "CompleteMultipartUpload"),
        "hold",
    ),
    Scenario(
        "manifest-write",
        "kill after S3 stored a unit's manifest, before the app recorded it",
        "run",
        Rule("hold", "PutObject", "/manifests/2022/0601_"),
        "hold",
    ),
    Scenario(
        "status-save",
        "kill during the status.csv save: its new bytes fsync'd in the temp file, before os.replace",
        "upload",
        wait="status-tmp",
        pause="atomic-write:0.3",
    ),
    Scenario("random", "kill `upload` at a random instant", "upload", wait="random", slow="0.05", concurrency=4),
    Scenario("random-run", "kill `run` at a random instant", "run", wait="random", slow="0.05", concurrency=4),
]
BY_ID = {s.id: s for s in SCENARIOS}
BEST_EFFORT = {"scan", "random", "random-run"}  # instants that cannot be hit exactly from outside


@dataclass
class TrialResult:
    trial: str
    scenario: str
    description: str
    killed_at: str = ""
    hit: bool = True  # the kill landed where the scenario wanted it
    resume_code: int | None = None
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def known_reason(self) -> str | None:
        """The known issue(s) behind every problem of this trial; None if one of them is new (or none failed)."""
        return known_reason(self.problems)

    def got(self) -> str:
        return "ok" if self.ok else "; ".join(self.problems[:3]) + (" ..." if len(self.problems) > 3 else "")


def run_trial(s3_url: str, scenario: Scenario, seed: int = 0, workdir: Path | None = None) -> TrialResult:
    """One trial in a fresh album, data dir and bucket; never raises for the app's misbehaviour."""
    started = time.monotonic()
    rnd = random.Random(seed)
    trial = f"kill-{scenario.id}-{seed}"
    result = TrialResult(trial, scenario.id, scenario.description)
    base = Path(tempfile.mkdtemp(prefix=f"{trial}-", dir=workdir))
    rule = Rule(**{**scenario.rule.__dict__, "seen": 0, "fired": 0}) if scenario.rule else None
    span = run_span(s3_url, scenario, workdir) if scenario.wait == "random" else 0.0
    with FaultProxy(s3_url, FaultPlan(seed=seed, rules=[rule] if rule else [])) as proxy:
        env = Env(base, s3_url, endpoint=proxy.url, storage_class=rnd.choice(("STANDARD", "DEEP_ARCHIVE")))
        env.concurrency = scenario.concurrency
        env.create_bucket()
        make_album(env.album, big_files=2, seed=seed)
        env.prepare_marked()
        lock = env.status_file.with_name(env.status_file.name + ".lock")
        hooks = {"GLACIER_GUI_TEST_SLOW_REQUEST": scenario.slow, "GLACIER_GUI_TEST_PAUSE": scenario.pause}
        proc = env.popen(scenario.command, env=env.env(**hooks))
        try:
            result.killed_at, result.hit = _wait_for_instant(scenario, proxy, env, proc, rnd, lock, span)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate(timeout=30)
            proxy.release_held(deliver=False)
        if scenario.wait == "status-tmp" and result.hit:
            if _status_temp_files(env):
                result.killed_at += ", killed before os.replace (its temp file is left)"
            else:
                result.killed_at += " (but the save had finished: the kill came after os.replace)"
                result.hit = False
        if proc.returncode != -signal.SIGKILL:
            result.killed_at += f" (the run ended by itself with exit {proc.returncode})"
            result.hit = False
        if TRACEBACK in err.decode("utf-8", "replace"):
            result.problems.append("traceback in the killed run")
    try:
        read_status(env.status_file)
    except Exception as exc:  # noqa: BLE001 - the finding itself
        result.problems.append(f"status.csv unreadable right after the kill: {exc}")
    resume = env.cli("upload", env=env.env(), timeout=180, **{"endpoint-url": s3_url})
    result.resume_code = resume.code
    if resume.code != 0:
        result.problems.append(f"resume {resume.brief()}")
    if TRACEBACK in resume.text:
        result.problems.append("traceback in the resume")
    result.problems += env.problems_after_resume()
    result.seconds = time.monotonic() - started
    return result


_spans: dict[tuple[str, str, int], float] = {}
_spans_lock = threading.Lock()


def run_span(s3_url: str, scenario: Scenario, workdir: Path | None = None) -> float:
    """Seconds an unkilled run of the scenario's command lasts on this machine now, from start to exit (measured
    once per process, through a pass-through proxy as in a trial): random kills are drawn inside it, so they
    land while the run works rather than after it ended (a whole upload of the trial album takes about a second).
    """
    key = (scenario.command, scenario.slow, scenario.concurrency)
    with _spans_lock:
        if key not in _spans:
            base = Path(tempfile.mkdtemp(prefix=f"kill-span-{scenario.command}-", dir=workdir))
            with FaultProxy(s3_url, FaultPlan()) as proxy:
                env = Env(base, s3_url, endpoint=proxy.url, concurrency=scenario.concurrency).create_bucket()
                make_album(env.album, big_files=2)
                env.prepare_marked()
                started = time.monotonic()
                run = env.cli(scenario.command, env=env.env(GLACIER_GUI_TEST_SLOW_REQUEST=scenario.slow))
                if run.code != 0:
                    raise RuntimeError(f"the unkilled run that measures the span failed: {run.brief()}")
                _spans[key] = time.monotonic() - started
        return _spans[key]


def _wait_for_instant(
    scenario: Scenario, proxy: FaultProxy, env: Env, proc: object, rnd: random.Random, lock: Path, span: float
) -> tuple[str, bool]:
    """Block until the scenario's instant (then the caller kills); returns (what was hit, whether it was)."""
    alive: Callable[[], bool] = lambda: proc.poll() is None  # type: ignore[attr-defined]  # noqa: E731
    start = time.monotonic()
    if scenario.wait in ("hold", "hang"):
        hit = proxy.wait_for(scenario.wait, timeout=60)
        op = scenario.rule.op if scenario.rule else ""
        return (f"{scenario.wait} of {op} after {time.monotonic() - start:.2f} s", hit)
    if scenario.wait == "random":
        delay = rnd.uniform(0.05, 0.95) * span
        time.sleep(delay)
        return (f"random, {delay:.2f} s after start (of a {span:.2f} s run)", True)
    watch: Callable[[], bool]
    if scenario.wait == "lock":
        watch = lock.exists
    else:

        def watch() -> bool:
            return bool(_status_temp_files(env))

    deadline = start + 60
    while alive() and time.monotonic() < deadline:
        if watch():
            return (f"{scenario.wait} seen after {time.monotonic() - start:.3f} s", True)
        time.sleep(0.0005)
    return (f"{scenario.wait} never seen", False)


def _status_temp_files(env: Env) -> list[str]:
    """The atomic writer's temp files of status.csv itself (``.status.csv.<pid>.<thread>.tmp``, not the .bak's)."""
    name = env.status_file.name
    return [
        n
        for n in os.listdir(env.status_file.parent)
        if n.startswith(f".{name}.") and n.endswith(".tmp") and not n.startswith(f".{name}.bak.")
    ]


def campaign_trials(count: int, seed: int = 1) -> list[tuple[Scenario, int]]:
    """*count* trials: every precise scenario once, the rest random kills and status-save attempts."""
    precise = [s for s in SCENARIOS if not s.id.startswith("random")]
    plan = [(s, seed + i) for i, s in enumerate(precise[:count])]
    cycle = ("status-save", "random", "random-run")
    for i in range(len(plan), count):
        plan.append((BY_ID[cycle[i % 3]], seed + i))
    return plan
