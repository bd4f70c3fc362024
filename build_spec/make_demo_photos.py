"""Draw a handful of small, real-looking photos for the demo album (one per demo event, and a few more).

    python build_spec/make_demo_photos.py                  # into resources/demo_photos/
    python build_spec/make_demo_photos.py /tmp/demo_photos

The drawing lives in :mod:`glacier_gui.core.demophotos` (the demo album draws its photos at run time, and
``build_spec/`` is not shipped); this script writes the fixed set to a folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

from glacier_gui.core.demophotos import MAX_BYTES, PHOTOS, draw_photo, make_demo_photos

RESOURCES = Path(__file__).resolve().parents[1] / "resources"

__all__ = ["MAX_BYTES", "PHOTOS", "draw_photo", "main", "make_demo_photos"]


def main(argv: list[str]) -> int:
    dest = Path(argv[0]) if argv else RESOURCES / "demo_photos"
    for path in make_demo_photos(dest):
        with Image.open(path) as img:
            print(f"{path.stat().st_size / 1000:6.1f} KB  {img.size[0]}x{img.size[1]}  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
