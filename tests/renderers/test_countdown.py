"""The countdown says D-N for the day it is posted, and tonight on the day."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from renderers import Layout, Poster, RenderRequest, Template, Theme, layout_boxes


def _hero(poster: Poster, posted_on: date, template: Template = Template.COUNTDOWN) -> str:
    req = RenderRequest(poster, template, Layout.SQUARE, Theme.DARK, posted_on)
    (hero,) = [b for b in layout_boxes(req) if b.kind == "hero"]
    return hero.text.replace("\n", " ")


def _poster(locale: str) -> Poster:
    start = datetime(2025, 12, 20, 22, 0, tzinfo=timezone(timedelta(hours=9)))
    return Poster("Night", start, "Cakeshop", locale=locale)


def test_days_left() -> None:
    assert _hero(_poster("en"), date(2025, 12, 17)) == "D-3"
    assert _hero(_poster("ko"), date(2025, 12, 19)) == "D-1"


def test_on_the_day_it_is_tonight() -> None:
    assert _hero(_poster("en"), date(2025, 12, 20)) == "TONIGHT"
    assert _hero(_poster("ko"), date(2025, 12, 20)) == "오늘 밤"


def test_counts_from_the_event_date_in_its_own_timezone() -> None:
    # 01:00 on the 21st in Seoul is still the 20th in UTC; posted on the 20th it is D-1.
    kst = timezone(timedelta(hours=9))
    poster = Poster("Night", datetime(2025, 12, 21, 1, 0, tzinfo=kst), "V", locale="en")
    assert _hero(poster, date(2025, 12, 20)) == "D-1"


def test_after_the_event_shows_the_date_not_a_negative_count() -> None:
    assert _hero(_poster("en"), date(2025, 12, 22)) == "12.20"


def test_day_of_and_labels_are_localized() -> None:
    req = RenderRequest(
        _poster("ko"), Template.DAY_OF, Layout.SQUARE, Theme.DARK, date(2025, 12, 20)
    )
    texts = {b.kind: b.text for b in layout_boxes(req)}
    assert texts["kicker"] == "오늘 밤"
    assert texts["doors-label"] == "오픈"
    req = RenderRequest(
        _poster("en"), Template.DAY_OF, Layout.SQUARE, Theme.DARK, date(2025, 12, 20)
    )
    texts = {b.kind: b.text for b in layout_boxes(req)}
    assert texts["kicker"] == "TONIGHT"
    assert texts["doors"] == "22:00"
