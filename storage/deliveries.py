"""Delivery rows: atomic claims with a lease, and compare-and-set state changes.

Every change of a delivery's state is one conditional UPDATE, never read-modify-write,
so two workers (or two processes on one SQLite file) can race without publishing a
delivery twice: the claim picks due rows and marks them in the same statement
(`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer at a time), and later
updates only apply while the worker still holds the lease.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery, Post

PENDING, PUBLISHING, PUBLISHED = "pending", "publishing", "published"
FAILED, MISSED, SKIPPED, CANCELLED = "failed", "missed", "skipped", "cancelled"
OPEN_STATUSES = (PENDING, PUBLISHING)
DONE_STATUSES = (PUBLISHED, FAILED, MISSED, SKIPPED, CANCELLED)


def _due(now: datetime) -> Any:
    return or_(
        and_(Delivery.status == PENDING, Delivery.due_at <= now),
        and_(Delivery.status == PUBLISHING, Delivery.lease_expires_at < now),
    )


async def claim_due(
    session: AsyncSession, *, owner: str, now: datetime, lease_until: datetime, limit: int
) -> list[int]:
    """Take up to `limit` due deliveries (or ones whose lease expired) for `owner`.

    A delivery taken over from an expired lease gets `verify_first`: its worker died
    mid-attempt, so the post may be live already.
    """
    picked = (
        select(Delivery.id)
        .where(_due(now))
        .order_by(Delivery.due_at, Delivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    statement = (
        update(Delivery)
        .where(Delivery.id.in_(picked), _due(now))
        .values(
            verify_first=case((Delivery.status == PUBLISHING, True), else_=Delivery.verify_first),
            status=PUBLISHING,
            lease_owner=owner,
            lease_expires_at=lease_until,
            attempts=Delivery.attempts + 1,
            updated_at=now,
        )
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    )
    return sorted((await session.execute(statement)).scalars())


async def update_leased(session: AsyncSession, delivery_id: int, owner: str, **values: Any) -> bool:
    """Change a delivery this worker still holds; False when the lease was lost."""
    statement = (
        update(Delivery)
        .where(
            Delivery.id == delivery_id,
            Delivery.status == PUBLISHING,
            Delivery.lease_owner == owner,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0) == 1)


async def move_status(
    session: AsyncSession,
    delivery_ids: Sequence[int],
    *,
    from_statuses: Sequence[str],
    **values: Any,
) -> list[int]:
    """Move deliveries that are still in one of `from_statuses`; returns the ids moved."""
    if not delivery_ids:
        return []
    statement = (
        update(Delivery)
        .where(Delivery.id.in_(delivery_ids), Delivery.status.in_(from_statuses))
        .values(**values)
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    )
    return sorted((await session.execute(statement)).scalars())


async def mark_missed(session: AsyncSession, *, late_before: datetime, now: datetime) -> list[int]:
    """Pending deliveries due before `late_before` become missed; returns their post ids.

    One whose last attempt may have published is left for a worker to verify first.
    """
    statement = (
        update(Delivery)
        .where(
            Delivery.status == PENDING,
            Delivery.due_at < late_before,
            Delivery.verify_first.is_(False),
        )
        .values(status=MISSED, updated_at=now)
        .returning(Delivery.post_id)
        .execution_options(synchronize_session=False)
    )
    return sorted(set((await session.execute(statement)).scalars()))


async def next_wake(session: AsyncSession) -> datetime | None:
    """The earliest moment something becomes due: a pending delivery or an expiring lease."""
    due = await session.scalar(select(func.min(Delivery.due_at)).where(Delivery.status == PENDING))
    lease = await session.scalar(
        select(func.min(Delivery.lease_expires_at)).where(Delivery.status == PUBLISHING)
    )
    moments = [moment for moment in (due, lease) if moment is not None]
    return min(moments) if moments else None


async def statuses_of_post(session: AsyncSession, post_id: int) -> list[str]:
    query = select(Delivery.status).where(Delivery.post_id == post_id)
    return list((await session.execute(query)).scalars())


async def claim_post_notice(
    session: AsyncSession, post_id: int, notice: str, now: datetime, *, set_status: bool = True
) -> bool:
    """Note, once, that the chat is owed `notice` about a post (and set its status).

    The caller writes the report into the chat outbox in the same transaction.
    """
    values: dict[str, Any] = {"notified_status": notice, "updated_at": now}
    if set_status:
        values["status"] = notice
    statement = (
        update(Post)
        .where(
            Post.id == post_id,
            or_(Post.notified_status.is_(None), Post.notified_status != notice),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0) == 1)
