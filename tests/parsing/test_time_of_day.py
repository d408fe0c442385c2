"""parse_time_of_day: clock readings alone, as used by the lineup and the start time."""

from __future__ import annotations

from datetime import time

import pytest

from core.parsing.dates import parse_time_of_day
from tests.parsing.support import assert_refused


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("22:00", time(22, 0)),
        ("7:05", time(7, 5)),
        ("10pm", time(22, 0)),
        ("10 PM", time(22, 0)),
        ("10:30pm", time(22, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("22시", time(22, 0)),
        ("밤 10시", time(22, 0)),
        ("오후 10시 30분", time(22, 30)),
        ("오전 11시", time(11, 0)),
        ("밤 12시", time(0, 0)),
        ("24:00", time(0, 0)),
        ("22h30", time(22, 30)),
        ("２２：００", time(22, 0)),
        ("정오", time(12, 0)),
    ],
)
def test_accepts(typed: str, expected: time) -> None:
    assert parse_time_of_day(typed) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "time.unknown"),
        ("22", "time.unknown"),  # a bare number could be anything
        ("열시", "time.unknown"),
        ("오후 10pm", "time.unknown"),
        ("25:00", "time.impossible"),
        ("22:75", "time.impossible"),
        ("13pm", "time.impossible"),
        ("오전 14시", "time.impossible"),
    ],
)
def test_refuses(typed: str, key: str) -> None:
    assert_refused(lambda: parse_time_of_day(typed), key)
