"""Campaign post rows and what hangs off them: the approved look, deliveries, what comes next."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Creative, Delivery, Event, Post


async def approved_creative(session: AsyncSession, event_id: int) -> Creative | None:
    """The event's most recently approved look, the one its posts are made in."""
    query = (
        select(Creative)
        .where(Creative.event_id == event_id, Creative.status == "approved")
        .order_by(Creative.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def posts_in(session: AsyncSession, event_id: int, statuses: Sequence[str]) -> list[Post]:
    """The event's posts in these statuses, in the order they go out."""
    query = (
        select(Post)
        .where(Post.event_id == event_id, Post.status.in_(statuses))
        .order_by(Post.scheduled_at, Post.id)
    )
    return list((await session.execute(query)).scalars())


async def next_posts(
    session: AsyncSession, workspace_id: int, statuses: Sequence[str], *, limit: int
) -> list[tuple[Post, Event]]:
    """The workspace's next `limit` posts in these statuses, each with its event."""
    query = (
        select(Post, Event)
        .join(Event, Event.id == Post.event_id)
        .where(Event.workspace_id == workspace_id, Post.status.in_(statuses))
        .order_by(Post.scheduled_at, Post.id)
        .limit(limit)
    )
    return [(post, event) for post, event in (await session.execute(query)).all()]


async def deliveries_of(session: AsyncSession, post_ids: Sequence[int]) -> list[Delivery]:
    """Every delivery of these posts, oldest first; no query for no posts."""
    if not post_ids:
        return []
    query = select(Delivery).where(Delivery.post_id.in_(post_ids)).order_by(Delivery.id)
    return list((await session.execute(query)).scalars())
