"""The one conversation engine every frontend talks to.

`handle(sender, input)` loads the sender's state from the database, runs one step in a
short transaction, commits, and only then renders (if the step asked for a preview).
State lives in the database, so a restart or another process continues the same chat.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.conversation import actions
from core.conversation.io import Action, Choice, Input, Output, Sender
from core.conversation.previews import Previews, Renderer
from core.conversation.review import Approved, Review
from core.conversation.turn import Turn, load_turn
from core.conversation.wizard import PhotoLimits, Reply, Wizard
from storage.media import MediaStore

AfterApproval = Callable[[Turn, Approved], Awaitable[tuple[Choice, ...]]]


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
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._default_timezone = default_timezone
        self._default_locale = default_locale
        self._wizard = Wizard(media, photo_limits)
        self._review = Review()
        self.previews = Previews(sessions, media, clock, renderer)
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
            return await self._finish(reply)

    async def _step(self, turn: Turn, message: Input) -> Reply:
        if isinstance(message, Action) and message.id.startswith(actions.REVIEW_PREFIX + ":"):
            reply, _approved = await self._review.press(turn, message.id)
            return reply
        return await self._wizard.handle(turn, message)

    async def _finish(self, reply: Reply) -> list[Output]:
        outputs = list(reply.outputs)
        if reply.render_event_id is not None:
            outputs += await self.previews.render(reply.render_event_id, **reply.look)
        elif reply.show_event_id is not None:
            outputs += await self.previews.show_latest(reply.show_event_id)
        return outputs
