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

from core.clock import Clock
from core.crypto import TokenCipher
from core.limits import DailyLimits
from core.metrics import Metrics
from core.outbox import ChatOutbox, OutboxPolicy
from core.publishing import allowance, post_reports, recorder
from core.publishing.attempt import Attempts, Extras, Finished, LeaseLost
from core.publishing.jobs import Job, load_jobs
from core.publishing.notifier import Notifiers
from core.publishing.outcome import DEFERRED, TOLD
from core.publishing.registry import Publishers
from core.publishing.retry import RetryPolicy
from storage import deliveries as rows
from storage.media import MediaStore
from storage.models import Delivery, Post

log = logging.getLogger(__name__)


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
        outbox_policy: OutboxPolicy | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self.policy = policy or DispatchPolicy()
        self._limits = daily_limits or DailyLimits(0, 0)
        self._cipher = cipher
        self._metrics = metrics or Metrics()
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
        lock = asyncio.Lock() if serialize_writes else None
        self._gate: contextlib.AbstractAsyncContextManager[Any] = lock or contextlib.nullcontext()
        # What the chats are told goes through the outbox, which shares this write queue.
        self.outbox = ChatOutbox(
            sessions=sessions,
            notifiers=notifiers,
            clock=clock,
            policy=outbox_policy,
            worker_id=self.worker_id,
            write_gate=lock,
        )
        post_reports.register(self.outbox)
        self._teller: asyncio.Task[None] | None = None
        self._tell_again = False

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
        """The next moment a delivery becomes due or a report to a chat may be (re)sent."""
        async with self._sessions() as session:
            delivery = await rows.next_wake(session)
        report = await self.outbox.next_due()
        moments = [moment for moment in (delivery, report) if moment is not None]
        return min(moments) if moments else None

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
        """Once per post, owe the chat word that it waits for the reset. A transaction of
        its own, so none locks usage counters before posts while a recorder does the reverse."""
        told: list[tuple[int, str]] = []
        resets: dict[int, datetime] = {}
        async with self._write() as session:
            for job in jobs:
                if job.delivery_id in refused and await rows.claim_post_notice(
                    session, job.post_id, DEFERRED, now, set_status=False
                ):
                    told.append((job.post_id, DEFERRED))
                    resets[job.post_id] = refused[job.delivery_id]
            await post_reports.owe(
                session, told, now, resets_at=resets, daily_limit=self._limits.posts_per_day
            )
        if told:
            self._tell_soon()

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
            self._observe(item)
        if recorded.notices:
            self._tell_soon()

    def _observe(self, item: Finished) -> None:
        if item.outcome.status == rows.PUBLISHED:
            late = item.started + timedelta(milliseconds=item.duration_ms) - item.job.due_at
            self._metrics.publish_latency.observe(
                max(0.0, late.total_seconds()), target=item.job.target.kind
            )

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
        """Mark what waited too long as missed, settle what was never settled, and send
        what the chats are owed (reports a dead process claimed, sends that failed)."""
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
                await recorder.settle(session, post_ids, now)
        self._tell_soon()

    def _tell_soon(self) -> None:
        """Send what the chats are owed in the background, without holding up publishing."""
        if self._teller is None or self._teller.done():
            self._teller = asyncio.create_task(self._tell_all())
        else:
            self._tell_again = True

    async def _quiet(self) -> None:
        """Wait until the reports owed so far were sent or put back (the end of `run_due`)."""
        while self._teller is not None and not self._teller.done():
            await asyncio.shield(self._teller)

    async def _tell_all(self) -> None:
        while True:
            self._tell_again = False
            try:
                await self.outbox.deliver_due()
                await self.outbox.tidy()
            except Exception:  # the reports stay owed; a later sweep sends them
                log.exception("could not send the reports owed to chats")
            if not self._tell_again:
                return


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
