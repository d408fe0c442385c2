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

from sqlalchemy.ext.asyncio import AsyncSession

from storage import usage


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
    taken = await usage.take_person_units(
        session, user_id=user_id, kind=kind, day=day, count=count, limit=limit
    )
    return None if taken else refusal


async def give_back_personal(
    session: AsyncSession, kind: Usage, *, user_id: int, day: date, count: int = 1
) -> None:
    """Return units of the person's allowance taken for something that did not happen."""
    await usage.give_back_person_units(session, user_id=user_id, kind=kind, day=day, count=count)


async def used_personal(session: AsyncSession, kind: Usage, *, user_id: int, day: date) -> int:
    return await usage.person_units(session, user_id=user_id, kind=kind, day=day)


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
    key = {"workspace_id": workspace_id, "kind": kind, "day": day}
    if await usage.take_workspace_unit(session, **key, limit=limit):
        return None
    if await usage.start_workspace_day(session, **key):
        return None
    # Today's row exists: either at the limit, or another worker inserted it just now.
    if await usage.take_workspace_unit(session, **key, limit=limit):
        return None
    return Refusal(kind, limit, next_midnight(now, zone))


async def give_back(session: AsyncSession, kind: Usage, *, workspace_id: int, day: date) -> None:
    """Return a unit taken for something that did not happen (a post that failed)."""
    await usage.give_back_workspace_unit(session, workspace_id=workspace_id, kind=kind, day=day)


async def used(session: AsyncSession, kind: Usage, *, workspace_id: int, day: date) -> int:
    return await usage.workspace_units(session, workspace_id=workspace_id, kind=kind, day=day)
