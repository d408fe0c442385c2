"""How often a published post's numbers are read (its Instagram insights, its reactions
where the platform does not push them): often while they move, then less, then never.

Every 15 minutes in the first day, hourly to day 7, daily to day 30, then stop. A story
lives for a day, so it stops after its first day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

FIRST_DAY = timedelta(days=1)
FIRST_WEEK = timedelta(days=7)
LAST_DAY = timedelta(days=30)
_STEPS = (
    (FIRST_DAY, timedelta(minutes=15)),
    (FIRST_WEEK, timedelta(hours=1)),
    (LAST_DAY, timedelta(days=1)),
)


def next_reading(published_at: datetime, now: datetime, *, story: bool = False) -> datetime | None:
    """When to read next after reading at `now`; None once the post is old enough."""
    end = published_at + (FIRST_DAY if story else LAST_DAY)
    if now >= end:
        return None
    age = now - published_at
    step = next(step for limit, step in _STEPS if age < limit)
    return min(now + step, end)


def next_account_reading(now: datetime) -> datetime:
    """Account insights are day totals: once a day is enough."""
    return now + timedelta(days=1)
