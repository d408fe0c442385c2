"""The default campaign: posts placed on the event's own calendar, in its timezone.

Anchored posts are "N days before the start date, at a local wall-clock time", so they
stay at 19:00 local across a DST change and move with the event when its date changes.
D-N counts calendar days to the start date, the same way the countdown image does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

ANNOUNCEMENT, LINEUP, COUNTDOWN, DAY_OF, EXTRA = (
    "announcement",
    "lineup",
    "countdown",
    "day_of",
    "extra",
)
# Before this hour a start belongs to the night before (a 01:00 start is "Saturday night").
_NIGHT_ENDS = 6


@dataclass(frozen=True)
class CampaignRules:
    countdown_hour: int = 19
    day_of_hour: int = 12
    lineup_days: int = 7
    countdown_days: tuple[int, ...] = (3, 1)


@dataclass(frozen=True)
class PlannedPost:
    slot: str
    template: str
    scheduled_at: datetime  # aware, in the event's zone
    days_before: int | None = None  # None: a fixed moment that does not follow the event
    local_time: time | None = None


def anchored(starts_at: datetime, zone: ZoneInfo, days_before: int, at: time) -> datetime:
    """`days_before` calendar days before the local start date, at local time `at`."""
    day = starts_at.astimezone(zone).date() - timedelta(days=days_before)
    # Through UTC and back: a wall time skipped by a DST change moves forward like a clock.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC).astimezone(zone)


def anchor_of(moment: datetime, starts_at: datetime, zone: ZoneInfo) -> tuple[int, time]:
    """The (days before, local time) that names `moment` relative to the event start."""
    local = moment.astimezone(zone)
    days = (starts_at.astimezone(zone).date() - local.date()).days
    return days, local.time().replace(second=0, microsecond=0)


def default_plan(
    starts_at: datetime,
    zone: ZoneInfo,
    *,
    now: datetime,
    rules: CampaignRules,
    announce_template: str = ANNOUNCEMENT,
    announce_at: datetime | None = None,
    has_lineup: bool = True,
) -> list[PlannedPost]:
    """Announcement (now or at `announce_at`), lineup D-7, countdowns, day-of at noon.

    Posts whose time has passed, or that would fall at or after the start, are left out.
    """
    announcement = PlannedPost(
        ANNOUNCEMENT, announce_template, (announce_at or now).astimezone(zone)
    )
    evening = time(rules.countdown_hour)
    candidates = [announcement]
    if has_lineup:
        candidates.append(_anchored(LINEUP, LINEUP, starts_at, zone, rules.lineup_days, evening))
    candidates += [
        _anchored(COUNTDOWN, COUNTDOWN, starts_at, zone, days, evening)
        for days in rules.countdown_days
    ]
    candidates.append(_day_of(starts_at, zone, time(rules.day_of_hour)))
    # Compared in UTC: Python compares two times of one ZoneInfo by their wall clocks.
    earliest, start = (now - timedelta(seconds=1)).astimezone(UTC), starts_at.astimezone(UTC)
    kept = [post for post in candidates if earliest <= post.scheduled_at.astimezone(UTC) < start]
    return sorted(kept, key=lambda post: post.scheduled_at.astimezone(UTC))


def reanchored(post: PlannedPost, starts_at: datetime, zone: ZoneInfo) -> PlannedPost:
    """The same post for a new start; fixed posts keep their moment."""
    if post.days_before is None or post.local_time is None:
        return post
    moment = anchored(starts_at, zone, post.days_before, post.local_time)
    return PlannedPost(post.slot, post.template, moment, post.days_before, post.local_time)


def _anchored(
    slot: str, template: str, starts_at: datetime, zone: ZoneInfo, days: int, at: time
) -> PlannedPost:
    return PlannedPost(slot, template, anchored(starts_at, zone, days, at), days, at)


def _day_of(starts_at: datetime, zone: ZoneInfo, at: time) -> PlannedPost:
    """Noon on the start date; for an after-midnight start, noon of the night before."""
    local = starts_at.astimezone(zone)
    days = 1 if local.hour < _NIGHT_ENDS else 0
    return _anchored(DAY_OF, DAY_OF, starts_at, zone, days, at)
