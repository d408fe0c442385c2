"""Golden images: small thumbnails of a fixed set of renders, compared with a tolerance.

A deliberate design change regenerates them: FLYERBOT_UPDATE_GOLDEN=1 pytest tests/renderers
(then look at the new PNGs before keeping them).
"""

from __future__ import annotations

import os
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from renderers import Brand, Layout, Poster, RenderRequest, Template, Theme, render
from tests.renderers.posters import POSTED_ON, berlin, logo_png, seoul

GOLDEN = Path(__file__).parent / "golden"
THUMB_WIDTH = 216
# Mean absolute difference per channel (0-255). Font rasterisation or JPEG tweaks move a
# few pixels; a layout change moves whole blocks and lands far above this.
TOLERANCE = 2.5


def _with_photo(poster: Poster) -> Poster:
    from tests.renderers.test_contrast import photo

    return replace(poster, photo=photo((1400, 1000)), brand=Brand("#22D3EE", logo_png()))


def _space(poster: Poster) -> Poster:
    """A photo, no brand colour: the accent comes from the photo."""
    from tests.renderers.corpus import picture

    return replace(poster, photo=picture((1600, 1200), "space"))


CASES: dict[str, tuple[Poster, Template, Layout, Theme]] = {
    "seoul-announcement-square-dark": (seoul(), Template.ANNOUNCEMENT, Layout.SQUARE, Theme.DARK),
    "seoul-lineup-portrait-neon": (seoul(), Template.LINEUP, Layout.PORTRAIT, Theme.NEON),
    "seoul-countdown-story-minimal": (seoul(), Template.COUNTDOWN, Layout.STORY, Theme.MINIMAL),
    "seoul-dayof-square-neon": (seoul(), Template.DAY_OF, Layout.SQUARE, Theme.NEON),
    "berlin-announcement-story-dark": (berlin(), Template.ANNOUNCEMENT, Layout.STORY, Theme.DARK),
    "berlin-lineup-square-minimal": (berlin(), Template.LINEUP, Layout.SQUARE, Theme.MINIMAL),
    "berlin-countdown-portrait-neon": (berlin(), Template.COUNTDOWN, Layout.PORTRAIT, Theme.NEON),
    "seoul-photo-portrait-dark": (
        _with_photo(seoul()),
        Template.ANNOUNCEMENT,
        Layout.PORTRAIT,
        Theme.DARK,
    ),
    "space-photo-accent-square-neon": (
        _space(berlin()),
        Template.ANNOUNCEMENT,
        Layout.SQUARE,
        Theme.NEON,
    ),
    "space-duotone-story": (_space(seoul()), Template.COUNTDOWN, Layout.STORY, Theme.DUOTONE),
}


def thumbnail(jpeg: bytes) -> Image.Image:
    img = Image.open(BytesIO(jpeg)).convert("RGB")
    height = round(img.height * THUMB_WIDTH / img.width)
    return img.resize((THUMB_WIDTH, height), Image.Resampling.BOX)


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_golden(name: str) -> None:
    poster, template, layout, theme = CASES[name]
    result = render(RenderRequest(poster, template, layout, theme, POSTED_ON))
    thumb = thumbnail(result.slides[0])
    path = GOLDEN / f"{name}.png"
    if os.environ.get("FLYERBOT_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        thumb.save(path, "PNG", optimize=True)
        return
    assert path.exists(), f"missing golden {path.name}: run with FLYERBOT_UPDATE_GOLDEN=1"
    golden = Image.open(path).convert("RGB")
    assert golden.size == thumb.size
    diff = ImageStat.Stat(ImageChops.difference(golden, thumb)).mean
    assert max(diff) <= TOLERANCE, f"{name} differs from golden by {diff}"


def test_goldens_stay_small() -> None:
    total = sum(p.stat().st_size for p in GOLDEN.glob("*.png"))
    assert total < 1_500_000
