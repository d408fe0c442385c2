"""The contact sheet: rows by template, each card with its label right under it, no empty bands."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from renderers import Layout, RenderRequest, Template, Theme, render
from renderers.contact_sheet import Card, arrange, contact_sheet
from tests.renderers.posters import POSTED_ON, seoul

SIZES = {Layout.SQUARE: (300, 300), Layout.PORTRAIT: (300, 375), Layout.STORY: (300, 533)}


def test_rows_follow_templates_and_start_at_the_top() -> None:
    groups = ["announcement"] * 3 + ["lineup"] * 4
    sizes = [SIZES[Layout.SQUARE], SIZES[Layout.STORY], SIZES[Layout.PORTRAIT]] * 2
    sizes.append(SIZES[Layout.SQUARE])
    sheet = arrange(sizes, groups, columns=3)
    assert [g for g, _top in sheet.headings] == ["announcement", "lineup"]
    tops = [p.card.y0 for p in sheet.cards]
    # Every card of a row shares its top edge, right under the heading: no band above.
    assert tops[0] == tops[1] == tops[2] == sheet.headings[0][1] + 40
    assert tops[3] == tops[4] == tops[5] == sheet.headings[1][1] + 40
    assert tops[6] > tops[3]  # a group longer than a row wraps, still under its heading
    # The next heading starts below the tallest card and its label.
    assert sheet.headings[1][1] > max(p.card.y1 for p in sheet.cards[:3])


def test_labels_sit_right_under_their_card() -> None:
    sheet = arrange([SIZES[Layout.SQUARE], SIZES[Layout.STORY]], ["a", "a"], columns=2)
    for placed in sheet.cards:
        x, y = placed.label_at
        assert x == placed.card.x0 and 0 < y - placed.card.y1 <= 10


def test_contact_sheet_draws_cards_at_their_places() -> None:
    cards = []
    for template in (Template.ANNOUNCEMENT, Template.COUNTDOWN):
        for layout in Layout:
            req = RenderRequest(seoul(), template, layout, Theme.DARK, POSTED_ON)
            cards.append(Card(f"{template}-{layout}", render(req).slides[0], template.value))
    sheet = Image.open(BytesIO(contact_sheet(cards, columns=3))).convert("RGB")
    layout = arrange([SIZES[lay] for lay in Layout] * 2, [c.group for c in cards], columns=3)
    assert sheet.size == (layout.width, layout.height)
    ground = sheet.getpixel((2, 2))
    for placed in layout.cards:
        inside = (placed.card.x0 + 150, placed.card.y0 + 3)
        assert sheet.getpixel(inside) != ground  # the card starts at its top edge


def test_empty_sheet() -> None:
    assert Image.open(BytesIO(contact_sheet([]))).size[0] > 0
