"""Workspaces read by chat key: which one, its language, and where its reports go."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Workspace


async def locale_of_chat(session: AsyncSession, platform: str, chat_id: str) -> str | None:
    """The language the chat's workspace chose, or None when the chat has no workspace yet."""
    return await session.scalar(
        select(Workspace.locale).where(Workspace.platform == platform, Workspace.chat_id == chat_id)
    )


async def workspace_id_of_chat(session: AsyncSession, platform: str, chat_id: str) -> int | None:
    """The chat's workspace without loading it, or None when the chat never spoke."""
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


async def daily_report_hours(
    session: AsyncSession,
) -> list[tuple[int, str, str, str, str | None]]:
    """(id, platform, chat, timezone, local hour) of every workspace with a daily report."""
    rows = await session.execute(
        select(
            Workspace.id,
            Workspace.platform,
            Workspace.chat_id,
            Workspace.timezone,
            Workspace.insights_time,
        ).where(Workspace.insights_time.is_not(None))
    )
    return [(id_, platform, chat, zone, hour) for id_, platform, chat, zone, hour in rows.all()]


async def daily_report_zones(session: AsyncSession) -> list[tuple[str, str | None]]:
    """(timezone, local hour) of every workspace with a daily report."""
    rows = await session.execute(
        select(Workspace.timezone, Workspace.insights_time).where(
            Workspace.insights_time.is_not(None)
        )
    )
    return [(zone, hour) for zone, hour in rows.all()]


async def workspaces_by_id(session: AsyncSession, ids: Collection[int]) -> dict[int, Workspace]:
    """Id -> workspace, for those of `ids` that still exist."""
    rows = await session.execute(select(Workspace).where(Workspace.id.in_(ids)))
    return {w.id: w for w in rows.scalars()}
