"""Fast text measurement: widths and ink extents taken once at a reference size and scaled.

Auto-fit tries many sizes; measuring every candidate with FreeType made layout cost
more than painting. Outlines scale linearly, so estimates from one size are close
(hinting moves them by a pixel or so) and the fitter verifies the final choice with
the real face before accepting it.
"""

from __future__ import annotations

from functools import lru_cache

from renderers.fonts import Weight, font

REF = 200
DIGITS = "0123456789"


@lru_cache(maxsize=16384)
def ref_width(weight: Weight, text: str) -> float:
    return font(weight, REF).getlength(text)


@lru_cache(maxsize=4096)
def ref_extent(weight: Weight, ch: str) -> tuple[int, int]:
    """(top, bottom) of one glyph's ink relative to the baseline, at the reference size."""
    if not ch.strip():
        return (0, 0)
    _l, top, _r, bottom = font(weight, REF).getbbox(ch, anchor="ls")
    return (int(top), int(bottom))


@lru_cache(maxsize=16)
def ref_cell(weight: Weight) -> float:
    """Widest digit: the cell width tabular figures are set in."""
    return max(ref_width(weight, d) for d in DIGITS)


def width(weight: Weight, size: int, text: str, tracking: float, tabular: bool) -> float:
    """Estimated advance of `text` at `size` (tracking in em between characters)."""
    scale = size / REF
    if not tracking and not tabular:
        return ref_width(weight, text) * scale
    cell = ref_cell(weight)
    total = sum(cell if tabular and c in DIGITS else ref_width(weight, c) for c in text)
    return (total + tracking * REF * max(len(text) - 1, 0)) * scale


@lru_cache(maxsize=8192)
def ref_line_extent(weight: Weight, text: str) -> tuple[int, int]:
    """(top, bottom) ink of a whole line at the reference size: the union of its glyphs."""
    tops, bottoms = zip(*(ref_extent(weight, c) for c in text), strict=True)
    return (min(tops), max(bottoms))


def extent(weight: Weight, size: int, text: str) -> tuple[float, float]:
    """Estimated (top, bottom) ink of a line relative to its baseline."""
    top, bottom = ref_line_extent(weight, text)
    scale = size / REF
    return (top * scale, bottom * scale)
