"""Where a workspace's reports go: its own chat, or another chat of its choosing.

A frontend whose platform lets a workspace name another chat (a Discord channel of the
same server) registers a `ReportChatCheck`; `/settings` offers the choice only there.
The check asks the platform whether the bot may send to the chat. The chat outbox reads
the choice when it sends, so a change applies to reports already owed, and a chosen chat
that no longer takes reports (deleted, or the bot lost its permission) is passed over:
the report goes to the workspace's own chat instead of being lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from core.conversation.messages import Sender
from storage import workspaces


class ReportChatRefused(Exception):
    """The chat cannot take reports; `key` and `params` say why, in the chat's language."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class ReportChatCheck(Protocol):
    async def check(self, sender: Sender, chat_id: str) -> str:
        """The chat's id as stored, once the bot may send there; else ReportChatRefused."""
        ...

    def label(self, chat_id: str) -> str:
        """How the platform shows a link to the chat."""
        ...


class ReportChatChecks:
    """The platforms whose workspaces may send their reports to another chat."""

    def __init__(self) -> None:
        self._by_platform: dict[str, ReportChatCheck] = {}

    def register(self, platform: str, check: ReportChatCheck) -> None:
        self._by_platform[platform] = check

    def get(self, platform: str) -> ReportChatCheck | None:
        return self._by_platform.get(platform)


async def chosen_chats(
    session: AsyncSession, chats: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """(platform, workspace chat) -> the chat its reports go to, for those that chose one."""
    return await workspaces.report_chats_of(session, sorted(set(chats)))
