"""Invisible characters are refused in titles and names, with the spot made visible.

A title with a zero-width space looks exactly like one without; a lineup name padded
with a Hangul filler looks like another act. Emoji that need a joiner stay welcome.
"""

from __future__ import annotations

import pytest

from core.i18n import text
from core.parsing.lineup import parse_lineup
from core.parsing.short_fields import (
    parse_description,
    parse_genre,
    parse_price,
    parse_title,
    parse_venue,
)
from core.parsing.text import find_invisible
from tests.parsing.support import assert_refused

INVISIBLE = [
    "\u200b",  # zero width space
    "\u200c",  # zero width non-joiner
    "\u200d",  # zero width joiner, between letters
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    "\u200e",  # left-to-right mark
    "\u061c",  # Arabic letter mark
    "\u3164",  # Hangul filler
    "\u034f",  # combining grapheme joiner
    "\U000e0041",  # a tag character outside a flag
]


@pytest.mark.parametrize("char", INVISIBLE)
def test_the_title_refuses_an_invisible_character_and_shows_where(char: str) -> None:
    error = assert_refused(lambda: parse_title(f"Seoul{char}Techno"), "title.invisible")
    code = f"U+{ord(char):04X}"
    assert error.params["code"] == code
    assert error.params["text"] == f"Seoul[{code}]Techno"
    english = text("title.invisible", "en", **error.params)
    assert code in english and "e.g. Seoul Techno Night" in english


@pytest.mark.parametrize(
    ("parse", "typed", "key"),
    [
        (parse_venue, "Cake\u200bshop, 이태원", "venue.invisible"),
        (parse_genre, "tech\u2060no house", "genre.invisible"),
        (parse_price, "3\u200b0000", "price.invisible"),
        (parse_description, "Line one\nline\ufefftwo", "description.invisible"),
        (parse_lineup, "22:00 Soma\n23:30 \u3164", "lineup.invisible"),
        (parse_lineup, "22:00 So\u200dma", "lineup.invisible"),
    ],
)
def test_every_name_field_refuses_invisible_characters(parse, typed: str, key: str) -> None:  # type: ignore[no-untyped-def]
    assert_refused(lambda: parse(typed), key)


def test_bidi_overrides_are_refused_with_an_example() -> None:
    error = assert_refused(lambda: parse_title("Night \u202eOut"), "title.control_chars")
    assert "예:" in text(error.key, "ko") and "e.g." in text(error.key, "en")


@pytest.mark.parametrize(
    "title",
    [
        "👨\u200d👩\u200d👧 Family Rave",  # a family emoji is three joined people
        "🏳️\u200d🌈 Pride Night",  # flag, presentation selector, joiner, rainbow
        "🧑🏽\u200d🎤 Live",  # a skin tone before the joiner
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Scottish Night",
        "Café Ⅳ ✨",
        "서울 테크노 나이트",
    ],
)
def test_emoji_sequences_and_ordinary_text_pass(title: str) -> None:
    assert find_invisible(title) is None
    assert parse_title(title) == title
