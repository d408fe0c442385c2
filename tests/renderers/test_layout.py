"""Every text box stays in the safe area and no two touch, for hostile posters too."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import combinations

import pytest

from renderers import Layout, RenderRequest, Template, Theme, layout_boxes, safe_area
from tests.renderers.posters import POSTED_ON, adversarial, berlin, seoul

POSTERS = {**adversarial(), "seoul": seoul(), "berlin": berlin()}


def _check(request: RenderRequest) -> None:
    boxes = layout_boxes(request)
    safe = safe_area(request)
    assert boxes, "a render with no text at all"
    for box in boxes:
        assert box.width > 0 and box.height > 0, box
        assert box.inside(safe), f"{box} leaves the safe area {safe}"
    slides = {b.slide for b in boxes}
    for slide in slides:
        on_slide = [b for b in boxes if b.slide == slide]
        for a, b in combinations(on_slide, 2):
            assert not a.overlaps(b), f"{a} overlaps {b}"


@pytest.mark.parametrize("layout", list(Layout))
@pytest.mark.parametrize("template", list(Template))
@pytest.mark.parametrize("name", sorted(POSTERS))
def test_boxes_inside_safe_area_and_apart(name: str, template: Template, layout: Layout) -> None:
    _check(RenderRequest(POSTERS[name], template, layout, Theme.DARK, POSTED_ON))


@pytest.mark.parametrize("theme", [Theme.NEON, Theme.MINIMAL])
@pytest.mark.parametrize("layout", list(Layout))
def test_other_themes_lay_out_the_same_rules(theme: Theme, layout: Layout) -> None:
    for poster in (POSTERS["everything"], POSTERS["korean-60"]):
        for template in Template:
            _check(RenderRequest(poster, template, layout, theme, POSTED_ON))


def test_title_is_kept_whole_not_truncated() -> None:
    for name in ("korean-60", "word-30", "emoji"):
        for layout in Layout:
            req = RenderRequest(POSTERS[name], Template.ANNOUNCEMENT, layout, Theme.DARK, POSTED_ON)
            title = [b for b in layout_boxes(req) if b.kind == "title"]
            assert len(title) == 1
            assert "…" not in title[0].text


def test_long_word_shrinks_or_breaks_but_keeps_every_letter() -> None:
    poster = POSTERS["word-30"]
    req = RenderRequest(poster, Template.ANNOUNCEMENT, Layout.SQUARE, Theme.DARK, POSTED_ON)
    (title,) = [b for b in layout_boxes(req) if b.kind == "title"]
    assert (
        title.text.replace("\n", "") == poster.title.upper()
        or title.text.replace("\n", "") == poster.title
    )


def test_emoji_are_dropped_and_spaces_collapsed() -> None:
    req = RenderRequest(
        POSTERS["emoji"], Template.ANNOUNCEMENT, Layout.SQUARE, Theme.DARK, POSTED_ON
    )
    (title,) = [b for b in layout_boxes(req) if b.kind == "title"]
    assert title.text.replace("\n", " ") == "불금 TECHNO NIGHT"


def test_square_lineup_shows_eight_acts_on_one_slide() -> None:
    poster = seoul()
    poster = type(poster)(**{**poster.__dict__, "lineup": adversarial()["lineup-12"].lineup[:8]})
    req = RenderRequest(poster, Template.LINEUP, Layout.SQUARE, Theme.DARK, POSTED_ON)
    boxes = layout_boxes(req)
    artists = [b for b in boxes if b.kind == "artist"]
    assert {b.slide for b in boxes} == {0}
    assert len(artists) == 8
    assert min(b.height for b in artists) >= 24  # readable on a phone


def test_lineup_times_line_up() -> None:
    req = RenderRequest(seoul(), Template.LINEUP, Layout.PORTRAIT, Theme.DARK, POSTED_ON)
    boxes = layout_boxes(req)
    times = [b for b in boxes if b.kind == "time"]
    artists = [b for b in boxes if b.kind == "artist"]
    assert len(times) == 6
    assert max(b.x1 for b in times) - min(b.x1 for b in times) <= 4  # tabular digits
    assert len({b.x0 for b in artists}) == 1
    assert min(a.x0 for a in artists) > max(t.x1 for t in times)
    assert [b.text for b in times] == ["22:00", "23:30", "01:00", "02:30", "04:00", "05:30"]


def test_twelve_acts_fit_one_square_slide() -> None:
    req = RenderRequest(POSTERS["lineup-12"], Template.LINEUP, Layout.SQUARE, Theme.DARK, POSTED_ON)
    boxes = layout_boxes(req)
    assert {b.slide for b in boxes} == {0}
    assert sum(1 for b in boxes if b.kind == "artist") == 12


def test_thirty_acts_fit_one_story() -> None:
    from tests.renderers.posters import slots

    poster = replace(POSTERS["lineup-12"], lineup=slots(30))
    req = RenderRequest(poster, Template.LINEUP, Layout.STORY, Theme.DARK, POSTED_ON)
    boxes = layout_boxes(req)
    artists = [b for b in boxes if b.kind == "artist"]
    assert {b.slide for b in boxes} == {0}
    assert len(artists) == 30
    _check(req)


def test_a_lineup_too_long_for_one_slide_is_split_evenly() -> None:
    from tests.renderers.posters import slots

    poster = replace(POSTERS["lineup-12"], lineup=slots(40))
    req = RenderRequest(poster, Template.LINEUP, Layout.SQUARE, Theme.DARK, POSTED_ON)
    boxes = layout_boxes(req)
    per_slide = Counter(b.slide for b in boxes if b.kind == "artist")
    assert len(per_slide) >= 2
    assert sum(per_slide.values()) == 40
    assert max(per_slide.values()) - min(per_slide.values()) <= 1
    _check(req)


def test_untimed_acts_line_up_with_timed_ones() -> None:
    from tests.renderers.posters import slots

    mixed = tuple(s if i < 2 else replace(s, starts_at=None) for i, s in enumerate(slots(12)))
    poster = replace(POSTERS["lineup-12"], lineup=mixed)
    for layout in Layout:
        req = RenderRequest(poster, Template.LINEUP, layout, Theme.DARK, POSTED_ON)
        boxes = layout_boxes(req)
        artists = [b for b in boxes if b.kind == "artist"]
        times = [b for b in boxes if b.kind == "time"]
        assert len(times) == 2
        # Names of one column share a left edge, whether or not their row has a time.
        columns = Counter(b.x0 for b in artists)
        assert len(columns) <= 2 and min(columns.values()) >= 5, columns
        assert min(a.x0 for a in artists) > max(t.x1 for t in times)


def test_carousel_never_exceeds_ten_slides() -> None:
    from tests.renderers.posters import slots

    poster = replace(POSTERS["lineup-12"], lineup=slots(120))
    req = RenderRequest(poster, Template.LINEUP, Layout.SQUARE, Theme.DARK, POSTED_ON)
    boxes = layout_boxes(req)
    assert 2 <= len({b.slide for b in boxes}) <= 10
    assert sum(1 for b in boxes if b.kind == "artist") == 120
    _check(req)


def test_logo_sits_in_the_same_place_in_every_template() -> None:
    poster = POSTERS["everything"]
    for layout in Layout:
        spots = set()
        for template in Template:
            for theme in Theme:
                req = RenderRequest(poster, template, layout, theme, POSTED_ON)
                logos = [b for b in layout_boxes(req) if b.kind == "logo"]
                assert logos, (template, layout)
                spots |= {(b.x0, b.y0, b.x1, b.y1) for b in logos}
        assert len(spots) == 1, spots
        (_x0, y0, x1, _y1) = spots.pop()
        safe = safe_area(RenderRequest(poster, Template.LINEUP, layout, Theme.DARK, POSTED_ON))
        assert (x1, y0) == (safe.x1, safe.y0)  # top-right corner of the safe area


def test_brand_colour_replaces_the_genre_accent() -> None:
    from renderers import Brand
    from renderers.plan import Rect
    from renderers.render import plan

    poster = replace(seoul(), brand=Brand(color="#22D3EE"))
    _ctx, slides = plan(
        RenderRequest(poster, Template.ANNOUNCEMENT, Layout.SQUARE, Theme.DARK, POSTED_ON)
    )
    bars = [e for e in slides[0].elements if isinstance(e, Rect) and e.box.kind == "bar"]
    assert bars and all(b.color == (0x22, 0xD3, 0xEE) for b in bars)
