"""Campaign post rows and what hangs off them: the approved look, deliveries, what comes next."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Creative, Delivery, Event, Post, Workspace
from storage.statuses import CreativeStatus


async def approved_creative(session: AsyncSession, event_id: int) -> Creative | None:
    """The event's most recently approved look, the one its posts are made in."""
    query = (
        select(Creative)
        .where(Creative.event_id == event_id, Creative.status == CreativeStatus.APPROVED)
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


async def delivery_ids_of_event(session: AsyncSession, event_id: int) -> list[int]:
    """Every delivery of every post of the event."""
    query = select(Delivery.id).join(Post, Post.id == Delivery.post_id)
    return list(await session.scalars(query.where(Post.event_id == event_id)))


async def delivery_ids_of_post(session: AsyncSession, post_id: int) -> list[int]:
    return list(await session.scalars(select(Delivery.id).where(Delivery.post_id == post_id)))


async def event_link_and_locale(
    session: AsyncSession, post_id: int
) -> tuple[int, str | None, str] | None:
    """(event id, ticket url, chat language) of the post's event; None when the post is gone."""
    row = (
        await session.execute(
            select(Event.id, Event.ticket_url, Workspace.locale)
            .select_from(Post)
            .join(Event, Event.id == Post.event_id)
            .join(Workspace, Workspace.id == Event.workspace_id)
            .where(Post.id == post_id)
        )
    ).first()
    if row is None:
        return None
    event_id, ticket_url, locale = row
    return event_id, ticket_url, locale
