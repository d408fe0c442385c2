"""parse_genre and parse_price: known words are normalised, anything else kept as typed."""

from __future__ import annotations

import pytest

from core.parsing.short_fields import GENRES, parse_genre, parse_price
from tests.parsing.support import assert_refused


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Techno", "techno"),
        ("테크노", "techno"),
        ("하우스", "house"),
        ("Hip-Hop", "hiphop"),
        ("hip hop", "hiphop"),
        ("힙합", "hiphop"),
        ("DISCO", "disco"),
        ("엠비언트", "ambient"),
        ("앰비언트", "ambient"),
        ("기타", "other"),
        ("etc.", "other"),
        ("#techno", "techno"),
        ("drum and bass", "drum and bass"),
        ("  UK   garage ", "UK garage"),
    ],
)
def test_genre_accepts(typed: str, expected: str) -> None:
    assert parse_genre(typed) == expected


def test_known_genres_map_to_themselves() -> None:
    assert [parse_genre(genre) for genre in GENRES] == list(GENRES)


@pytest.mark.parametrize(
    ("typed", "key"),
    [("", "genre.empty"), ("#", "genre.empty"), ("x" * 31, "genre.too_long")],
)
def test_genre_refuses(typed: str, key: str) -> None:
    assert_refused(lambda: parse_genre(typed), key)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("30000", "₩30,000"),
        ("30,000원", "₩30,000"),
        ("30000 원", "₩30,000"),
        ("₩30000", "₩30,000"),
        ("３００００", "₩30,000"),
        ("3만원", "₩30,000"),
        ("2만 5천원", "₩25,000"),
        ("무료", "무료"),
        ("free", "free"),
        ("Free", "Free"),
        ("$20", "$20"),
        ("25 EUR", "25 EUR"),
        ("예매 25,000 / 현매 30,000", "예매 25,000 / 현매 30,000"),
    ],
)
def test_price_accepts(typed: str, expected: str) -> None:
    assert parse_price(typed) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [("", "price.empty"), ("   ", "price.empty"), ("x" * 61, "price.too_long")],
)
def test_price_refuses(typed: str, key: str) -> None:
    assert_refused(lambda: parse_price(typed), key)
