"""An uploaded photo as a cover-cropped ground whose tones are squeezed until text reads.

Every channel is mapped through a tone curve into the band the palette allows behind
text (at most its bound for light text, at least it for dark text), so no pixel of
any photo — a white wall, a stage light — can break the contrast promise.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO

from PIL import Image, ImageOps

from renderers.color import gray_for_luminance
from renderers.spec import Theme
from renderers.themes import Palette

_ROTATED = {5, 6, 7, 8}


#: A background behind toned-down text may be decoded a little below canvas size: JPEG
#: decoders scale by 1/2, 1/4... for free, and decoding plus resizing dominate the cost.
DRAFT_FLOOR = 0.75


def photo_ground(data: bytes, pal: Palette, width: int, height: int) -> Image.Image:
    """A fresh, writable copy of the toned photo at canvas size."""
    return _toned(data, pal, width, height).copy()


@lru_cache(maxsize=4)
def _toned(data: bytes, pal: Palette, width: int, height: int) -> Image.Image:
    """Cached: one upload is previewed in several templates, and re-rendered on every edit."""
    img = _decode(data, width, height)
    img = ImageOps.fit(img, (width, height), Image.Resampling.BILINEAR, centering=(0.5, 0.4))
    if pal.theme is Theme.DUOTONE:
        return duotone(img, pal)
    if not pal.dark:
        img = ImageOps.grayscale(img).convert("RGB")
    return _tone(img, pal)


def _decode(data: bytes, width: int, height: int) -> Image.Image:
    opened = Image.open(BytesIO(data))
    orientation = opened.getexif().get(0x0112, 1)
    w, h = round(width * DRAFT_FLOOR), round(height * DRAFT_FLOOR)
    want = (h, w) if orientation in _ROTATED else (w, h)
    if opened.format == "JPEG":
        opened.draft("RGB", want)  # decode at a reduced scale: much faster for big photos
    img = ImageOps.exif_transpose(opened)
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (0, 0, 0))
        flat.paste(rgba, (0, 0), rgba)
        return flat
    return img.convert("RGB")


def duotone(img: Image.Image, pal: Palette) -> Image.Image:
    """The photo's tones stretched to full range, then printed in the ground's two inks.

    Stretching first means a flat grey photo or a dim one still spans shadow to light.
    """
    gray = ImageOps.autocontrast(ImageOps.grayscale(img), cutoff=1)
    return ImageOps.colorize(gray, black=pal.ground.bottom, white=pal.ground.top)


def _tone(img: Image.Image, pal: Palette) -> Image.Image:
    """Map tones into the readable band with a curve, then tint towards the theme ground.

    A concave curve (rather than a flat dim) keeps shadows and midtones apart, so the
    photo still reads as a photo while its highlights stay under the bound.
    """
    tint = pal.ground.top
    if pal.dark:
        cap = gray_for_luminance(pal.worst_bg) - 2
        lut = [round(cap * (1 - (1 - v / 255) ** 1.8)) for v in range(256)]
    else:
        floor = gray_for_luminance(pal.worst_bg) + 2
        lut = [round(floor + (255 - floor) * (v / 255) ** 1.8) for v in range(256)]
    toned = img.point(lut * 3)
    return Image.blend(toned, Image.new("RGB", img.size, tint), 0.18 if pal.dark else 0.12)
