"""One writer for the journals of every attempt in flight: a group commit.

Attempts learn facts (a container id, an intent to publish, a media id) and must have each
one stored before their next step. Written one transaction each, a few thousand attempts
make the database the bottleneck; here whatever the attempts hand in while a transaction
runs goes into the next one, and each caller awaits the commit that holds its write, so
its crash guarantees are those of a write of its own.

A write that cannot get the database (no pooled connection, SQLite busy, a dropped
connection) is tried again, but never past its lease: a write that might land after the
lease ran out is given up and its caller told `JournalUnavailable`, so the attempt stops
and hands the delivery back rather than racing whoever takes it over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from core.clock import Clock
from storage import deliveries as rows
from storage.db import is_unavailable

log = logging.getLogger(__name__)

Transaction = Callable[[], contextlib.AbstractAsyncContextManager[AsyncSession]]
_FIRST_PAUSE, _LONGEST_PAUSE = 0.05, 1.0


class JournalUnavailable(Exception):
    """The database could not take this write before the lease would run out."""


def _future() -> asyncio.Future[bool]:
    future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
    # A caller that was cancelled meanwhile no longer reads the outcome: nothing to report.
    future.add_done_callback(lambda done: done.cancelled() or done.exception())
    return future


@dataclass
class _Write:
    change: rows.LeasedWrite
    give_up_at: float  # time.monotonic(): past it, the write must not land
    done: asyncio.Future[bool] = field(default_factory=_future)


class JournalWriter:
    def __init__(
        self, transaction: Transaction, *, lease_seconds: Callable[[], float], clock: Clock
    ) -> None:
        self._transaction = transaction
        self._clock = clock
        self._lease_seconds = lease_seconds
        self._queued: list[_Write] = []
        self._worker: asyncio.Task[None] | None = None
        self.commits = 0  # transactions committed, for tests and benchmarks

    async def store(self, change: rows.LeasedWrite, *, give_up_at: float) -> bool:
        """Store `change` (and push its lease out); False when the lease is not held."""
        write = _Write(change, give_up_at)
        self._queued.append(write)
        if self._worker is None or self._worker.done():
            self._worker = asyncio.create_task(self._drain())
        return await asyncio.shield(write.done)

    async def _drain(self) -> None:
        pause = _FIRST_PAUSE
        while self._queued:
            batch = [write for write in self._queued if not write.done.done()]
            self._queued = []
            batch = self._drop_expired(batch)
            if not batch:
                continue
            try:
                held = await self._commit(batch)
            except Exception as error:
                if not is_unavailable(error) and not isinstance(error, TimeoutError):
                    for write in batch:
                        write.done.set_exception(error)
                    continue
                log.warning("journal writes wait for the database: %s", type(error).__name__)
                self._queued = batch + self._queued
                await asyncio.sleep(pause)
                pause = min(pause * 2, _LONGEST_PAUSE)
                continue
            pause = _FIRST_PAUSE
            for write in batch:
                write.done.set_result(write.change.lease in held)

    async def _commit(self, batch: list[_Write]) -> set[rows.Lease]:
        """One transaction for the whole batch, cut short before the earliest lease ends."""
        remaining = min(write.give_up_at for write in batch) - time.monotonic()
        async with asyncio.timeout(remaining):
            async with self._transaction() as session:
                changes = [write.change for write in batch]
                held = await rows.write_leased(
                    session, changes, lease_seconds=self._lease_seconds(), now=self._clock()
                )
        self.commits += 1
        return held

    def _drop_expired(self, batch: list[_Write]) -> list[_Write]:
        now = time.monotonic()
        for write in batch:
            if write.give_up_at <= now:
                write.done.set_exception(JournalUnavailable())
        return [write for write in batch if not write.done.done()]
