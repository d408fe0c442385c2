"""The writes that record finished attempts and settle their posts, a batch at a time.

Each is one statement for the whole batch (an executemany where rows differ), so
recording many attempts costs a handful of statements, not a handful per attempt.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, cast

from sqlalchemy import Table, Update, and_, bindparam, exists, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.deliveries import OPEN_STATUSES, PENDING
from storage.models import Delivery, DeliveryAttempt, Post

DELIVERY_COLUMNS = (
    "status",
    "attempts",
    "lease_owner",
    "lease_expires_at",
    "updated_at",
    "journal",
    "due_at",
    "verify_first",
    "counted_on",
    "external_id",
    "url",
    "published_at",
    "last_error_kind",
    "last_error_code",
    "last_error_message",
    "last_error_key",
    "last_error_params",
)


async def lock_posts(session: AsyncSession, post_ids: Collection[int]) -> None:
    """Serialise the settling of these posts (no-op on SQLite, which has one writer)."""
    if post_ids:
        query = select(Post.id).where(Post.id.in_(sorted(post_ids))).order_by(Post.id)
        await session.execute(query.with_for_update())


async def update_deliveries(session: AsyncSession, changes: Sequence[dict[str, Any]]) -> None:
    """Each change names its delivery as `b_id` and sets every one of DELIVERY_COLUMNS."""
    if changes:
        await session.execute(_UPDATE_DELIVERY, list(changes))  # one executemany


async def log_attempts(session: AsyncSession, logs: Sequence[dict[str, Any]]) -> None:
    if logs:
        await session.execute(insert(DeliveryAttempt), list(logs))


async def delivery_statuses(
    session: AsyncSession, post_ids: Collection[int]
) -> list[tuple[int, str]]:
    """(post id, delivery status) for every delivery of these posts."""
    query = select(Delivery.post_id, Delivery.status).where(Delivery.post_id.in_(post_ids))
    return [(post_id, status) for post_id, status in (await session.execute(query)).all()]


async def post_statuses(
    session: AsyncSession, post_ids: Collection[int]
) -> dict[int, tuple[str, str | None]]:
    """Each post's (status, status its chat was told of)."""
    query = select(Post.id, Post.status, Post.notified_status).where(Post.id.in_(post_ids))
    return {row[0]: (row[1], row[2]) for row in (await session.execute(query)).all()}


async def update_posts(session: AsyncSession, changes: Sequence[dict[str, Any]]) -> None:
    """Each change names its post as `b_id` and sets status, notified_status, updated_at."""
    if changes:
        await session.execute(_UPDATE_POST, list(changes))  # one executemany


async def untold_post_ids(session: AsyncSession, told: Collection[str], limit: int) -> list[int]:
    """Posts the chat has not heard about: a told status not yet sent, or never settled
    (pending, with deliveries, none of them open)."""
    open_delivery = exists().where(Delivery.post_id == Post.id, Delivery.status.in_(OPEN_STATUSES))
    any_delivery = exists().where(Delivery.post_id == Post.id)
    untold = or_(
        and_(
            Post.status.in_(tuple(told)),
            or_(Post.notified_status.is_(None), Post.notified_status != Post.status),
        ),
        and_(Post.status == PENDING, any_delivery, ~open_delivery),
    )
    query = select(Post.id).where(untold).order_by(Post.id).limit(limit)
    return list((await session.execute(query)).scalars())


def _by_id(table: Table, columns: Sequence[str]) -> Update:
    """`UPDATE table SET col = :col, ... WHERE id = :b_id`, typed, for executemany."""
    return (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values({name: bindparam(name, type_=table.c[name].type) for name in columns})
    )


_UPDATE_DELIVERY = _by_id(cast(Table, Delivery.__table__), DELIVERY_COLUMNS)
_UPDATE_POST = _by_id(cast(Table, Post.__table__), ("status", "notified_status", "updated_at"))
