"""resolve_lineup: slot times land on the night of the event, after midnight included."""

from __future__ import annotations

from datetime import datetime, time

from core.parsing.lineup import LineupEntry, resolve_lineup
from tests.parsing.support import BERLIN, SEOUL


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=SEOUL)


EVENT = _at(20, 22)


def test_after_midnight_belongs_to_the_night() -> None:
    entries = (
        LineupEntry("A", time(22), time(23, 30)),
        LineupEntry("B", time(23, 30), time(1)),
        LineupEntry("C", time(1, 30)),
        LineupEntry("No time"),
    )
    assert resolve_lineup(entries, EVENT) == (
        ("A", _at(20, 22), _at(20, 23, 30)),
        ("B", _at(20, 23, 30), _at(21, 1)),
        ("C", _at(21, 1, 30), None),
        ("No time", None, None),
    )


def test_warm_up_within_three_hours_stays_on_the_day() -> None:
    (slot,) = resolve_lineup((LineupEntry("Warm-up", time(19, 30)),), EVENT)
    assert slot[1] == _at(20, 19, 30)


def test_a_slot_never_starts_before_the_previous_one() -> None:
    entries = (LineupEntry("A", time(23)), LineupEntry("B", time(22)))
    assert resolve_lineup(entries, EVENT)[1][1] == _at(21, 22)


def test_keeps_the_event_zone() -> None:
    event = datetime(2026, 12, 20, 23, 0, tzinfo=BERLIN)
    (slot,) = resolve_lineup((LineupEntry("A", time(2), time(4)),), event)
    assert slot[1:] == (
        datetime(2026, 12, 21, 2, 0, tzinfo=BERLIN),
        datetime(2026, 12, 21, 4, 0, tzinfo=BERLIN),
    )
