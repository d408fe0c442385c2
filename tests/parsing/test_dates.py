"""parse_starts_at: what organisers type, in Korean and English, against a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from core.parsing.dates import parse_starts_at
from tests.parsing.support import BERLIN, NOW, SEOUL, assert_refused


def _seoul(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)


ACCEPTED = [
    ("2026-12-20 22:00", _seoul(2026, 12, 20, 22)),
    ("2026-12-20T22:00", _seoul(2026, 12, 20, 22)),
    ("2026.12.20 22:00", _seoul(2026, 12, 20, 22)),
    ("2026/12/20 22:00", _seoul(2026, 12, 20, 22)),
    ("2026. 12. 20. 22:00", _seoul(2026, 12, 20, 22)),
    ("12/20 10pm", _seoul(2026, 12, 20, 22)),
    ("12/20 22:00", _seoul(2026, 12, 20, 22)),
    ("12/20 10:30pm", _seoul(2026, 12, 20, 22, 30)),
    ("12/20 10:30 P.M.", _seoul(2026, 12, 20, 22, 30)),
    ("Dec 20 10pm", _seoul(2026, 12, 20, 22)),
    ("20 Dec 22:00", _seoul(2026, 12, 20, 22)),
    ("December 20, 2026 10pm", _seoul(2026, 12, 20, 22)),
    ("Sun, Dec 20 at 10pm", _seoul(2026, 12, 20, 22)),
    ("12월 20일 밤 10시", _seoul(2026, 12, 20, 22)),
    ("12월 20일 22시", _seoul(2026, 12, 20, 22)),
    ("12월 20일 오후 10시 30분", _seoul(2026, 12, 20, 22, 30)),
    ("12월 20일 밤 10시 반", _seoul(2026, 12, 20, 22, 30)),
    ("12월 20일 (일) 밤 10시부터", _seoul(2026, 12, 20, 22)),
    ("2026년 12월 20일 22:00", _seoul(2026, 12, 20, 22)),
    ("12월 20일 밤 12시", _seoul(2026, 12, 21, 0)),
    ("12월 20일 밤 1시", _seoul(2026, 12, 21, 1)),
    ("12월 20일 새벽 2시", _seoul(2026, 12, 20, 2)),
    ("12월 20일 아침 9시", _seoul(2026, 12, 20, 9)),
    ("12월 20일 저녁 7시", _seoul(2026, 12, 20, 19)),
    ("12/20 12am", _seoul(2026, 12, 20, 0)),
    ("12/20 12pm", _seoul(2026, 12, 20, 12)),
    ("１２월 ２０일  ２２：００", _seoul(2026, 12, 20, 22)),
    ("tomorrow 23:00", _seoul(2026, 11, 22, 23)),
    ("today 22:00", _seoul(2026, 11, 21, 22)),
    ("tonight 10pm", _seoul(2026, 11, 21, 22)),
    ("tonight 1am", _seoul(2026, 11, 22, 1)),
    ("10pm tomorrow", _seoul(2026, 11, 22, 22)),
    ("내일 23시", _seoul(2026, 11, 22, 23)),
    ("오늘 밤 11시", _seoul(2026, 11, 21, 23)),
    ("오늘 밤 12시", _seoul(2026, 11, 22, 0)),
    ("모레 22:00", _seoul(2026, 11, 23, 22)),
    ("토요일 22:00", _seoul(2026, 11, 21, 22)),
    ("토요일 오전 10시", _seoul(2026, 11, 28, 10)),  # today's 10:00 has passed
    ("sat 22:00", _seoul(2026, 11, 21, 22)),
    ("saturday 10pm", _seoul(2026, 11, 21, 22)),
    ("금요일 22:00", _seoul(2026, 11, 27, 22)),
    ("이번 주 토요일 밤 10시", _seoul(2026, 11, 21, 22)),
    ("다음 주 토요일 22:00", _seoul(2026, 11, 28, 22)),
    ("다음주 월요일 22:00", _seoul(2026, 11, 23, 22)),
    ("next saturday 10pm", _seoul(2026, 11, 28, 22)),
    ("11/20 22:00", _seoul(2027, 11, 20, 22)),  # no year and already passed: next year
    ("1월 10일 22:00", _seoul(2027, 1, 10, 22)),
]


@pytest.mark.parametrize(("typed", "expected"), ACCEPTED)
def test_accepts(typed: str, expected: datetime) -> None:
    parsed = parse_starts_at(typed, now=NOW, tz=SEOUL)
    assert parsed == expected
    assert parsed.tzinfo == SEOUL


REFUSED = [
    ("", "starts_at.unknown"),
    ("sometime soon", "starts_at.unknown"),
    ("12월 20일 열시", "starts_at.unknown"),
    ("12월 20일", "starts_at.no_time"),
    ("Dec 20", "starts_at.no_time"),
    ("토요일", "starts_at.no_time"),
    ("오늘 밤", "starts_at.no_time"),
    ("22:00", "starts_at.no_date"),
    ("2월 30일 22:00", "starts_at.impossible"),
    ("2026-13-01 22:00", "starts_at.impossible"),
    ("12/20 25:00", "starts_at.impossible"),
    ("12/20 13pm", "starts_at.impossible"),
    ("2026-11-20 22:00", "starts_at.past"),
    ("today 10am", "starts_at.past"),
    ("오늘 새벽 2시", "starts_at.past"),
    ("2029-01-01 22:00", "starts_at.too_far"),
    ("12월 20일 (토) 22:00", "starts_at.weekday_mismatch"),
]


@pytest.mark.parametrize(("typed", "key"), REFUSED)
def test_refuses(typed: str, key: str) -> None:
    assert_refused(lambda: parse_starts_at(typed, now=NOW, tz=SEOUL), key)


def test_now_in_another_zone_is_read_in_the_event_zone() -> None:
    # 01:00 on Sunday in Seoul is still Saturday afternoon in Berlin.
    now = datetime(2026, 11, 22, 1, 0, tzinfo=SEOUL)
    parsed = parse_starts_at("today 22:00", now=now, tz=BERLIN)
    assert parsed == datetime(2026, 11, 21, 22, 0, tzinfo=BERLIN)
    assert parsed.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tomorrow 23:00", datetime(2026, 11, 22, 23, 0, tzinfo=BERLIN)),
        ("sun 22:00", datetime(2026, 11, 22, 22, 0, tzinfo=BERLIN)),
        ("2027-03-28 02:30", datetime(2027, 3, 28, 3, 30, tzinfo=BERLIN)),  # skipped by DST
        ("2027-06-12 23:00", datetime(2027, 6, 12, 23, 0, tzinfo=BERLIN)),
    ],
)
def test_berlin(typed: str, expected: datetime) -> None:
    parsed = parse_starts_at(typed, now=NOW, tz=BERLIN)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()
