"""The brand logo, scaled to one rule everywhere: contain within the logo slot, top-right."""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO

from PIL import Image

from renderers.geometry import Box


@lru_cache(maxsize=8)
def _decoded(png: bytes) -> Image.Image:
    return Image.open(BytesIO(png)).convert("RGBA")


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
