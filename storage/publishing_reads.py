"""The reads of the publishing path: what an attempt needs, and what a post's report says.

Plain columns, not ORM objects: these run for every claimed batch and every report.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery, Event, Post, Target, Workspace


async def job_rows(session: AsyncSession, delivery_ids: Sequence[int]) -> Sequence[Any]:
    """Per delivery: delivery id, post id, workspace id, attempts, due_at, verify_first,
    journal, last error kind, counted_on, post status, images, caption, alt text, target
    id, kind, address, name, config, sealed secret, target status, timezone, layout."""
    query = (
        select(
            Delivery.id,
            Delivery.post_id,
            Delivery.workspace_id,
            Delivery.attempts,
            Delivery.due_at,
            Delivery.verify_first,
            Delivery.journal,
            Delivery.last_error_kind,
            Delivery.counted_on,
            Post.status,
            Post.image_sha256s,
            Post.caption,
            Post.alt_text,
            Target.id,
            Target.kind,
            Target.address,
            Target.name,
            Target.config,
            Target.credentials_encrypted,
            Target.status,
            Workspace.timezone,
            Post.layout,
        )
        .join(Post, Post.id == Delivery.post_id)
        .join(Target, Target.id == Delivery.target_id)
        .join(Workspace, Workspace.id == Delivery.workspace_id)
        .where(Delivery.id.in_(delivery_ids))
    )
    return (await session.execute(query)).all()


async def report_heads(session: AsyncSession, post_ids: Sequence[int]) -> Sequence[Any]:
    """Per post: id, template, scheduled_at, event title, starts_at, timezone, locale,
    platform and chat."""
    query = (
        select(
            Post.id,
            Post.template,
            Post.scheduled_at,
            Event.title,
            Event.starts_at,
            Event.timezone,
            Workspace.locale,
            Workspace.platform,
            Workspace.chat_id,
        )
        .join(Event, Event.id == Post.event_id)
        .join(Workspace, Workspace.id == Event.workspace_id)
        .where(Post.id.in_(post_ids))
    )
    return (await session.execute(query)).all()


async def report_lines(session: AsyncSession, post_ids: Sequence[int]) -> Sequence[Any]:
    """Per delivery of these posts, in id order: post id, delivery id, target name, status,
    url, last error kind, message, key and params."""
    query = (
        select(
            Delivery.post_id,
            Delivery.id,
            Target.name,
            Delivery.status,
            Delivery.url,
            Delivery.last_error_kind,
            Delivery.last_error_message,
            Delivery.last_error_key,
            Delivery.last_error_params,
        )
        .join(Target, Target.id == Delivery.target_id)
        .where(Delivery.post_id.in_(post_ids))
        .order_by(Delivery.id)
    )
    return (await session.execute(query)).all()


async def post_chats(
    session: AsyncSession, post_ids: Collection[int]
) -> dict[int, tuple[str, str]]:
    """Each post's (platform, chat id)."""
    query = (
        select(Post.id, Workspace.platform, Workspace.chat_id)
        .join(Event, Event.id == Post.event_id)
        .join(Workspace, Workspace.id == Event.workspace_id)
        .where(Post.id.in_(sorted(post_ids)))
    )
    return {post_id: (platform, chat) for post_id, platform, chat in await session.execute(query)}
