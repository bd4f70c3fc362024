"""Whole-album restore at scale: RestoreObject requests through an 80 ms round trip, the job file, the jobs panel.

    PYTHONPATH=. python tests/benchmarks/bench_restore.py                  # 2,000 and 20,000 objects, panel at 200,000
    PYTHONPATH=. python tests/benchmarks/bench_restore.py --sizes 2000 --rounds 3
    PYTHONPATH=. python tests/benchmarks/bench_restore.py --smoke --json out.json   # tiny, for the smoke test

Three processes on 127.0.0.1 only: moto's S3 server (a child, its bucket filled with archived objects directly in
its backend), ``linkproxy.py`` in this process (default 80 ms round trip, 100 Mbit/s), and the request phase in a
child (``request_restores`` over a job file written here; timed from its first request to the journal folded
into the base file).  Reported per size: seconds, ms per object, requests per second, the job file's size and
the journal's size just before it was folded in.  Targets: <= 20 ms per object; at 20,000 within 1.5x of 2,000.

The panel part writes a synthetic 200,000-object job (objects, files, summary) and times, in a child with an
offscreen QApplication: opening the Restore jobs panel (reading every job's summary, filling the table,
showing it; target < 1 s), the same after the summary went stale (a journal line appended: the job is read
whole once), and ``restore status --offline``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, child_env, machine_line  # noqa: E402
from linkproxy import start_link_proxy  # noqa: E402

BUCKET = "bench-restore"
JOB_ID = "20260101-000000-bench"


# ---- children -------------------------------------------------------------------------------------------
def serve_moto(objects: int) -> None:
    """Child: moto's S3 server with *objects* DEEP_ARCHIVE objects; prints its port, stops when stdin closes."""
    import logging

    from moto.s3.models import s3_backends
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request would cost the server CPU
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    backend = s3_backends["123456789012"]["aws"]
    backend.create_bucket(BUCKET, "us-east-1")
    for key in object_keys(objects):
        backend.put_object(BUCKET, key, b"x", storage="DEEP_ARCHIVE")
    print(server._server.server_address[1], flush=True)
    sys.stdin.read()
    server.stop()


def object_keys(n: int) -> list[str]:
    return [f"10_Album/{2000 + i // 20000}/{(i // 200) % 100:02d}_folder/IMG_{i:06d}.jpg" for i in range(n)]


def request_child(data_dir: Path, url: str, in_flight: int) -> None:
    """Child: the request phase of the job in *data_dir* against *url*; prints a JSON line of figures."""
    from glacier_gui.core.restore.job import load_job
    from glacier_gui.core.restore.journal import journal_path
    from glacier_gui.core.restore.request import request_restores
    from glacier_gui.core.s3.client import make_client
    from glacier_gui.core.settings import Settings

    job = load_job(data_dir, JOB_ID)
    client = make_client(Settings(bucket=BUCKET, endpoint_url=url, region="us-east-1"))
    journal_peak = 0
    original_save = job.save

    def save() -> Path:  # the journal's size just before it is folded into the base file
        nonlocal journal_peak
        job.sync()
        if job.path is not None and journal_path(job.path).exists():
            journal_peak = journal_path(job.path).stat().st_size
        return original_save()

    job.save = save  # type: ignore[method-assign]
    started = time.perf_counter()
    report = request_restores(client, job, in_flight=in_flight)
    elapsed = time.perf_counter() - started
    assert job.path is not None
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "requested": report.requested,
                "already": report.already,  # later rounds against the same server: S3 says "already restored"
                "failed": len(report.failed),
                "job_bytes": job.path.stat().st_size,
                "journal_peak_bytes": journal_peak,
            }
        ),
        flush=True,
    )


def panel_child(data_dir: Path) -> None:
    """Child: time opening the Restore jobs panel over *data_dir* (offscreen); prints a JSON line."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from glacier_gui.core.restore.journal import journal_path
    from glacier_gui.core.settings import Settings
    from glacier_gui.gui.restore_panel import RestoreJobsPanel
    from glacier_gui.gui.session import Session

    app = QApplication.instance() or QApplication([])
    session = Session(Settings(album_root=str(data_dir), status_file=str(data_dir / "status.csv")), data_dir)

    def open_panel() -> float:
        started = time.perf_counter()
        panel = RestoreJobsPanel(session)
        panel.reload()
        panel.show()
        app.processEvents()
        elapsed = time.perf_counter() - started
        assert panel.model.rowCount() == 1
        panel.close()
        panel.deleteLater()
        app.processEvents()
        return elapsed

    fresh = [open_panel() for _ in range(3)]
    base = data_dir / "restore_jobs" / f"{JOB_ID}.json"
    with open(journal_path(base), "a", encoding="utf-8") as fh:  # a run wrote an outcome: the summary is stale
        fh.write('{"o":0,"state":"requested"}\n')
    stale = open_panel()
    again = open_panel()  # the summary was written again by the stale open
    print(json.dumps({"fresh_s": statistics.median(fresh), "stale_s": stale, "after_stale_s": again}), flush=True)


# ---- the parent ---------------------------------------------------------------------------------------------
def write_job(data_dir: Path, n: int, state: str = "not-requested") -> Path:
    from glacier_gui.core.restore.job import JobFile, JobObject, RestoreJob, jobs_dir

    keys = object_keys(n)
    job = RestoreJob(
        JOB_ID,
        BUCKET,
        "",
        "10_Album",
        str(data_dir / "restored"),
        "Bulk",
        7,
        "2026-01-01T00:00:00+00:00",
        sorted({k.split("/")[1] for k in keys}),
        objects=[JobObject(k, 3_000_000, "DEEP_ARCHIVE", state) for k in keys],
        files=[
            JobFile(k.split("/")[1], k.split("/", 2)[2], k, 3_000_000, 1.7e9, f"{i:064x}") for i, k in enumerate(keys)
        ],
    )
    job.path = jobs_dir(data_dir) / f"{JOB_ID}.json"
    job.save()
    return job.path


def start_child(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, __file__, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )


def bench_requests(n: int, rounds: int, rtt_ms: float, in_flight: int) -> dict[str, object]:
    moto = start_child("--moto-server", str(n))
    assert moto.stdout is not None
    moto_port = int(moto.stdout.readline())
    port, stats, stop = start_link_proxy(moto_port, rtt_ms, 100.0)
    runs = []
    try:
        for _ in range(rounds):
            with tempfile.TemporaryDirectory(prefix="gg_restore_") as tmp:
                write_job(Path(tmp), n)
                child = start_child("--request-child", tmp, f"http://127.0.0.1:{port}", str(in_flight))
                out, _ = child.communicate(timeout=3600)
                if child.returncode != 0:
                    raise RuntimeError(f"the request child failed ({child.returncode})")
                run = json.loads(out.strip().splitlines()[-1])
                if run["requested"] + run["already"] != n or run["failed"]:
                    raise RuntimeError(f"expected {n} requests, got {run}")
                runs.append(run)
    finally:
        stop()
        assert moto.stdin is not None
        moto.stdin.close()
        moto.wait(30)
    seconds = statistics.median(r["seconds"] for r in runs)
    return {
        "objects": n,
        "rounds": rounds,
        "in_flight": in_flight,
        "rtt_ms": rtt_ms,
        "seconds": seconds,
        "ms_per_object": 1000 * seconds / n,
        "requests_per_second": n / seconds,
        "job_bytes": runs[-1]["job_bytes"],
        "journal_peak_bytes": runs[-1]["journal_peak_bytes"],
        "all_seconds": [r["seconds"] for r in runs],
        # moto's server closes the connection after each answer: every request pays a new connection (one more
        # round trip through the proxy) where S3 would keep it open.  Counted, so the figures say so.
        "connections_per_request": stats.connections / (n * rounds),
    }


def bench_panel(n: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="gg_panel_") as tmp:
        data_dir = Path(tmp)
        started = time.perf_counter()
        path = write_job(data_dir, n, "requested")
        write_s = time.perf_counter() - started
        child = start_child("--panel-child", tmp)
        out, _ = child.communicate(timeout=600)
        if child.returncode != 0:
            raise RuntimeError("the panel child failed")
        row = json.loads(out.strip().splitlines()[-1])
        started = time.perf_counter()
        status = subprocess.run(
            [sys.executable, "-m", "glacier_gui", "restore", "status", "--offline", "--data-dir", tmp],
            capture_output=True,
            text=True,
            env=child_env(),
            cwd=REPO,
            timeout=600,
        )
        status_s = time.perf_counter() - started
        if JOB_ID not in status.stdout:
            raise RuntimeError(f"restore status --offline did not show the job: {status.stdout} {status.stderr}")
        return {
            "objects": n,
            "job_bytes": path.stat().st_size,
            "write_s": write_s,
            "panel_open_s": row["fresh_s"],
            "panel_open_stale_s": row["stale_s"],
            "panel_open_after_stale_s": row["after_stale_s"],
            "status_offline_s": status_s,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000", help="objects per request run, comma-separated")
    parser.add_argument("--panel-objects", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=1, help="request runs per size (the median is reported)")
    parser.add_argument("--rtt-ms", type=float, default=80.0)
    parser.add_argument("--in-flight", type=int, default=0, help="requests in flight (default: the app's)")
    parser.add_argument("--only", choices=("requests", "panel"))
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one round")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--moto-server", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--request-child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--panel-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.moto_server is not None:
        serve_moto(args.moto_server)
        return 0
    if args.request_child:
        request_child(Path(args.request_child[0]), args.request_child[1], int(args.request_child[2]))
        return 0
    if args.panel_child:
        panel_child(Path(args.panel_child))
        return 0
    from glacier_gui.core.inflight import RESTORE_REQUESTS

    in_flight = args.in_flight or RESTORE_REQUESTS
    sizes = [int(s) for s in args.sizes.split(",")] if not args.smoke else [40, 160]
    panel_objects = args.panel_objects if not args.smoke else 2_000
    rows: list[dict[str, object]] = []
    print(machine_line(None))
    if args.only in (None, "requests"):
        for n in sizes:
            row = bench_requests(n, 1 if args.smoke else args.rounds, args.rtt_ms, in_flight)
            rows.append(row)
            print(
                f"requests  {n:>7,} objects, {in_flight} in flight, {args.rtt_ms:g} ms RTT: {row['seconds']:8.2f} s, "
                f"{row['ms_per_object']:6.2f} ms/object, {row['requests_per_second']:7.1f} req/s; job file "
                f"{row['job_bytes'] / 1e6:6.2f} MB (journal before folding {row['journal_peak_bytes'] / 1e6:6.2f} MB); "
                f"{row['connections_per_request']:.2f} new connections per request",
                flush=True,
            )
        if len(rows) >= 2:
            ratio = float(rows[-1]["ms_per_object"]) / float(rows[0]["ms_per_object"])  # type: ignore[arg-type]
            print(f"per-object time at {sizes[-1]:,} / at {sizes[0]:,}: {ratio:.2f}x (target <= 1.5x)")
    if args.only in (None, "panel"):
        row = bench_panel(panel_objects)
        rows.append(row)
        print(
            f"panel     {panel_objects:>7,} objects: job file {row['job_bytes'] / 1e6:.1f} MB (written in "
            f"{row['write_s']:.1f} s); panel opens in {row['panel_open_s']:.3f} s (stale summary: "
            f"{row['panel_open_stale_s']:.2f} s, then {row['panel_open_after_stale_s']:.3f} s); "
            f"restore status --offline {row['status_offline_s']:.2f} s",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
