"""Event rows as the chat lists them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Event


async def current_events(
    session: AsyncSession, workspace_id: int, *, since: datetime, closed: Sequence[str]
) -> list[Event]:
    """Events not closed that start at or after `since`, soonest first, undated ones last."""
    query = (
        select(Event)
        .where(Event.workspace_id == workspace_id, Event.status.not_in(closed))
        .where((Event.starts_at.is_(None)) | (Event.starts_at >= since))
        .order_by(Event.starts_at.is_(None), Event.starts_at, Event.id)
    )
    return list((await session.execute(query)).scalars())


async def event_titles(
    session: AsyncSession, workspace_id: int, *, not_status: str
) -> list[tuple[int, str | None]]:
    """(id, title) of the workspace's events in any status but `not_status`, oldest first."""
    rows = await session.execute(
        select(Event.id, Event.title)
        .where(Event.workspace_id == workspace_id, Event.status != not_status)
        .order_by(Event.id)
    )
    return [(event_id, title) for event_id, title in rows.all()]
