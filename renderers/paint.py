"""Execute a slide plan onto a ground image. No layout decisions happen here."""

from __future__ import annotations

from PIL import Image, ImageDraw

from renderers.fonts import font
from renderers.logo import logo_image
from renderers.plan import Logo, Rect, Slide, Text


def paint(slide: Slide, canvas: Image.Image, text: bool = True) -> Image.Image:
    """Draw shapes, logo and (unless `text` is False, for contrast checks) text in order."""
    draw = ImageDraw.Draw(canvas)
    for el in slide.elements:
        if isinstance(el, Rect):
            _rect(canvas, draw, el)
        elif isinstance(el, Logo):
            b = el.box
            img = logo_image(el.png, b.width, b.height)
            canvas.paste(img, (b.x0, b.y0), img)
        elif text:
            _text(draw, el)
    return canvas


def _rect(canvas: Image.Image, draw: ImageDraw.ImageDraw, el: Rect) -> None:
    b = el.box
    xy = (b.x0, b.y0, b.x1 - 1, b.y1 - 1)
    if el.alpha >= 1:
        _shape(draw, el, xy, el.color)
        return
    region = canvas.crop((b.x0, b.y0, b.x1, b.y1))
    layer = region.copy()
    _shape(ImageDraw.Draw(layer), el, (0, 0, b.width - 1, b.height - 1), el.color)
    canvas.paste(Image.blend(region, layer, el.alpha), (b.x0, b.y0))


def _shape(draw: ImageDraw.ImageDraw, el: Rect, xy, color) -> None:
    if el.outline:
        draw.rounded_rectangle(xy, radius=el.radius, outline=color, width=el.outline)
    elif el.radius:
        draw.rounded_rectangle(xy, radius=el.radius, fill=color)
    else:
        draw.rectangle(xy, fill=color)


def _text(draw: ImageDraw.ImageDraw, el: Text) -> None:
    face = font(el.block.weight, el.block.size)
    for line, (x, baseline) in zip(el.block.lines, el.origins(), strict=True):
        for run, dx in line.runs:
            draw.text((x + dx, baseline), run, font=face, fill=el.color, anchor="ls")
