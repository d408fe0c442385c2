"""The one conversation engine every frontend talks to.

`handle(sender, input)` loads the sender's state from the database, runs one step in a
short transaction, commits, and only then renders (if the step asked for a preview).
State lives in the database, so a restart or another process continues the same chat.
"""

from __future__ import annotations

import asyncio
import dataclasses
import weakref
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.conversation import actions
from core.conversation.messages import Action, Command, Input, Notice, Output, Sender
from core.conversation.previews import Previews, Renderer
from core.conversation.reply import Reply
from core.conversation.review import Review
from core.conversation.turn import Turn, load_turn
from core.conversation.wizard import Wizard
from core.limits import DailyLimits
from core.parsing.photo import PhotoLimits
from storage.media import MediaStore

if TYPE_CHECKING:
    from core.campaigns.flow import CampaignFlow


class ConversationEngine:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        media: MediaStore,
        clock: Clock,
        renderer: Renderer,
        default_timezone: str,
        default_locale: str,
        photo_limits: PhotoLimits,
        campaigns: CampaignFlow | None = None,
        daily_limits: DailyLimits | None = None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._default_timezone = default_timezone
        self._default_locale = default_locale
        self._wizard = Wizard(media, photo_limits)
        self._review = Review()
        self._campaigns = campaigns
        self.previews = Previews(sessions, media, clock, renderer, daily_limits)
        self._locks: weakref.WeakValueDictionary[tuple[str, str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    async def handle(self, sender: Sender, message: Input) -> list[Output]:
        """Answer one message; everything the user typed is committed before rendering."""
        key = (sender.platform, sender.chat_id, sender.user_id)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            async with self._sessions.begin() as session:
                turn = await load_turn(
                    session,
                    sender,
                    now=self._clock(),
                    default_timezone=self._default_timezone,
                    default_locale=self._default_locale,
                )
                reply = await self._step(turn, message)
                person = turn.user.id
            outputs = await self._finish(reply, person)
            if reply.later is not None:
                outputs += await reply.later()
            return outputs

    async def _step(self, turn: Turn, message: Input) -> Reply:
        """One step; its `later` (campaigns: rendering, waking the scheduler) runs after commit."""
        campaigns = self._campaigns
        if campaigns is None:
            return await self._conversation_step(turn, message)
        if campaigns.wants(turn, message):
            return await campaigns.handle(turn, message)
        await campaigns.release(turn)
        before = await campaigns.snapshot(turn, _event_in_question(turn, message))
        reply = await self._conversation_step(turn, message)
        change = await campaigns.after_change(turn, before)
        if change is None:
            return reply
        reply.outputs.extend(change.outputs)
        return reply.then(change.later)

    async def _conversation_step(self, turn: Turn, message: Input) -> Reply:
        if isinstance(message, Action) and message.id.startswith(actions.REVIEW_PREFIX + ":"):
            reply, approved = await self._review.press(turn, message.id)
            if approved is not None and self._campaigns is not None:
                follow = await self._campaigns.after_approval(turn, approved)
                reply.outputs[:] = [_followed(o, follow) for o in reply.outputs]
            return reply
        return await self._wizard.handle(turn, message)

    async def _finish(self, reply: Reply, person: int) -> list[Output]:
        """The reply, with the preview it asks for rendered on `person`'s allowance."""
        outputs = list(reply.outputs)
        if reply.render_event_id is not None:
            outputs += await self.previews.render(reply.render_event_id, by=person, **reply.look)
        elif reply.show_event_id is not None:
            outputs += await self.previews.show_latest(reply.show_event_id, by=person)
        return outputs


def _event_in_question(turn: Turn, message: Input) -> int | None:
    """The event whose date, status or approval this message may change, if any.

    Only review buttons, /cancel and answers while editing can; a draft still being
    created has no campaign, so those steps skip the check (and its queries).
    """
    if isinstance(message, Action):
        review = actions.parse_review(message.id)
        if review is not None:
            return review.event_id
    conversation = turn.conversation
    if conversation is None:
        return None
    editing = conversation.step.startswith("edit:")
    cancelling = isinstance(message, Command) and message.name == "cancel"
    return conversation.event_id if editing or cancelling else None


def _followed(output: Output, follow: Notice) -> Output:
    """The approval notice, with what can happen next as its buttons (and words)."""
    if isinstance(output, Notice) and not output.choices:
        text = f"{output.text}\n{follow.text}" if follow.text else output.text
        return dataclasses.replace(output, text=text, choices=follow.choices)
    return output
