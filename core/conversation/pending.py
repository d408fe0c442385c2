"""A pending question: ask, remember, forget, on the sender's conversation row.

Some answers are the sender's next message (a setting's value, a pasted token). What
is awaited is kept in the row's data under the question's key, beside a draft in
progress and never instead of it. A row started only for the question carries the
question's step, and goes when the question is forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.conversation.messages import Sender
from core.conversation.turn import Turn
from storage import repositories
from storage.models import Conversation


@dataclass(frozen=True)
class PendingQuestion:
    key: str  # where the row's data keeps what is awaited
    step: str  # the step of a row that exists only for this question

    def awaited(self, conversation: Conversation | None) -> Any:
        """What the question remembered (None when it is not asked)."""
        return (conversation.data or {}).get(self.key) if conversation is not None else None

    def remember(self, turn: Turn, value: object) -> None:
        """Ask: the sender's next message here answers it."""
        conversation = turn.conversation_or_new(step=self.step)
        # Reassigned, not mutated: the JSON column only notices a new value.
        conversation.data = {**(conversation.data or {}), self.key: value}
        conversation.updated_at = turn.now

    async def remember_for(
        self,
        session: AsyncSession,
        sender: Sender,
        conversation: Conversation | None,
        value: object,
        now: datetime,
    ) -> None:
        """Ask on another of the person's conversations (their private chat with the bot)."""
        if conversation is None:
            conversation = repositories.start_conversation(
                session, sender.platform, sender.chat_id, sender.user_id, step=self.step, now=now
            )
        conversation.data = {**(conversation.data or {}), self.key: value}
        conversation.updated_at = now
        await session.flush()

    async def forget(self, turn: Turn) -> None:
        """The question is answered or withdrawn; a row that existed only for it goes."""
        if await self.forget_on(turn.session, turn.conversation, turn.now):
            turn.conversation = None

    async def forget_on(
        self, session: AsyncSession, conversation: Conversation | None, now: datetime
    ) -> bool:
        """Forget on a row outside a turn; True when the row itself went."""
        if conversation is None or self.key not in (conversation.data or {}):
            return False
        if conversation.step == self.step and conversation.event_id is None:
            await repositories.end_conversation(session, conversation)
            return True
        conversation.data = {k: v for k, v in conversation.data.items() if k != self.key}
        conversation.updated_at = now
        return False
