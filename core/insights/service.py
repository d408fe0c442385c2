"""Insights wired once per process: the collector, and the job that wakes it.

APScheduler only wakes the work; what is due is read from the database every time
(sync rows for readings), so a restart or a second process needs no state. The job
runs every minute: the shortest reading interval is fifteen minutes.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.crypto import TokenCipher
from core.insights.collector import CollectRun, InsightCollector
from core.publishing.service import Publishing
from core.settings import Settings

log = logging.getLogger(__name__)

JOB_ID = "flyerbot-insights"


class Insights:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        collector: InsightCollector,
        clock: Clock,
        every_seconds: float = 60,
    ) -> None:
        self._sessions = sessions
        self.collector = collector
        self._clock = clock
        self._every = every_seconds
        self._running = asyncio.Lock()
        self._scheduler: AsyncIOScheduler | None = None

    async def run_now(self) -> CollectRun:
        """Read what is due (one run at a time in this process)."""
        async with self._running:
            return await self.collector.run_due()

    async def next_due(self) -> datetime | None:
        """The next moment something is due (a reading), for the console's `/clock`."""
        return await self.collector.next_due()

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
    publishing: Publishing,
    clock: Clock,
) -> Insights:
    collector = InsightCollector(
        sessions=sessions,
        http=publishing.http,
        settings=settings,
        cipher=TokenCipher(settings.resolved_secret_key, settings.resolved_previous_secret_keys),
        clock=clock,
    )
    return Insights(sessions=sessions, collector=collector, clock=clock)
