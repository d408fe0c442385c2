"""One handled message: who sent it, the rows it concerns, and the words to answer in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core import i18n
from core.conversation.messages import Sender
from storage import repositories
from storage.models import Conversation, Event, User, Workspace


@dataclass
class Turn:
    sender: Sender
    session: AsyncSession
    workspace: Workspace
    user: User
    conversation: Conversation | None
    now: datetime
    # The conversation's event as loaded with it: held here so the session keeps it and
    # the step's own lookup by id costs no query.
    conversation_event: Event | None = field(default=None, repr=False)

    @property
    def locale(self) -> str:
        return self.workspace.locale

    def conversation_or_new(self, step: str) -> Conversation:
        """The sender's conversation in this chat, started at `step` if there is none yet."""
        if self.conversation is None:
            self.conversation = repositories.start_conversation(
                self.session,
                self.sender.platform,
                self.sender.chat_id,
                self.sender.user_id,
                step=step,
                now=self.now,
            )
        return self.conversation

    def workspace_zone(self) -> ZoneInfo:
        return ZoneInfo(self.workspace.timezone)

    def t(self, key: str, /, **params: object) -> str:
        return i18n.text(key, self.locale, **params)

    def to_sender(self, key: str, /, **params: object) -> str:
        """Words for the sender alone (a refusal): in their own language when known."""
        return i18n.text(key, self.sender.locale or self.locale, **params)


async def load_turn(
    session: AsyncSession,
    sender: Sender,
    *,
    now: datetime,
    default_timezone: str,
    default_locale: str,
) -> Turn:
    rows = await repositories.turn_rows(session, sender.platform, sender.chat_id, sender.user_id)
    workspace = rows.workspace or await repositories.workspace_for_chat(
        session,
        sender.platform,
        sender.chat_id,
        title=sender.chat_title,
        timezone=default_timezone,
        locale=sender.locale or default_locale,  # a chat's first user sets its language
        now=now,
    )
    if rows.user is not None:
        user = repositories.known_by(rows.user, sender.user_name)
    else:
        user = await repositories.user_for_sender(
            session, sender.platform, sender.user_id, sender.user_name, now
        )
    return Turn(sender, session, workspace, user, rows.conversation, now, rows.event)
