"""Daily limits per workspace and per person (posts, renders), counted per *local* day.

Counting by the workspace's own calendar keeps the refusal honest: "resets at midnight"
means midnight where the organisers are. A unit is taken with one conditional UPDATE
(`count < limit`), so two workers can never both take the last one. The person's limit
stands beside the chat's: one member cannot use up a whole group's day, and one person
cannot get around their own limit by using several chats. Every frontend meets the same
limits, because they are taken here, in core.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PersonUsage, UsageCounter


class Usage(StrEnum):
    POST = "post"
    RENDER = "render"


@dataclass(frozen=True)
class DailyLimits:
    """Units per local day, per workspace and per person; 0 means no limit."""

    posts_per_day: int = 25
    renders_per_day: int = 100
    posts_per_person: int = 0
    renders_per_person: int = 0

    def limit_for(self, kind: Usage) -> int:
        return self.posts_per_day if kind is Usage.POST else self.renders_per_day

    def person_limit_for(self, kind: Usage) -> int:
        return self.posts_per_person if kind is Usage.POST else self.renders_per_person


@dataclass(frozen=True)
class Refusal:
    """Why a unit was refused: the limit, and when it resets (aware, in the workspace zone).

    `personal`: the person's own limit was reached, not the chat's.
    """

    kind: Usage
    limit: int
    resets_at: datetime
    personal: bool = False

    @property
    def message_key(self) -> str:
        return f"limit.{'person_' if self.personal else ''}{self.kind.value}"


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
    user_id: int | None = None,
) -> Refusal | None:
    """Take one unit of today's allowance (the person's too, given `user_id`).

    A Refusal when either is used up; then neither is taken.
    """
    if user_id is not None:
        refusal = await take_personal(session, limits, kind, user_id=user_id, now=now, zone=zone)
        if refusal is not None:
            return refusal
    refusal = await _take_workspace(session, limits, kind, workspace_id, now, zone)
    if refusal is not None and user_id is not None:
        await give_back_personal(session, kind, user_id=user_id, day=local_day(now, zone))
    return refusal


async def take_personal(
    session: AsyncSession,
    limits: DailyLimits,
    kind: Usage,
    *,
    user_id: int,
    now: datetime,
    zone: ZoneInfo,
    count: int = 1,
) -> Refusal | None:
    """Take `count` units of the person's own allowance for today, all or none."""
    limit = limits.person_limit_for(kind)
    if limit <= 0 or count <= 0:
        return None
    day = local_day(now, zone)
    refusal = Refusal(kind, limit, next_midnight(now, zone), personal=True)
    if count > limit:
        return refusal
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        insert(PersonUsage)
        .values(user_id=user_id, kind=kind.value, day=day, count=0)
        .on_conflict_do_nothing()
    )
    result = await session.execute(
        update(PersonUsage)
        .where(
            PersonUsage.user_id == user_id,
            PersonUsage.kind == kind.value,
            PersonUsage.day == day,
            PersonUsage.count <= limit - count,
        )
        .values(count=PersonUsage.count + count)
        .execution_options(synchronize_session=False)
    )
    return None if getattr(result, "rowcount", 0) == 1 else refusal


async def give_back_personal(
    session: AsyncSession, kind: Usage, *, user_id: int, day: date, count: int = 1
) -> None:
    """Return units of the person's allowance taken for something that did not happen."""
    await session.execute(
        update(PersonUsage)
        .where(
            PersonUsage.user_id == user_id,
            PersonUsage.kind == kind.value,
            PersonUsage.day == day,
            PersonUsage.count >= count,
        )
        .values(count=PersonUsage.count - count)
        .execution_options(synchronize_session=False)
    )


async def used_personal(session: AsyncSession, kind: Usage, *, user_id: int, day: date) -> int:
    row = await session.get(PersonUsage, (user_id, kind.value, day))
    return row.count if row is not None else 0


async def _take_workspace(
    session: AsyncSession,
    limits: DailyLimits,
    kind: Usage,
    workspace_id: int,
    now: datetime,
    zone: ZoneInfo,
) -> Refusal | None:
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
