"""Captions and hashtags: per template and locale, within Instagram's limits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from core.captions import (
    MAX_CAPTION_CHARS,
    MAX_HASHTAGS,
    CaptionInput,
    alt_text,
    build_caption,
    hashtag,
    hashtags_for,
)

SEOUL = ZoneInfo("Asia/Seoul")
START = datetime(2026, 12, 20, 22, 0, tzinfo=SEOUL)
EVENT = CaptionInput(
    title="서울 테크노 나이트 Vol.3",
    starts_at=START,
    venue="Cakeshop",
    city="이태원",
    genre="techno",
    artists=(("DJ Soma", START), ("Yetsuby", None), ("박혜진", None)),
    ticket_url="https://tickets.example.com/x",
    price="₩30,000",
    description=None,
    locale="ko",
    template="announcement",
    posted_on=date(2026, 12, 1),
)


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("DJ Soma", "djsoma"),
        ("Hip-Hop!", "hiphop"),
        ("박혜진", "박혜진"),
        ("Cakeshop, 이태원", "cakeshop이태원"),
        ("Ｆｕｌｌ Ｗｉｄｔｈ", "fullwidth"),
        ("!!!", None),
    ],
)
def test_hashtags_keep_letters_and_digits_only(raw: str, tag: str | None) -> None:
    assert hashtag(raw) == tag


def test_tags_come_from_genre_city_venue_and_lineup_without_duplicates() -> None:
    tags = hashtags_for(replace(EVENT, artists=(("DJ Soma", None), ("dj soma", None))))
    assert tags[:4] == ("techno", "테크노", "이태원", "cakeshop")
    assert tags.count("djsoma") == 1


def test_at_most_thirty_hashtags_and_2200_characters() -> None:
    crowd = tuple((f"Artist {n} " + "x" * 40, None) for n in range(80))
    caption = build_caption(replace(EVENT, artists=crowd, description="긴 소개 " * 400))
    assert len(caption.hashtags) == MAX_HASHTAGS
    assert len(caption.text) <= MAX_CAPTION_CHARS
    assert caption.text.count("#") == MAX_HASHTAGS
    assert caption.text.endswith(" ".join(f"#{tag}" for tag in caption.hashtags))


@pytest.mark.parametrize(
    ("template", "locale", "posted_on", "headline"),
    [
        ("announcement", "ko", date(2026, 12, 1), "서울 테크노 나이트 Vol.3"),
        ("lineup", "ko", date(2026, 12, 13), "서울 테크노 나이트 Vol.3 — 라인업 공개"),
        ("lineup", "en", date(2026, 12, 13), "서울 테크노 나이트 Vol.3 — lineup"),
        ("countdown", "ko", date(2026, 12, 17), "D-3 · 서울 테크노 나이트 Vol.3"),
        ("countdown", "en", date(2026, 12, 20), "TONIGHT · 서울 테크노 나이트 Vol.3"),
        ("day_of", "ko", date(2026, 12, 20), "오늘 밤 · 서울 테크노 나이트 Vol.3"),
    ],
)
def test_each_template_has_its_own_headline(
    template: str, locale: str, posted_on: date, headline: str
) -> None:
    caption = build_caption(replace(EVENT, template=template, locale=locale, posted_on=posted_on))
    assert caption.text.splitlines()[0] == headline


def test_the_caption_carries_the_facts_in_the_chats_language() -> None:
    korean = build_caption(EVENT).text
    assert "12월 20일 (일) 22:00" in korean and "티켓 👉" in korean and "₩30,000" in korean
    english = build_caption(replace(EVENT, locale="en")).text
    assert "Sun Dec 20, 22:00" in english and "Tickets 👉" in english


def test_alt_text_describes_the_poster_in_the_workspace_language() -> None:
    assert alt_text(EVENT).startswith("'서울 테크노 나이트 Vol.3' 이벤트 포스터. 12월 20일")
    english = alt_text(replace(EVENT, locale="en"))
    assert english.startswith(
        "Poster for '서울 테크노 나이트 Vol.3'. Sun Dec 20, 22:00 at Cakeshop"
    )
    assert "Lineup: DJ Soma, Yetsuby, 박혜진" in english
