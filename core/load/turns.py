"""Fair turns: each chat waits in its own line before it takes one of the shared slots.

A chat's messages must be handled in order, so they queue one behind the other. The
shared limit on concurrent work is taken only by the message at the head of its chat's
line, so one busy chat holds at most one slot and a quiet chat's message never waits
behind another chat's backlog. Any frontend can use it: the key is whatever names a
conversation's place (a Telegram chat id, a Discord channel id).

With several frontend processes on one PostgreSQL database, `across_processes` adds the
chat's database lock after the slot, so a chat's updates are also handled one at a time
when they reach different processes.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext

from storage.chat_locks import ChatLocks

# Each turn may hold a chat-lock connection (PostgreSQL, webhook mode): 16 keeps a
# frontend process at 31 connections in all (see core/database_pool.py).
DEFAULT_CONCURRENCY = 16
Across = Callable[[Hashable], AbstractAsyncContextManager[None]]


def across_processes(locks: ChatLocks, platform: str) -> Across:
    """The chat's turn in the database (PostgreSQL; nothing on one-process SQLite)."""

    def held(key: Hashable) -> AbstractAsyncContextManager[None]:
        return locks.turn(f"{platform}:{key}")

    return held


class FairTurns:
    def __init__(
        self, max_concurrent: int = DEFAULT_CONCURRENCY, *, across: Across | None = None
    ) -> None:
        if max_concurrent < 1:
            raise ValueError("max_concurrent must be at least 1")
        self.max_concurrent = max_concurrent
        self._across = across
        self._slots = asyncio.Semaphore(max_concurrent)
        # A line lives while someone holds or waits for it, then is forgotten.
        self._lines: weakref.WeakValueDictionary[Hashable, asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )
        self._running = 0

    @property
    def running(self) -> int:
        """How many turns hold a shared slot right now."""
        return self._running

    @asynccontextmanager
    async def turn(self, key: Hashable | None) -> AsyncIterator[None]:
        """Wait for `key`'s line (None: no line), then for a shared slot; hold both."""
        if key is None:
            async with self._slot():
                yield
            return
        line = self._lines.get(key)
        if line is None:
            line = asyncio.Lock()  # asyncio hands a lock out first come, first served
            self._lines[key] = line
        held = self._across(key) if self._across is not None else nullcontext()
        async with line, self._slot(), held:
            yield

    @asynccontextmanager
    async def _slot(self) -> AsyncIterator[None]:
        async with self._slots:
            self._running += 1
            try:
                yield
            finally:
                self._running -= 1
