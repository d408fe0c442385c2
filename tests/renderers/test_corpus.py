"""The adversarial corpus, checked from the layout boxes and the painted pixels.

For every event, template, layout and theme: no text box leaves the safe area, no two
boxes overlap, every line break falls at a space or a hyphen (no word is cut), every
lineup page is at least 60 % filled, and every text box reads against what is under
it (4.5:1, or 3:1 for large text).
"""

from __future__ import annotations

from itertools import combinations, pairwise

import pytest

from renderers import Box, Layout, Poster, RenderRequest, Template, Theme, layout_boxes, safe_area
from renderers.backgrounds import channel_extremes
from renderers.color import contrast, luminance
from renderers.fonts import Weight, clean
from renderers.labels import genre_label, label, long_date
from renderers.paint import paint
from renderers.plan import Text
from renderers.render import background, plan
from renderers.templates.tickets import short_url
from tests.renderers.corpus import corpus
from tests.renderers.posters import POSTED_ON

CORPUS = corpus()
MIN_FILL = 0.6


def themes_for(poster: Poster) -> list[Theme]:
    return [t for t in Theme if poster.photo is not None or not t.needs_photo]


def cases() -> list[tuple[str, Template, Layout, Theme]]:
    return [
        (name, template, layout, theme)
        for name, poster in CORPUS.items()
        for template in Template
        for layout in Layout
        for theme in themes_for(poster)
    ]


def source_words(poster: Poster) -> set[str]:
    """Every word the poster's texts contain, as the renderer may set them."""
    texts = [poster.title, poster.venue, poster.city or "", poster.price or ""]
    texts += [s.name for s in poster.lineup]
    texts += [short_url(poster.ticket_url or ""), genre_label(poster.genre, poster.locale)]
    texts += [label(k, poster.locale) for k in ("lineup", "tickets", "tonight", "doors")]
    texts += [long_date(poster.starts_at, poster.locale), "/", "·", "more", "외", "팀"]
    words: set[str] = set()
    for text in texts:
        for word in clean(text).replace("\u00a0", " ").split():
            words |= {word, word.upper(), word.rstrip("/"), word.rstrip(",")}
    return words


def broken_words(box: Box, words: set[str]) -> list[str]:
    """Line breaks inside a word: neither at a space nor at a hyphen."""
    lines = [line.replace("\u00a0", " ").split() for line in box.text.split("\n")]
    bad = []
    for before, after in pairwise(lines):
        if not before or not after:
            continue
        last, first = before[-1], after[0]
        if last.endswith("-"):
            continue  # a hyphenated break of a word wider than the line
        if not _whole(last, words) or not _whole(first, words):
            bad.append(f"{last}|{first}")
    return bad


def _whole(token: str, words: set[str]) -> bool:
    token = token.rstrip("…")
    return token in words or token.isdigit() or token.startswith("+")


def lineup_fill(boxes: list[Box], slide: int, safe: Box) -> float | None:
    """How much of the room between the list's top and what is below it the list uses."""
    rows = [b for b in boxes if b.slide == slide and b.kind in ("artist", "time")]
    if not rows:
        return None
    top = min(b.y0 for b in rows)
    bottom = max(b.y1 for b in rows)
    below = [b.y0 for b in boxes if b.slide == slide and b.y0 >= bottom]
    limit = min(below, default=safe.y1)
    return (bottom - top) / max(limit - top, 1)


@pytest.mark.parametrize(("name", "template", "layout", "theme"), cases())
def test_layout_holds(name: str, template: Template, layout: Layout, theme: Theme) -> None:
    poster = CORPUS[name]
    request = RenderRequest(poster, template, layout, theme, POSTED_ON)
    boxes = layout_boxes(request)
    safe = safe_area(request)
    words = source_words(poster)
    assert boxes
    for box in boxes:
        assert box.inside(safe), f"{box} leaves the safe area {safe}"
        assert not broken_words(box, words), (box.kind, box.text, broken_words(box, words))
        assert "…" not in box.text or box.kind == "url", box
    for slide in {b.slide for b in boxes}:
        on_slide = [b for b in boxes if b.slide == slide]
        for a, b in combinations(on_slide, 2):
            assert not a.overlaps(b), f"{a} overlaps {b}"
        if template is Template.LINEUP:
            fill = lineup_fill(boxes, slide, safe)
            assert fill is not None and fill >= MIN_FILL, (slide, fill)


def test_price_and_names_are_never_shortened() -> None:
    for name, poster in CORPUS.items():
        for template in Template:
            for layout in Layout:
                request = RenderRequest(poster, template, layout, Theme.DARK, POSTED_ON)
                for box in layout_boxes(request):
                    if box.kind in ("price", "artist"):
                        assert "…" not in box.text, (name, template, layout, box.text)
                    if box.kind == "price":
                        shown = " ".join(box.text.split())
                        assert shown == " ".join(clean(poster.price or "").split())


def test_every_act_is_shown() -> None:
    for name, poster in CORPUS.items():
        for layout in Layout:
            request = RenderRequest(poster, Template.LINEUP, layout, Theme.DARK, POSTED_ON)
            artists = [b for b in layout_boxes(request) if b.kind == "artist"]
            assert len(artists) == len(poster.lineup), (name, layout)


def _large(el: Text) -> bool:
    """WCAG's large text: 18 pt (24 px), or 14 pt (18.7 px) bold."""
    bold = el.block.weight in (Weight.BOLD, Weight.BLACK)
    return el.block.size >= 24 or (bold and el.block.size >= 19)


def low_contrast(request: RenderRequest) -> list[str]:
    """Text elements whose colour is below AA against the extreme pixel under their box."""
    ctx, slides = plan(request)
    failures = []
    for slide in slides:
        canvas = paint(slide, background(ctx), text=False)
        for el in slide.elements:
            if not isinstance(el, Text):
                continue
            b = el.box
            behind = canvas.crop((b.x0, b.y0, b.x1, b.y1))
            worst = channel_extremes(behind, brightest=luminance(el.color) > 0.18)
            need = 3.0 if _large(el) else 4.5
            if contrast(el.color, worst) < need:
                failures.append(f"{el.kind} {contrast(el.color, worst):.2f} < {need}")
    return failures


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_contrast_holds(name: str) -> None:
    poster = CORPUS[name]
    for template in Template:
        for layout in Layout:
            for theme in themes_for(poster):
                request = RenderRequest(poster, template, layout, theme, POSTED_ON)
                assert not low_contrast(request), (template, layout, theme)


def test_a_long_link_keeps_its_host_and_shortens_only_its_path() -> None:
    poster = CORPUS["issue-example"]
    host = "tickets.example-festival-platform.com/"
    for layout in Layout:
        request = RenderRequest(poster, Template.ANNOUNCEMENT, layout, Theme.DARK, POSTED_ON)
        (url,) = [b for b in layout_boxes(request) if b.kind == "url"]
        assert url.text.startswith(host) and url.text.endswith("…"), url.text
        assert "?" not in url.text  # the query is not something people type
        (price,) = [b for b in layout_boxes(request) if b.kind == "price"]
        assert price.y1 <= url.y0  # a long price takes its own line above the link
