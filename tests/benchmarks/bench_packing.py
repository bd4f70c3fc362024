"""Small-file packing: requests and estimated cost for an album of many small files, with and without packing.

    python tests/benchmarks/bench_packing.py [--files 10000] [--size 50000]

Makes one unit of N files of SIZE bytes, estimates the upload (core.plan) with packing off and on, then
uploads it to moto's S3 server on 127.0.0.1 both ways, counting the HTTP requests the client really sends
(a botocore hook), and prints the figures side by side.  Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from glacier_gui.core.cost import load_prices  # noqa: E402
from glacier_gui.core.demo import DEMO_CREDENTIALS, demo_endpoint  # noqa: E402
from glacier_gui.core.s3.client import make_client
from glacier_gui.core.settings import Settings
from glacier_gui.core.textfmt import format_usd  # noqa: E402
from glacier_gui.core.upload import backup  # noqa: E402
from glacier_gui.core.upload.estimate import plan_upload  # noqa: E402

UNIT = "2022/0601_運動会"


def make_album(root: Path, files: int, size: int) -> Path:
    album = root / "10_Album"
    folder = album / "2022" / "0601_運動会"
    folder.mkdir(parents=True)
    for i in range(files):
        (folder / f"IMG_{i:05d}.jpg").write_bytes(os.urandom(size))
    return album


def run(album: Path, url: str, bucket: str, data_dir: Path, pack_below: int) -> dict[str, float]:
    settings = Settings(
        album_root=str(album),
        level=2,
        bucket=bucket,
        endpoint_url=url,
        region="us-east-2",
        concurrency=8,
        pack_below=pack_below,
        status_file=str(data_dir / "status.csv"),
    )
    table = backup.open_status(settings, data_dir)
    summary = backup.scan_into(settings, table)
    table.mark_upload([UNIT])
    plan = plan_upload(
        [summary.scan.by_key()[UNIT]],
        load_prices(),
        "us-east-2",
        "DEEP_ARCHIVE",
        settings.part_size_mib * 2**20,
        pack_below,
        suggest=False,
    )
    client = make_client(settings, credentials=DEMO_CREDENTIALS)
    sent: list[str] = []
    client.meta.events.register("before-send.s3.*", lambda request, **kw: sent.append(request.method))
    started = time.perf_counter()
    report = backup.upload_marked(settings, table, data_dir, client, scan=summary.scan)
    seconds = time.perf_counter() - started
    assert not report.failed, report.failed[0].error
    return {
        "estimated requests": plan.total_requests,
        "measured requests": len(sent) - 1,  # minus the one bucket check per run
        "objects": plan.objects,
        "request cost (USD)": plan.estimate.request_cost,
        "storage per month (USD)": plan.estimate.storage_monthly,
        "first year (USD)": plan.estimate.first_year_total,
        "upload seconds (moto)": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        album = make_album(Path(tmp), args.files, args.size)
        rows = {}
        with demo_endpoint("bench-plain") as plain_endpoint:
            rows["file mode"] = run(album, plain_endpoint.url, plain_endpoint.bucket, Path(tmp) / "d1", 0)
        with demo_endpoint("bench-packed") as packed_endpoint:
            rows["packed <1 MiB"] = run(album, packed_endpoint.url, packed_endpoint.bucket, Path(tmp) / "d2", 2**20)
    print(f"{args.files} files of {args.size} bytes, one unit, DEEP_ARCHIVE, us-east-2 prices")
    names = list(rows)
    print(f"{'':28}" + "".join(f"{n:>18}" for n in names))
    for key in rows[names[0]]:
        cells = []
        for n in names:
            value = rows[n][key]
            text = format_usd(value) if "USD" in key else f"{value:,.1f}" if "seconds" in key else f"{value:,.0f}"
            cells.append(text)
        print(f"{key:28}" + "".join(f"{c:>18}" for c in cells))
    ratio = rows["file mode"]["measured requests"] / rows["packed <1 MiB"]["measured requests"]
    print(f"requests, file mode / packed: {ratio:.0f}x fewer with packing")


if __name__ == "__main__":
    main()
