"""Workspaces read by chat key: which one, its language, and where its reports go."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Workspace


async def locale_of_chat(session: AsyncSession, platform: str, chat_id: str) -> str | None:
    """The language the chat's workspace chose, or None when the chat has no workspace yet."""
    return await session.scalar(
        select(Workspace.locale).where(Workspace.platform == platform, Workspace.chat_id == chat_id)
    )


async def workspace_id_of_chat(session: AsyncSession, platform: str, chat_id: str) -> int | None:
    return await session.scalar(
        select(Workspace.id).where(Workspace.platform == platform, Workspace.chat_id == chat_id)
    )


async def report_chats_of(
    session: AsyncSession, chats: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """(platform, workspace chat) -> its report chat, for those of `chats` that chose one."""
    if not chats:
        return {}
    query = select(Workspace.platform, Workspace.chat_id, Workspace.report_chat_id).where(
        tuple_(Workspace.platform, Workspace.chat_id).in_(chats),
        Workspace.report_chat_id.is_not(None),
    )
    return {
        (platform, chat_id): chosen
        for platform, chat_id, chosen in await session.execute(query)
        if chosen is not None
    }
