"""Grounds and palettes: a theme's background recipe, and text colours derived from it.

Text colours are computed from the worst pixel they can land on (measured on the
built ground, or the photo bound), so a brand's navy or a genre's yellow never
produces unreadable text; the accent itself is still used undiluted for shapes.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from functools import lru_cache

from renderers.color import (
    BLACK,
    RGB,
    TARGET_CONTRAST,
    WHITE,
    contrast,
    luminance,
    parse_hex,
    readable,
)
from renderers.spec import Brand, Theme

_ACCENTS: dict[str, RGB] = {
    "techno": (0xFF, 0x33, 0x44),
    "house": (0xFF, 0x9F, 0x1C),
    "hiphop": (0xFF, 0xD2, 0x3F),
    "disco": (0xFF, 0x4F, 0xD8),
    "ambient": (0x4C, 0xC9, 0xF0),
    "other": (0x8B, 0x7B, 0xFF),
}

_NEON_ACCENTS: dict[str, RGB] = {
    "techno": (0xFF, 0x1F, 0x5A),
    "house": (0xFF, 0xB8, 0x00),
    "hiphop": (0xC6, 0xFF, 0x00),
    "disco": (0xFF, 0x3C, 0xF0),
    "ambient": (0x00, 0xE5, 0xFF),
    "other": (0xA0, 0x5C, 0xFF),
}

#: Brightest luminance allowed behind light text on a photo: white reads at ~8:1 and
#: lightened accents keep their colour.
PHOTO_CAP_LUM = 0.075
#: Darkest luminance allowed behind dark text on a photo in the minimal theme.
PHOTO_FLOOR_LUM = 0.36


@dataclass(frozen=True)
class Ground:
    """How to build a theme's background: gradient ends, two glows, grain amplitude."""

    theme: Theme
    dark: bool
    top: RGB
    bottom: RGB
    glow: RGB
    glow2: RGB
    glow_alpha: float
    grain: int


@dataclass(frozen=True)
class Palette:
    ground: Ground
    accent: RGB
    text: RGB
    muted: RGB
    accent_text: RGB
    on_accent: RGB
    worst_bg: float
    glow: float  # strength of the light behind titles (neon), 0 for none

    @property
    def theme(self) -> Theme:
        return self.ground.theme

    @property
    def dark(self) -> bool:
        return self.ground.dark


def genre_key(genre: str | None) -> str:
    """Known genres pick their accent; anything else (free text, None) is 'other'."""
    key = (genre or "").strip().lower().replace("-", "").replace(" ", "")
    return key if key in _ACCENTS else "other"


def accent_for(
    theme: Theme, genre: str | None, brand: Brand | None, photo: RGB | None = None
) -> RGB:
    """The brand's colour wins; then the photo's (when it has one); then the genre's."""
    brand_rgb = parse_hex(brand.color) if brand and brand.color else None
    if brand_rgb is not None:
        return brand_rgb
    if photo is not None:
        return photo
    table = _NEON_ACCENTS if theme is Theme.NEON else _ACCENTS
    return table[genre_key(genre)]


#: Duotone's light end may be at most this luminance, so white text reads on any pixel.
DUOTONE_LIGHT_LUM = 0.13


def duotone_ends(accent: RGB) -> tuple[RGB, RGB]:
    """(deep ground, light end) of the accent's hue: the two inks of a duotone print.

    The light end is the accent darkened (in linear light, so its hue holds) just enough
    for light text to read on it; the deep end is a near-black of the same hue.
    """
    lum = luminance(accent)
    light = accent
    if lum > DUOTONE_LIGHT_LUM:
        k = DUOTONE_LIGHT_LUM / lum
        light = tuple(_encode(_decode(c) * k) for c in accent)  # type: ignore[assignment]
    h, _l, s = colorsys.rgb_to_hls(*(c / 255 for c in accent))
    r, g, b = colorsys.hls_to_rgb(h, 0.06, min(s, 0.7))
    return (round(r * 255), round(g * 255), round(b * 255)), light


def _decode(c: int) -> float:
    v = c / 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _encode(v: float) -> int:
    s = v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return max(0, min(255, int(s * 255)))


def partner_glow(accent: RGB) -> RGB:
    """An analogous hue (about 45° round the wheel) for the opposite corner's glow."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in accent))
    r, g, b = colorsys.hls_to_rgb((h - 0.125) % 1.0, lightness, s)
    return (round(r * 255), round(g * 255), round(b * 255))


def ground_for(theme: Theme, accent: RGB) -> Ground:
    partner = partner_glow(accent)
    if theme is Theme.MINIMAL:
        paper = (0xF3, 0xF0, 0xE8)
        return Ground(theme, False, paper, paper, accent, partner, 0.0, 0)
    if theme is Theme.NEON:
        return Ground(theme, True, (0x16, 0x09, 0x30), (0x05, 0x03, 0x12), accent, partner, 0.3, 5)
    if theme is Theme.DUOTONE:
        deep, light = duotone_ends(accent)
        return Ground(theme, True, light, deep, accent, partner, 0.0, 3)
    return Ground(theme, True, (0x17, 0x17, 0x1C), (0x07, 0x07, 0x09), accent, partner, 0.16, 4)


@lru_cache(maxsize=64)
def palette(ground: Ground, accent: RGB, worst: RGB) -> Palette:
    """Text colours readable against `worst`, the least favourable colour behind text."""
    worst_bg = luminance(worst)
    if ground.dark:
        base_text, base_muted = (0xF6, 0xF4, 0xEF), (0xB8, 0xB6, 0xC2)
        if ground.theme is Theme.NEON:
            base_muted = (0xC9, 0xC2, 0xE8)
    else:
        base_text, base_muted = (0x12, 0x12, 0x14), (0x4A, 0x4A, 0x52)
    light = ground.dark
    text = readable(base_text, worst_bg, lighten=light)
    # Shapes need far less contrast than text, but a navy brand on a dark ground (or a
    # near-white one on paper) would vanish entirely.
    shapes = readable(accent, worst_bg, lighten=light, target=2.0 if light else 1.3)
    return Palette(
        ground=ground,
        accent=shapes,
        text=text,
        muted=readable(base_muted, worst_bg, lighten=light),
        accent_text=_accent_text(accent, base_text, worst_bg, light),
        on_accent=on_color(shapes),
        worst_bg=worst_bg,
        glow=glow_strength(text, shapes, worst) if ground.theme is Theme.NEON else 0.0,
    )


#: How far (0..1 towards black) an accent may be darkened on a light ground before it
#: stops looking like itself; beyond that, accent words are set in the text colour.
MAX_ACCENT_SHIFT = 0.35


def _accent_text(accent: RGB, ink: RGB, worst_bg: float, lighten: bool) -> RGB:
    shifted = readable(accent, worst_bg, lighten=lighten)
    towards = WHITE if lighten else BLACK
    span = max(abs(t - a) for t, a in zip(towards, accent, strict=True)) or 1
    moved_by = max(abs(s - a) for s, a in zip(shifted, accent, strict=True)) / span
    if lighten or moved_by <= MAX_ACCENT_SHIFT:
        return shifted  # lightened accents stay recognisable (pastel); darkened ones go muddy
    return readable(ink, worst_bg, lighten=lighten)


MAX_GLOW = 0.55


def glow_strength(text: RGB, accent: RGB, worst: RGB) -> float:
    """The strongest additive accent light behind a title that keeps the title readable."""
    steps = 11
    for i in range(steps, -1, -1):
        s = MAX_GLOW * i / steps
        r, g, b = (min(255, round(w + s * a)) for w, a in zip(worst, accent, strict=True))
        if contrast(text, (r, g, b)) >= TARGET_CONTRAST:
            return s
    return 0.0


def on_color(fill: RGB) -> RGB:
    """Black or white, whichever reads better on a solid shape of `fill`."""
    return BLACK if contrast(fill, BLACK) >= contrast(fill, WHITE) else WHITE
