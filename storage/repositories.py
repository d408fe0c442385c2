"""Queries the product needs, each in the caller's session (the caller owns the transaction)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Select, and_, bindparam, delete, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import upsert_insert
from storage.models import Approval, Conversation, Creative, Event, User, Workspace
from storage.statuses import CreativeStatus


@dataclass(frozen=True)
class TurnRows:
    """What one chat message concerns, each None when it does not exist yet."""

    workspace: Workspace | None
    user: User | None
    conversation: Conversation | None
    event: Event | None  # the conversation's


def _turn_rows_query() -> Select[tuple[Workspace, User, Conversation, Event]]:
    platform, chat_id, user_id = bindparam("platform"), bindparam("chat_id"), bindparam("user")
    anchor = select(literal(1).label("one")).subquery()
    conversation_of_sender = and_(
        Conversation.platform == platform,
        Conversation.chat_id == chat_id,
        Conversation.user_id == user_id,
    )
    return (
        select(Workspace, User, Conversation, Event)
        .select_from(anchor)
        .outerjoin(Workspace, and_(Workspace.platform == platform, Workspace.chat_id == chat_id))
        .outerjoin(User, and_(User.platform == platform, User.platform_user_id == user_id))
        .outerjoin(Conversation, conversation_of_sender)
        .outerjoin(Event, Event.id == Conversation.event_id)
    )


# Built once: every chat message runs it, and building it costs more than running it.
_TURN_ROWS = _turn_rows_query()


async def turn_rows(session: AsyncSession, platform: str, chat_id: str, user_id: str) -> TurnRows:
    """The chat's workspace, the sender and the sender's conversation, in one round trip.

    The conversation's event comes along into the session, so the step that asks for it
    by id finds it there instead of asking the database again (while someone holds it:
    the session keeps only the rows that are referenced elsewhere).
    """
    values = {"platform": platform, "chat_id": chat_id, "user": user_id}
    workspace, user, conversation, event = (await session.execute(_TURN_ROWS, values)).one()
    return TurnRows(workspace, user, conversation, event)


async def workspace_for_chat(
    session: AsyncSession,
    platform: str,
    chat_id: str,
    *,
    title: str | None,
    timezone: str,
    locale: str,
    now: datetime,
) -> Workspace:
    """The chat's workspace, created with these defaults the first time the chat speaks
    (or loaded, when it exists or another process has just made it)."""
    values = {
        "platform": platform,
        "chat_id": chat_id,
        "title": title,
        "timezone": timezone,
        "locale": locale,
        "default_theme": "dark",
        "created_at": now,
    }
    return await _insert_or_load(session, Workspace, values, unique=("platform", "chat_id"))


async def user_for_sender(
    session: AsyncSession, platform: str, platform_user_id: str, name: str | None, now: datetime
) -> User:
    """The sender's user, created the first time they speak (or loaded, when it exists
    or another process has just made it), under the name the platform gives now."""
    values = {
        "platform": platform,
        "platform_user_id": platform_user_id,
        "display_name": name,
        "created_at": now,
    }
    user = await _insert_or_load(session, User, values, unique=("platform", "platform_user_id"))
    return known_by(user, name)


def known_by(user: User, name: str | None) -> User:
    """The user, under the name the platform now gives them (when it gives one)."""
    if name and user.display_name != name:
        user.display_name = name
    return user


_Row = TypeVar("_Row", Workspace, User)


async def _insert_or_load(
    session: AsyncSession, model: type[_Row], values: dict[str, Any], *, unique: tuple[str, ...]
) -> _Row:
    """Insert in one statement; when a row with the same `unique` values exists (another
    process may have just made it), the conflict is skipped, the transaction stays usable,
    and that row is loaded instead."""
    insert = upsert_insert(session, model).values(**values).on_conflict_do_nothing()
    inserted = (await session.execute(insert.returning(model))).scalar_one_or_none()
    if inserted is not None:
        return cast(_Row, inserted)
    query = select(model).filter_by(**{name: values[name] for name in unique})
    return (await session.execute(query)).scalar_one()


async def conversation_for(
    session: AsyncSession, platform: str, chat_id: str, user_id: str
) -> Conversation | None:
    query = select(Conversation).where(
        Conversation.platform == platform,
        Conversation.chat_id == chat_id,
        Conversation.user_id == user_id,
    )
    return (await session.execute(query)).scalar_one_or_none()


def start_conversation(
    session: AsyncSession, platform: str, chat_id: str, user_id: str, *, step: str, now: datetime
) -> Conversation:
    conversation = Conversation(
        platform=platform, chat_id=chat_id, user_id=user_id, step=step, data={}, updated_at=now
    )
    session.add(conversation)
    return conversation


async def end_conversation(session: AsyncSession, conversation: Conversation) -> None:
    await session.execute(delete(Conversation).where(Conversation.id == conversation.id))


async def end_conversations_for_event(session: AsyncSession, event_id: int) -> None:
    await session.execute(delete(Conversation).where(Conversation.event_id == event_id))


async def latest_creative(session: AsyncSession, event_id: int) -> Creative | None:
    query = (
        select(Creative)
        .where(Creative.event_id == event_id, Creative.status != CreativeStatus.SUPERSEDED)
        .order_by(Creative.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def supersede_previews(session: AsyncSession, event_id: int) -> None:
    await session.execute(
        update(Creative)
        .where(Creative.event_id == event_id, Creative.status == CreativeStatus.PREVIEW)
        .values(status=CreativeStatus.SUPERSEDED)
    )


async def approvals_for_event(session: AsyncSession, event_id: int) -> list[Approval]:
    query = select(Approval).where(Approval.event_id == event_id).order_by(Approval.id)
    return list((await session.execute(query)).scalars())


async def events_in_workspace(
    session: AsyncSession, workspace_id: int, statuses: tuple[str, ...]
) -> list[Event]:
    query = (
        select(Event)
        .where(Event.workspace_id == workspace_id, Event.status.in_(statuses))
        .order_by(Event.starts_at)
    )
    return list((await session.execute(query)).scalars())
