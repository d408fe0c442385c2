"""Updates from different chats run concurrently; updates from one chat run in order.

python-telegram-bot takes its own concurrency slot before handing an update over, so a
chat's backlog would fill every slot while waiting for its own turn. Its limit is
therefore set out of reach, and the real one is core's FairTurns: an update first waits
in its chat's line and only then takes a shared slot.

In webhook mode the HTTP answer to Telegram waits until the update was handled
(`handled`), so Telegram sends a chat's next update only after this one is answered —
even when the next one reaches another frontend process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from core.load.turns import DEFAULT_CONCURRENCY, Across, FairTurns

# PTB's semaphore only counts; every update is already its own task when it gets there.
_UNLIMITED = 2**31 - 1


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self, max_concurrent_updates: int = DEFAULT_CONCURRENCY, *, across: Across | None = None
    ) -> None:
        super().__init__(_UNLIMITED)
        self.turns = FairTurns(max_concurrent_updates, across=across)
        self._handled: dict[int, asyncio.Future[None]] = {}

    def handled(self, update_id: int) -> asyncio.Future[None]:
        """Resolves once the update with this id has been handled (call before queueing it)."""
        return self._handled.setdefault(update_id, asyncio.get_running_loop().create_future())

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        try:
            async with self.turns.turn(chat.id if chat is not None else None):
                await coroutine
        finally:
            if isinstance(update, Update):
                waiter = self._handled.pop(update.update_id, None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(None)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
