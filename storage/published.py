"""Published deliveries, found by event, by the platform's message id, or by age.

Engagement (RSVP boards, reaction counts) starts from a post that went out: these
lookups answer "which of our messages is that" and "which messages still need reading".
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.deliveries import PUBLISHED
from storage.models import Delivery, Post, Target


@dataclass(frozen=True)
class PublishedOn:
    """A published delivery of an event, with the target it went to (secret still sealed)."""

    delivery_id: int
    journal: dict[str, Any]
    target_id: int
    workspace_id: int
    kind: str
    address: str
    name: str
    config: dict[str, Any]
    sealed_secret: str | None


async def published_for_event(
    session: AsyncSession, event_id: int, kinds: Collection[str]
) -> list[PublishedOn]:
    """The event's published deliveries on targets of these kinds, oldest first."""
    found = await session.execute(
        select(
            Delivery.id,
            Delivery.journal,
            Target.id,
            Target.workspace_id,
            Target.kind,
            Target.address,
            Target.name,
            Target.config,
            Target.credentials_encrypted,
        )
        .join(Post, Post.id == Delivery.post_id)
        .join(Target, Target.id == Delivery.target_id)
        .where(
            Post.event_id == event_id,
            Delivery.status == PUBLISHED,
            Target.kind.in_(kinds),
        )
        .order_by(Delivery.id)
    )
    return [
        PublishedOn(
            delivery, journal or {}, target, workspace, kind, address, name, config or {}, sealed
        )
        for delivery, journal, target, workspace, kind, address, name, config, sealed in found
    ]


async def published_as(
    session: AsyncSession, kind: str, address: str, message_id: str
) -> Delivery | None:
    """The published delivery the platform knows as `message_id` on that target, if ours."""
    targets = select(Target.id).where(Target.kind == kind, Target.address == address)
    return await session.scalar(
        select(Delivery).where(
            Delivery.target_id.in_(targets),
            Delivery.external_id == message_id,
            Delivery.status == PUBLISHED,
        )
    )


async def published_since(
    session: AsyncSession, kinds: Collection[str], since: datetime
) -> list[tuple[Delivery, Target]]:
    """Deliveries published after `since` on targets of these kinds, with their targets."""
    found = await session.execute(
        select(Delivery, Target)
        .join(Target, Target.id == Delivery.target_id)
        .where(
            Target.kind.in_(kinds),
            Delivery.status == PUBLISHED,
            Delivery.external_id.is_not(None),
            Delivery.published_at > since,
        )
    )
    return [(delivery, target) for delivery, target in found.all()]
