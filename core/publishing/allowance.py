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

from sqlalchemy.ext.asyncio import AsyncSession

from core import limits
from core.limits import DailyLimits, Usage
from core.publishing.jobs import Job
from storage import usage


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
    # One lock order for everyone.
    used = await usage.lock_workspace_days(session, Usage.POST, sorted(groups))
    counts: dict[tuple[int, date], int] = {}
    for key, members in groups.items():
        room = max(0, limit - used.get(key, 0))
        for job in members[:room]:
            allowance.granted[job.delivery_id] = key[1]
        for job in members[room:]:
            allowance.refused[job.delivery_id] = limits.next_midnight(now, job.zone)
        taken = min(room, len(members))
        if taken:
            counts[key] = used.get(key, 0) + taken  # the row is locked: no lost update
    await usage.set_workspace_counts(session, Usage.POST, counts)
    await usage.mark_counted(session, allowance.granted.items())
    return allowance
