"""A notifier that lets a test kill the process around the send, and a reopened app."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from core.app import App, open_app
from core.clock import ManualClock
from core.conversation.messages import Output
from core.notifiers import Notifier
from core.settings import Settings


class DiesAroundSend:
    """Wraps a chat's real notifier; the process dies just before or just after it sends.

    Death is a CancelledError out of the send: nothing after it in this process runs, so
    what the database holds is what a SIGKILL at that point would leave.
    """

    def __init__(self, notifier: Notifier, when: str) -> None:
        assert when in ("before", "after")
        self._notifier = notifier
        self._when = when

    async def notify(self, platform: str, chat_id: str, output: Output) -> None:
        if self._when == "before":
            raise asyncio.CancelledError
        await self._notifier.notify(platform, chat_id, output)
        raise asyncio.CancelledError


@asynccontextmanager
async def reopened(settings: Settings, clock: ManualClock) -> AsyncIterator[App]:
    """The app started again on the same database and data directory."""
    async with open_app(settings, clock=clock, apply_migrations=True) as app:
        yield app
