"""Insight sync rows: which published posts (and accounts) are read next, claimed safely.

A claim moves `next_at` forward by a lease in one conditional UPDATE, so two workers (or
two processes) never read the same post at the same time; a worker that dies leaves a
row that simply comes due again when the lease runs out.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, Table, Update, bindparam, cast, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import upsert_insert
from storage.models import Delivery, InsightSync, Post, Target

ACTIVE, DELETED, DONE = "active", "deleted", "done"


def delivery_key(delivery_id: int) -> str:
    return f"delivery:{delivery_id}"


def account_key(target_id: int) -> str:
    return f"account:{target_id}"


@dataclass(frozen=True)
class DueSync:
    """A claimed row with what reading it needs."""

    id: int
    workspace_id: int
    target_id: int
    delivery_id: int | None
    post_id: int | None
    external_id: str | None
    layout: str | None
    published_at: datetime | None


async def discover(
    session: AsyncSession, *, kinds: Sequence[str], now: datetime, limit: int = 1000
) -> int:
    """Start syncing published deliveries and active accounts of `kinds` not yet tracked.

    Returns how many rows were added; a row another process added first is skipped.
    """
    deliveries = (
        select(Delivery.id, Delivery.workspace_id, Delivery.target_id)
        .join(Target, Target.id == Delivery.target_id)
        .outerjoin(InsightSync, InsightSync.delivery_id == Delivery.id)
        .where(
            Target.kind.in_(kinds),
            Delivery.status == "published",
            Delivery.external_id.is_not(None),
            InsightSync.id.is_(None),
        )
        .limit(limit)
    )
    rows = [
        {"key": delivery_key(d_id), "workspace_id": ws, "target_id": t_id, "delivery_id": d_id}
        for d_id, ws, t_id in (await session.execute(deliveries)).all()
    ]
    accounts = (
        select(Target.id, Target.workspace_id)
        .outerjoin(InsightSync, InsightSync.key == literal("account:") + cast(Target.id, String))
        .where(Target.kind.in_(kinds), Target.status == "active", InsightSync.id.is_(None))
    )
    rows += [
        {"key": account_key(t_id), "workspace_id": ws, "target_id": t_id, "delivery_id": None}
        for t_id, ws in (await session.execute(accounts)).all()
    ]
    if not rows:
        return 0
    common = {"status": ACTIVE, "next_at": now, "created_at": now, "updated_at": now}
    result = await session.execute(
        _insert_ignoring_duplicates(session).returning(InsightSync.id),
        [row | common for row in rows],
    )
    return len(result.all())


async def claim_due(
    session: AsyncSession, *, now: datetime, lease_until: datetime, limit: int
) -> list[DueSync]:
    """Take up to `limit` due rows of active targets; each is due again at `lease_until`."""
    picked = (
        select(InsightSync.id)
        .join(Target, Target.id == InsightSync.target_id)
        .where(
            InsightSync.status == ACTIVE,
            InsightSync.next_at <= now,
            Target.status == "active",
        )
        .order_by(InsightSync.next_at, InsightSync.id)
        .limit(limit)
    )
    ids = list((await session.execute(picked)).scalars())
    if not ids:
        return []
    claimed = await session.execute(
        update(InsightSync)
        .where(InsightSync.id.in_(ids), InsightSync.next_at <= now, InsightSync.status == ACTIVE)
        .values(next_at=lease_until, updated_at=now)
        .returning(InsightSync.id)
    )
    claimed_ids = list(claimed.scalars())
    if not claimed_ids:
        return []
    details = (
        select(
            InsightSync.id,
            InsightSync.workspace_id,
            InsightSync.target_id,
            InsightSync.delivery_id,
            Delivery.post_id,
            Delivery.external_id,
            Post.layout,
            Delivery.published_at,
        )
        .outerjoin(Delivery, Delivery.id == InsightSync.delivery_id)
        .outerjoin(Post, Post.id == Delivery.post_id)
        .where(InsightSync.id.in_(claimed_ids))
        .order_by(InsightSync.target_id, InsightSync.id)
    )
    return [DueSync(*row) for row in (await session.execute(details)).all()]


@dataclass(frozen=True)
class Outcome:
    """What one reading decided: when to read again, and in which state."""

    sync_id: int
    next_at: datetime
    status: str = ACTIVE
    synced: bool = False  # the platform answered: `last_synced_at` moves to now
    error_key: str | None = None


async def record_outcomes(
    session: AsyncSession, outcomes: Sequence[Outcome], now: datetime
) -> None:
    """Apply a run's outcomes in two batched UPDATEs (answered rows, and the others)."""
    for synced in (True, False):
        rows = [
            {
                "b_id": o.sync_id,
                "next_at": o.next_at,
                "status": o.status,
                "last_error_key": o.error_key,
                "updated_at": now,
                **({"last_synced_at": now} if synced else {}),
            }
            for o in outcomes
            if o.synced is synced
        ]
        if rows:
            await session.execute(_by_id(tuple(rows[0])), rows)


async def postpone_target(session: AsyncSession, target_id: int, *, until: datetime) -> None:
    """Nothing of this target is read before `until` (the platform asked us to slow down)."""
    await session.execute(
        update(InsightSync)
        .where(
            InsightSync.target_id == target_id,
            InsightSync.status == ACTIVE,
            InsightSync.next_at < until,
        )
        .values(next_at=until)
    )


async def statuses(session: AsyncSession, delivery_ids: Sequence[int]) -> dict[int, InsightSync]:
    """The sync row of each delivery that has one (deleted posts show as such)."""
    if not delivery_ids:
        return {}
    query = select(InsightSync).where(InsightSync.delivery_id.in_(delivery_ids))
    rows = (await session.execute(query)).scalars()
    return {row.delivery_id: row for row in rows if row.delivery_id is not None}


async def next_due(session: AsyncSession) -> datetime | None:
    query = (
        select(InsightSync.next_at)
        .join(Target, Target.id == InsightSync.target_id)
        .where(InsightSync.status == ACTIVE, Target.status == "active")
        .order_by(InsightSync.next_at)
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


def _by_id(columns: Sequence[str]) -> Update:
    """`UPDATE insight_syncs SET col = :col, ... WHERE id = :b_id`, for executemany."""
    table = cast_table(InsightSync)
    names = [name for name in columns if name != "b_id"]
    return (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({name: bindparam(name, type_=table.c[name].type) for name in names})
    )


def cast_table(model: type[InsightSync]) -> Table:
    return typing.cast(Table, model.__table__)


def _insert_ignoring_duplicates(session: AsyncSession) -> Any:
    """INSERT ... ON CONFLICT (key) DO NOTHING: another process may have added the row."""
    return upsert_insert(session, InsightSync).on_conflict_do_nothing(index_elements=["key"])
