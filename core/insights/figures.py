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

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.insights.metrics import (
    FOLLOWERS,
    INTERACTIONS,
    REACH,
    REACTIONS,
    STORY_INTERACTIONS,
)
from core.publishers.reasons import Reason
from storage import insight_snapshots, insight_syncs
from storage.models import Delivery, Event, InsightSnapshot, Post, Target, Workspace

WINDOW_DAYS = 7
STORY_LAYOUT = "story"
METRICS = (REACH, INTERACTIONS, REACTIONS, *STORY_INTERACTIONS)


@dataclass(frozen=True)
class Placement:
    """One delivery with the names a report shows for it."""

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
    days = [last_day - timedelta(days=offset) for offset in range(WINDOW_DAYS - 1, -1, -1)]
    placements = await _placements(session, workspace.id, event_id)
    published = [p for p in placements if p.status == "published"]
    upcoming = sorted(
        (p for p in placements if p.status == "pending" and p.due_at > now),
        key=lambda p: (p.due_at, p.delivery_id),
    )
    # One more day-end before the window: the first day's growth needs its start.
    ends = insight_snapshots.day_ends([days[0] - timedelta(days=1), *days], workspace.timezone)
    ends = [min(end, now) for end in ends]
    values = await insight_snapshots.values_at(
        session, workspace_id=workspace.id, metrics=METRICS, moments=ends
    )
    reach = {p.delivery_id: values[(p.delivery_id, REACH)] for p in published
             if (p.delivery_id, REACH) in values}  # fmt: skip
    interactions = {
        p.delivery_id: series
        for p in published
        if (series := _interactions(values, p, len(ends))) is not None
    }
    syncs = await insight_syncs.statuses(session, [p.delivery_id for p in published])
    deleted = {d for d, row in syncs.items() if row.status == insight_syncs.DELETED}
    targets = await _targets(session, workspace.id)
    slowed_ids = {row.target_id for row in syncs.values() if row.last_error_key == Reason.SLOW_DOWN}
    figures = Figures(
        workspace=workspace,
        days=days,
        published=published,
        upcoming=upcoming,
        reach=reach,
        interactions=interactions,
        deleted=deleted,
        slowed_targets=[t for t in targets if t.id in slowed_ids and t.status == "active"],
        reconnect_targets=[t for t in targets if t.status == "needs_reconnect"],
        telegram_targets=[
            t for t in targets if t.kind.startswith("telegram") and t.status == "active"
        ],
    )
    figures.followers = await _followers(session, workspace, targets, ends[-2:])
    return figures


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
    session: AsyncSession, workspace_id: int, event_id: int | None
) -> list[Placement]:
    query = (
        select(
            Delivery.id,
            Event.id,
            Event.title,
            Post.template,
            Post.scheduled_at,
            Event.starts_at,
            Target.id,
            Target.name,
            Target.kind,
            Delivery.status,
            Delivery.url,
            Delivery.due_at,
            Post.layout,
        )
        .join(Post, Post.id == Delivery.post_id)
        .join(Event, Event.id == Post.event_id)
        .join(Target, Target.id == Delivery.target_id)
        .where(Delivery.workspace_id == workspace_id, Delivery.status.in_(("published", "pending")))
        .order_by(Delivery.id)
    )
    if event_id is not None:
        query = query.where(Event.id == event_id)
    rows = (await session.execute(query)).all()
    return [
        Placement(
            delivery_id=row[0],
            event_id=row[1],
            event_title=row[2] or "",
            template=row[3],
            scheduled_at=row[4],
            event_starts_at=row[5],
            target_id=row[6],
            target_name=row[7],
            target_kind=row[8],
            status=row[9],
            url=row[10],
            due_at=row[11],
            story=row[12] == STORY_LAYOUT,
        )
        for row in rows
    ]


async def _targets(session: AsyncSession, workspace_id: int) -> list[Target]:
    query = select(Target).where(Target.workspace_id == workspace_id).order_by(Target.id)
    return list((await session.execute(query)).scalars())


async def _followers(
    session: AsyncSession, workspace: Workspace, targets: Sequence[Target], ends: Sequence[datetime]
) -> dict[int, tuple[str, int | None, int | None]]:
    """Per Instagram account: its name, followers at the start and at the end of the day."""
    accounts = [t for t in targets if t.kind == "instagram" and t.status != "removed"]
    if not accounts:
        return {}
    query = (
        select(InsightSnapshot.target_id, InsightSnapshot.value, InsightSnapshot.taken_at)
        .where(
            InsightSnapshot.workspace_id == workspace.id,
            InsightSnapshot.delivery_id.is_(None),
            InsightSnapshot.metric == FOLLOWERS,
            InsightSnapshot.taken_at <= ends[-1],
        )
        .order_by(InsightSnapshot.taken_at, InsightSnapshot.id)
    )
    at: dict[int, list[int | None]] = defaultdict(lambda: [None, None])
    for target_id, value, taken_at in (await session.execute(query)).all():
        if value is None:
            continue
        if taken_at <= ends[0]:
            at[target_id][0] = value
        at[target_id][1] = value
    return {t.id: (t.name, at[t.id][0], at[t.id][1]) for t in accounts if t.id in at}


def _is_telegram(target: Target) -> bool:
    return target.kind.startswith("telegram")
