"""Insights wired once per process: the collector, the daily message, and the job.

APScheduler only wakes the work; what is due is read from the database every time
(sync rows for readings, each chat's timezone and hour for the daily message), so a
restart or a second process needs no state. The job runs every minute: the shortest
reading interval is fifteen minutes.

The daily message is owed through the chat outbox (core.outbox) with one dedup key per
chat and local day, so it is sent at least once even if this process dies right after
owing it, and never owed twice by two processes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import httpx
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.conversation.messages import Output
from core.crypto import TokenCipher
from core.insights import daily
from core.insights.collector import CollectRun, InsightCollector
from core.outbox import ChatOutbox, enqueue
from core.settings import Settings

log = logging.getLogger(__name__)

JOB_ID = "flyerbot-insights"


class Insights:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        collector: InsightCollector,
        outbox: ChatOutbox,
        clock: Clock,
        every_seconds: float = 60,
    ) -> None:
        self._sessions = sessions
        self.collector = collector
        self._outbox = outbox
        self._clock = clock
        self._every = every_seconds
        self._running = asyncio.Lock()
        self._scheduler: AsyncIOScheduler | None = None
        self._owed: set[str] = set()  # daily messages this process already owed
        outbox.register(daily.KIND, self._compose)

    async def run_now(self) -> CollectRun:
        """Read what is due, owe the daily messages whose hour came, and send them."""
        async with self._running:
            run = await self.collector.run_due()
            if await self.owe_daily():
                await self._outbox.deliver_due()
            return run

    async def owe_daily(self) -> int:
        """Owe each chat whose local hour has passed today its daily message; how many."""
        now = self._clock()
        async with self._sessions.begin() as session:
            due = [d for d in await daily.due_chats(session, now) if d.dedup_key not in self._owed]
            added = 0
            for item in due:
                added += await enqueue(
                    session,
                    platform=item.platform,
                    chat_id=item.chat_id,
                    kind=daily.KIND,
                    payload=item.payload,
                    now=now,
                    dedup_key=item.dedup_key,
                )
        self._owed.update(item.dedup_key for item in due)
        return added

    async def next_due(self) -> datetime | None:
        """The next reading or daily hour, for the console's `/clock`."""
        reading = await self.collector.next_due()
        async with self._sessions() as session:
            hour = await daily.next_daily_hour(session, self._clock())
        moments = [moment for moment in (reading, hour) if moment is not None]
        return min(moments) if moments else None

    async def _compose(
        self, session: AsyncSession, payloads: Sequence[Mapping[str, Any]]
    ) -> Sequence[Output | None]:
        owed = [(int(p["workspace_id"]), date.fromisoformat(str(p["day"]))) for p in payloads]
        return await daily.compose_daily(session, owed, now=self._clock())

    async def _job(self) -> None:
        try:
            await self.run_now()
        except Exception:
            log.exception("insights run failed; the next one tries again")

    async def start(self) -> None:
        if self._scheduler is not None:
            return
        self._scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
        self._scheduler.add_job(
            self._job,
            "interval",
            seconds=self._every,
            id=JOB_ID,
            next_run_time=datetime.now(UTC),
        )
        self._scheduler.start()

    async def stop(self) -> None:
        if self._scheduler is None:
            return
        async with self._running:  # let a run under way finish before the database closes
            self._scheduler.shutdown(wait=False)
        self._scheduler = None


def build_insights(
    settings: Settings,
    *,
    sessions: async_sessionmaker[AsyncSession],
    http: httpx.AsyncClient,
    outbox: ChatOutbox,
    clock: Clock,
) -> Insights:
    """Insights, given by the composition root (core/app.py) the publishing engine's HTTP
    client and its chat outbox, which every publishing run delivers as well."""
    collector = InsightCollector(
        sessions=sessions,
        http=http,
        settings=settings,
        cipher=TokenCipher(settings.resolved_secret_key, settings.resolved_previous_secret_keys),
        clock=clock,
    )
    return Insights(sessions=sessions, collector=collector, outbox=outbox, clock=clock)
