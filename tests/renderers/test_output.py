"""What leaves the renderer: Instagram-ready JPEG, and the same bytes for the same request."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest
from PIL import Image

from renderers import Layout, Rendering, RenderRequest, Template, Theme, render
from tests.renderers.posters import POSTED_ON, adversarial, seoul, slots

MAX_BYTES = 8 * 1024 * 1024
TYPICAL_BYTES = 1024 * 1024


def _open(data: bytes) -> Image.Image:
    img = Image.open(BytesIO(data))
    img.load()
    return img


@pytest.mark.parametrize("theme", list(Theme))
@pytest.mark.parametrize("layout", list(Layout))
def test_jpeg_rgb_right_size_and_small(layout: Layout, theme: Theme) -> None:
    result = render(RenderRequest(seoul(), Template.ANNOUNCEMENT, layout, theme, POSTED_ON))
    assert isinstance(result, Rendering)
    assert (result.width, result.height) == layout.size
    assert len(result.slides) == 1
    img = _open(result.slides[0])
    assert img.format == "JPEG"
    assert img.mode == "RGB"
    assert img.size == layout.size
    assert not img.info.get("progressive")
    assert b"sRGB" in img.info.get("icc_profile", b"") or img.info.get("icc_profile")
    assert len(result.slides[0]) < TYPICAL_BYTES < MAX_BYTES


def test_feed_and_story_aspect_ratios_are_within_instagram_rules() -> None:
    for layout in (Layout.SQUARE, Layout.PORTRAIT):
        w, h = layout.size
        assert 0.8 <= w / h <= 1.91
    w, h = Layout.STORY.size
    assert abs(w / h - 9 / 16) < 1e-9


@pytest.mark.parametrize("template", list(Template))
def test_same_request_same_bytes(template: Template) -> None:
    req = RenderRequest(
        adversarial()["everything"], template, Layout.PORTRAIT, Theme.NEON, POSTED_ON
    )
    assert render(req).slides == render(req).slides


def test_carousel_slides_are_all_jpegs_of_one_size() -> None:
    poster = replace(adversarial()["lineup-12"], lineup=slots(60))
    req = RenderRequest(poster, Template.LINEUP, Layout.SQUARE, Theme.MINIMAL, POSTED_ON)
    result = render(req)
    assert 2 <= len(result.slides) <= 10
    for data in result.slides:
        img = _open(data)
        assert (img.format, img.mode, img.size) == ("JPEG", "RGB", (1080, 1080))
        assert len(data) < TYPICAL_BYTES


def test_single_slide_templates() -> None:
    poster = adversarial()["lineup-12"]
    for template in (Template.ANNOUNCEMENT, Template.COUNTDOWN, Template.DAY_OF):
        for layout in Layout:
            req = RenderRequest(poster, template, layout, Theme.DARK, POSTED_ON)
            assert len(render(req).slides) == 1


def test_every_combination_renders() -> None:
    poster = adversarial()["everything"]
    for template in Template:
        for layout in Layout:
            for theme in Theme:
                result = render(RenderRequest(poster, template, layout, theme, POSTED_ON))
                assert all(len(s) < TYPICAL_BYTES for s in result.slides)
