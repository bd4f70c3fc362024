"""Pixels a thumbnail JPEG can hold: deep greyscale brought to 8 bits, transparency flattened onto white.

Scanners save black-and-white prints as 16-bit greyscale PNG or TIFF, which Pillow opens as ``I;16`` or
``I;16B``; it cannot resize those modes ("image has wrong mode"), so such a scan got a placeholder instead of a
thumbnail.  :func:`eight_bit` turns every deep greyscale mode into 8-bit ``L`` *before* the thumbnail is
resized, scaling the whole range onto 0-255 (never clipping everything above 255 to white):

- 16-bit samples keep their high byte (0-65535 -> 0-255), as libpng and ImageMagick do;
- 32-bit integer samples (``I``) in 0-65535 are 16-bit samples in a wider container and scale the same way;
  others are stretched from their darkest to their lightest value (32 bits have no common white);
- float samples (``F``) in 0-1 scale to 0-255, in 0-255 stay, and others are stretched.

:func:`to_rgb` is the last step before JPEG: RGB, with transparency shown on white as a viewer shows it.
"""

from __future__ import annotations

import math
import sys
from typing import cast

from PIL import Image

# Pillow's raw decoder keeps the high byte of each 16-bit sample: one pass, one byte per pixel of output.
_HIGH_BYTE = {
    "I;16": "L;16",
    "I;16L": "L;16",
    "I;16B": "L;16B",
    "I;16N": "L;16" if sys.byteorder == "little" else "L;16B",
}
_SIXTEEN_BITS = 65535


def is_deep(mode: str) -> bool:
    """Whether *mode* holds more than 8 bits a sample (the modes :func:`eight_bit` converts)."""
    return mode.startswith("I") or mode == "F"


def eight_bit(img: Image.Image) -> Image.Image:
    """*img* as 8-bit greyscale when its samples are deeper (see the module), else *img* itself.

    Raises ValueError for a float image whose samples are not all numbers (a placeholder, never a wrong picture).
    """
    if img.mode in _HIGH_BYTE:
        return Image.frombytes("L", img.size, img.tobytes(), "raw", _HIGH_BYTE[img.mode])
    if not is_deep(img.mode):
        return img
    wide = img if img.mode in ("I", "F") else img.convert("I")
    low, high = cast(tuple[float, float], wide.getextrema())  # one band: (lowest, highest)
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"{img.mode} image with samples that are not numbers")
    if wide.mode == "F" and low >= 0 and high <= 1:
        scale, offset = 255.0, 0.0
    elif wide.mode == "F" and low >= 0 and high <= 255:
        scale, offset = 1.0, 0.0
    elif wide.mode == "I" and low >= 0 and high <= _SIXTEEN_BITS:
        scale, offset = 255 / _SIXTEEN_BITS, 0.0
    elif high > low:
        scale = 255 / (high - low)
        offset = -low * scale
    else:  # one flat value: keep it where it lies within 0-255
        scale, offset = 0.0, float(min(max(low, 0), 255))
    return wide.point(lambda v: v * scale + offset).convert("L")


def to_rgb(img: Image.Image) -> Image.Image:
    """RGB for JPEG: deep samples brought to 8 bits, transparency flattened onto white (what a viewer shows)."""
    img = eight_bit(img)
    if img.mode in ("P", "LA", "PA") or "transparency" in img.info:
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "RGBa"):
        white = Image.new("RGB", img.size, (255, 255, 255))
        white.paste(img, mask=img.getchannel("A"))
        return white
    return img if img.mode == "RGB" else img.convert("RGB")
