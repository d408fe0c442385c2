"""Deliveries as the reports list them: each with its event, post and target names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.deliveries import PUBLISHED
from storage.models import Delivery, Event, Post, Target


class PlacementRow(NamedTuple):
    workspace_id: int
    delivery_id: int
    event_id: int
    event_title: str | None
    template: str
    scheduled_at: datetime
    event_starts_at: datetime | None
    target_id: int
    target_name: str
    target_kind: str
    status: str
    url: str | None
    due_at: datetime
    layout: str


async def placements(
    session: AsyncSession,
    workspace_ids: Sequence[int],
    statuses: Sequence[str],
    event_id: int | None = None,
) -> list[PlacementRow]:
    """The workspaces' deliveries in these statuses (of one event, if given), oldest first."""
    query = (
        select(
            Delivery.workspace_id,
            Delivery.id,
            Event.id,
            Event.title,
            Post.template,
            Post.scheduled_at,
            Event.starts_at,
            Target.id,
            Target.name,
            Target.kind,
            Delivery.status,
            Delivery.url,
            Delivery.due_at,
            Post.layout,
        )
        .join(Post, Post.id == Delivery.post_id)
        .join(Event, Event.id == Post.event_id)
        .join(Target, Target.id == Delivery.target_id)
        .where(
            Delivery.workspace_id.in_(workspace_ids),
            Delivery.status.in_(statuses),
        )
        .order_by(Delivery.id)
    )
    if event_id is not None:
        query = query.where(Event.id == event_id)
    return [PlacementRow._make(row) for row in (await session.execute(query)).all()]


async def published_times(
    session: AsyncSession, workspace_id: int, *, kind: str, not_layout: str
) -> dict[int, datetime]:
    """Delivery id -> when it was published, for the workspace's posts on targets of `kind`
    in any layout but `not_layout`."""
    rows = await session.execute(
        select(Delivery.id, Delivery.published_at)
        .join(Target, Target.id == Delivery.target_id)
        .join(Post, Post.id == Delivery.post_id)
        .where(
            Delivery.workspace_id == workspace_id,
            Delivery.status == PUBLISHED,
            Delivery.published_at.is_not(None),
            Target.kind == kind,
            Post.layout != not_layout,
        )
    )
    return {delivery_id: at for delivery_id, at in rows.all() if at is not None}
