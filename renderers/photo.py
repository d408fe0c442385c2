"""An uploaded photo as a cover-cropped ground whose tones are squeezed until text reads.

Rather than a fixed 60% scrim (too dark for a dim photo, too light for a white
wall), the photo is blended with the theme ground just enough that its brightest
channel (or, for the light theme, its darkest) stays within the palette's bound.
"""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageOps

from renderers.color import gray_for_luminance
from renderers.themes import Palette

_ROTATED = {5, 6, 7, 8}


def photo_ground(data: bytes, pal: Palette, width: int, height: int) -> Image.Image:
    img = _decode(data, width, height)
    img = ImageOps.fit(img, (width, height), Image.Resampling.BICUBIC, centering=(0.5, 0.4))
    if not pal.dark:
        img = ImageOps.grayscale(img).convert("RGB")
    return _tone(img, pal)


def _decode(data: bytes, width: int, height: int) -> Image.Image:
    img = Image.open(BytesIO(data))
    orientation = img.getexif().get(0x0112, 1)
    want = (height, width) if orientation in _ROTATED else (width, height)
    if img.format == "JPEG":
        img.draft("RGB", want)
    img = ImageOps.exif_transpose(img)
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (0, 0, 0))
        flat.paste(rgba, (0, 0), rgba)
        return flat
    return img.convert("RGB")


def _tone(img: Image.Image, pal: Palette) -> Image.Image:
    tint = pal.ground.top
    extrema = img.getextrema()
    if pal.dark:
        cap = gray_for_luminance(pal.worst_bg) - 2
        brightest = max(hi for _lo, hi in extrema)
        t = max(tint)
        k = 1.0 if brightest <= cap else (cap - t) / max(brightest - t, 1)
    else:
        floor = gray_for_luminance(pal.worst_bg) + 2
        darkest = min(lo for lo, _hi in extrema)
        t = min(tint)
        k = 1.0 if darkest >= floor else (t - floor) / max(t - darkest, 1)
    k = max(0.0, min(1.0, k))
    return Image.blend(Image.new("RGB", img.size, tint), img, k)
