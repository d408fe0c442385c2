"""Theme grounds: a soft gradient with accent glows and film grain, built once per look.

Everything smooth is drawn at 1/8 scale and upscaled (a gradient has no detail to
lose), and grain is a seeded tile, so a ground costs a few ms once and a copy after.
"""

from __future__ import annotations

import random
from functools import lru_cache
from typing import cast

from PIL import Image, ImageChops

from renderers.color import RGB
from renderers.decor import decorate
from renderers.themes import Ground

_SMALL = 8
_GRAIN_TILE = 256


@lru_cache(maxsize=24)
def ground(spec: Ground, width: int, height: int) -> Image.Image:
    """The theme's background with its decoration. Callers must copy before drawing on it."""
    return decorate(plain_ground(spec, width, height).copy(), spec.theme, spec.glow)


@lru_cache(maxsize=8)
def plain_ground(spec: Ground, width: int, height: int) -> Image.Image:
    """Gradient, glows and grain: what text can actually land on."""
    sw, sh = max(width // _SMALL, 2), max(height // _SMALL, 2)
    mask = Image.linear_gradient("L").resize((sw, sh), Image.Resampling.BILINEAR)
    small = Image.composite(
        Image.new("RGB", (sw, sh), spec.bottom),
        Image.new("RGB", (sw, sh), spec.top),
        mask,
    )
    if spec.glow_alpha > 0:
        _glow(small, spec.glow, spec.glow_alpha, (0.92, 0.08), 1.25)
        _glow(small, spec.glow2, spec.glow_alpha * 0.6, (0.0, 1.0), 0.9)
    big = small.resize((width, height), Image.Resampling.BILINEAR)
    if spec.grain:
        big = ImageChops.add(big, grain(width, height, spec.grain), 1.0, -spec.grain)
    return big


@lru_cache(maxsize=24)
def worst_color(spec: Ground, width: int, height: int) -> RGB:
    """The least favourable ground colour for text: channel-wise max (dark) or min (light).

    Taking each channel's extreme separately over-estimates, which is the safe side.
    """
    return channel_extremes(plain_ground(spec, width, height), brightest=spec.dark)


def channel_extremes(img: Image.Image, brightest: bool) -> RGB:
    """Per-channel max (or min) of an RGB image: a colour no pixel exceeds in any channel."""
    extrema = cast(tuple[tuple[int, int], ...], img.getextrema())
    pick = 1 if brightest else 0
    return (extrema[0][pick], extrema[1][pick], extrema[2][pick])


def _glow(img: Image.Image, color: RGB, alpha: float, centre: tuple[float, float], reach: float):
    """Blend a soft radial light of `color` centred at a relative point, peak opacity `alpha`."""
    w, h = img.size
    radius = int(max(w, h) * reach / 2)
    falloff = Image.radial_gradient("L").resize((radius * 2, radius * 2))
    peak = int(alpha * 255)
    falloff = falloff.point(lambda v: int(peak * max(0.0, 1 - v / 255) ** 2))
    mask = Image.new("L", (w, h), 0)
    mask.paste(falloff, (int(centre[0] * w) - radius, int(centre[1] * h) - radius))
    img.paste(Image.new("RGB", (w, h), color), (0, 0), mask)


@lru_cache(maxsize=4)
def grain(width: int, height: int, amplitude: int) -> Image.Image:
    """Monochrome noise in [0, 2*amplitude], seeded so renders stay byte-identical."""
    rng = random.Random(0x5E0E1)
    levels = bytes(b % (2 * amplitude + 1) for b in range(256))
    raw = rng.randbytes(_GRAIN_TILE * _GRAIN_TILE).translate(levels)
    tile = Image.frombytes("L", (_GRAIN_TILE, _GRAIN_TILE), raw)
    field = Image.new("L", (width, height))
    for y in range(0, height, _GRAIN_TILE):
        for x in range(0, width, _GRAIN_TILE):
            field.paste(tile, (x, y))
    return Image.merge("RGB", (field, field, field))
