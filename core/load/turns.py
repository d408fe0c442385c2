"""Fair turns: each chat waits in its own line before it takes one of the shared slots.

A chat's messages must be handled in order, so they queue one behind the other. The
shared limit on concurrent work is taken only by the message at the head of its chat's
line, so one busy chat holds at most one slot and a quiet chat's message never waits
behind another chat's backlog. Any frontend can use it: the key is whatever names a
conversation's place (a Telegram chat id, a Discord channel id).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager

DEFAULT_CONCURRENCY = 32


class FairTurns:
    def __init__(self, max_concurrent: int = DEFAULT_CONCURRENCY) -> None:
        if max_concurrent < 1:
            raise ValueError("max_concurrent must be at least 1")
        self.max_concurrent = max_concurrent
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
        async with line, self._slot():
            yield

    @asynccontextmanager
    async def _slot(self) -> AsyncIterator[None]:
        async with self._slots:
            self._running += 1
            try:
                yield
            finally:
                self._running -= 1
