"""The accent a photo suggests: its most prominent vivid colour, made usable on a card.

Hues are binned over a small decode of the photo and weighted by how vivid each pixel
is (chroma), so a red stage light in a dark room wins over a large grey wall; a photo
with no real colour suggests nothing and the genre accent stays. The winner is pushed
to a poster-strength saturation and to a lightness where either white or black text on
it passes WCAG AA, so pills and accent shapes always carry their label.
"""

from __future__ import annotations

import colorsys
from functools import lru_cache
from io import BytesIO

from PIL import Image, ImageOps

from renderers.color import RGB, contrast

HUE_BINS = 24
SAMPLE = 64
#: Below this chroma (0..1) a pixel counts as grey and votes for no hue.
MIN_CHROMA = 0.12
#: The winning hue must gather this share of all pixels' chroma weight to count as "the
#: photo's colour"; below it the photo reads as grey and suggests nothing.
MIN_SHARE = 0.004
MIN_SATURATION = 0.62
LIGHTNESS = (0.42, 0.62)
AA = 4.5


def photo_accent(data: bytes) -> RGB | None:
    """A vivid colour from the photo, or None when the photo is essentially grey."""
    try:
        return _accent(data)
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=8)
def _accent(data: bytes) -> RGB | None:
    opened = Image.open(BytesIO(data))
    if opened.format == "JPEG":
        opened.draft("RGB", (SAMPLE * 2, SAMPLE * 2))
    img = ImageOps.exif_transpose(opened).convert("RGB")
    img.thumbnail((SAMPLE, SAMPLE), Image.Resampling.BOX)
    weights = [0.0] * HUE_BINS
    sums = [[0.0, 0.0, 0.0] for _ in range(HUE_BINS)]
    pixels = img.tobytes()
    count = len(pixels) // 3
    for i in range(0, len(pixels), 3):
        r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
        chroma = (max(r, g, b) - min(r, g, b)) / 255
        if chroma < MIN_CHROMA:
            continue
        h, _s, _v = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
        k = int(h * HUE_BINS) % HUE_BINS
        w = chroma * chroma
        weights[k] += w
        acc = sums[k]
        acc[0] += r * w
        acc[1] += g * w
        acc[2] += b * w
    # Neighbouring bins vote together, so a hue on a bin edge is not split in two.
    pooled = [
        weights[k - 1] * 0.5 + weights[k] + weights[(k + 1) % HUE_BINS] * 0.5
        for k in range(HUE_BINS)
    ]
    best = max(range(HUE_BINS), key=lambda k: (pooled[k], -k))
    if count == 0 or weights[best] / count < MIN_SHARE:
        return None
    w = weights[best]
    mean = (sums[best][0] / w, sums[best][1] / w, sums[best][2] / w)
    return usable(mean)


def usable(rgb: tuple[float, float, float]) -> RGB:
    """The colour at poster strength, at a lightness where white or black text reads on it."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    s = max(s, MIN_SATURATION)
    lightness = min(max(lightness, LIGHTNESS[0]), LIGHTNESS[1])
    color = _hls(h, lightness, s)
    step = 0
    while max(contrast(color, (255, 255, 255)), contrast(color, (0, 0, 0))) < AA and step < 40:
        step += 1
        lightness = min(lightness + 0.01, 0.95)  # lighter until black text reads on it
        color = _hls(h, lightness, s)
    return color


def _hls(h: float, lightness: float, s: float) -> RGB:
    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    return (round(r * 255), round(g * 255), round(b * 255))
