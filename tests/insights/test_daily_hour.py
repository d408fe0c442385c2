"""The daily hour in the chat's own timezone, daylight saving time included."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from core.insights.daily import local_day_due, next_local_hour


@pytest.mark.parametrize(
    ("zone", "utc_due"),
    [
        ("Asia/Seoul", datetime(2026, 11, 21, 1, 0, tzinfo=UTC)),  # 10:00 KST
        ("Europe/Berlin", datetime(2026, 11, 21, 9, 0, tzinfo=UTC)),  # 10:00 CET
        ("America/New_York", datetime(2026, 11, 21, 15, 0, tzinfo=UTC)),  # 10:00 EST
    ],
)
def test_due_from_the_local_hour_on(zone: str, utc_due: datetime) -> None:
    assert local_day_due(zone, "10:00", utc_due - timedelta(minutes=1)) is None
    assert local_day_due(zone, "10:00", utc_due) == date(2026, 11, 21)
    assert next_local_hour(zone, "10:00", utc_due - timedelta(minutes=1)) == utc_due


def test_a_day_whose_hour_is_long_past_is_skipped() -> None:
    ten = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)  # 10:00 in Seoul
    assert local_day_due("Asia/Seoul", "10:00", ten + timedelta(hours=5)) == date(2026, 11, 21)
    assert local_day_due("Asia/Seoul", "10:00", ten + timedelta(hours=7)) is None


def test_daylight_saving_keeps_the_local_hour() -> None:
    # Berlin: 10:00 is 08:00 UTC in summer and 09:00 UTC after 2026-10-25.
    saturday = datetime(2026, 10, 24, 8, 0, tzinfo=UTC)
    assert next_local_hour("Europe/Berlin", "10:00", saturday - timedelta(minutes=1)) == saturday
    sunday = next_local_hour("Europe/Berlin", "10:00", saturday)
    assert sunday == datetime(2026, 10, 25, 9, 0, tzinfo=UTC)
    assert sunday - saturday == timedelta(hours=25)
    assert local_day_due("Europe/Berlin", "10:00", sunday - timedelta(minutes=30)) is None


def test_an_hour_skipped_by_the_spring_change_still_comes() -> None:
    # New York skips 02:00-03:00 on 2026-03-08: 02:30 moves on with the clock, to 03:30.
    before = datetime(2026, 3, 8, 7, 29, tzinfo=UTC)  # 03:29 EDT
    after = datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT
    assert local_day_due("America/New_York", "02:30", before) is None
    assert local_day_due("America/New_York", "02:30", after) == date(2026, 3, 8)
