"""Thumbnails from real images drawn by Pillow in the test: formats, EXIF, RAW previews, failures, chunked feeds."""

from __future__ import annotations

import io
import logging
import os
import random
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

Image = pytest.importorskip("PIL.Image")

from glacier_gui.core.thumbs import rawpreview  # noqa: E402
from glacier_gui.core.thumbs import render as thumbs  # noqa: E402
from glacier_gui.core.thumbs.render import ThumbFeed, ThumbKind, make_thumbnail, wants_thumbnail  # noqa: E402

RED, BLUE = (220, 20, 20), (20, 20, 220)


def two_tone(size: tuple[int, int] = (400, 300), mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: tells which way a thumbnail was turned."""
    img = Image.new("RGB", size, BLUE)
    img.paste(RED, (0, 0, size[0] // 2, size[1]))
    return img.convert(mode) if mode != "RGB" else img


def exif(orientation: int | None = None, taken: str | None = None, model: str | None = None) -> Image.Exif:
    data = Image.Exif()
    if orientation:
        data[0x0112] = orientation
    if model:
        data[0x0110] = model
    if taken:
        data.get_ifd(0x8769)[0x9003] = taken
        data.get_ifd(0x8769)[0x9011] = "+09:00"
    return data


def encode(img: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **params)
    return out.getvalue()


def decoded(thumb: thumbs.Thumb) -> Image.Image:
    assert thumb.jpeg[:2] == b"\xff\xd8"
    img = Image.open(io.BytesIO(thumb.jpeg))
    assert img.format == "JPEG" and img.mode == "RGB"
    return img


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def test_wants_thumbnail_by_extension_any_case() -> None:
    for name in ("a.jpg", "B.JPEG", "c.Heic", "d.CR2", "e.nef", "f.MOV", "g.mp4", "h.png", "i.webp", "j.DNG"):
        assert wants_thumbnail(name), name
    for name in ("Thumbs.db", "notes.txt", "desktop.ini", "noext", "archive.jpg.zip"):
        assert not wants_thumbnail(name), name
    assert thumbs.kind_for("x.ARW") is ThumbKind.RAW and thumbs.kind_for("x.3gp") is ThumbKind.VIDEO


def test_jpeg_orientation_6_turns_the_thumbnail_and_records_exif() -> None:
    data = encode(two_tone(), "JPEG", quality=90, exif=exif(6, "2022:06:01 09:30:00", "Canon EOS R6"))
    thumb = make_thumbnail(data, "IMG_0001.JPG")
    img = decoded(thumb)
    assert img.size == (240, 320)  # 400x300 stored, shown upright as 300x400
    assert (thumb.width, thumb.height) == (300, 400)
    # Orientation 6: turn clockwise, so the red left half ends up on top.
    assert near(img.getpixel((120, 40)), RED) and near(img.getpixel((120, 280)), BLUE)
    assert thumb.kind is ThumbKind.PHOTO
    assert thumb.taken == "2022-06-01T09:30:00+09:00"
    assert thumb.camera == "Canon EOS R6"
    assert b"Exif" not in thumb.jpeg[:200]  # the thumbnail itself carries no EXIF (nor an orientation to reapply)


def test_jpeg_without_exif_and_with_datetime_only() -> None:
    plain = make_thumbnail(encode(two_tone(), "JPEG"), "a.jpg")
    assert (plain.taken, plain.camera, decoded(plain).size) == (None, None, (320, 240))
    older = Image.Exif()
    older[0x0132] = "2009/12/24 18:00:00"
    assert make_thumbnail(encode(two_tone(), "JPEG", exif=older), "b.jpg").taken == "2009-12-24T18:00:00"
    blank = exif(taken="0000:00:00 00:00:00")
    assert make_thumbnail(encode(two_tone(), "JPEG", exif=blank), "c.jpg").taken is None


def test_twelve_megapixel_jpeg_uses_draft_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    data = encode(Image.effect_noise((4000, 3000), 30).convert("RGB"), "JPEG", quality=85)
    loaded: list[tuple[int, int]] = []
    original = thumbs._check_pixels
    monkeypatch.setattr(thumbs, "_check_pixels", lambda img: (loaded.append(img.size), original(img)))
    thumb = make_thumbnail(data, "big.jpg")
    assert decoded(thumb).size == (320, 240) and (thumb.width, thumb.height) == (4000, 3000)
    assert loaded == [(500, 375)]  # decoded at 1/8 scale, not 4000x3000


def test_small_photos_are_not_enlarged_and_odd_sizes_keep_their_shape() -> None:
    assert decoded(make_thumbnail(encode(two_tone((100, 50)), "JPEG"), "s.jpg")).size == (100, 50)
    assert decoded(make_thumbnail(encode(two_tone((4001, 17)), "JPEG"), "w.jpg")).size[0] == 320


def test_png_with_alpha_is_flattened_on_white() -> None:
    img = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    img.paste((200, 0, 0, 255), (0, 0, 100, 100))
    thumb = make_thumbnail(encode(img, "PNG"), "logo.png")
    out = decoded(thumb)
    assert out.size == (200, 100)
    assert near(out.getpixel((50, 50)), (200, 0, 0)) and near(out.getpixel((150, 50)), (255, 255, 255), 10)


@pytest.mark.parametrize(
    ("fmt", "name", "mode"),
    [("TIFF", "scan.tif", "RGB"), ("WEBP", "x.webp", "RGB"), ("BMP", "x.bmp", "RGB"), ("PNG", "x.png", "P"),
     ("JPEG", "cmyk.jpg", "CMYK"), ("PNG", "grey16.png", "I;16"), ("TIFF", "grey.tiff", "L")],
)  # fmt: skip
def test_other_formats(fmt: str, name: str, mode: str) -> None:
    img = two_tone((640, 480), mode) if mode != "I;16" else Image.linear_gradient("L").convert("I;16")
    thumb = make_thumbnail(encode(img, fmt), name)
    assert thumb.kind is ThumbKind.PHOTO, thumb.note
    assert max(decoded(thumb).size) <= 320
    if mode != "I;16":
        expected = RED if mode != "L" else Image.new("RGB", (1, 1), RED).convert("L").getpixel((0, 0))
        assert near(decoded(thumb).getpixel((10, 10)), expected if isinstance(expected, tuple) else (expected,) * 3, 60)


def test_gif_gives_its_first_frame() -> None:
    frames = [Image.new("RGB", (120, 80), RED), Image.new("RGB", (120, 80), BLUE)]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    out = decoded(make_thumbnail(data, "anim.gif"))
    assert near(out.getpixel((60, 40)), RED)


def test_heic_through_pillow_heif() -> None:
    pytest.importorskip("pillow_heif")
    assert thumbs.heif_available()
    # As bytes: pillow-heif reads the orientation only from EXIF bytes, and then stores it as the HEIF rotation
    # (irot) that iPhones write; reading decodes it turned and resets the EXIF tag to 1.
    tags = exif(6, "2023:01:01 08:00:00", "iPhone 13").tobytes()
    data = encode(two_tone((640, 480)), "HEIF", quality=60, exif=tags)
    thumb = make_thumbnail(data, "IMG_0002.HEIC")
    assert thumb.kind is ThumbKind.PHOTO, thumb.note
    assert decoded(thumb).size == (240, 320) and (thumb.width, thumb.height) == (480, 640)
    assert thumb.taken == "2023-01-01T08:00:00+09:00" and thumb.camera == "iPhone 13"
    assert near(decoded(thumb).getpixel((120, 40)), RED, 60)


def test_heic_without_pillow_heif_is_a_placeholder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(thumbs, "heif_available", lambda: False)
    monkeypatch.setitem(Image.OPEN, "HEIF", (None, lambda prefix: False))  # as if the opener never registered
    thumb = make_thumbnail(b"\0\0\0\x18ftypheic" + b"\0" * 100, "x.heic")
    assert thumb.kind is ThumbKind.PLACEHOLDER


# --- RAW ------------------------------------------------------------------------------------------------------


def fake_raw(magic: bytes = b"II*\x00", preview_size: tuple[int, int] = (1024, 768)) -> bytes:
    """A TIFF container (IFD0 with model and orientation, an Exif IFD with the date), a lossless "sensor" JPEG
    header that must be skipped, a small EXIF-style thumbnail and a large preview, as cameras lay them out."""
    container = exif(6, "2021:04:01 10:00:00", "NIKON Z 6")
    container.endian = "<"  # little-endian ("II"), as these makers write it
    container.get_ifd(0x8769)[0xA002], container.get_ifd(0x8769)[0xA003] = 6048, 4024
    tiff = container.tobytes()[6:]  # drop "Exif\0\0": what is left is a TIFF header and its IFDs
    sensor = b"\xff\xd8\xff\xc3\x00\x0b\x10\x3f\xff\x3f\xff\x01\x01\x11\x00" + os.urandom(4000)  # SOF3: lossless
    small = encode(two_tone((160, 120)), "JPEG")
    preview = encode(two_tone(preview_size), "JPEG", quality=80)
    return magic + tiff[4:] + b"\0" * 64 + sensor + small + b"\x00" * 10 + preview + os.urandom(2000)


def test_raw_gives_its_largest_preview_with_the_containers_exif() -> None:
    thumb = make_thumbnail(fake_raw(), "DSC_0001.NEF")
    assert thumb.kind is ThumbKind.RAW, thumb.note
    assert decoded(thumb).size == (240, 320)  # the container's orientation 6 applied to the preview
    assert (thumb.width, thumb.height) == (4024, 6048)  # the Exif pixel size, turned upright
    assert thumb.taken == "2021-04-01T10:00:00+09:00" and thumb.camera == "NIKON Z 6"
    assert near(decoded(thumb).getpixel((120, 40)), RED, 60)


@pytest.mark.parametrize("magic", [b"IIRO", b"IIU\x00"])  # Olympus ORF, Panasonic RW2
def test_raw_with_a_makers_own_tiff_magic(magic: bytes) -> None:
    thumb = make_thumbnail(fake_raw(magic), "P1000001.RW2")
    assert thumb.kind is ThumbKind.RAW and thumb.camera == "NIKON Z 6"


def test_cr3_tags_come_from_its_cmt_boxes() -> None:
    cmt1 = exif(8, model="Canon EOS R5").tobytes()[6:]
    cmt2 = Image.Exif()
    cmt2[0x9003] = "2024:05:05 12:00:00"
    cmt2_bytes = cmt2.tobytes()[6:]
    boxes = b"".join(struct.pack(">I", 8 + len(b)) + name + b for name, b in ((b"CMT1", cmt1), (b"CMT2", cmt2_bytes)))
    data = b"\0\0\0\x18ftypcrx \0\0\0\x01crx isom" + boxes + encode(two_tone((800, 600)), "JPEG")
    thumb = make_thumbnail(data, "IMG_0001.CR3")
    assert thumb.kind is ThumbKind.RAW, thumb.note
    assert thumb.camera == "Canon EOS R5" and thumb.taken == "2024-05-05T12:00:00"
    assert decoded(thumb).size == (240, 320)  # orientation 8


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")  # Pillow says so of the random "TIFF"
def test_raw_without_a_preview_is_a_placeholder(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="glacier_gui.core.thumbs.render"):
        thumb = make_thumbnail(b"II*\x00" + os.urandom(50_000), "broken.CR2")
    assert thumb.kind is ThumbKind.PLACEHOLDER and thumb.note
    assert len(caplog.records) == 1 and "broken.CR2" in caplog.records[0].getMessage()


def test_raw_scan_is_bounded_on_hostile_input() -> None:
    rng = random.Random(7)
    chunk = bytearray(rng.randbytes(8 * 2**20).replace(b"\xff\xd9", b"\xfe\xd9"))  # no end marker anywhere
    sof = b"\xff\xc0\x00\x11\x08\x10\x00\x10\x00\x03" + b"\x01\x11\x00" * 3  # 4096x4096, 3 components
    header = b"\xff\xd8" + sof + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
    for at in range(0, len(chunk) - 64, 4096):  # 2,000 previews that never end, each a search to the end of data
        chunk[at : at + len(header)] = header
    start = time.monotonic()
    assert rawpreview.jpeg_previews(bytes(chunk)) == []
    thumb = make_thumbnail(bytes(chunk), "x.dng")
    assert time.monotonic() - start < 5 and thumb.kind is ThumbKind.PLACEHOLDER


def test_raw_preview_ranges_point_at_whole_jpegs() -> None:
    data = fake_raw()
    ranges = rawpreview.jpeg_previews(data)
    assert len(ranges) == 2  # the preview and the small thumbnail; the lossless sensor header is not one
    for start, end in ranges:
        Image.open(io.BytesIO(data[start:end])).load()
    assert Image.open(io.BytesIO(data[ranges[0][0] : ranges[0][1]])).size == (1024, 768)


# --- failures -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["truncated", "random", "empty", "text"])
def test_undecodable_files_give_a_placeholder_and_one_log_line(case: str, caplog: pytest.LogCaptureFixture) -> None:
    good = encode(Image.effect_noise((800, 600), 40).convert("RGB"), "JPEG")
    data = {
        "truncated": good[: len(good) // 2],
        "random": random.Random(1).randbytes(100_000),
        "empty": b"",
        "text": "写真じゃない".encode(),
    }[case]
    with caplog.at_level(logging.INFO, logger="glacier_gui.core.thumbs.render"):
        thumb = make_thumbnail(data, "IMG_9999.JPG")
    assert thumb.kind is ThumbKind.PLACEHOLDER and (thumb.width, thumb.height) == (None, None)
    assert decoded(thumb).size == (320, 240)
    assert len(caplog.records) == 1


def test_pixel_limits_are_this_modules_own(monkeypatch: pytest.MonkeyPatch) -> None:
    before = Image.MAX_IMAGE_PIXELS
    png = encode(Image.new("RGB", (2000, 1500), RED), "PNG")
    jpeg = encode(Image.new("RGB", (2000, 1500), RED), "JPEG")
    monkeypatch.setattr(thumbs, "MAX_IMAGE_PIXELS", 1_000_000)
    assert make_thumbnail(png, "big.png").kind is ThumbKind.PLACEHOLDER  # 3 MP decoded: over our limit
    assert make_thumbnail(jpeg, "big.jpg").kind is ThumbKind.PHOTO  # draft mode decodes 500x375
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 500_000)  # the process-wide limit, as another module set it
    assert make_thumbnail(jpeg, "big.jpg").kind is ThumbKind.PHOTO  # JPEGs are judged after draft mode
    monkeypatch.undo()
    now = Image.MAX_IMAGE_PIXELS
    assert now == before  # untouched by the module itself


def test_a_decompression_bomb_png_header_gives_a_placeholder() -> None:
    ihdr = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", __import__("zlib").crc32(b"IHDR" + ihdr))
    thumb = make_thumbnail(b"\x89PNG\r\n\x1a\n" + chunk + b"\0" * 100, "bomb.png")
    assert thumb.kind is ThumbKind.PLACEHOLDER


def test_wrong_argument_type_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        make_thumbnail("IMG_0001.jpg", "IMG_0001.jpg")  # type: ignore[arg-type]  # a str is not a path here


# --- videos ---------------------------------------------------------------------------------------------------


def test_video_bytes_give_a_video_placeholder() -> None:
    thumb = make_thumbnail(b"\0" * 5000, "リレー.mp4")
    assert thumb.kind is ThumbKind.VIDEO and decoded(thumb).size == (320, 240)


def make_video(path: Path) -> None:
    av = pytest.importorskip("av")
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=10)
        stream.width, stream.height, stream.pix_fmt = 320, 176, "yuv420p"
        for i in range(10):
            frame = av.VideoFrame.from_image(Image.new("RGB", (320, 176), (20 * i, 100, 200)))
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))


def test_video_poster_frame_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "clip.MOV"
    make_video(path)
    thumb = make_thumbnail(path, path.name)
    assert thumb.kind is ThumbKind.VIDEO, thumb.note
    assert (thumb.width, thumb.height) == (320, 176) and decoded(thumb).size == (320, 176)


def test_video_without_pyav_or_with_garbage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(random.Random(3).randbytes(200_000))
    assert make_thumbnail(junk, junk.name).kind is ThumbKind.VIDEO  # placeholder, no exception
    monkeypatch.setitem(sys.modules, "av", None)  # import av now raises ImportError
    thumb = make_thumbnail(junk, junk.name)
    assert thumb.kind is ThumbKind.VIDEO and "PyAV" in thumb.note


# --- chunked feeds --------------------------------------------------------------------------------------------


def test_feed_in_chunks_equals_one_call() -> None:
    data = encode(two_tone((1200, 900)), "JPEG", exif=exif(3, "2022:06:01 09:30:00"))
    feed = ThumbFeed("a.jpg")
    for at in range(0, len(data), 1000):
        feed.update(memoryview(data)[at : at + 1000])
    assert feed.finish() == make_thumbnail(data, "a.jpg")


def test_feed_accepts_parts_out_of_order() -> None:
    data = encode(two_tone((1200, 900)), "PNG")
    feed = ThumbFeed("a.png")
    parts = [(at, data[at : at + 4096]) for at in range(0, len(data), 4096)]
    for at, part in reversed(parts):
        feed.update(part, offset=at)
    assert feed.finish() == make_thumbnail(data, "a.png")
    holed = ThumbFeed("b.png")
    for at, part in parts[:1] + parts[2:]:
        holed.update(part, offset=at)
    assert holed.finish().kind is ThumbKind.PLACEHOLDER  # type: ignore[union-attr]  # a missing part


def test_feed_keeps_nothing_of_videos_and_bounds_photos_and_raws(tmp_path: Path) -> None:
    video = ThumbFeed("clip.mp4")
    for _ in range(50):
        video.update(b"\0" * 2**20)
    assert video.held == 0
    thumb = video.finish()
    assert thumb is not None and thumb.kind is ThumbKind.VIDEO
    photo = ThumbFeed("huge.tif", limit=100_000)
    photo.update(b"\0" * 60_000)
    photo.update(b"\0" * 60_000)
    assert photo.held == 0 and photo.finish().kind is ThumbKind.PLACEHOLDER  # type: ignore[union-attr]
    raw_data = fake_raw()
    raw = ThumbFeed("big.NEF", limit=len(raw_data) - 1000)  # the tail beyond the limit is not kept
    raw.update(raw_data + os.urandom(50_000))
    assert raw.held == len(raw_data) - 1000
    assert raw.finish().kind is ThumbKind.RAW  # type: ignore[union-attr]
    other = ThumbFeed("notes.txt")
    other.update(b"hello")
    assert not other.wanted and other.finish() is None


def test_make_thumbnail_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "写真.JPG"
    path.write_bytes(encode(two_tone(), "JPEG"))
    assert make_thumbnail(path, path.name).kind is ThumbKind.PHOTO
    assert make_thumbnail(tmp_path / "missing.jpg", "missing.jpg").kind is ThumbKind.PLACEHOLDER


# --- the scripts that use this module -------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]


def test_demo_photos_are_small_real_and_one_is_turned(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "build_spec"))
    try:
        import make_demo_photos
    finally:
        sys.path.remove(str(REPO / "build_spec"))
    first = make_demo_photos.make_demo_photos(tmp_path / "a")
    again = make_demo_photos.make_demo_photos(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]  # deterministic
    assert len(first) >= 5
    turned = 0
    for path in first:
        assert path.stat().st_size < 100_000
        thumb = make_thumbnail(path, path.name)
        assert thumb.kind is ThumbKind.PHOTO and thumb.taken and thumb.camera == "Demo Camera"
        with Image.open(path) as img:
            if img.getexif().get(0x0112) == 6:
                turned += 1
                assert img.width > img.height and decoded(thumb).height > decoded(thumb).width
    assert turned == 1


def test_benchmark_script_runs(tmp_path: Path) -> None:
    import json
    import subprocess

    out = tmp_path / "figures.json"
    script = REPO / "tests" / "benchmarks" / "bench_thumbs.py"
    args = [sys.executable, str(script), "--smoke", "--workdir", str(tmp_path / "photos"), "--json", str(out)]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text())
    assert figures["photos"] == 2 and figures["draft"]["median_ms"] > 0 and figures["pack_bytes"] > 0


def test_feed_reset_starts_over() -> None:
    data = encode(two_tone(), "JPEG")
    feed = ThumbFeed("a.jpg")
    feed.update(b"half a file that failed")
    feed.reset()
    feed.update(data)
    assert feed.finish() == make_thumbnail(data, "a.jpg")


def test_formats_outside_the_list_are_not_tried(tmp_path: Path) -> None:
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 100 100\nshowpage\n"  # Pillow would hand it to Ghostscript
    ico = encode(Image.new("RGB", (32, 32), RED), "ICO")
    assert make_thumbnail(eps, "evil.jpg").kind is ThumbKind.PLACEHOLDER
    assert make_thumbnail(ico, "icon.jpg").kind is ThumbKind.PLACEHOLDER


# ---- embedded previews: exiftool writes them as a camera does -------------------------------------------------
def _exiftool() -> str:
    found = shutil.which("exiftool")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("exiftool is missing: .ci/run installs libimage-exiftool-perl")
        pytest.skip("exiftool is not installed (apt install libimage-exiftool-perl)")
    return found


def _photo_with_preview(tmp_path: Path, preview_size: tuple[int, int] | None, orientation: int = 1) -> bytes:
    """A 1200 x 900 red photo whose Exif holds a blue preview of *preview_size* (written by exiftool)."""
    photo = tmp_path / "IMG_0001.jpg"
    Image.new("RGB", (1200, 900), (210, 20, 20)).save(photo, quality=90)
    args = [_exiftool(), "-q", "-overwrite_original", f"-Orientation#={orientation}", "-Model=Test Camera"]
    if preview_size is not None:
        preview = tmp_path / "preview.jpg"
        Image.new("RGB", preview_size, (20, 20, 210)).save(preview, quality=90)
        args.append(f"-ThumbnailImage<={preview}")
    subprocess.run([*args, str(photo)], check=True, capture_output=True)
    return photo.read_bytes()


def _colour(thumb: thumbs.Thumb) -> str:
    r, _g, b = Image.open(io.BytesIO(thumb.jpeg)).convert("RGB").resize((1, 1)).getpixel((0, 0))  # type: ignore[misc]
    return "red" if r > b else "blue"


@pytest.mark.parametrize(
    "preview, used",
    [((400, 300), True), ((320, 240), True), ((160, 120), False), ((400, 400), False), (None, False)],
)
def test_a_large_enough_embedded_preview_of_the_photos_shape_stands_in(
    tmp_path: Path, preview: tuple[int, int] | None, used: bool
) -> None:
    """At least 320 px on its long side and the photo's shape: the preview; else the photo is decoded."""
    thumb = thumbs.make_thumbnail(_photo_with_preview(tmp_path, preview), "IMG_0001.jpg")
    assert thumb.kind is thumbs.ThumbKind.PHOTO
    assert (thumb.width, thumb.height) == (1200, 900)  # the photo's own size, whichever pixels were drawn
    assert thumb.camera == "Test Camera"
    assert _colour(thumb) == ("blue" if used else "red")
    assert max(Image.open(io.BytesIO(thumb.jpeg)).size) <= thumbs.THUMB_LONG_SIDE


def test_an_embedded_preview_turns_with_the_photos_orientation(tmp_path: Path) -> None:
    thumb = thumbs.make_thumbnail(_photo_with_preview(tmp_path, (400, 300), orientation=6), "IMG_0001.jpg")
    assert _colour(thumb) == "blue"
    assert (thumb.width, thumb.height) == (900, 1200)  # displayed upright: portrait
    assert Image.open(io.BytesIO(thumb.jpeg)).size == (240, 320)
