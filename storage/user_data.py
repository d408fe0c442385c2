"""One person's rows, found and deleted on request: what `/deletemydata` reads and removes.

`Mine` names the rows: the events the person made, and in a private chat that chat's
workspace. Image hashes are read from every column that holds one (or a JSON list of
them), and a hash counts as shared when any row outside `Mine` still holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement, Select

from storage.models import (
    Approval,
    Conversation,
    Creative,
    Delivery,
    Event,
    Post,
    User,
    Workspace,
)


@dataclass(frozen=True)
class Mine:
    """The person's rows: their user row, the events they made, their private workspace."""

    user_id: int | None
    event_ids: tuple[int, ...]
    workspace_id: int | None


async def count_events_authored(session: AsyncSession, user_id: int) -> int:
    return int(
        await session.scalar(
            select(func.count()).select_from(Event).where(Event.author_id == user_id)
        )
        or 0
    )


async def user_by_platform_id(
    session: AsyncSession, platform: str, platform_user_id: str
) -> User | None:
    return await session.scalar(
        select(User).where(User.platform == platform, User.platform_user_id == platform_user_id)
    )


async def event_ids_by_author(session: AsyncSession, user_id: int) -> tuple[int, ...]:
    query = select(Event.id).where(Event.author_id == user_id).order_by(Event.id)
    return tuple((await session.execute(query)).scalars())


async def image_hashes(session: AsyncSession, mine: Mine) -> set[str]:
    """Every image hash the person's rows hold."""
    found: set[str] = set()
    for query in _image_columns(mine):
        for (value,) in await session.execute(query):
            if isinstance(value, str) and value:
                found.add(value)
            elif isinstance(value, list):
                found.update(sha for sha in value if isinstance(sha, str))
    return found


async def held_by_others(session: AsyncSession, sha: str, mine: Mine) -> bool:
    """Whether a row that stays holds these bytes (the same image may be shared)."""
    events = list(mine.event_ids)
    # JSON lists of hex digests: a substring match is exact enough and portable.
    listed = f"%{sha}%"
    checks = [
        select(Event.id).where(Event.photo_sha256 == sha, Event.id.not_in(events)),
        select(Creative.id).where(
            cast(Creative.image_sha256s, String).like(listed), Creative.event_id.not_in(events)
        ),
        select(Post.id).where(
            cast(Post.image_sha256s, String).like(listed), Post.event_id.not_in(events)
        ),
        select(Approval.id).where(
            Approval.image_sha256 == sha,
            Approval.event_id.not_in(events),
            Approval.user_id != (mine.user_id or 0),
        ),
        select(Workspace.id).where(
            Workspace.logo_sha256 == sha, Workspace.id != (mine.workspace_id or 0)
        ),
    ]
    for query in checks:
        if await session.scalar(query.limit(1)) is not None:
            return True
    return False


async def deliveries(session: AsyncSession, mine: Mine) -> list[tuple[int, int]]:
    """(workspace id, delivery id) of the deliveries of the person's posts and private chat."""
    condition: ColumnElement[bool] = Post.event_id.in_(list(mine.event_ids))
    if mine.workspace_id is not None:
        condition = condition | (Delivery.workspace_id == mine.workspace_id)
    query = (
        select(Delivery.workspace_id, Delivery.id)
        .join(Post, Post.id == Delivery.post_id)
        .where(condition)
        .order_by(Delivery.id)
    )
    return [(workspace, delivery) for workspace, delivery in await session.execute(query)]


async def delete_authored(session: AsyncSession, user_id: int) -> None:
    """The person's approvals and events (events cascade to their previews, posts, deliveries)."""
    await session.execute(delete(Approval).where(Approval.user_id == user_id))
    await session.execute(delete(Event).where(Event.author_id == user_id))


async def delete_conversations(session: AsyncSession, platform: str, user_id: str) -> None:
    await session.execute(
        delete(Conversation).where(
            Conversation.platform == platform, Conversation.user_id == user_id
        )
    )


async def delete_workspace(session: AsyncSession, workspace_id: int) -> None:
    await session.execute(delete(Workspace).where(Workspace.id == workspace_id))


async def delete_user(session: AsyncSession, user_id: int) -> None:
    await session.execute(delete(User).where(User.id == user_id))


def _image_columns(mine: Mine) -> list[Select[Any]]:
    events = list(mine.event_ids)
    queries: list[Select[Any]] = [
        select(Event.photo_sha256).where(Event.id.in_(events)),
        select(Creative.image_sha256s).where(Creative.event_id.in_(events)),
        select(Post.image_sha256s).where(Post.event_id.in_(events)),
        select(Approval.image_sha256).where(Approval.event_id.in_(events)),
    ]
    if mine.workspace_id is not None:
        queries.append(select(Workspace.logo_sha256).where(Workspace.id == mine.workspace_id))
    return queries
