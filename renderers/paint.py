"""Execute a slide plan onto a ground image. No layout decisions happen here."""

from __future__ import annotations

import math
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from renderers.color import RGB
from renderers.fonts import Weight, font
from renderers.logo import logo_image
from renderers.plan import Glow, Logo, Rect, Slide, Text
from renderers.textfit import Block


def paint(slide: Slide, canvas: Image.Image, text: bool = True) -> Image.Image:
    """Draw shapes and glows, then the logo, then (unless `text` is False) the text.

    Layers rather than list order: a glow's soft edge may reach a neighbouring line,
    and light must never be added on top of already drawn letters.
    """
    draw = ImageDraw.Draw(canvas)
    for el in slide.elements:
        if isinstance(el, Rect):
            _rect(draw, el)
        elif isinstance(el, Glow):
            _glow(canvas, el)
    for el in slide.elements:
        if isinstance(el, Logo):
            b = el.box
            img = logo_image(el.png, b.width, b.height)
            canvas.paste(img, (b.x0, b.y0), img)
    if text:
        for el in slide.elements:
            if isinstance(el, Text):
                _text(draw, el)
    return canvas


def _rect(draw: ImageDraw.ImageDraw, el: Rect) -> None:
    b = el.box
    xy = (b.x0, b.y0, b.x1 - 1, b.y1 - 1)
    if el.radius:
        draw.rounded_rectangle(xy, radius=el.radius, fill=el.color)
    else:
        draw.rectangle(xy, fill=el.color)


_GLOW_SCALE = 4


def _glow(canvas: Image.Image, el: Glow) -> None:
    """Light added around the text, like a neon tube: its shape drawn and blurred at 1/4 size.

    Additive blending and unmasked pastes on purpose: a masked paste of a title-sized
    region costs ~6 ms on a small server, the whole glow about half that.
    """
    box = el.text.box
    pad = round(el.text.block.size * 0.35)
    x0, y0 = max(box.x0 - pad, 0), max(box.y0 - pad, 0)
    x1, y1 = min(box.x1 + pad, canvas.width), min(box.y1 + pad, canvas.height)
    pens = tuple((x - x0, baseline - y0) for x, baseline in el.text.origins())
    (dx, dy), light = _light(el.text.block, pens, (x1 - x0, y1 - y0), el.color, el.strength)
    at = (x0 + dx, y0 + dy)
    region = canvas.crop((*at, at[0] + light.width, at[1] + light.height))
    canvas.paste(ImageChops.add(region, light), at)


@lru_cache(maxsize=32)
def _light(
    block: Block,
    pens: tuple[tuple[float, int], ...],
    size: tuple[int, int],
    color: RGB,
    strength: float,
) -> tuple[tuple[int, int], Image.Image]:
    """The glow's light for one text block (and where it starts in the glow box).

    Kept per process like the glyph masks: blurring and upscaling cost more than the
    rest of a neon card, and the light depends only on the text, its placement inside
    the glow box, the colour and the strength. Trimmed to where it is not black, so
    compositing touches no pixel it would leave unchanged.
    """
    s = _GLOW_SCALE
    width, height = size
    small = Image.new("L", ((width + s - 1) // s, (height + s - 1) // s), 0)
    face = font(block.weight, max(round(block.size / s), 4))
    draw = ImageDraw.Draw(small)
    for line, (x, baseline) in zip(block.lines, pens, strict=True):
        for run, dx in line.runs:
            draw.text(((x + dx) / s, baseline / s), run, font=face, fill=255, anchor="ls")
    small = small.filter(ImageFilter.GaussianBlur(max(block.size / 10 / s, 1)))
    cover = small.resize((small.width * s, small.height * s), Image.Resampling.BILINEAR)
    cover = cover.crop((0, 0, width, height))
    light = Image.merge("RGB", [cover.point(_intensity(c, strength)) for c in color])
    box = light.getbbox() or (0, 0, 1, 1)
    return (box[0], box[1]), light.crop(box)


@lru_cache(maxsize=64)
def _intensity(channel: int, strength: float) -> tuple[int, ...]:
    """Lookup table: blurred coverage (0..255) to how much of `channel` light to add."""
    return tuple(round(min(1.0, v * 1.6 / 255) * strength * channel) for v in range(256))


def _text(draw: ImageDraw.ImageDraw, el: Text) -> None:
    """Blend each run's coverage mask in the text colour (what ImageDraw.text does)."""
    weight, size = el.block.weight, el.block.size
    ink = draw.draw.draw_ink(el.color)
    for line, (x, baseline) in zip(el.block.lines, el.origins(), strict=True):
        for run, dx in line.runs:
            left = x + dx
            fx, ix = math.modf(left)
            fy, iy = math.modf(baseline)
            mask, (ox, oy) = run_mask(weight, size, run, fx, fy)
            draw.draw.draw_bitmap((int(ix) + ox, int(iy) + oy), mask, ink)


@lru_cache(maxsize=512)
def run_mask(weight: Weight, size: int, run: str, fx: float, fy: float):
    """A run's anti-aliased coverage at a sub-pixel offset, rasterised once per process.

    Rasterising big display type dominates painting; posters repeat their words across
    templates, themes and re-renders, so the masks are kept like a browser's glyph cache.
    """
    return font(weight, size).getmask2(run, "L", anchor="ls", start=(fx, fy))
