"""The daily post limit, taken for a whole batch of claimed deliveries at once.

Done inside the claim's transaction: today's counter rows are created if missing, then
locked (FOR UPDATE on PostgreSQL; SQLite has one writer), so two workers never hand out
the same unit. A delivery beyond the limit goes back to waiting until the workspace's
local midnight; it does not use up an attempt.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from core import limits
from core.limits import DailyLimits, Usage
from core.publishing.jobs import Job
from storage.models import Delivery, UsageCounter


@dataclass
class Allowance:
    granted: dict[int, date] = field(default_factory=dict)  # delivery -> the day it counts on
    refused: dict[int, datetime] = field(default_factory=dict)  # delivery -> when it resets


async def take_for(
    session: AsyncSession, daily: DailyLimits, jobs: Sequence[Job], now: datetime
) -> Allowance:
    """Grant units to jobs not yet counted, in claim order, as far as each limit allows."""
    allowance = Allowance()
    limit = daily.posts_per_day
    uncounted = [job for job in jobs if job.counted_on is None]
    if limit <= 0 or not uncounted:
        return allowance
    groups: dict[tuple[int, date], list[Job]] = defaultdict(list)
    for job in uncounted:
        groups[(job.workspace_id, limits.local_day(now, job.zone))].append(job)
    used = await _lock_counters(session, sorted(groups))  # one lock order for everyone
    counts: list[dict[str, object]] = []
    for key, members in groups.items():
        room = max(0, limit - used.get(key, 0))
        for job in members[:room]:
            allowance.granted[job.delivery_id] = key[1]
        for job in members[room:]:
            allowance.refused[job.delivery_id] = limits.next_midnight(now, job.zone)
        taken = min(room, len(members))
        if taken:
            counts.append(
                {
                    "workspace_id": key[0],
                    "kind": Usage.POST.value,
                    "day": key[1],
                    "count": used.get(key, 0) + taken,  # the row is locked: no lost update
                }
            )
    if counts:
        await session.execute(update(UsageCounter), counts)  # one executemany, by primary key
    by_day: dict[date, list[int]] = defaultdict(list)
    for delivery_id, day in allowance.granted.items():
        by_day[day].append(delivery_id)
    for day, ids in by_day.items():
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids))
            .values(counted_on=day)
            .execution_options(synchronize_session=False)
        )
    return allowance


async def _lock_counters(
    session: AsyncSession, keys: list[tuple[int, date]]
) -> dict[tuple[int, date], int]:
    """Today's counters for these workspaces, created at 0 if missing, locked, in key order."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    missing_first = insert(UsageCounter).on_conflict_do_nothing()
    await session.execute(
        missing_first,
        [
            {"workspace_id": workspace, "kind": Usage.POST.value, "day": day, "count": 0}
            for workspace, day in keys
        ],
    )
    # Two plain IN lists (cached statements) rather than a tuple IN of varying length.
    query = (
        select(UsageCounter.workspace_id, UsageCounter.day, UsageCounter.count)
        .where(
            UsageCounter.kind == Usage.POST.value,
            UsageCounter.workspace_id.in_({workspace for workspace, _ in keys}),
            UsageCounter.day.in_({day for _, day in keys}),
        )
        .order_by(UsageCounter.workspace_id, UsageCounter.day)
        .with_for_update()
    )
    wanted = set(keys)
    return {
        (row[0], row[1]): row[2]
        for row in (await session.execute(query)).all()
        if (row[0], row[1]) in wanted
    }
