"""Execute a slide plan onto a ground image. No layout decisions happen here."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from renderers.fonts import font
from renderers.logo import logo_image
from renderers.plan import Glow, Logo, Rect, Slide, Text


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
    s = _GLOW_SCALE
    small = Image.new("L", ((x1 - x0 + s - 1) // s, (y1 - y0 + s - 1) // s), 0)
    block = el.text.block
    face = font(block.weight, max(round(block.size / s), 4))
    draw = ImageDraw.Draw(small)
    for line, (x, baseline) in zip(block.lines, el.text.origins(), strict=True):
        for run, dx in line.runs:
            draw.text(
                ((x + dx - x0) / s, (baseline - y0) / s), run, font=face, fill=255, anchor="ls"
            )
    small = small.filter(ImageFilter.GaussianBlur(max(block.size / 10 / s, 1)))
    cover = small.resize((small.width * s, small.height * s), Image.Resampling.BILINEAR)
    cover = cover.crop((0, 0, x1 - x0, y1 - y0))
    light = Image.merge("RGB", [cover.point(_intensity(c, el.strength)) for c in el.color])
    region = canvas.crop((x0, y0, x1, y1))
    canvas.paste(ImageChops.add(region, light), (x0, y0))


@lru_cache(maxsize=64)
def _intensity(channel: int, strength: float) -> tuple[int, ...]:
    """Lookup table: blurred coverage (0..255) to how much of `channel` light to add."""
    return tuple(round(min(1.0, v * 1.6 / 255) * strength * channel) for v in range(256))


def _text(draw: ImageDraw.ImageDraw, el: Text) -> None:
    face = font(el.block.weight, el.block.size)
    for line, (x, baseline) in zip(el.block.lines, el.origins(), strict=True):
        for run, dx in line.runs:
            draw.text((x + dx, baseline), run, font=face, fill=el.color, anchor="ls")
