"""The publishing engine's parts, wired once per process from settings.

Frontends reach in for two things: `notifiers.register(platform, notifier)` so the
engine can tell their chats, and `publishers` / `checks` for the targets only they can
serve. Other parts of the product owe chats messages through `outbox` (core.outbox).
`start()` runs the scheduler (for `flyerbot run` and the console).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.aiohttp_transport import publishing_client
from core.clock import Clock
from core.crypto import TokenCipher
from core.event_pages import EventPages
from core.limits import DailyLimits
from core.metrics import Metrics
from core.notifiers import Notifiers
from core.outbox import ChatOutbox, OutboxPolicy
from core.publishers.base import Publisher, PublisherFactory, TargetInfo
from core.publishers.instagram_factory import INSTAGRAM, instagram_factory
from core.publishers.sandbox import SandboxPublisher
from core.publishing.attempt import Extras
from core.publishing.dispatcher import Dispatcher, DispatchPolicy
from core.publishing.registry import Publishers
from core.publishing.retry import RetryPolicy
from core.publishing.scheduler import PublishingScheduler
from core.redaction import redact_http_logs
from core.settings import Settings
from core.targets.checks import SANDBOX, SandboxCheck
from core.targets.instagram import InstagramCheck
from core.targets.ports import ConnectChecks
from storage import wakeups
from storage.media import MediaStore
from storage.wakeups import WakeListener

log = logging.getLogger(__name__)


@dataclass
class Publishing:
    publishers: Publishers
    notifiers: Notifiers
    checks: ConnectChecks
    dispatcher: Dispatcher
    http: httpx.AsyncClient
    clock: Clock
    sweep_seconds: float = 30
    shutdown_grace_seconds: float = 20
    scheduler: PublishingScheduler | None = None
    event_pages: EventPages = field(default_factory=EventPages)
    # Other processes' workers: told when this one (say, a frontend) schedules work now.
    engine: AsyncEngine | None = None
    _listener: WakeListener | None = field(default=None, init=False, repr=False)
    _announcing: set[asyncio.Task[None]] = field(default_factory=set, init=False, repr=False)

    @property
    def outbox(self) -> ChatOutbox:
        """Messages owed to chats, sent at least once (by every publishing run, too)."""
        return self.dispatcher.outbox

    def poke(self) -> None:
        """New work may be due: wake this process's scheduler, or the workers elsewhere."""
        if self.scheduler is not None:
            self.scheduler.poke()
        elif self.engine is not None:
            task = asyncio.create_task(self._announce(self.engine))
            self._announcing.add(task)
            task.add_done_callback(self._announcing.discard)

    @staticmethod
    async def _announce(engine: AsyncEngine) -> None:
        try:
            await wakeups.announce(engine)
        except Exception:  # the workers' sweep finds the work a little later
            log.warning("could not wake the workers; their sweep will find the work")

    async def start(self) -> PublishingScheduler:
        """Run the scheduler. Its first run, which may have a backlog to publish, goes on in
        the background; `run_now` waits for it."""
        if self.scheduler is None:
            self.scheduler = PublishingScheduler(
                self.dispatcher, clock=self.clock, sweep_seconds=self.sweep_seconds
            )
            await self.scheduler.start()
            if self.engine is not None:
                self._listener = WakeListener(self.engine, self.scheduler.poke)
                await self._listener.start()
        return self.scheduler

    async def run_now(self) -> None:
        """Publish what is due now and wait for it (the console, before its next prompt)."""
        if self.scheduler is not None:
            await self.scheduler.run_now()
        else:
            await self.dispatcher.run_due()

    async def stop(self) -> None:
        """Shut down in order: claim nothing new, let attempts under way finish within the
        grace period (the rest are interrupted and given back, to be verified by the next
        process), and wait for the run to record them. Only then may the media server,
        which Instagram downloads from, and the database go."""
        self.dispatcher.stop_claiming()
        if self._listener is not None:
            await self._listener.stop()
            self._listener = None
        if self.scheduler is not None:
            drained = asyncio.create_task(self.dispatcher.drain(self.shutdown_grace_seconds))
            await self.scheduler.stop()
            await drained
            self.scheduler = None

    async def aclose(self) -> None:
        await self.stop()
        await self.http.aclose()


def dispatch_policy(settings: Settings) -> DispatchPolicy:
    return DispatchPolicy(
        grace=timedelta(minutes=settings.grace_minutes),
        lease=timedelta(seconds=settings.publish_lease_seconds),
        concurrency=settings.publish_concurrency,
        retry=RetryPolicy(
            max_attempts=settings.publish_max_attempts,
            base_seconds=settings.publish_retry_seconds,
        ),
    )


def build_publishing(
    settings: Settings,
    *,
    sessions: async_sessionmaker[AsyncSession],
    media: MediaStore,
    clock: Clock,
    cipher: TokenCipher,
    daily_limits: DailyLimits,
    extras: Extras | None = None,
    metrics: Metrics | None = None,
) -> Publishing:
    redact_http_logs()  # Graph queries and Discord webhook URLs carry secrets
    http = publishing_client(settings.publish_concurrency)
    publishers = Publishers()
    checks = ConnectChecks()
    outbox = settings.data_dir / "outbox"
    publishers.register(SANDBOX, _sandbox_factory(outbox, clock))
    checks.register("sandbox", SandboxCheck())
    publishers.register(INSTAGRAM, instagram_factory(settings, http, clock))
    checks.register("instagram", InstagramCheck(http, settings, clock))
    notifiers = Notifiers()
    dispatcher = Dispatcher(
        sessions=sessions,
        media=media,
        publishers=publishers,
        notifiers=notifiers,
        clock=clock,
        policy=dispatch_policy(settings),
        daily_limits=daily_limits,
        cipher=cipher,
        serialize_writes=_is_sqlite(sessions),
        extras=extras,
        outbox_policy=OutboxPolicy(lease=timedelta(seconds=settings.notice_lease_seconds)),
        metrics=metrics,
    )
    return Publishing(
        publishers=publishers,
        notifiers=notifiers,
        checks=checks,
        dispatcher=dispatcher,
        http=http,
        clock=clock,
        sweep_seconds=settings.publish_sweep_seconds,
        engine=sessions.kw.get("bind"),
        shutdown_grace_seconds=settings.publish_shutdown_grace_seconds,
    )


def _sandbox_factory(outbox: Path, clock: Clock) -> PublisherFactory:
    def factory(target: TargetInfo) -> Publisher:
        return SandboxPublisher(
            outbox / str(target.workspace_id), target_name=target.name, clock=clock
        )

    return factory


def _is_sqlite(sessions: async_sessionmaker[AsyncSession]) -> bool:
    bind = sessions.kw.get("bind")
    return bind is not None and bind.dialect.name == "sqlite"
