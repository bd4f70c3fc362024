"""Time ``glacier-gui scan`` of a large album against ``find DIR -type f -printf '%s %T@\\n'`` (size and mtime).

    python tests/benchmarks/bench_scan.py                         # 200,000 empty files, 5 rounds
    python tests/benchmarks/bench_scan.py --workdir /tmp/gg_bench   # keep (and reuse) the album between runs
    python tests/benchmarks/bench_scan.py --smoke                   # 2,000 files, 1 round (the test suite)

The album is ``<years>/<events>/IMG_NNNNN.jpg`` (level 2: one unit per event), empty files, created once and
reused when ``--workdir`` is given.  Each round runs, alternating the order, the real CLI in a subprocess
(``python -m glacier_gui scan``, which also writes status.csv: one row per unit, from a fresh data folder) and
``find``; both after a warm-up, so both read the same cached directory entries.  We print medians, the ratio,
the CLI's peak RSS, and the in-process time of ``scan_album`` alone (without the interpreter's start-up, pandas
and status.csv).  On Windows, whose ``find.exe`` is another program, the reference is a Python walk printing
the same lines (:data:`PY_FIND`), so the script still runs there (the ratio then compares with Python).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import child_env, find_rclone, glacier_cmd, machine_line, median, run_timed, workdir  # noqa: E402


def make_album(root: Path, years: int, events: int, per_event: int) -> Path:
    marker = root.parent / f".complete-{years}x{events}x{per_event}"
    if marker.exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    for y in range(years):
        for e in range(events):
            folder = root / f"{2000 + y}" / f"{e + 1:02d}01_event"
            folder.mkdir(parents=True)
            for i in range(per_event):
                # os.open is several times faster than Path.touch for 10^5 files
                os.close(os.open(folder / f"IMG_{i:05d}.jpg", os.O_CREAT | os.O_WRONLY, 0o644))
    marker.touch()
    return root


def in_process_scan(album: Path) -> tuple[float, int]:
    from glacier_gui.core.album.scan import SkipRules, scan_album
    from glacier_gui.core.settings import Settings

    defaults = Settings()
    start = time.perf_counter()
    result = scan_album(album, 2, SkipRules(defaults.skip_files, defaults.skip_folders))
    return time.perf_counter() - start, sum(u.file_count for u in result.units)


# What GNU find -type f -printf '%s %T@\\n' prints, for Windows (its find.exe searches text in files).
PY_FIND = (
    "import os, sys\n"
    "for top, _dirs, names in os.walk(sys.argv[1]):\n"
    "    for n in names:\n"
    "        st = os.stat(os.path.join(top, n))\n"
    "        print(st.st_size, st.st_mtime)\n"
)


def reference_cmd(album: Path) -> list[str] | None:
    """The command that lists *album*'s files for comparison: GNU find, or :data:`PY_FIND` on Windows."""
    if sys.platform == "win32":
        return [sys.executable, "-c", PY_FIND, str(album)]
    find = shutil.which("find")
    return [find, str(album), "-type", "f", "-printf", "%s %T@\\n"] if find else None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--files", type=int, default=200_000, help="files in the album (default 200,000)")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--workdir", help="keep the album here between runs (default: a temporary folder)")
    p.add_argument("--smoke", action="store_true", help="2,000 files, one round (what the test suite runs)")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = p.parse_args(argv)
    if args.smoke:
        args.files, args.rounds = 2_000, 1
    if reference_cmd(Path(".")) is None:
        print("find is not on PATH", file=sys.stderr)
        return 2
    print(machine_line(find_rclone()))
    years, events = 20, 50
    per_event = max(1, args.files // (years * events))
    with workdir(args.workdir) as work:
        album = make_album(work / f"album-scan-{args.files}" / "10_Album", years, events, per_event)
        files = years * events * per_event
        env = child_env()
        ours_runs, find_runs = [], []
        find_cmd = reference_cmd(album)
        assert find_cmd is not None
        run_timed(find_cmd, env)  # warm the directory cache for both
        for r in range(args.rounds):
            for tool in ("ours", "find") if r % 2 == 0 else ("find", "ours"):
                if tool == "find":
                    run = run_timed(find_cmd, env)
                    assert run.returncode == 0 and run.output.count("\n") == files, run.output[-300:]
                    find_runs.append(run)
                else:
                    data_dir = work / f"scan-data-{uuid.uuid4().hex[:8]}"
                    run = run_timed(
                        glacier_cmd(
                            "scan", "--root", str(album), "--level", "2", "--data-dir", str(data_dir), "--no-progress"
                        ),
                        env,
                    )
                    assert run.returncode == 0 and f"{files} files" in run.output, run.output[-2000:]
                    shutil.rmtree(data_dir, ignore_errors=True)
                    ours_runs.append(run)
                print(
                    f"  round {r + 1}/{args.rounds} {tool:<4} {run.wall:6.2f} s  cpu {run.cpu:6.2f} s  "
                    f"rss {run.max_rss_mib:5.0f} MiB",
                    flush=True,
                )
        core_s, counted = in_process_scan(album)
        assert counted == files
    ours, theirs = median([r.wall for r in ours_runs]), median([r.wall for r in find_runs])
    row = {
        "files": files,
        "rounds": args.rounds,
        "ours_s": round(ours, 3),
        "find_s": round(theirs, 3),
        "ratio": round(ours / theirs, 2),
        "scan_album_only_s": round(core_s, 3),
        "ours_peak_rss_mib": round(max(r.max_rss_mib for r in ours_runs)),
    }
    print(
        f"scan of {files} files: glacier-gui scan {ours:.2f} s (scan_album alone {core_s:.2f} s), "
        f"find {theirs:.2f} s, ratio {row['ratio']}; peak RSS {row['ours_peak_rss_mib']} MiB"
    )
    if args.json:
        args.json.write_text(json.dumps(row, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
