"""Daily limits per workspace (posts, renders), counted per *local* day.

Counting by the workspace's own calendar keeps the refusal honest: "resets at midnight"
means midnight where the organisers are. A unit is taken with one conditional UPDATE
(`count < limit`), so two workers can never both take the last one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import UsageCounter


class Usage(StrEnum):
    POST = "post"
    RENDER = "render"


@dataclass(frozen=True)
class DailyLimits:
    """Units per local day; 0 means no limit."""

    posts_per_day: int = 25
    renders_per_day: int = 100

    def limit_for(self, kind: Usage) -> int:
        return self.posts_per_day if kind is Usage.POST else self.renders_per_day


@dataclass(frozen=True)
class Refusal:
    """Why a unit was refused: the limit, and when it resets (aware, in the workspace zone)."""

    kind: Usage
    limit: int
    resets_at: datetime


def local_day(now: datetime, zone: ZoneInfo) -> date:
    return now.astimezone(zone).date()


def next_midnight(now: datetime, zone: ZoneInfo) -> datetime:
    tomorrow = local_day(now, zone) + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), tzinfo=zone)


async def take(
    session: AsyncSession,
    limits: DailyLimits,
    kind: Usage,
    *,
    workspace_id: int,
    now: datetime,
    zone: ZoneInfo,
) -> Refusal | None:
    """Take one unit of today's allowance; a Refusal when it is used up."""
    limit = limits.limit_for(kind)
    if limit <= 0:
        return None
    day = local_day(now, zone)
    if await _increment(session, workspace_id, kind, day, limit):
        return None
    if await _insert_first(session, workspace_id, kind, day):
        return None
    # Today's row exists: either at the limit, or another worker inserted it just now.
    if await _increment(session, workspace_id, kind, day, limit):
        return None
    return Refusal(kind, limit, next_midnight(now, zone))


async def give_back(session: AsyncSession, kind: Usage, *, workspace_id: int, day: date) -> None:
    """Return a unit taken for something that did not happen (a post that failed)."""
    await session.execute(
        update(UsageCounter)
        .where(
            UsageCounter.workspace_id == workspace_id,
            UsageCounter.kind == kind.value,
            UsageCounter.day == day,
            UsageCounter.count > 0,
        )
        .values(count=UsageCounter.count - 1)
    )


async def used(session: AsyncSession, kind: Usage, *, workspace_id: int, day: date) -> int:
    row = await session.get(UsageCounter, (workspace_id, kind.value, day))
    return row.count if row is not None else 0


async def _increment(
    session: AsyncSession, workspace_id: int, kind: Usage, day: date, limit: int
) -> bool:
    result = await session.execute(
        update(UsageCounter)
        .where(
            UsageCounter.workspace_id == workspace_id,
            UsageCounter.kind == kind.value,
            UsageCounter.day == day,
            UsageCounter.count < limit,
        )
        .values(count=UsageCounter.count + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


async def _insert_first(session: AsyncSession, workspace_id: int, kind: Usage, day: date) -> bool:
    """Insert today's row with count 1; False when it already exists (at the limit, or raced)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(UsageCounter)
        .values(workspace_id=workspace_id, kind=kind.value, day=day, count=1)
        .on_conflict_do_nothing()
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0) == 1)
