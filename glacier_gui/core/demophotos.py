"""Small, real-looking photos drawn with Pillow, for the demo album and the screenshots.

The demo album's files used to be random bytes behind a JPEG marker: fine for an upload, useless for a
thumbnail.  These are real JPEGs: gradient skies, hills, sea, a sports field, a Christmas tree, a New Year
sunrise, with the date taken and a camera model in EXIF, a few sizes and shapes, and some stored sideways with
an EXIF orientation of 6 (as phones do), so the demo shows thumbnails turned upright.

It lives in the package (not in ``build_spec/``) because the demo draws its album at run time.  Deterministic:
a seeded random generator and fixed EXIF dates, so the same Pillow gives the same bytes.  Needs only Pillow.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

MAX_BYTES = 100_000

Painter = Callable[[ImageDraw.ImageDraw, tuple[int, int], random.Random], None]


def vertical_gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    """A smooth two-colour gradient from Pillow's 256-step ramp, stretched to *size*."""
    ramp = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)


def hills(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    w, h = size
    draw.ellipse((w * 0.70, h * 0.10, w * 0.82, h * 0.10 + w * 0.12), fill=(255, 236, 170))  # the sun
    for i, colour in enumerate(((96, 150, 80), (70, 125, 60), (50, 100, 45))):
        base = h * (0.55 + 0.12 * i)
        points = [(0, h)] + [(x, base - rng.uniform(0, h * 0.12)) for x in range(0, w + 1, w // 6)] + [(w, h)]
        draw.polygon(points, fill=colour)
    for _ in range(5):  # a farmhouse or two
        x, y = rng.uniform(0.1, 0.9) * w, h * rng.uniform(0.72, 0.85)
        draw.rectangle((x, y, x + w * 0.05, y + h * 0.05), fill=(235, 225, 205))
        draw.polygon([(x - 4, y), (x + w * 0.025, y - h * 0.035), (x + w * 0.05 + 4, y)], fill=(150, 60, 50))


def sea(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    w, h = size
    draw.rectangle((0, h * 0.55, w, h), fill=(30, 110, 160))
    for _ in range(40):  # glints on the water
        x, y = rng.uniform(0, w), rng.uniform(0.57, 1) * h
        draw.line((x, y, x + rng.uniform(10, 40), y), fill=(200, 230, 245), width=2)
    x, y = w * 0.35, h * 0.6
    draw.polygon(
        [(x, y), (x + w * 0.2, y), (x + w * 0.17, y + h * 0.05), (x + w * 0.03, y + h * 0.05)], fill=(240, 240, 240)
    )
    draw.polygon([(x + w * 0.1, y - h * 0.25), (x + w * 0.1, y - 2), (x + w * 0.18, y - 2)], fill=(250, 250, 245))


def sports_day(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    w, h = size
    draw.rectangle((0, h * 0.45, w, h), fill=(190, 140, 95))  # the school ground
    for lane in range(1, 6):
        y = h * 0.45 + lane * h * 0.1
        draw.line((0, y, w, y + h * 0.05), fill=(250, 250, 250), width=3)
    for i in range(14):  # bunting across the sky
        x = w * i / 13
        colour = ((220, 50, 50), (250, 200, 40), (60, 120, 220), (60, 170, 90))[i % 4]
        draw.polygon([(x, h * 0.12), (x + w / 13, h * 0.12), (x + w / 26, h * 0.2)], fill=colour)
    for _ in range(6):  # runners
        x, y = rng.uniform(0.1, 0.85) * w, rng.uniform(0.55, 0.85) * h
        shirt = rng.choice(((240, 240, 240), (220, 60, 60), (60, 90, 200)))
        draw.ellipse((x, y - h * 0.08, x + w * 0.03, y - h * 0.04), fill=(240, 200, 170))
        draw.rectangle((x - w * 0.005, y - h * 0.04, x + w * 0.035, y + h * 0.03), fill=shirt)


def christmas(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    w, h = size
    cx = w / 2
    for i in range(3):
        top, bottom = h * (0.12 + 0.18 * i), h * (0.42 + 0.18 * i)
        half = w * (0.16 + 0.07 * i)
        draw.polygon([(cx, top), (cx - half, bottom), (cx + half, bottom)], fill=(30, 110, 55))
    draw.rectangle((cx - w * 0.04, h * 0.78, cx + w * 0.04, h * 0.9), fill=(100, 60, 30))
    draw.regular_polygon((cx, h * 0.1, w * 0.04), 5, fill=(255, 215, 0))
    for _ in range(30):  # lights on the tree
        y = rng.uniform(0.2, 0.76) * h
        x = cx + rng.uniform(-1, 1) * (y / h) * w * 0.28
        r = w * 0.008
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(((255, 80, 80), (255, 230, 90), (120, 180, 255))))


def new_year(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    w, h = size
    r = w * 0.12
    draw.ellipse((w * 0.5 - r, h * 0.38 - r, w * 0.5 + r, h * 0.38 + r), fill=(235, 60, 45))  # sunrise
    draw.polygon([(w * 0.08, h), (w * 0.5, h * 0.5), (w * 0.92, h)], fill=(70, 85, 120))  # the mountain
    draw.polygon(
        [(w * 0.39, h * 0.63), (w * 0.5, h * 0.5), (w * 0.61, h * 0.63), (w * 0.5, h * 0.6)], fill=(245, 245, 250)
    )
    for _ in range(3):  # birds
        x, y = rng.uniform(0.15, 0.8) * w, rng.uniform(0.1, 0.3) * h
        draw.line((x, y, x + 12, y + 6, x + 24, y), fill=(40, 40, 50), width=3)


def garden(draw: ImageDraw.ImageDraw, size: tuple[int, int], rng: random.Random) -> None:
    w, h = size
    draw.rectangle((0, h * 0.6, w, h), fill=(80, 140, 70))
    for _ in range(25):  # flowers
        x, y, r = rng.uniform(0, w), rng.uniform(0.62, 0.98) * h, w * rng.uniform(0.01, 0.025)
        draw.line((x, y, x, y + r * 3), fill=(40, 100, 40), width=3)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(((250, 120, 160), (255, 230, 80), (250, 250, 250))))


# (file name, size as stored, EXIF orientation, date taken, sky top, sky bottom, painter)
PHOTOS: tuple[tuple[str, tuple[int, int], int, str, tuple[int, int, int], tuple[int, int, int], Painter], ...] = (
    ("2021-0401_countryside.jpg", (1600, 1200), 1, "2021:04:01 11:20:05", (120, 170, 230), (225, 235, 245), hills),
    ("2021-0402_garden_portrait.jpg", (900, 1200), 1, "2021:04:02 15:02:41", (150, 190, 235), (230, 240, 250), garden),
    ("2021-1224_christmas.jpg", (1200, 900), 1, "2021:12:24 18:45:10", (10, 20, 60), (40, 50, 110), christmas),
    ("2022-0501_sea.jpg", (1600, 1067), 1, "2022:05:01 10:12:33", (90, 160, 225), (215, 230, 240), sea),
    ("2022-0601_sports_day.jpg", (1024, 768), 1, "2022:06:01 09:30:00", (110, 170, 235), (220, 235, 250), sports_day),
    # Stored sideways, as a phone held upright writes it: EXIF orientation 6 turns it back to portrait.
    (
        "2022-0601_relay_rotated.jpg",
        (1200, 900),
        6,
        "2022:06:01 10:05:12",
        (110, 170, 235),
        (220, 235, 250),
        sports_day,
    ),
    ("2023-0101_new_year.jpg", (800, 600), 1, "2023:01:01 06:51:20", (40, 50, 100), (250, 170, 110), new_year),
)


def draw_photo(size: tuple[int, int], orientation: int, top: tuple[int, int, int], bottom: tuple[int, int, int],
               painter: Painter, seed: int) -> Image.Image:  # fmt: skip
    rng = random.Random(seed)
    upright = (size[1], size[0]) if orientation in (5, 6, 7, 8) else size
    img = vertical_gradient(upright, top, bottom)
    painter(ImageDraw.Draw(img), upright, rng)
    img = img.filter(ImageFilter.GaussianBlur(1.2))  # soften the drawn edges like a lens would
    # Film grain from the seeded generator (Pillow's effect_noise uses C's rand(), whose state others share).
    grain = Image.frombytes("L", upright, rng.randbytes(upright[0] * upright[1])).convert("RGB")
    img = Image.blend(img, grain, 0.04)
    if orientation == 6:  # store it as the sensor saw it: turned a quarter anticlockwise
        img = img.transpose(Image.Transpose.ROTATE_90)
    return img


def demo_exif(orientation: int, taken: str) -> Image.Exif:
    """EXIF as a camera writes it: make, model, orientation, date taken with the UTC offset of Japan."""
    tags = Image.Exif()
    tags[0x010F] = "Glacier GUI"  # Make
    tags[0x0110] = "Demo Camera"  # Model
    tags[0x0112] = orientation
    tags[0x0132] = taken  # DateTime
    tags.get_ifd(0x8769)[0x9003] = taken  # DateTimeOriginal
    tags.get_ifd(0x8769)[0x9011] = "+09:00"  # OffsetTimeOriginal: the family is in Japan
    return tags


def save_small(img: Image.Image, path: Path, tags: Image.Exif) -> None:
    """Save as JPEG, lowering the quality until the file is under :data:`MAX_BYTES`."""
    for quality in (80, 72, 64, 56, 48):
        img.save(path, "JPEG", quality=quality, exif=tags, optimize=True)
        if path.stat().st_size < MAX_BYTES:
            return
    raise RuntimeError(f"{path.name} stays above {MAX_BYTES} bytes")


def make_demo_photos(dest: Path) -> list[Path]:
    """Write the demo photos into *dest*; returns their paths.  Each is checked to stay under 100 KB."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for seed, (name, size, orientation, taken, top, bottom, painter) in enumerate(PHOTOS):
        img = draw_photo(size, orientation, top, bottom, painter, seed)
        assert img.size == size, (name, img.size)
        path = dest / name
        save_small(img, path, demo_exif(orientation, taken))
        written.append(path)
    return written


# What each demo event looks like: (date and time of the first photo, painter, sky top, sky bottom).
_SCENES: dict[str, tuple[str, Painter, tuple[int, int, int], tuple[int, int, int]]] = {
    "帰省": ("2021:04:01 11:20:05", hills, (120, 170, 230), (225, 235, 245)),
    "クリスマス": ("2021:12:24 18:45:10", christmas, (10, 20, 60), (40, 50, 110)),
    "旅行": ("2022:05:01 10:12:33", sea, (90, 160, 225), (215, 230, 240)),
    "運動会": ("2022:06:01 09:30:00", sports_day, (110, 170, 235), (220, 235, 250)),
    "お正月": ("2023:01:01 06:51:20", new_year, (40, 50, 100), (250, 170, 110)),
}


def write_event_photo(path: Path, event: str, index: int) -> None:
    """Photo number *index* (from 1) of a demo event folder such as ``0601_運動会``: its scene, a date a few
    minutes after the one before, every third one a portrait, every fourth stored sideways (orientation 6)."""
    name = event.split("_", 1)[-1]
    first, painter, top, bottom = _SCENES.get(name, ("2022:01:01 12:00:00", garden, (150, 190, 235), (230, 240, 250)))
    if name == "帰省" and index % 2 == 0:
        painter = garden
    taken = datetime.strptime(first, "%Y:%m:%d %H:%M:%S") + timedelta(minutes=7 * (index - 1))
    orientation = 6 if index % 4 == 0 else 1
    size = (480, 640) if index % 3 == 0 and orientation == 1 else (640, 480)
    seed = sum(map(ord, event)) * 100 + index
    img = draw_photo(size, orientation, top, bottom, painter, seed)
    save_small(img, path, demo_exif(orientation, taken.strftime("%Y:%m:%d %H:%M:%S")))
