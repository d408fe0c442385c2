"""The default plan on the event's own calendar, across time zones and DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.campaigns.plan import (
    CampaignRules,
    PlannedPost,
    anchor_of,
    default_plan,
    reanchored,
)

SEOUL = ZoneInfo("Asia/Seoul")
BERLIN = ZoneInfo("Europe/Berlin")
RULES = CampaignRules(countdown_hour=19, day_of_hour=12)


def _shape(plan: list[PlannedPost], zone: ZoneInfo) -> list[tuple[str, str]]:
    return [
        (post.slot, post.scheduled_at.astimezone(zone).strftime("%m-%d %H:%M")) for post in plan
    ]


def test_a_seoul_plan_is_anchored_to_the_local_start() -> None:
    starts = datetime(2026, 12, 20, 22, 0, tzinfo=SEOUL)  # a Sunday night
    now = datetime(2026, 11, 21, 15, 0, tzinfo=SEOUL)
    plan = default_plan(starts, SEOUL, now=now, rules=RULES)
    assert _shape(plan, SEOUL) == [
        ("announcement", "11-21 15:00"),
        ("lineup", "12-13 19:00"),
        ("countdown", "12-17 19:00"),
        ("countdown", "12-19 19:00"),
        ("day_of", "12-20 12:00"),
    ]
    assert plan[2].scheduled_at == datetime(2026, 12, 17, 10, 0, tzinfo=UTC)
    assert [(p.days_before, p.local_time) for p in plan[1:]] == [
        (7, time(19)),
        (3, time(19)),
        (1, time(19)),
        (0, time(12)),
    ]


def test_posts_whose_time_has_passed_are_left_out() -> None:
    starts = datetime(2026, 12, 20, 22, 0, tzinfo=SEOUL)
    now = datetime(2026, 12, 18, 9, 0, tzinfo=SEOUL)  # after D-3, before D-1
    plan = default_plan(starts, SEOUL, now=now, rules=RULES)
    assert [post.slot for post in plan] == ["announcement", "countdown", "day_of"]


def test_a_chosen_announcement_time_and_no_lineup() -> None:
    starts = datetime(2026, 12, 20, 22, 0, tzinfo=SEOUL)
    now = datetime(2026, 11, 21, 15, 0, tzinfo=SEOUL)
    announce = datetime(2026, 11, 25, 18, 0, tzinfo=SEOUL)
    plan = default_plan(starts, SEOUL, now=now, rules=RULES, announce_at=announce, has_lineup=False)
    assert [post.slot for post in plan] == ["announcement", "countdown", "countdown", "day_of"]
    assert plan[0].scheduled_at == announce and plan[0].days_before is None


def test_an_after_midnight_start_gets_its_day_of_post_the_day_before() -> None:
    starts = datetime(2026, 12, 20, 1, 0, tzinfo=SEOUL)  # Saturday night, 01:00 Sunday
    plan = default_plan(starts, SEOUL, now=datetime(2026, 12, 1, tzinfo=SEOUL), rules=RULES)
    day_of = next(post for post in plan if post.slot == "day_of")
    assert day_of.scheduled_at == datetime(2026, 12, 19, 12, 0, tzinfo=SEOUL)
    assert all(post.scheduled_at < starts for post in plan)


def test_a_berlin_plan_keeps_local_hours_across_the_october_dst_change() -> None:
    # Summer time ends on Sunday 2026-10-25 at 03:00 local: UTC+2 before, UTC+1 after.
    starts = datetime(2026, 10, 27, 22, 0, tzinfo=BERLIN)
    now = datetime(2026, 10, 1, 12, 0, tzinfo=BERLIN)
    plan = default_plan(starts, BERLIN, now=now, rules=RULES)
    assert _shape(plan, BERLIN) == [
        ("announcement", "10-01 12:00"),
        ("lineup", "10-20 19:00"),
        ("countdown", "10-24 19:00"),
        ("countdown", "10-26 19:00"),
        ("day_of", "10-27 12:00"),
    ]
    utc = [post.scheduled_at.astimezone(UTC).strftime("%m-%d %H:%M") for post in plan[1:]]
    assert utc == ["10-20 17:00", "10-24 17:00", "10-26 18:00", "10-27 11:00"]
    # D-3 and D-1 are 49 hours apart in real time, not 48: the night had an extra hour.
    # (Subtract in UTC: Python subtracts two times of one ZoneInfo on the wall clock.)
    gap = plan[3].scheduled_at.astimezone(UTC) - plan[2].scheduled_at.astimezone(UTC)
    assert gap == timedelta(hours=49)


def test_reanchoring_follows_the_new_date_and_keeps_fixed_posts() -> None:
    old = datetime(2026, 12, 20, 22, 0, tzinfo=SEOUL)
    new = datetime(2027, 1, 9, 23, 0, tzinfo=SEOUL)
    plan = default_plan(old, SEOUL, now=datetime(2026, 11, 21, 15, 0, tzinfo=SEOUL), rules=RULES)
    moved = [reanchored(post, new, SEOUL) for post in plan]
    assert moved[0] == plan[0]  # the announcement is a fixed moment
    assert _shape(moved[1:], SEOUL) == [
        ("lineup", "01-02 19:00"),
        ("countdown", "01-06 19:00"),
        ("countdown", "01-08 19:00"),
        ("day_of", "01-09 12:00"),
    ]


def test_reanchoring_a_berlin_post_into_winter_time_keeps_the_wall_clock() -> None:
    summer = datetime(2026, 10, 20, 22, 0, tzinfo=BERLIN)
    winter = datetime(2026, 11, 3, 22, 0, tzinfo=BERLIN)
    countdown = default_plan(summer, BERLIN, now=datetime(2026, 10, 1, tzinfo=BERLIN), rules=RULES)[
        2
    ]
    moved = reanchored(countdown, winter, BERLIN)
    assert moved.scheduled_at.astimezone(BERLIN).strftime("%m-%d %H:%M") == "10-31 19:00"
    assert countdown.scheduled_at.utcoffset() != moved.scheduled_at.astimezone(BERLIN).utcoffset()


def test_the_anchor_of_a_moved_post() -> None:
    starts = datetime(2026, 12, 20, 22, 0, tzinfo=SEOUL)
    assert anchor_of(datetime(2026, 12, 18, 9, 30, tzinfo=UTC), starts, SEOUL) == (2, time(18, 30))
