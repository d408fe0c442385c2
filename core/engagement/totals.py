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

from sqlalchemy.ext.asyncio import AsyncSession

from core.engagement.reactions import REACTIONS
from core.engagement.rsvp import RsvpCounts, counts
from storage import posts as post_rows
from storage import ticket_links
from storage.insight_snapshots import latest_values


@dataclass(frozen=True)
class EventEngagement:
    rsvps: RsvpCounts
    ticket_clicks: int
    reactions: int  # the latest reaction count of each published post, added up


async def event_engagement(session: AsyncSession, event_id: int) -> EventEngagement:
    """RSVP answers now, ticket clicks ever and reactions now, over all the event's posts."""
    clicks = await ticket_links.clicks_on_event(session, event_id)
    delivery_ids = await post_rows.delivery_ids_of_event(session, event_id)
    return EventEngagement(
        rsvps=await counts(session, event_id),
        ticket_clicks=clicks,
        reactions=await _latest_reactions(session, delivery_ids),
    )


async def post_reactions(session: AsyncSession, post_id: int) -> dict[int, int]:
    """The latest reaction count of one post, per delivery (one per target) that has one."""
    delivery_ids = await post_rows.delivery_ids_of_post(session, post_id)
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
    return await ticket_links.clicks_per_delivery(session, post_id)


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
    clicks = await ticket_links.click_times(
        session, since=since, until=until, event_ids=event_ids, post_ids=post_ids
    )
    days = Counter(clicked_at.astimezone(zone).date() for clicked_at in clicks)
    return dict(sorted(days.items()))
