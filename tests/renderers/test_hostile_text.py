"""Hostile text that the parsers accept still renders: every box in bounds, none overlapping.

The strings are the longest of each kind a field takes (titles of 80 characters, names of
60, 24 acts): markup and SQL that must be drawn as letters, scripts the fonts lack,
stacked combining marks, emoji sequences and long unbroken words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from io import BytesIO

import pytest
from PIL import Image

from core.parsing import short_fields as fields
from core.parsing.lineup import MAX_ENTRIES, MAX_NAME
from renderers import Layout, Poster, RenderRequest, Slot, Template, Theme, render
from tests.renderers.posters import POSTED_ON, START
from tests.renderers.test_layout import _check

HOSTILE = {
    "markup": "<b>Night</b> <a href='tg://user?id=1'>me</a> *bold* _it_ [x](https://e.x) `c`",
    "sql": "Robert'); DROP TABLE events;-- ' OR '1'='1",
    "mentions": "@everyone @here <@123456789012345678> <#456> <@&789>",
    "rtl": "ليلة التكنو في سيول שלום עולם Night مرحبا",
    "scripts": "ราตรีเทคโน नाइट 夜のテクノ Ночь Νύχτα ລາວ ꦗꦮ",
    "zalgo": "Z̴̢̛a̸̡͊l̵̨̛g̶̢͝o̷̧͝ ̸̨̛T̵̢͝e̶̡̛c̷̢͝h̸̨͝n̵̢̛o̶̡͝",
    "emoji": "👨‍👩‍👧‍👦🏳️‍🌈🧑🏽‍🎤🏴󠁧󠁢󠁳󠁣󠁴󠁿🔥🎧🪩✨" * 3,
    "word": "W" * 80,
    "korean": "가나다라마바사아자차카타파하" * 6,
}


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, not ending inside an emoji sequence (a parser refuses that)."""
    return text[:limit].rstrip("\u200d").strip()


def _poster(text: str) -> Poster:
    title = fields.parse_title(_cut(text, fields.MAX_TITLE))
    venue = fields.parse_venue(
        f"{_cut(text, fields.MAX_VENUE_NAME)}, {_cut(text, fields.MAX_CITY)}"
    )
    lineup = tuple(
        Slot(_cut(text, MAX_NAME), START + timedelta(minutes=30 * i)) for i in range(MAX_ENTRIES)
    )
    return Poster(
        title=title,
        starts_at=START,
        venue=venue.name,
        city=venue.city,
        genre=fields.parse_genre(_cut(text, fields.MAX_GENRE)),
        lineup=lineup,
        ticket_url="https://tickets.example.com/" + "x" * 400,
        price=fields.parse_price(_cut(text, fields.MAX_PRICE)),
    )


@pytest.mark.parametrize("layout", list(Layout))
@pytest.mark.parametrize("template", list(Template))
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_lays_out_inside_the_safe_area(
    name: str, template: Template, layout: Layout
) -> None:
    _check(RenderRequest(_poster(HOSTILE[name]), template, layout, Theme.DARK, POSTED_ON))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_renders_to_instagram_sized_jpegs(name: str) -> None:
    poster = replace(_poster(HOSTILE[name]), lineup=_poster(HOSTILE[name]).lineup[:10])
    rendering = render(
        RenderRequest(poster, Template.ANNOUNCEMENT, Layout.PORTRAIT, Theme.NEON, POSTED_ON)
    )
    assert (rendering.width, rendering.height) == (1080, 1350)
    for slide in rendering.slides:
        assert len(slide) <= 8 * 1024 * 1024
        with Image.open(BytesIO(slide)) as image:
            assert image.format == "JPEG" and image.size == (1080, 1350)
