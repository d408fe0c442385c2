"""The numbers a report needs for one chat, gathered in a handful of queries.

Snapshots are cumulative, so each delivery's value is read at the end of every local
day of the window and a day's growth is the difference with the day before. A post
that had no reading yet by a day's end has no value for it ("no data"), which is
different from a reading of zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from sqlalchemy.ext.asyncio import AsyncSession

from core.engagement.totals import EventEngagement, event_engagement
from core.insights.metrics import (
    FOLLOWERS,
    INTERACTIONS,
    REACH,
    REACTIONS,
    STORY_INTERACTIONS,
)
from core.publishers.reasons import Reason
from storage import insight_snapshots, insight_syncs
from storage.models import InsightSync, Target, Workspace
from storage.placements import placements
from storage.targets import targets_of_workspaces

WINDOW_DAYS = 7
STORY_LAYOUT = "story"
METRICS = (REACH, INTERACTIONS, REACTIONS, *STORY_INTERACTIONS)


@dataclass(frozen=True)
class Placement:
    """One delivery with the names a report shows for it."""

    workspace_id: int
    delivery_id: int
    event_id: int
    event_title: str
    template: str
    scheduled_at: datetime
    event_starts_at: datetime | None
    target_id: int
    target_name: str
    target_kind: str
    status: str
    url: str | None
    due_at: datetime
    story: bool


@dataclass
class Figures:
    """Everything a report says about one chat for the days ending with `days[-1]`."""

    workspace: Workspace
    days: list[date]  # the chart's days, oldest first; the last is the report's day
    published: list[Placement]
    upcoming: list[Placement]
    reach: dict[int, list[int | None]]  # per delivery, the value at each day's end
    interactions: dict[int, list[int | None]]
    deleted: set[int]
    slowed_targets: list[Target]
    reconnect_targets: list[Target]
    telegram_targets: list[Target]
    followers: dict[int, tuple[str, int | None, int | None]] = field(default_factory=dict)
    # RSVP answers and ticket clicks per event (Telegram and Discord posts carry them).
    engagement: dict[int, EventEngagement] = field(default_factory=dict)

    def gains(self, series: dict[int, list[int | None]], delivery_id: int) -> list[int | None]:
        """How much the delivery's value grew on each day of `days` (None: no data)."""
        values = series.get(delivery_id)
        if values is None:
            return [None] * len(self.days)
        gains: list[int | None] = []
        for before, after in pairwise(values):
            gains.append(None if after is None else max(0, after - (before or 0)))
        return gains

    def latest(self, series: dict[int, list[int | None]], delivery_id: int) -> int | None:
        values = series.get(delivery_id)
        return values[-1] if values else None


async def gather(
    session: AsyncSession,
    workspace: Workspace,
    *,
    last_day: date,
    now: datetime,
    event_id: int | None = None,
) -> Figures:
    """The chat's figures over the WINDOW_DAYS local days ending with `last_day`."""
    many = await gather_many(session, [(workspace, last_day)], now=now, event_id=event_id)
    return many[workspace.id]


async def gather_many(
    session: AsyncSession,
    chats: Sequence[tuple[Workspace, date]],
    *,
    now: datetime,
    event_id: int | None = None,
) -> dict[int, Figures]:
    """Figures of several chats (each with its own last day) in the queries of one."""
    if not chats:
        return {}
    ids = [workspace.id for workspace, _ in chats]
    placements = await _placements(session, ids, event_id)
    ends_of: dict[int, list[datetime]] = {}
    for workspace, last_day in chats:
        # One more day-end before the window: the first day's growth needs its start.
        first = last_day - timedelta(days=WINDOW_DAYS)
        days = [first + timedelta(days=n) for n in range(WINDOW_DAYS + 1)]
        ends = insight_snapshots.day_ends(days, workspace.timezone)
        ends_of[workspace.id] = [min(end, now) for end in ends]
    since = min(ends[0] for ends in ends_of.values())
    until = max(ends[-1] for ends in ends_of.values())
    series = await insight_snapshots.readings_between(
        session, ids, METRICS, since=since, until=until
    )
    published_ids = [p.delivery_id for p in placements if p.status == "published"]
    syncs = await insight_syncs.statuses(session, published_ids)
    targets = await targets_of_workspaces(session, ids)
    followers = await _followers(session, ids, since=since, until=until)
    result = {}
    for workspace, last_day in chats:
        ends = ends_of[workspace.id]
        mine = [p for p in placements if p.workspace_id == workspace.id]
        published = [p for p in mine if p.status == "published"]
        values = {
            (p.delivery_id, metric): insight_snapshots.value_at_moments(
                series[(p.delivery_id, metric)], ends
            )
            for p in published
            for metric in METRICS
            if (p.delivery_id, metric) in series
        }
        own_targets = [t for t in targets if t.workspace_id == workspace.id]
        result[workspace.id] = _figures(
            workspace, last_day, now, mine, values, syncs, own_targets, followers, ends
        )
    for event_id in sorted({p.event_id for p in placements if p.status == "published"}):
        found = await event_engagement(session, event_id)
        for figures in result.values():
            if any(p.event_id == event_id for p in figures.published):
                figures.engagement[event_id] = found
    return result


def _figures(
    workspace: Workspace,
    last_day: date,
    now: datetime,
    placements: list[Placement],
    values: dict[tuple[int, str], list[int | None]],
    syncs: dict[int, InsightSync],
    targets: list[Target],
    followers: dict[int, list[tuple[datetime, int]]],
    ends: list[datetime],
) -> Figures:
    published = [p for p in placements if p.status == "published"]
    upcoming = sorted(
        (p for p in placements if p.status == "pending" and p.due_at > now),
        key=lambda p: (p.due_at, p.delivery_id),
    )
    reach = {p.delivery_id: values[(p.delivery_id, REACH)] for p in published
             if (p.delivery_id, REACH) in values}  # fmt: skip
    interactions = {
        p.delivery_id: series
        for p in published
        if (series := _interactions(values, p, len(ends))) is not None
    }
    mine = [syncs[p.delivery_id] for p in published if p.delivery_id in syncs]
    slowed_ids = {row.target_id for row in mine if row.last_error_key == Reason.SLOW_DOWN}
    accounts = {}
    for target in targets:
        if target.kind != "instagram" or target.status == "removed" or target.id not in followers:
            continue
        before = _last_at(followers[target.id], ends[-2])
        after = _last_at(followers[target.id], ends[-1])
        accounts[target.id] = (target.name, before, after)
    return Figures(
        workspace=workspace,
        days=[last_day - timedelta(days=n) for n in range(WINDOW_DAYS - 1, -1, -1)],
        published=published,
        upcoming=upcoming,
        reach=reach,
        interactions=interactions,
        deleted={p.delivery_id for p in published if _deleted(syncs.get(p.delivery_id))},
        slowed_targets=[t for t in targets if t.id in slowed_ids and t.status == "active"],
        reconnect_targets=[t for t in targets if t.status == "needs_reconnect"],
        telegram_targets=[t for t in targets if _is_telegram(t) and t.status == "active"],
        followers=accounts,
    )


def _deleted(sync: InsightSync | None) -> bool:
    return sync is not None and sync.status == insight_syncs.DELETED


def _last_at(readings: list[tuple[datetime, int]], moment: datetime) -> int | None:
    known = [value for taken_at, value in readings if taken_at <= moment]
    return known[-1] if known else None


def _interactions(
    values: dict[tuple[int, str], list[int | None]], placement: Placement, length: int
) -> list[int | None] | None:
    """Interactions as each platform counts them: Instagram's total (a story's replies,
    shares and follows), or the reactions on a Telegram or Discord post."""
    if placement.story:
        sources = list(STORY_INTERACTIONS)
    elif (placement.delivery_id, INTERACTIONS) in values:
        sources = [INTERACTIONS]
    else:
        sources = [REACTIONS]
    found = [
        values[(placement.delivery_id, m)] for m in sources if (placement.delivery_id, m) in values
    ]
    if not found:
        return None
    summed: list[int | None] = []
    for index in range(length):
        known = [series[index] for series in found if series[index] is not None]
        summed.append(sum(v for v in known if v is not None) if known else None)
    return summed


async def _placements(
    session: AsyncSession, workspace_ids: Sequence[int], event_id: int | None
) -> list[Placement]:
    rows = await placements(session, workspace_ids, ("published", "pending"), event_id)
    return [
        Placement(
            workspace_id=row.workspace_id,
            delivery_id=row.delivery_id,
            event_id=row.event_id,
            event_title=row.event_title or "",
            template=row.template,
            scheduled_at=row.scheduled_at,
            event_starts_at=row.event_starts_at,
            target_id=row.target_id,
            target_name=row.target_name,
            target_kind=row.target_kind,
            status=row.status,
            url=row.url,
            due_at=row.due_at,
            story=row.layout == STORY_LAYOUT,
        )
        for row in rows
    ]


async def _followers(
    session: AsyncSession, workspace_ids: Sequence[int], *, since: datetime, until: datetime
) -> dict[int, list[tuple[datetime, int]]]:
    """Per Instagram account, its follower counts up to `until`, oldest first."""
    found = await insight_snapshots.account_readings(
        session, workspace_ids, FOLLOWERS, since=since - timedelta(days=2), until=until
    )
    readings: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    for target_id, value, taken_at in found:
        readings[target_id].append((taken_at, value))
    return readings


def _is_telegram(target: Target) -> bool:
    return target.kind.startswith("telegram")
