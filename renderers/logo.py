"""The brand logo, scaled to one rule everywhere: contain within the logo slot, top-right.

Decoded logos are cached, at most `CACHED_SIDE` pixels on their longer side: a logo slot
is far smaller than that, and an uploaded logo may be tens of megapixels, so caching it
at full size would hold hundreds of megabytes for a few small renders.
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO

from PIL import Image

from renderers.geometry import Box

CACHED_SIDE = 1080  # no logo slot on a 1080-wide canvas is larger than the canvas


@lru_cache(maxsize=8)
def _decoded(png: bytes) -> Image.Image:
    with Image.open(BytesIO(png)) as opened:
        opened.draft("RGBA", (CACHED_SIDE, CACHED_SIDE))  # JPEGs decode at a reduced scale
        image = opened.convert("RGBA")
    image.thumbnail((CACHED_SIDE, CACHED_SIDE), Image.Resampling.LANCZOS)
    return image


def logo_box(png: bytes, slot: Box) -> Box | None:
    """Where the logo lands: as large as fits the slot, aspect kept, flush top-right."""
    try:
        w, h = _decoded(png).size
    except (OSError, ValueError):
        return None
    scale = min(slot.width / w, slot.height / h)
    lw, lh = max(1, round(w * scale)), max(1, round(h * scale))
    return Box(slot.x1 - lw, slot.y0, slot.x1, slot.y0 + lh, "logo")


@lru_cache(maxsize=8)
def logo_image(png: bytes, width: int, height: int) -> Image.Image:
    return _decoded(png).resize((width, height), Image.Resampling.LANCZOS)
