"""Time thumbnails of 12-megapixel photos: JPEG draft mode against a full decode, a RAW preview, a pack.

    python tests/benchmarks/bench_thumbs.py                 # 24 photos of 2-6 MB, 3 rounds
    python tests/benchmarks/bench_thumbs.py --count 50 --workdir /tmp/gg_thumbs
    python tests/benchmarks/bench_thumbs.py --smoke         # 2 small photos, 1 round (the test suite)
    python tests/benchmarks/bench_thumbs.py --workers 1,2,4  # also: threads against processes, by worker count

The photos (4000 x 3000 JPEGs: gradients, shapes and sensor-like noise, quality 88-95, so 2-6 MB like a phone's)
are drawn once and kept in ``--workdir`` (default: a folder in the system temp dir), so later runs only time.
Each photo is read into memory first: what is timed is what the upload engine adds to a file it already read.
Draft and full decodes alternate photo by photo, so a busy neighbour on the machine slows both alike.

Two more figures: the same photos with a camera-style 320 x 240 Exif preview (what many phones store), which the
renderer takes instead of decoding the photo; and photos per second with N threads against N processes
(``--workers``), since Pillow lets go of the GIL while it decodes and threads need no copy of the bytes.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import Image, ImageDraw  # noqa: E402

from glacier_gui.core.thumbs import pack as thumbpack  # noqa: E402
from glacier_gui.core.thumbs import render as thumbs  # noqa: E402


def draw_photo(path: Path, seed: int, size: tuple[int, int]) -> None:
    """A photo-like JPEG: smooth gradients (sky, ground), a few shapes, and noise that costs bytes like detail."""
    rng = random.Random(seed)
    w, h = size
    channels = []
    for _ in range(3):
        gradient = Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize(size, Image.Resampling.BILINEAR)
        lo, hi = rng.randint(0, 90), rng.randint(150, 255)
        channels.append(gradient.point(lambda v, lo=lo, hi=hi: lo + v * (hi - lo) // 255))
    img = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(img)
    for _ in range(12):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.randint(w // 40, w // 6)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x - r, y - r, x + r, y + r), fill=colour)
    noise = Image.effect_noise(size, rng.uniform(15, 35)).convert("RGB")
    img = Image.blend(img, noise, rng.uniform(0.2, 0.42))
    tags = Image.Exif()
    tags[0x0110] = "Bench Camera"
    tags[0x0112] = rng.choice((1, 1, 1, 6, 8))
    tags.get_ifd(0x8769)[0x9003] = f"2022:06:{1 + seed % 28:02d} 09:{seed % 60:02d}:00"
    img.save(path, "JPEG", quality=rng.randint(86, 94), exif=tags)


def photos(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"IMG_{size[0]}x{size[1]}_v3_{i:04d}.jpg"  # v2: bump when draw_photo changes
        if not path.exists():
            tmp = path.with_suffix(".part")
            draw_photo(tmp, i, size)
            os.replace(tmp, path)
        paths.append(path)
    return paths


def fake_raw(preview: bytes, sensor_bytes: int) -> bytes:
    """A RAW-shaped file: a TIFF header, "sensor data" without JPEG markers, then the 12 MP preview (the worst
    place for it: the scan must cross the whole sensor block first)."""
    sensor = random.Random(1).randbytes(sensor_bytes).replace(b"\xff", b"\xfe")
    return b"II*\x00\x08\x00\x00\x00" + b"\x00" * 8 + sensor + preview


def timed(fn, *args, cpu: list[float] | None = None):  # type: ignore[no-untyped-def]
    """Wall seconds and the result; the CPU seconds go to *cpu* (on a shared machine wall time is the noisier)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    if cpu is not None:
        cpu.append(time.process_time() - start_cpu)
    return time.perf_counter() - start, result


def summary(values: list[float]) -> dict[str, float]:
    ms = sorted(v * 1000 for v in values)
    return {
        "median_ms": round(statistics.median(ms), 1),
        "mean_ms": round(statistics.fmean(ms), 1),
        "p90_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.9))], 1),
    }


def with_preview(blob: bytes) -> bytes:
    """*blob* with a 320 x 240 Exif preview of itself in IFD1, where cameras keep it (written with Pillow)."""
    img = Image.open(io.BytesIO(blob))
    small = img.copy()
    small.draft("RGB", (320, 240))
    small.thumbnail((320, 320))
    preview = io.BytesIO()
    small.save(preview, "JPEG", quality=80)
    exif = img.getexif()
    out = io.BytesIO()
    # Pillow writes IFD1's JPEG from the thumbnail tags it is given (JPEGInterchangeFormat and its length).
    exif_bytes = _exif_with_thumbnail(exif, preview.getvalue())
    img.save(out, "JPEG", quality=90, exif=exif_bytes)
    return out.getvalue()


def _exif_with_thumbnail(exif: Image.Exif, jpeg: bytes) -> bytes:
    """A little-endian TIFF block: IFD0 (Orientation 1) and IFD1 pointing at *jpeg*, as cameras write it."""
    import struct

    ifd0 = struct.pack("<H", 1) + struct.pack("<HHII", 0x0112, 3, 1, 1) + struct.pack("<I", 26)
    ifd1_entries = [(0x0103, 3, 1, 6), (0x0201, 4, 1, 8 + len(ifd0) + 2 + 3 * 12 + 4), (0x0202, 4, 1, len(jpeg))]
    ifd1 = struct.pack("<H", len(ifd1_entries))
    ifd1 += b"".join(struct.pack("<HHII", *e) for e in ifd1_entries) + struct.pack("<I", 0)
    return b"Exif\x00\x00" + b"II*\x00" + struct.pack("<I", 8) + ifd0 + ifd1 + jpeg


def _thumb_of(blob: bytes) -> int:
    return len(thumbs.make_thumbnail(blob, "IMG.jpg").jpeg)


def pool_rates(data: list[bytes], workers: list[int], rounds: int) -> dict[str, float]:
    """Photos per second through a thread pool and a process pool of each size (best of *rounds*)."""
    rates: dict[str, float] = {}
    for n in workers:
        for kind, pool_type in (("threads", concurrent.futures.ThreadPoolExecutor), ("processes", None)):
            best = 0.0
            for _ in range(rounds):
                if pool_type is None:
                    pool: concurrent.futures.Executor = concurrent.futures.ProcessPoolExecutor(n)
                    list(pool.map(_thumb_of, data[:n]))  # start the workers (and import Pillow) untimed
                else:
                    pool = pool_type(n)
                with pool:
                    start = time.perf_counter()
                    list(pool.map(_thumb_of, data))
                    best = max(best, len(data) / (time.perf_counter() - start))
            rates[f"{kind}_{n}"] = round(best, 1)
    return rates


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--count", type=int, default=24, help="photos (default 24)")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "glacier_gui_bench_thumbs")
    p.add_argument("--smoke", action="store_true", help="2 photos of 1200 x 900, 1 round (what the test suite runs)")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    p.add_argument("--workers", default="1,2", help="pool sizes for threads against processes (default 1,2)")
    args = p.parse_args(argv)
    size = (4000, 3000)
    if args.smoke:
        args.count, args.rounds, size = 2, 1, (1200, 900)

    start = time.perf_counter()
    paths = photos(args.workdir, args.count, size)
    prepared = time.perf_counter() - start
    data = [path.read_bytes() for path in paths]
    sizes_mb = [len(d) / 1e6 for d in data]
    print(f"{len(data)} photos {size[0]}x{size[1]}, {min(sizes_mb):.1f}-{max(sizes_mb):.1f} MB "
          f"(mean {statistics.fmean(sizes_mb):.1f} MB), in {args.workdir} (made in {prepared:.1f} s)")  # fmt: skip

    draft: list[float] = []
    full: list[float] = []
    cpu: dict[bool, list[float]] = {True: [], False: []}
    made: list[thumbs.Thumb] = []
    for round_no in range(args.rounds):
        for i, (path, blob) in enumerate(zip(paths, data, strict=True)):
            first_draft = (i + round_no) % 2 == 0
            for use_draft in (first_draft, not first_draft):
                seconds, thumb = timed(thumbs._photo_thumb, blob, path.name, use_draft, cpu=cpu[use_draft])
                assert thumb.kind is thumbs.ThumbKind.PHOTO, thumb.note
                (draft if use_draft else full).append(seconds)
                if use_draft and round_no == 0:
                    made.append(thumb)

    sensor_mb = 20 if not args.smoke else 0.2
    raw = fake_raw(data[0], int(sensor_mb * 1e6))
    raw_times = [timed(thumbs.make_thumbnail, raw, "DSC_0001.NEF")[0] for _ in range(max(3, args.rounds))]

    mtime = 1_654_045_200.0
    items = [(f"2022/0601_運動会/{p.name}", t, len(d), mtime) for p, t, d in zip(paths, made, data, strict=True)]
    pack_seconds, pack = timed(thumbpack.build_pack, items)
    index_seconds, index = timed(thumbpack.read_index, pack)
    assert len(index) == len(items)

    previewed = [with_preview(blob) for blob in data]
    preview_cpu: list[float] = []
    preview_times = []
    for blob in previewed:
        seconds, thumb = timed(thumbs.make_thumbnail, blob, "IMG.jpg", cpu=preview_cpu)
        assert thumb.kind is thumbs.ThumbKind.PHOTO and (thumb.width, thumb.height) == size, thumb
        preview_times.append(seconds)
    workers = [int(n) for n in args.workers.split(",") if n.strip()]
    rates = pool_rates(data, workers, args.rounds)

    figures = {
        "photos": len(data),
        "pixels": f"{size[0]}x{size[1]}",
        "photo_mb_mean": round(statistics.fmean(sizes_mb), 2),
        "rounds": args.rounds,
        "draft": summary(draft),
        "full_decode": summary(full),
        "draft_cpu": summary(cpu[True]),
        "full_decode_cpu": summary(cpu[False]),
        "speedup_median": round(statistics.median(full) / statistics.median(draft), 1),
        "speedup_cpu_median": round(statistics.median(cpu[False]) / statistics.median(cpu[True]), 1),
        "raw_sensor_mb": sensor_mb,
        "raw": summary(raw_times),
        "thumb_kb_mean": round(statistics.fmean(len(t.jpeg) for t in made) / 1000, 1),
        "pack_bytes": len(pack),
        "pack_build_ms": round(pack_seconds * 1000, 1),
        "pack_read_index_ms": round(index_seconds * 1000, 1),
        "embedded_preview": summary(preview_times),
        "embedded_preview_cpu": summary(preview_cpu),
        "photos_per_second": rates,
        "pillow": Image.__version__,
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }
    for label, key in (("draft mode ", "draft"), ("full decode", "full_decode")):
        w, c = figures[key], figures[key + "_cpu"]
        print(f"{label} : median {w['median_ms']} ms/photo wall (mean {w['mean_ms']}, p90 {w['p90_ms']}), "  # type: ignore[index]
              f"{c['median_ms']} ms CPU")  # type: ignore[index]  # fmt: skip
    print(f"speed-up    : x{figures['speedup_median']} wall, x{figures['speedup_cpu_median']} CPU (medians)")
    e, ec = figures["embedded_preview"], figures["embedded_preview_cpu"]
    print(f"Exif preview: median {e['median_ms']} ms/photo wall, {ec['median_ms']} ms CPU (320 x 240 preview in IFD1)")  # type: ignore[index]
    print("pools       : " + ", ".join(f"{k.replace('_', ' ')}: {v} photos/s" for k, v in rates.items()))
    r = figures["raw"]
    print(f"RAW-shaped  : median {r['median_ms']} ms ({sensor_mb} MB of sensor data scanned, then the preview)")  # type: ignore[index]
    print(f"thumbnails  : mean {figures['thumb_kb_mean']} KB; pack of {len(items)}: {len(pack) / 1000:.0f} KB, "
          f"built in {figures['pack_build_ms']} ms, index read in {figures['pack_read_index_ms']} ms")  # fmt: skip
    print(f"machine     : {os.cpu_count()} CPUs, load average {figures['load_average']}, Pillow {Image.__version__}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
