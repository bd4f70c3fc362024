"""Time status.csv with many units: ``StatusTable.save`` and ``load_status``, in this process.

    python tests/benchmarks/bench_status.py              # 10,000 units, 5 rounds
    python tests/benchmarks/bench_status.py --units 50000
    python tests/benchmarks/bench_status.py --smoke      # 200 units (the test suite)

Rows look like real ones (Japanese event names, counts, timestamps, an ARN, a last_error on some).  The upload
saves status.csv after every unit, so the save time is also the per-unit overhead of an upload of a table this
big.  Prints medians, the file size and the peak RSS of the process (pandas included).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, median, peak_rss_mib  # noqa: E402

sys.path.insert(0, str(REPO))


def make_table(path: Path, units: int):  # type: ignore[no-untyped-def]
    from glacier_gui.core.ledger.status import State, StatusRow, StatusTable

    states = [State.CHECK, State.UPLOAD, State.SYNCHRONIZED, State.SYNCHRONIZED, State.CHECK_FILE_UPLOAD]
    rows = []
    for i in range(units):
        unit = f"{2000 + i // 500}/{i % 500:04d}_運動会と旅行"
        state = states[i % len(states)]
        synced = state == State.SYNCHRONIZED
        rows.append(
            StatusRow(
                status=state,
                local_path=f"\\\\192.168.0.20\\10_Album\\{unit.replace('/', chr(92))}",
                local_file_count=100 + i % 400,
                local_total_size=(100 + i % 400) * 4_500_000,
                local_last_modified="2022-05-09 23:20:12.345128",
                sync_start="2024-01-02 03:04:05.678901" if synced else "",
                sync_end="2024-01-02 03:14:05.678901" if synced else "",
                aws_arn=f"10_Album/{unit}" if synced else "",
                aws_file_count=100 + i % 400 if synced else None,
                aws_total_size=(100 + i % 400) * 4_500_000 if synced else None,
                unit=unit,
                previous_status=State.UPLOAD if synced else "",
                storage_class="DEEP_ARCHIVE" if synced else "",
                last_error="S3 error SlowDown: Please reduce your request rate."
                if state == State.CHECK_FILE_UPLOAD
                else "",
            )
        )
    return StatusTable(path, rows)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--units", type=int, default=10_000)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--smoke", action="store_true", help="200 units, 1 round (what the test suite runs)")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = p.parse_args(argv)
    if args.smoke:
        args.units, args.rounds = 200, 1
    from glacier_gui.core.ledger.status import load_status

    with tempfile.TemporaryDirectory(prefix="glacier_gui_status_") as tmp:
        path = Path(tmp) / "status.csv"
        table = make_table(path, args.units)
        saves, loads = [], []
        for _ in range(args.rounds):
            start = time.perf_counter()
            table.save()
            saves.append(time.perf_counter() - start)
            start = time.perf_counter()
            loaded = load_status(path, "\\\\192.168.0.20\\10_Album", 2)
            loads.append(time.perf_counter() - start)
            assert len(loaded) == args.units and loaded.rows[-1] == table.rows[-1]
        size = path.stat().st_size
    rss = peak_rss_mib()
    row = {
        "units": args.units,
        "rounds": args.rounds,
        "save_s": round(median(saves), 3),
        "load_s": round(median(loads), 3),
        "file_kib": round(size / 1024),
        "peak_rss_mib": round(rss),
    }
    print(
        f"status.csv with {args.units} units ({row['file_kib']} KiB): save {row['save_s']:.3f} s, "
        f"load {row['load_s']:.3f} s (medians of {args.rounds}); peak RSS {row['peak_rss_mib']} MiB"
    )
    if args.json:
        args.json.write_text(json.dumps(row, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
