"""Best time to post, learned from the chat's own Instagram history.

Once a chat has published at least MIN_POSTS Instagram feed posts, each planned post is
offered the hour whose posts reached the most people (median reach) on the same
weekday, when that hour did clearly better (at least MIN_LIFT times) than the planned
one, or than that weekday's posts overall when nothing was ever posted at the planned
hour. An hour needs MIN_SAMPLES posts before it can be called the best: one lucky post
is not a pattern.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from statistics import median
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core import i18n
from core.campaigns.plan import ANNOUNCEMENT, PlannedPost, anchored
from core.insights.metrics import REACH
from storage.insight_snapshots import latest_values
from storage.placements import published_times

MIN_POSTS = 10
MIN_SAMPLES = 2
MIN_LIFT = 1.2
_STORY_LAYOUT = "story"


@dataclass(frozen=True)
class Proposal:
    hour: int
    lift: float  # how many times more reach the proposed hour's posts had


@dataclass(frozen=True)
class BestTimes:
    """Median reach of the chat's posts per weekday (0 = Monday) and local hour."""

    reach: dict[int, dict[int, list[int]]]

    def proposal(self, local: datetime) -> Proposal | None:
        hours = self.reach.get(local.weekday(), {})
        candidates = {h: median(v) for h, v in hours.items() if len(v) >= MIN_SAMPLES}
        if not candidates:
            return None
        best = max(candidates, key=lambda hour: (candidates[hour], -hour))
        if best == local.hour:
            return None
        planned = hours.get(local.hour)
        everything = [value for values in hours.values() for value in values]
        baseline = median(planned) if planned else median(everything)
        if baseline <= 0:
            return None
        lift = candidates[best] / baseline
        return Proposal(best, lift) if lift >= MIN_LIFT else None


@dataclass(frozen=True)
class Moved:
    """A planned post moved to a better hour, for the plan's explanation."""

    before: datetime
    after: datetime
    lift: float


async def best_times(session: AsyncSession, workspace_id: int, timezone: str) -> BestTimes | None:
    """The chat's history by weekday and hour, or None below MIN_POSTS posts."""
    published = await published_times(
        session, workspace_id, kind="instagram", not_layout=_STORY_LAYOUT
    )
    latest = await latest_values(session, published, [REACH])
    zone = ZoneInfo(timezone)
    reach: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    counted = 0
    for (delivery_id, _), reading in latest.items():
        if reading.value is None:
            continue
        local = published[delivery_id].astimezone(zone)
        reach[local.weekday()][local.hour].append(reading.value)
        counted += 1
    if counted < MIN_POSTS:
        return None
    return BestTimes({day: dict(hours) for day, hours in reach.items()})


def apply(
    plan: list[PlannedPost],
    best: BestTimes | None,
    *,
    zone: ZoneInfo,
    now: datetime,
    starts_at: datetime,
) -> tuple[list[PlannedPost], list[Moved]]:
    """The plan with each anchored post at its weekday's best hour, and what moved."""
    if best is None:
        return plan, []
    moved: list[Moved] = []
    result = []
    for post in plan:
        local = post.scheduled_at.astimezone(zone)
        proposal = None if post.slot == ANNOUNCEMENT else best.proposal(local)
        if proposal is None or post.days_before is None:
            result.append(post)
            continue
        at = time(proposal.hour)
        moment = anchored(starts_at, zone, post.days_before, at)
        if not now.astimezone(UTC) < moment.astimezone(UTC) < starts_at.astimezone(UTC):
            result.append(post)
            continue
        result.append(replace(post, scheduled_at=moment, local_time=at))
        moved.append(Moved(local, moment, proposal.lift))
    return result, moved


async def advise(
    session: AsyncSession,
    workspace_id: int,
    plan: list[PlannedPost],
    *,
    timezone: str,
    now: datetime,
    starts_at: datetime,
    locale: str,
) -> tuple[list[PlannedPost], list[str]]:
    """The plan moved to the chat's best hours, and a line in its language per move."""
    history = await best_times(session, workspace_id, timezone)
    plan, moved = apply(plan, history, zone=ZoneInfo(timezone), now=now, starts_at=starts_at)
    return plan, explain(moved, locale)


def explain(moved: list[Moved], locale: str) -> list[str]:
    """One line per moved post, in the chat's language."""
    weekdays = i18n.text("insights.weekdays", locale).split(",")
    return [
        i18n.text(
            "insights.best_time",
            locale,
            weekday=weekdays[item.after.weekday()],
            before=f"{item.before:%H:%M}",
            after=f"{item.after:%H:%M}",
            lift=f"{item.lift:.1f}",
        )
        for item in moved
    ]
