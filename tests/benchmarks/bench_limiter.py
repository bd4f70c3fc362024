"""How close the shared upload limiter keeps to its rate: several threads push data through one ``Limiter``.

Not a test (accuracy depends on the machine's load); run from the repository root:

    python tests/benchmarks/bench_limiter.py                          # 1M and 10M, 8 threads, 30 s each
    python tests/benchmarks/bench_limiter.py --rate 4M --seconds 10 --threads 4 --read-size 64KiB

Each thread calls ``consume(read size)`` in a loop, as an upload thread reading its request body would.  The
bucket starts empty; when the time is up every thread is cancelled, and the bytes let through are compared with
rate x seconds.  Also printed: each thread's share (fairness), the limiter's own measured-rate counter, and the
CPU the process spent (the limiter's cost per second of limiting).
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from glacier_gui.core.bwlimit import Limiter, parse_rate  # noqa: E402
from glacier_gui.core.progress import Cancelled  # noqa: E402


def run(rate: int, seconds: float, threads: int, read_size: int) -> dict[str, float]:
    limiter = Limiter(rate)
    stop = threading.Event()
    per_thread = [0] * threads
    ready = threading.Barrier(threads + 1)

    def pump(i: int) -> None:
        ready.wait()
        while True:
            try:
                limiter.consume(read_size, stop)
            except Cancelled:
                return
            per_thread[i] += read_size

    workers = [threading.Thread(target=pump, args=(i,), daemon=True) for i in range(threads)]
    for w in workers:
        w.start()
    cpu0 = time.process_time()
    ready.wait()
    started = time.monotonic()
    samples: list[float] = []
    while (left := started + seconds - time.monotonic()) > 0:
        time.sleep(min(1.0, left))
        samples.append(limiter.rate_bytes_per_second())
    stop.set()
    elapsed = time.monotonic() - started
    passed = limiter.total_bytes  # counted at grant time, including slices of reads cut short by the stop
    for w in workers:
        w.join(timeout=5)
    cpu = time.process_time() - cpu0
    achieved = passed / elapsed
    steady = samples[3:] or samples
    return {
        "rate": rate,
        "achieved": achieved,
        "error_pct": 100.0 * (achieved - rate) / rate,
        "elapsed": elapsed,
        "min_share_pct": 100.0 * min(per_thread) / max(1, sum(per_thread)) * threads,
        "counter_min": min(steady),
        "counter_max": max(steady),
        "cpu_pct": 100.0 * cpu / elapsed,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", action="append", help="rclone syntax, e.g. 1M, 512k (repeatable; default 1M, 10M)")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--read-size", default="16KiB", help="bytes per consume() call, rclone syntax (16KiB)")
    args = parser.parse_args(argv)
    read_size = parse_rate(args.read_size) or 16 * 1024
    rates = [parse_rate(r) for r in (args.rate or ["1M", "10M"])]
    print(f"{args.threads} threads, {args.seconds:g} s per rate, {read_size} bytes per read, {os.cpu_count()} CPUs")
    print(
        f"{'limit':>12} {'achieved':>12} {'error':>8} {'fairness':>9} {'counter (min..max)':>24} {'CPU':>6}",
        flush=True,
    )
    worst = 0.0
    for rate in rates:
        if rate is None:
            print("skipping an unlimited rate")
            continue
        r = run(rate, args.seconds, args.threads, read_size)
        worst = max(worst, abs(r["error_pct"]))
        print(
            f"{rate / 2**20:>8.3f} MiB/s {r['achieved'] / 2**20:>6.3f} MiB/s {r['error_pct']:>+7.2f}% "
            f"{r['min_share_pct']:>8.1f}% {r['counter_min'] / 2**20:>9.3f}..{r['counter_max'] / 2**20:.3f} MiB/s"
            f" {r['cpu_pct']:>5.1f}%",
            flush=True,
        )
    print(f"worst error {worst:.2f}% (target: within 5 %)")
    print("fairness: the slowest thread's share relative to an equal share (100% = perfectly even)")
    return 0 if worst <= 5.0 else 1


if __name__ == "__main__":
    sys.exit(main())
