"""Who may do what in a chat: one policy for every frontend.

The policy decides from two facts the frontend supplies on the `Sender` (`Asker` here,
so the policy depends on nothing else in core):

- `is_group`: the message came from a chat several people share (a Telegram group or
  supergroup, a Discord server channel). A private chat has one person in it, who may
  do everything there.
- `is_chat_admin()`: that person manages the shared chat. Telegram answers it from
  getChatMember (creator or administrator); Discord from the member's permissions in the
  channel (Manage Events, Manage Server or Administrator). When the platform cannot be
  asked, the frontend answers False: a refusal is safer than a post nobody allowed.

Anyone in a chat may draft an event, and its author (or an admin) may shape and approve
the look. Anything that sends to the chat's connected accounts and channels, connects or
removes them, or changes the chat's settings needs an admin in a shared chat, because
those accounts belong to the chat, not to whoever drafted the event.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Protocol


class Asker(Protocol):
    """The two facts the policy reads (core.conversation.messages.Sender has them)."""

    @property
    def is_group(self) -> bool: ...

    @property
    def is_chat_admin(self) -> Callable[[], Awaitable[bool]]: ...


class Act(StrEnum):
    REVIEW = "review"  # approve, change the look, edit or cancel one's own draft
    PUBLISH = "publish"  # post now, schedule, confirm, pick a time, story, retry, skip
    MANAGE_TARGETS = "manage_targets"  # connect or remove accounts and channels
    CHANGE_SETTINGS = "change_settings"  # the chat's language, timezone, brand


async def may(sender: Asker, act: Act, *, is_author: bool = False) -> bool:
    """Whether `sender` may do `act`; `is_author` says they drafted the event concerned.

    The admin question may cost the frontend a platform call, so it is asked last and
    only when the answer depends on it.
    """
    if not sender.is_group:
        return True
    if act is Act.REVIEW and is_author:
        return True
    return await sender.is_chat_admin()
