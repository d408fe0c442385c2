"""JPEG bytes Instagram accepts: baseline sRGB JPEG with an explicit sRGB profile.

Bytes must be deterministic (the approved preview is published byte for byte and
re-renders must match), so the profile's creation date is pinned.
"""

from __future__ import annotations

import struct
from functools import cache
from io import BytesIO

from PIL import Image, ImageCms

QUALITY = 89

_DATE_AT = slice(24, 36)
_PINNED_DATE = struct.pack(">6H", 2024, 1, 1, 0, 0, 0)


@cache
def srgb_icc() -> bytes:
    """A small sRGB ICC profile with a fixed date (lcms stamps the current time)."""
    raw = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    raw[_DATE_AT] = _PINNED_DATE
    return bytes(raw)


def jpeg(img: Image.Image) -> bytes:
    """Encode as an RGB baseline JPEG tagged sRGB."""
    buf = BytesIO()
    rgb = img if img.mode == "RGB" else img.convert("RGB")  # convert() would copy anyway
    rgb.save(
        buf, "JPEG", quality=QUALITY, optimize=False, progressive=False, icc_profile=srgb_icc()
    )
    return buf.getvalue()
