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
