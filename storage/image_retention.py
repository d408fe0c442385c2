"""What the image cleanup reads: old previews, published images, and every hash still in use."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Creative, Event, Post, Workspace


async def previews_created_before(
    session: AsyncSession, status: str, before: datetime
) -> list[tuple[int, list[str]]]:
    """(creative id, image hashes) of looks in `status` created before `before`."""
    query = select(Creative.id, Creative.image_sha256s).where(
        Creative.status == status, Creative.created_at < before
    )
    found = await session.execute(query)
    return [(creative_id, list(hashes or ())) for creative_id, hashes in found]


async def post_images_settled_before(
    session: AsyncSession, status: str, before: datetime
) -> list[list[str]]:
    """The image hashes of every post in `status` whose row last changed before `before`."""
    query = select(Post.image_sha256s).where(Post.status == status, Post.updated_at < before)
    return [list(hashes or ()) for (hashes,) in await session.execute(query)]


async def photo_and_logo_hashes(session: AsyncSession) -> list[str]:
    """Every event photo and chat logo: images kept for as long as their rows live."""
    found: list[str] = []
    for column in (Event.photo_sha256, Workspace.logo_sha256):
        found.extend(v for v in (await session.execute(select(column))).scalars() if v)
    return found


async def post_images(
    session: AsyncSession,
) -> list[tuple[int, str, datetime, list[str] | None]]:
    """(event id, status, last change, image hashes) of every post."""
    query = select(Post.event_id, Post.status, Post.updated_at, Post.image_sha256s)
    rows = await session.execute(query)
    return [(event_id, status, at, hashes) for event_id, status, at, hashes in rows]


async def latest_looks(session: AsyncSession) -> list[tuple[int, int, list[str] | None]]:
    """(creative id, event id, image hashes) of each event's newest look."""
    latest = select(func.max(Creative.id)).group_by(Creative.event_id).scalar_subquery()
    query = select(Creative.id, Creative.event_id, Creative.image_sha256s).where(
        Creative.id.in_(latest)
    )
    rows = await session.execute(query)
    return [(creative_id, event_id, hashes) for creative_id, event_id, hashes in rows]


async def delete_creatives(session: AsyncSession, creative_ids: Sequence[int]) -> None:
    await session.execute(delete(Creative).where(Creative.id.in_(creative_ids)))
