"""Daily usage counters (per workspace and per person): the statements behind core.limits.

Every unit is taken with one conditional UPDATE (`count` below the limit), so two workers
can never both take the last one; a missing day's row is created first, and creating it
twice is harmless (`insert_missing`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery, PersonUsage, UsageCounter


async def insert_missing(
    session: AsyncSession, model: type[Any], rows: Sequence[dict[str, Any]]
) -> int:
    """Insert the rows whose key is not there yet (ON CONFLICT DO NOTHING, in the
    session's own dialect); returns how many were inserted."""
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model).on_conflict_do_nothing()
    if len(rows) == 1:
        result = await session.execute(statement.values(**rows[0]))
    else:
        result = await session.execute(statement, list(rows))
    return int(getattr(result, "rowcount", 0) or 0)


# -- per person -------------------------------------------------------------------------


async def take_person_units(
    session: AsyncSession, *, user_id: int, kind: str, day: date, count: int, limit: int
) -> bool:
    """Add `count` to the person's day, all or none, unless that passes `limit`."""
    await insert_missing(
        session, PersonUsage, [{"user_id": user_id, "kind": kind, "day": day, "count": 0}]
    )
    result = await session.execute(
        update(PersonUsage)
        .where(
            PersonUsage.user_id == user_id,
            PersonUsage.kind == kind,
            PersonUsage.day == day,
            PersonUsage.count <= limit - count,
        )
        .values(count=PersonUsage.count + count)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


async def give_back_person_units(
    session: AsyncSession, *, user_id: int, kind: str, day: date, count: int
) -> None:
    await session.execute(
        update(PersonUsage)
        .where(
            PersonUsage.user_id == user_id,
            PersonUsage.kind == kind,
            PersonUsage.day == day,
            PersonUsage.count >= count,
        )
        .values(count=PersonUsage.count - count)
        .execution_options(synchronize_session=False)
    )


async def person_units(session: AsyncSession, *, user_id: int, kind: str, day: date) -> int:
    row = await session.get(PersonUsage, (user_id, kind, day))
    return row.count if row is not None else 0


# -- per workspace ----------------------------------------------------------------------


async def take_workspace_unit(
    session: AsyncSession, *, workspace_id: int, kind: str, day: date, limit: int
) -> bool:
    """One unit of the workspace's day, if it is under `limit` (the day's row exists)."""
    result = await session.execute(
        update(UsageCounter)
        .where(
            UsageCounter.workspace_id == workspace_id,
            UsageCounter.kind == kind,
            UsageCounter.day == day,
            UsageCounter.count < limit,
        )
        .values(count=UsageCounter.count + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


async def start_workspace_day(
    session: AsyncSession, *, workspace_id: int, kind: str, day: date
) -> bool:
    """Create the day's row with its first unit taken; False when it already exists."""
    row = {"workspace_id": workspace_id, "kind": kind, "day": day, "count": 1}
    return await insert_missing(session, UsageCounter, [row]) == 1


async def give_back_workspace_unit(
    session: AsyncSession, *, workspace_id: int, kind: str, day: date
) -> None:
    await session.execute(
        update(UsageCounter)
        .where(
            UsageCounter.workspace_id == workspace_id,
            UsageCounter.kind == kind,
            UsageCounter.day == day,
            UsageCounter.count > 0,
        )
        .values(count=UsageCounter.count - 1)
    )


async def workspace_units(session: AsyncSession, *, workspace_id: int, kind: str, day: date) -> int:
    row = await session.get(UsageCounter, (workspace_id, kind, day))
    return row.count if row is not None else 0


async def lock_workspace_days(
    session: AsyncSession, kind: str, keys: Sequence[tuple[int, date]]
) -> dict[tuple[int, date], int]:
    """The (workspace, day) counters, created at 0 if missing, locked in key order
    (FOR UPDATE on PostgreSQL; SQLite has one writer): their counts."""
    await insert_missing(
        session,
        UsageCounter,
        [{"workspace_id": w, "kind": kind, "day": day, "count": 0} for w, day in keys],
    )
    # Two plain IN lists (cached statements) rather than a tuple IN of varying length.
    query = (
        select(UsageCounter.workspace_id, UsageCounter.day, UsageCounter.count)
        .where(
            UsageCounter.kind == kind,
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


async def set_workspace_counts(
    session: AsyncSession, kind: str, counts: dict[tuple[int, date], int]
) -> None:
    """Overwrite locked counters (see `lock_workspace_days`) in one executemany."""
    if counts:
        rows = [
            {"workspace_id": w, "kind": kind, "day": day, "count": n}
            for (w, day), n in counts.items()
        ]
        await session.execute(update(UsageCounter), rows)  # by primary key


async def mark_counted(session: AsyncSession, counted: Iterable[tuple[int, date]]) -> None:
    """Note the day each delivery's unit was counted on (delivery id, day)."""
    by_day: dict[date, list[int]] = {}
    for delivery_id, day in counted:
        by_day.setdefault(day, []).append(delivery_id)
    for day, ids in by_day.items():
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids))
            .values(counted_on=day)
            .execution_options(synchronize_session=False)
        )
