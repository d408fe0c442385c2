"""Engagement totals for reports (the daily insight message, /insights): small reads that
answer one question each, per event or per post.

Clicks are stored one row per click with its UTC time; a "day" here is a local day in
the zone the caller passes (the chat's), so a click at 00:30 in Seoul counts for that day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.engagement.reactions import REACTIONS
from core.engagement.rsvp import RsvpCounts, counts
from storage.insight_snapshots import latest_values
from storage.models import Delivery, Post, TicketClick


@dataclass(frozen=True)
class EventEngagement:
    rsvps: RsvpCounts
    ticket_clicks: int
    reactions: int  # the latest reaction count of each published post, added up


async def event_engagement(session: AsyncSession, event_id: int) -> EventEngagement:
    """RSVP answers now, ticket clicks ever and reactions now, over all the event's posts."""
    clicks = await session.scalar(
        select(func.count(TicketClick.id))
        .join(Delivery, Delivery.id == TicketClick.delivery_id)
        .join(Post, Post.id == Delivery.post_id)
        .where(Post.event_id == event_id)
    )
    delivery_ids = await session.scalars(
        select(Delivery.id).join(Post, Post.id == Delivery.post_id).where(Post.event_id == event_id)
    )
    return EventEngagement(
        rsvps=await counts(session, event_id),
        ticket_clicks=int(clicks or 0),
        reactions=await _latest_reactions(session, list(delivery_ids)),
    )


async def post_reactions(session: AsyncSession, post_id: int) -> dict[int, int]:
    """The latest reaction count of one post, per delivery (one per target) that has one."""
    delivery_ids = list(
        await session.scalars(select(Delivery.id).where(Delivery.post_id == post_id))
    )
    latest = await latest_values(session, delivery_ids, [REACTIONS])
    return {
        delivery_id: reading.value
        for (delivery_id, _), reading in latest.items()
        if reading.value is not None
    }


async def _latest_reactions(session: AsyncSession, delivery_ids: Sequence[int]) -> int:
    latest = await latest_values(session, delivery_ids, [REACTIONS])
    return sum(reading.value or 0 for reading in latest.values())


async def post_ticket_clicks(session: AsyncSession, post_id: int) -> dict[int, int]:
    """Clicks ever on one post's short links, per delivery (one per target)."""
    rows = await session.execute(
        select(TicketClick.delivery_id, func.count(TicketClick.id))
        .join(Delivery, Delivery.id == TicketClick.delivery_id)
        .where(Delivery.post_id == post_id)
        .group_by(TicketClick.delivery_id)
    )
    return {int(delivery_id): int(number) for delivery_id, number in rows.all()}


async def ticket_clicks_per_day(
    session: AsyncSession,
    *,
    zone: ZoneInfo,
    since: datetime,
    until: datetime,
    event_ids: Sequence[int] = (),
    post_ids: Sequence[int] = (),
) -> dict[date, int]:
    """Clicks in [since, until) per local day in `zone`, for the given events or posts."""
    query = (
        select(TicketClick.clicked_at)
        .join(Delivery, Delivery.id == TicketClick.delivery_id)
        .where(TicketClick.clicked_at >= since, TicketClick.clicked_at < until)
    )
    if event_ids:
        query = query.join(Post, Post.id == Delivery.post_id).where(Post.event_id.in_(event_ids))
    if post_ids:
        query = query.where(Delivery.post_id.in_(post_ids))
    days = Counter(
        clicked_at.astimezone(zone).date() for clicked_at in await session.scalars(query)
    )
    return dict(sorted(days.items()))
