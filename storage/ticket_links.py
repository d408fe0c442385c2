"""Short ticket links: where each one leads, and the clicks it got (one row per click)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery, Event, Post, Target, TicketClick


async def link_of_delivery(
    session: AsyncSession, delivery_id: int
) -> tuple[str | None, str | None, int, str, str] | None:
    """(ticket url, event title, event id, post slot, target kind) behind a delivery's link."""
    row = (
        await session.execute(
            select(Event.ticket_url, Event.title, Event.id, Post.slot, Target.kind)
            .select_from(Delivery)
            .join(Post, Post.id == Delivery.post_id)
            .join(Event, Event.id == Post.event_id)
            .join(Target, Target.id == Delivery.target_id)
            .where(Delivery.id == delivery_id)
        )
    ).first()
    if row is None:
        return None
    ticket_url, title, event_id, slot, kind = row
    return ticket_url, title, event_id, slot, kind


async def clicks_on_event(session: AsyncSession, event_id: int) -> int:
    """Clicks ever, over every post of the event."""
    clicks = await session.scalar(
        select(func.count(TicketClick.id))
        .join(Delivery, Delivery.id == TicketClick.delivery_id)
        .join(Post, Post.id == Delivery.post_id)
        .where(Post.event_id == event_id)
    )
    return int(clicks or 0)


async def clicks_per_delivery(session: AsyncSession, post_id: int) -> dict[int, int]:
    """Clicks ever on one post, per delivery that has any."""
    rows = await session.execute(
        select(TicketClick.delivery_id, func.count(TicketClick.id))
        .join(Delivery, Delivery.id == TicketClick.delivery_id)
        .where(Delivery.post_id == post_id)
        .group_by(TicketClick.delivery_id)
    )
    return {int(delivery_id): int(number) for delivery_id, number in rows.all()}


async def click_times(
    session: AsyncSession,
    *,
    since: datetime,
    until: datetime,
    event_ids: Sequence[int] = (),
    post_ids: Sequence[int] = (),
) -> list[datetime]:
    """When each click in [since, until) happened, narrowed to these events and posts."""
    query = (
        select(TicketClick.clicked_at)
        .join(Delivery, Delivery.id == TicketClick.delivery_id)
        .where(TicketClick.clicked_at >= since, TicketClick.clicked_at < until)
    )
    if event_ids:
        query = query.join(Post, Post.id == Delivery.post_id).where(Post.event_id.in_(event_ids))
    if post_ids:
        query = query.where(Delivery.post_id.in_(post_ids))
    return list(await session.scalars(query))
