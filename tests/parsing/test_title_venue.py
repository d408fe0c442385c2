"""parse_title and parse_venue: short single-line text, counted in characters."""

from __future__ import annotations

import pytest

from core.parsing.short_fields import Venue, parse_title, parse_venue
from tests.parsing.support import assert_refused


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("서울 테크노 나이트 Vol.3", "서울 테크노 나이트 Vol.3"),
        ("  Seoul\tTechno   Night \n", "Seoul Techno Night"),
        ("🔥 불금 파티 🔥", "🔥 불금 파티 🔥"),
        ("가" * 80, "가" * 80),  # 80 characters, 240 bytes in UTF-8
        ("\u1109\u1165\u110b\u116e\u11af", "서울"),  # decomposed Hangul is composed
    ],
)
def test_title_accepts(typed: str, expected: str) -> None:
    assert parse_title(typed) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "title.empty"),
        ("   \n ", "title.empty"),
        ("가" * 81, "title.too_long"),
        ("Night\x00Out", "title.control_chars"),
        ("Night \u202eOut", "title.control_chars"),
    ],
)
def test_title_refuses(typed: str, key: str) -> None:
    assert_refused(lambda: parse_title(typed), key)


def test_a_huge_title_says_how_long_it_is() -> None:
    error = assert_refused(lambda: parse_title("x" * 3000), "title.too_long")
    assert error.params == {"length": 3000, "max": 80}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Cakeshop, 이태원", Venue("Cakeshop", "이태원")),
        ("Faust", Venue("Faust", None)),
        ("Cakeshop, Itaewon, Seoul", Venue("Cakeshop", "Itaewon, Seoul")),
        ("  Vurt ,  합정 ", Venue("Vurt", "합정")),
        ("Cakeshop，이태원", Venue("Cakeshop", "이태원")),
        ("Faust,", Venue("Faust", None)),
    ],
)
def test_venue_accepts(typed: str, expected: Venue) -> None:
    assert parse_venue(typed) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "venue.empty"),
        (", 이태원", "venue.empty"),
        ("x" * 61, "venue.name_too_long"),
        ("Faust, " + "x" * 61, "venue.city_too_long"),
        ("Faust\x07", "venue.control_chars"),
    ],
)
def test_venue_refuses(typed: str, key: str) -> None:
    assert_refused(lambda: parse_venue(typed), key)
