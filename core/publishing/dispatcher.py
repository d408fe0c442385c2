"""The dispatcher: claim what is due, publish it, record what happened, tell the chat.

It is a plain class with one entry point, `run_due()`, so tests drive it directly and
the scheduler only decides *when* to call it. Safety comes from the table, not from this
process: a claim is atomic and leased, every later change requires the lease, and an
attempt that may have published (a dead worker's lease, an unknown outcome) is verified
with the platform before anything is sent again.

Throughput comes from batching the writes: a claim takes many deliveries (and their
daily-limit units) in one transaction, attempts run concurrently, and finished attempts
are recorded together.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import socket
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.campaigns.labels import when_label
from core.clock import Clock
from core.crypto import TokenCipher
from core.limits import DailyLimits
from core.publishing import allowance, recorder
from core.publishing.attempt import Attempts, Extras, Finished, LeaseLost
from core.publishing.jobs import Job, load_jobs, load_reports
from core.publishing.notices import PostReport, notice_for
from core.publishing.notifier import Notifiers
from core.publishing.outcome import DEFERRED, TOLD
from core.publishing.registry import Publishers
from core.publishing.retry import RetryPolicy
from storage import deliveries as rows
from storage.media import MediaStore
from storage.models import Delivery, Post

log = logging.getLogger(__name__)

_TELL_BATCH = 200
_TELL_CONCURRENCY = 8


@dataclass(frozen=True)
class DispatchPolicy:
    grace: timedelta = timedelta(minutes=10)
    lease: timedelta = timedelta(minutes=5)
    concurrency: int = 16
    claim_batch: int = 64
    retry: RetryPolicy = field(default_factory=RetryPolicy)


@dataclass
class DispatchReport:
    claimed: int = 0
    published: int = 0
    retrying: int = 0
    failed: int = 0
    missed: int = 0
    deferred: int = 0


class Dispatcher:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        media: MediaStore,
        publishers: Publishers,
        notifiers: Notifiers,
        clock: Clock,
        policy: DispatchPolicy | None = None,
        daily_limits: DailyLimits | None = None,
        cipher: TokenCipher | None = None,
        worker_id: str | None = None,
        rng: random.Random | None = None,
        serialize_writes: bool = False,
        extras: Extras | None = None,
    ) -> None:
        self._sessions = sessions
        self._notifiers = notifiers
        self._clock = clock
        self.policy = policy or DispatchPolicy()
        self._limits = daily_limits or DailyLimits(0, 0)
        self._cipher = cipher
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._attempts = Attempts(
            media=media,
            publishers=publishers,
            clock=clock,
            retry=self.policy.retry,
            grace_seconds=self.policy.grace.total_seconds(),
            rng=rng or random.Random(),
            persist=self._persist,
            extras=extras,
        )
        # SQLite has one writer: queueing this process's writes here is far cheaper than
        # letting its connections spin on SQLite's busy handler.
        self._gate: contextlib.AbstractAsyncContextManager[Any] = (
            asyncio.Lock() if serialize_writes else contextlib.nullcontext()
        )
        self._to_tell: list[tuple[int, str, datetime | None]] = []
        self._teller: asyncio.Task[None] | None = None

    @contextlib.asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncSession]:
        async with self._gate, self._sessions.begin() as session:
            yield session

    # -- the loop -----------------------------------------------------------------------

    async def run_due(self, *, sweep: bool = True) -> DispatchReport:
        """Publish everything due now, at most `concurrency` at a time, until none is left."""
        report = DispatchReport()
        if sweep:
            await self._sweep(report)
        concurrency = self.policy.concurrency
        refill = max(1, concurrency // 4)  # claim in batches: fewer write transactions
        in_flight: set[asyncio.Task[Finished]] = set()
        while True:
            free = concurrency - len(in_flight)
            if free >= refill or not in_flight:
                wanted = min(free, self.policy.claim_batch)
                jobs = await self._claim(wanted, report)
                report.claimed += len(jobs)
                in_flight |= {asyncio.create_task(self._attempts.run(job)) for job in jobs}
                if not in_flight:
                    break
                if len(jobs) == wanted and len(in_flight) < concurrency:
                    continue
            done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
            # A cancelled attempt is a worker that died: its lease expires, a later run verifies.
            finished = [task.result() for task in done if not task.cancelled()]
            await self._record(finished, report)
        await self._quiet()
        return report

    async def next_wake(self) -> datetime | None:
        async with self._sessions() as session:
            return await rows.next_wake(session)

    async def _claim(self, limit: int, report: DispatchReport) -> list[Job]:
        """Claim due deliveries with their daily-limit units; over the limit waits."""
        now = self._clock()
        async with self._write() as session:
            ids = await rows.claim_due(
                session,
                owner=self.worker_id,
                now=now,
                lease_until=now + self.policy.lease,
                limit=limit,
            )
            if not ids:
                return []
            loaded = await load_jobs(session, ids, self._cipher)
            jobs = [loaded[number] for number in ids if number in loaded]
            taken = await allowance.take_for(session, self._limits, jobs, now)
            await self._defer(session, taken.refused, now)
        report.deferred += len(taken.refused)
        if taken.refused:
            await self._tell_deferred(jobs, taken.refused, now)
        return [
            replace(job, counted_on=taken.granted.get(job.delivery_id, job.counted_on))
            for job in jobs
            if job.delivery_id not in taken.refused
        ]

    async def _defer(
        self, session: AsyncSession, refused: dict[int, datetime], now: datetime
    ) -> None:
        """Put refused deliveries back until midnight, without using an attempt."""
        by_reset: dict[datetime, list[int]] = defaultdict(list)
        for delivery_id, resets in refused.items():
            by_reset[resets].append(delivery_id)
        for resets, ids in by_reset.items():
            await session.execute(
                update(Delivery)
                .where(Delivery.id.in_(ids), Delivery.lease_owner == self.worker_id)
                .values(
                    status=rows.PENDING,
                    due_at=resets,
                    attempts=Delivery.attempts - 1,
                    lease_owner=None,
                    lease_expires_at=None,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )

    async def _tell_deferred(
        self, jobs: Sequence[Job], refused: dict[int, datetime], now: datetime
    ) -> None:
        """Once per post, say it waits for the reset. A transaction of its own, so no
        transaction locks usage counters before posts while a recorder does the reverse."""
        told: list[tuple[int, datetime]] = []
        async with self._write() as session:
            for job in jobs:
                if job.delivery_id in refused and await rows.claim_post_notice(
                    session, job.post_id, DEFERRED, now, set_status=False
                ):
                    told.append((job.post_id, refused[job.delivery_id]))
        for post_id, resets in told:
            self._tell_later(post_id, DEFERRED, resets)

    async def _record(self, batch: list[Finished], report: DispatchReport) -> None:
        if not batch:
            return
        try:
            async with self._write() as session:
                recorded = await recorder.record(
                    session, batch, owner=self.worker_id, now=self._clock()
                )
        except Exception:  # their leases will expire and later attempts will verify
            log.exception("could not record %d attempts", len(batch))
            return
        for item in recorded.kept:
            _count(report, item)
        for post_id, notice in recorded.notices:
            self._tell_later(post_id, notice)

    async def _persist(self, job: Job, facts: dict[str, str]) -> None:
        """Store what the publisher just learned, and renew the lease while at it."""
        now = self._clock()
        async with self._write() as session:
            kept = await rows.update_leased(
                session,
                job.delivery_id,
                self.worker_id,
                journal=facts,
                lease_expires_at=now + self.policy.lease,
                updated_at=now,
            )
        if not kept:
            raise LeaseLost

    # -- the sweep and the chat ---------------------------------------------------------

    async def _sweep(self, report: DispatchReport) -> None:
        """Mark what waited too long as missed, and tell the chats what they were not told."""
        now = self._clock()
        async with self._write() as session:
            missed = await rows.mark_missed(session, late_before=now - self.policy.grace, now=now)
        report.missed += len(missed)
        async with self._sessions() as session:
            query = select(Post.id).where(_untold()).order_by(Post.id).limit(500)
            untold = list((await session.execute(query)).scalars())
        post_ids = {*missed, *untold}
        if post_ids:
            async with self._write() as session:
                await recorder.lock_posts(session, post_ids)
                notices = await recorder.settle(session, post_ids, now)
            for post_id, notice in notices:
                self._tell_later(post_id, notice)

    def _tell_later(self, post_id: int, notice: str, resets_at: datetime | None = None) -> None:
        """Queue a notice; one teller sends them in batches without holding up publishing."""
        self._to_tell.append((post_id, notice, resets_at))
        if self._teller is None or self._teller.done():
            self._teller = asyncio.create_task(self._tell_all())

    async def _quiet(self) -> None:
        """Wait until every queued notice was sent (the end of `run_due`)."""
        while self._teller is not None and not self._teller.done():
            await asyncio.shield(self._teller)

    async def _tell_all(self) -> None:
        while self._to_tell:
            batch, self._to_tell = self._to_tell[:_TELL_BATCH], self._to_tell[_TELL_BATCH:]
            await self._tell_batch(batch)

    async def _tell_batch(self, batch: list[tuple[int, str, datetime | None]]) -> None:
        try:
            async with self._sessions() as session:
                reports = await load_reports(session, [post_id for post_id, _, _ in batch])
        except Exception:
            log.exception("could not read %d notices", len(batch))
            reports = {}
        limiter = asyncio.Semaphore(_TELL_CONCURRENCY)

        async def tell(item: tuple[int, str, datetime | None]) -> tuple[int, str] | None:
            post_id, notice, resets_at = item
            async with limiter:
                sent = await self._tell(reports.get(post_id), notice, resets_at)
            return None if sent else (post_id, notice)

        unsent = [found for found in await asyncio.gather(*map(tell, batch)) if found]
        if unsent:  # not sent: a later sweep tries again
            async with self._write() as session:
                for post_id, notice in unsent:
                    await rows.release_post_notice(session, post_id, notice)

    async def _tell(
        self,
        loaded: tuple[PostReport, str, str] | None,
        notice: str,
        resets_at: datetime | None,
    ) -> bool:
        """Send one notice; True when it was sent or there was nothing to send."""
        if loaded is None:
            return False
        report, platform, chat_id = loaded
        params: dict[str, object] = {}
        if notice == DEFERRED and resets_at is not None:
            params["limit"] = self._limits.posts_per_day
            params["resets"] = when_label(resets_at, report.zone, report.locale)
        output = notice_for(report, notice, **params)
        return output is None or await self._notifiers.notify(platform, chat_id, output)


def _untold() -> Any:
    """Posts the chat has not heard about: a told status not yet sent, or never settled."""
    open_delivery = exists().where(
        Delivery.post_id == Post.id, Delivery.status.in_(rows.OPEN_STATUSES)
    )
    any_delivery = exists().where(Delivery.post_id == Post.id)
    return or_(
        and_(
            Post.status.in_(tuple(TOLD)),
            or_(Post.notified_status.is_(None), Post.notified_status != Post.status),
        ),
        and_(Post.status == rows.PENDING, any_delivery, ~open_delivery),
    )


def _count(report: DispatchReport, item: Finished) -> None:
    status, label = item.outcome.status, item.outcome.label
    if status == rows.PUBLISHED:
        report.published += 1
    elif status == rows.PENDING and label == "retry":
        report.retrying += 1
    elif status == rows.FAILED:
        report.failed += 1
    elif status == rows.MISSED:
        report.missed += 1
