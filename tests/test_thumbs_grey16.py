"""Thumbnails of 16-bit greyscale scans, made by a real encoder (ImageMagick), not by Pillow itself.

Scanners save black-and-white prints as 16-bit greyscale PNG or TIFF (Pillow's ``I;16``, ``I;16B``).  Pillow
cannot resize those modes, so such a scan got the placeholder ("image has wrong mode").  Each file here is a
landscape picture, its left half 12 % grey and its right half 88 % grey, written by ImageMagick in both byte
orders; its thumbnail must be a real picture with both halves where they belong: not a placeholder, not all
black or white, and not clipped (the old 16-bit path turned everything above 255 of 65535 into white).

ImageMagick comes from apt (``.ci/run`` installs it).  Without it these tests are skipped with the reason,
except on CI (the ``CI`` variable set) on Linux, where a missing encoder is a failure, not a silent pass.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

Image = pytest.importorskip("PIL.Image")

from glacier_gui.core.thumbs.pixels import eight_bit  # noqa: E402
from glacier_gui.core.thumbs.render import ThumbFeed, ThumbKind, make_thumbnail  # noqa: E402

WIDTH, HEIGHT = 1600, 1200  # large enough that Pillow's thumbnail reduces before it resamples
DARK, LIGHT = 0.12 * 255, 0.88 * 255  # the two halves in 8 bits: about 31 and 224


def _imagemagick() -> list[str] | None:
    """The ImageMagick command (``magick`` 7, else ``convert`` 6), if it is the real one."""
    candidates = [["magick"]] + ([] if os.name == "nt" else [["convert"]])  # convert.exe on Windows is FAT->NTFS
    for command in candidates:
        if shutil.which(command[0]) is None:
            continue
        done = subprocess.run([*command, "-version"], capture_output=True, text=True, check=False)
        if done.returncode == 0 and done.stdout.startswith("Version: ImageMagick"):
            return command
    return None


@pytest.fixture(scope="module")
def imagemagick() -> list[str]:
    command = _imagemagick()
    if command is None:
        if os.environ.get("CI") and sys.platform.startswith("linux"):
            pytest.fail("ImageMagick is missing on CI: .ci/run installs it (apt-get install imagemagick)")
        pytest.skip("ImageMagick is not installed (apt-get install imagemagick): no real 16-bit encoder")
    return command


def _scan(imagemagick: list[str], path: Path, *options: str) -> bytes:
    """A two-tone 16-bit greyscale picture written by ImageMagick to *path* (its format from the suffix)."""
    draw = ["-size", f"{WIDTH}x{HEIGHT}", "xc:gray(12%)", "-fill", "gray(88%)"]
    draw += ["-draw", f"rectangle {WIDTH // 2},0 {WIDTH - 1},{HEIGHT - 1}", "-alpha", "off"]
    subprocess.run([*imagemagick, *draw, "-colorspace", "Gray", "-depth", "16", *options, str(path)], check=True)
    return path.read_bytes()


def _grey(img: Image.Image, xy: tuple[int, int]) -> float:
    pixel = img.getpixel(xy)
    return sum(pixel) / len(pixel) if isinstance(pixel, tuple) else float(pixel)


@pytest.mark.parametrize(
    ("name", "options", "mode"),
    [
        ("scan.png", ["-define", "png:color-type=0"], "I;16"),
        ("scan.tif", ["-define", "tiff:endian=lsb"], "I;16"),
        ("scan-msb.tiff", ["-define", "tiff:endian=msb"], "I;16B"),
        ("scan-zip.tif", ["-define", "tiff:endian=msb", "-compress", "zip"], None),
    ],
)
def test_a_16_bit_grey_scan_gets_a_real_thumbnail(
    imagemagick: list[str], tmp_path: Path, name: str, options: list[str], mode: str | None
) -> None:
    data = _scan(imagemagick, tmp_path / name, *options)
    with Image.open(io.BytesIO(data)) as original:
        assert original.mode == (mode or original.mode) and original.mode.startswith("I;16")  # what scanners make
    thumb = make_thumbnail(data, name)
    assert thumb.kind is ThumbKind.PHOTO, thumb.note
    assert (thumb.width, thumb.height) == (WIDTH, HEIGHT)
    out = Image.open(io.BytesIO(thumb.jpeg))
    assert out.format == "JPEG" and out.size == (320, 240)
    low, high = (min(e[0] for e in out.getextrema()), max(e[1] for e in out.getextrema()))
    assert low < 100 < 150 < high  # both halves survive: neither all black nor all white
    assert abs(_grey(out, (40, 120)) - DARK) <= 6  # scaled, not clipped: 12 % grey stays dark
    assert abs(_grey(out, (280, 120)) - LIGHT) <= 6


def test_the_upload_feed_makes_the_same_thumbnail_from_chunks(imagemagick: list[str], tmp_path: Path) -> None:
    data = _scan(imagemagick, tmp_path / "scan.png", "-define", "png:color-type=0")
    feed = ThumbFeed("2022/スキャン/scan.png")
    for start in range(0, len(data), 4096):
        feed.update(data[start : start + 4096])
    thumb = feed.finish()
    assert thumb is not None and thumb.kind is ThumbKind.PHOTO, thumb
    assert thumb.jpeg == make_thumbnail(data, "scan.png").jpeg


def test_a_turned_16_bit_tiff_is_shown_upright_once(imagemagick: list[str], tmp_path: Path) -> None:
    """Orientation 6 (turn right): the thumbnail is portrait, dark half on top; Pillow 12+ turns TIFFs itself."""
    for depth in ("16", "8"):
        path = tmp_path / f"turned-{depth}.tif"
        data = _scan(imagemagick, path, "-orient", "RightTop", "-depth", depth)
        thumb = make_thumbnail(data, path.name)
        assert thumb.kind is ThumbKind.PHOTO, thumb.note
        out = Image.open(io.BytesIO(thumb.jpeg))
        assert out.size == (240, 320) and (thumb.width, thumb.height) == (HEIGHT, WIDTH), depth
        assert _grey(out, (120, 40)) < 80 < 170 < _grey(out, (120, 280)), depth


# ---- the scaling rule on its own, for the deep modes ImageMagick does not write ------------------------------
@pytest.mark.parametrize(
    ("mode", "samples", "expected"),
    [
        ("I;16", [0, 7864, 32768, 65535], [0, 30, 128, 255]),
        ("I;16B", [0, 7864, 32768, 65535], [0, 30, 128, 255]),
        ("I", [0, 7864, 32768, 65535], [0, 30, 128, 255]),  # 16-bit samples in a 32-bit container
        ("I", [-1000, 0, 1000, 3000], [0, 64, 128, 255]),  # no common white: stretched
        ("F", [0.0, 0.12, 0.5, 1.0], [0, 31, 128, 255]),
        ("F", [0.0, 30.0, 128.0, 255.0], [0, 30, 128, 255]),
    ],
)
def test_deep_samples_are_scaled_onto_eight_bits(mode: str, samples: list[float], expected: list[int]) -> None:
    wide = Image.new("I" if mode.startswith("I") else "F", (len(samples), 1))
    for x, value in enumerate(samples):
        wide.putpixel((x, 0), value)
    img = wide if mode in ("I", "F") else wide.convert(mode)
    small = eight_bit(img)
    assert small.mode == "L"
    got = [small.getpixel((x, 0)) for x in range(len(samples))]
    assert all(abs(g - e) <= 1 for g, e in zip(got, expected, strict=True)), got


def test_a_float_picture_without_numbers_gets_a_placeholder() -> None:
    img = Image.new("F", (4, 4), float("nan"))
    out = io.BytesIO()
    img.save(out, "TIFF")
    thumb = make_thumbnail(out.getvalue(), "nan.tif")
    assert thumb.kind is ThumbKind.PLACEHOLDER and "not numbers" in thumb.note
