"""A press on an RSVP button, from any platform: record the answer, refresh the counts.

The presser gets a short private answer (a `Toast`); every published message of the
event shows the new counts, each edited at most once per `edit_interval`. Edits that
had to wait are sent by a background flusher as soon as their message's wait is over,
so the last state is always shown in the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import i18n
from core.clock import Clock
from core.conversation.messages import Output, Problem, Sender, Toast
from core.crypto import TokenCipher
from core.engagement import rsvp
from core.engagement.boards import BoardMessage, ButtonEditors, EditLater, messages_of_event
from core.engagement.throttle import EditThrottle

log = logging.getLogger(__name__)

_TOASTS = {rsvp.GOING: "rsvp.now_going", rsvp.INTERESTED: "rsvp.now_interested"}


class RsvpDesk:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        editors: ButtonEditors,
        edit_interval: timedelta,
        cipher: TokenCipher | None = None,
        default_locale: str = "ko",
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self.editors = editors
        self._cipher = cipher
        self._default_locale = default_locale
        self._interval = edit_interval
        self._throttle: EditThrottle[tuple[int, str]] = EditThrottle(clock, edit_interval)
        self._owed: dict[tuple[int, str], BoardMessage] = {}
        self._flusher: asyncio.Task[None] | None = None

    async def press(self, sender: Sender, action_id: str) -> list[Output]:
        press = rsvp.parse(action_id)
        if press is None:
            return [Problem(i18n.text("rsvp.gone", self._default_locale))]
        try:
            outcome = await self._record(sender, press)
        except IntegrityError:  # the same person pressed twice at once: the first one won
            outcome = await self._record(sender, press)
        if outcome is None:
            return [Problem(i18n.text("rsvp.gone", self._default_locale))]
        locale, answer = outcome
        await self.refresh(press.event_id)
        key = _TOASTS[answer] if answer is not None else "rsvp.cleared"
        return [Toast(i18n.text(key, locale))]

    async def refresh(self, event_id: int) -> None:
        """Show the event's counts everywhere, now where allowed, later elsewhere."""
        async with self._sessions() as session:
            messages = await messages_of_event(session, event_id, self.editors.kinds, self._cipher)
        self._throttle.forget_before(self._clock() - self._interval)
        now = []
        for message in messages:
            if self._throttle.claim(message.key):
                now.append(message)
                self._owed.pop(message.key, None)
            else:
                self._owe(message)
        if now:
            await self._show(now)

    async def flush(self) -> int:
        """Send the edits whose wait is over; how many messages were edited."""
        ready = [self._owed.pop(key) for key in self._throttle.due() if key in self._owed]
        if ready:
            await self._show(ready)
        return len(ready)

    def _owe(self, message: BoardMessage) -> None:
        """Edit `message` again once its wait is over (the throttle holds the time)."""
        self._throttle.owe(message.key)
        self._owed[message.key] = message
        self._start_flusher()

    async def aclose(self) -> None:
        if self._flusher is not None:
            self._flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._flusher
            self._flusher = None

    async def _record(
        self, sender: Sender, press: rsvp.Press
    ) -> tuple[str, rsvp.Answer | None] | None:
        async with self._sessions.begin() as session:
            locale = await rsvp.open_event_locale(session, press.event_id)
            if locale is None:
                return None
            answer = await rsvp.toggle(
                session,
                event_id=press.event_id,
                platform=sender.platform,
                user_id=sender.user_id,
                answer=press.answer,
                now=self._clock(),
            )
        return locale, answer

    async def _show(self, messages: list[BoardMessage]) -> None:
        """Edit each message with the counts as they are now (read after the slot is taken)."""
        async with self._sessions() as session:
            events = {message.event_id for message in messages}
            counts = {event: await rsvp.counts(session, event) for event in events}
            locales = {event: await rsvp.open_event_locale(session, event) for event in events}
        for message in messages:
            editor = self.editors.get(message.target.kind)
            locale = locales[message.event_id]
            if editor is None or locale is None:
                continue
            buttons = rsvp.buttons(message.event_id, counts[message.event_id], locale)
            try:
                await editor.set_buttons(message, buttons)
            except EditLater as error:  # shown by the flusher once the wait is over
                log.info("RSVP buttons of %s owed: %s", message.key, error)
                self._owe(message)
            except Exception as error:  # a deleted post or a refusal: the others still change
                log.info("RSVP buttons of %s not changed: %s", message.key, error)

    def _start_flusher(self) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_running_loop().create_task(self._flush_when_due())

    async def _flush_when_due(self) -> None:
        while (due := self._throttle.next_due()) is not None:
            wait = (due - self._clock()).total_seconds()
            await asyncio.sleep(max(wait, 0.05))
            try:
                await self.flush()
            except Exception:
                log.exception("owed RSVP edits failed")
