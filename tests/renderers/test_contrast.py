"""Text reads (WCAG AA, 4.5:1) against every pixel behind it: themes, brands, photos."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest
from PIL import Image, ImageDraw, ImageStat

from renderers import Brand, Layout, RenderRequest, Template, Theme
from renderers.backgrounds import channel_extremes
from renderers.color import contrast, luminance
from renderers.paint import paint
from renderers.plan import Text
from renderers.render import background, context, plan
from tests.renderers.posters import POSTED_ON, adversarial, seoul

AA = 4.5


def worst_contrast(request: RenderRequest) -> float:
    """Lowest ratio of any text colour to the channel-wise extreme pixel under its box."""
    ctx, slides = plan(request)
    lowest = 99.0
    for slide in slides:
        canvas = paint(slide, background(ctx), text=False)
        for el in slide.elements:
            if not isinstance(el, Text):
                continue
            b = el.box
            # Light text is threatened by the brightest pixel behind it, dark text by the darkest.
            behind = canvas.crop((b.x0, b.y0, b.x1, b.y1))
            worst = channel_extremes(behind, brightest=luminance(el.color) > 0.18)
            lowest = min(lowest, contrast(el.color, worst))
    return lowest


def mean_level(img: Image.Image, box: tuple[int, int, int, int]) -> float:
    """Average grey level of a region."""
    return float(ImageStat.Stat(img.convert("L").crop(box)).mean[0])


def photo(size: tuple[int, int], orientation: int | None = None, fmt: str = "JPEG") -> bytes:
    """Top half white, bottom half near-black, a red block top-left (to see rotations)."""
    w, h = size
    img = Image.new("RGB", size, (250, 250, 250))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, h // 2, w, h), fill=(10, 12, 20))
    draw.rectangle((0, 0, w // 5, h // 5), fill=(230, 20, 30))
    buf = BytesIO()
    if orientation is None:
        img.save(buf, fmt)
    else:
        exif = Image.Exif()
        exif[0x0112] = orientation
        img.save(buf, fmt, exif=exif)
    return buf.getvalue()


@pytest.mark.parametrize("theme", list(Theme))
@pytest.mark.parametrize("template", list(Template))
def test_theme_text_contrast(template: Template, theme: Theme) -> None:
    for layout in Layout:
        req = RenderRequest(adversarial()["everything"], template, layout, theme, POSTED_ON)
        assert worst_contrast(req) >= AA


@pytest.mark.parametrize("color", ["#FFFF00", "#000080", "#777777", "#FFFFFF", "#000000"])
def test_brand_colours_never_make_text_unreadable(color: str) -> None:
    poster = replace(seoul(), brand=Brand(color=color))
    for theme in Theme:
        for template in (Template.ANNOUNCEMENT, Template.LINEUP):
            req = RenderRequest(poster, template, Layout.SQUARE, theme, POSTED_ON)
            assert worst_contrast(req) >= AA


@pytest.mark.parametrize("theme", list(Theme))
@pytest.mark.parametrize("layout", list(Layout))
def test_photo_background_keeps_text_readable(layout: Layout, theme: Theme) -> None:
    poster = replace(seoul(), photo=photo((1600, 1200)))
    for template in Template:
        assert worst_contrast(RenderRequest(poster, template, layout, theme, POSTED_ON)) >= AA


def test_photo_honours_exif_orientation() -> None:
    # Stored landscape, top half white. Orientation 6 displays it turned 90° clockwise,
    # so the white half must end up on the right, not at the top.
    poster = replace(seoul(), photo=photo((1200, 900), orientation=6))
    req = RenderRequest(poster, Template.ANNOUNCEMENT, Layout.PORTRAIT, Theme.DARK, POSTED_ON)
    ground = background(context(req))
    w, h = ground.size
    left, right = mean_level(ground, (0, 0, w // 2, h)), mean_level(ground, (w // 2, 0, w, h))
    top, bottom = mean_level(ground, (0, 0, w, h // 2)), mean_level(ground, (0, h // 2, w, h))
    assert right > left + 20
    assert abs(top - bottom) < 15


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_other_upload_formats(fmt: str) -> None:
    poster = replace(seoul(), photo=photo((800, 1000), fmt=fmt))
    req = RenderRequest(poster, Template.COUNTDOWN, Layout.STORY, Theme.NEON, POSTED_ON)
    assert worst_contrast(req) >= AA


def test_photo_is_cover_cropped_not_stretched() -> None:
    # A 1:4 photo, white above its middle, on a square: a crop keeps a 400x400 band (biased
    # a little upwards) whose white/dark edge sits ~80% down; stretching would put it at 50%.
    poster = replace(seoul(), photo=photo((400, 1600)))
    req = RenderRequest(poster, Template.ANNOUNCEMENT, Layout.SQUARE, Theme.DARK, POSTED_ON)
    ground = background(context(req))
    assert ground.size == (1080, 1080)
    upper = mean_level(ground, (600, 620, 1000, 680))  # ~60% down: still the white half
    lower = mean_level(ground, (600, 940, 1000, 1000))  # ~90% down: the dark half
    assert upper > lower + 30
