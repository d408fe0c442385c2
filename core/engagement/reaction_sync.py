"""Reading the reaction counts of published posts on platforms that do not push them.

Discord tells a gateway client about reactions to its own messages only: a webhook's
posts (and a flyerbot with no Discord bot at all) are read instead, on the insights
cadence (often while a post is new, then less, then never; `core.reading_cadence`).
When a delivery is due follows from its own readings, the last `reactions` snapshot and
the time it was published, so no extra state is kept and a restart loses nothing.
Reading needs the platform's client, so each frontend registers a `ReactionReader` for
its target kinds. In `flyerbot run` a job looks every minute for what is due (the
shortest interval is fifteen minutes).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.crypto import DecryptionError, TokenCipher
from core.engagement.reactions import REACTIONS
from core.publishers.base import TargetInfo
from core.reading_cadence import LAST_DAY, next_reading
from core.targets.store import secret_binding
from storage.insight_snapshots import latest_values, record_snapshot
from storage.models import Delivery, Target
from storage.published import published_since

log = logging.getLogger(__name__)

JOB_ID = "flyerbot-reactions"


class MessageGone(Exception):
    """The post was deleted on the platform: there is nothing left to count."""


class ReactionReader(Protocol):
    async def count(self, target: TargetInfo, message_id: str) -> int:
        """The message's reactions now, all emoji together; MessageGone if deleted."""
        ...


@dataclass
class ReactionRun:
    read: int = 0
    gone: int = 0
    failed: int = 0


class ReactionSync:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        cipher: TokenCipher | None,
        concurrency: int = 8,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._cipher = cipher
        self._readers: dict[str, ReactionReader] = {}
        self._slots = asyncio.Semaphore(concurrency)
        self._scheduler: AsyncIOScheduler | None = None

    def register(self, kind: str, reader: ReactionReader) -> None:
        self._readers[kind] = reader

    async def start(self, every_seconds: float = 60) -> None:
        if self._scheduler is not None:
            return
        self._scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
        self._scheduler.add_job(self._job, "interval", seconds=every_seconds, id=JOB_ID)
        self._scheduler.start()

    async def stop(self) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None

    async def _job(self) -> None:
        try:
            await self.run_due()
        except Exception:
            log.exception("reading reactions failed; the next run tries again")

    async def run_due(self) -> ReactionRun:
        """Read every post whose reading is due now and append what was read."""
        now = self._clock()
        due = await self._due(now)
        results = await asyncio.gather(*(self._read(delivery, target) for delivery, target in due))
        run = ReactionRun()
        async with self._sessions.begin() as session:
            for (delivery, _), result in zip(due, results, strict=True):
                if isinstance(result, MessageGone):
                    run.gone += 1
                    record_snapshot(session, delivery, REACTIONS, None, now)
                elif isinstance(result, int):
                    run.read += 1
                    record_snapshot(session, delivery, REACTIONS, result, now)
                else:
                    run.failed += 1
        return run

    async def _due(self, now: datetime) -> list[tuple[Delivery, TargetInfo]]:
        if not self._readers:
            return []
        async with self._sessions() as session:
            found = await published_since(session, self._readers, now - LAST_DAY)
            latest = await latest_values(session, [d.id for d, _ in found], [REACTIONS])
        due = []
        for delivery, target in found:
            reading = latest.get((delivery.id, REACTIONS))
            if reading is not None and reading.value is None:
                continue  # deleted on the platform
            if reading is not None:
                assert delivery.published_at is not None
                after = next_reading(delivery.published_at, reading.taken_at)
                if after is None or after > now:
                    continue
            due.append((delivery, self._target_info(target)))
        return due

    async def _read(self, delivery: Delivery, target: TargetInfo) -> int | Exception:
        reader = self._readers[target.kind]
        assert delivery.external_id is not None
        async with self._slots:
            try:
                return await reader.count(target, delivery.external_id)
            except MessageGone as gone:
                return gone
            except Exception as error:
                log.info("reactions of delivery %s not read: %s", delivery.id, error)
                return error

    def _target_info(self, target: Target) -> TargetInfo:
        secret = None
        if target.credentials_encrypted and self._cipher is not None:
            try:
                sealed = target.credentials_encrypted
                secret = self._cipher.decrypt(sealed, bound_to=secret_binding(target.id))
            except DecryptionError:
                secret = None
        return TargetInfo(
            id=target.id,
            workspace_id=target.workspace_id,
            kind=target.kind,
            address=target.address,
            name=target.name,
            config=dict(target.config or {}),
            secret=secret,
        )
