"""The dispatcher: claim what is due, publish it, record what happened, tell the chat.

It is a plain class with one entry point, `run_due()`, so tests drive it directly and
the scheduler only decides *when* to call it. Safety comes from the table, not from this
process: a claim is atomic and leased, every later change requires the lease, and an
attempt that may have published (a dead worker's lease, an unknown outcome) is verified
with the platform before anything is sent again.

A lease is the claim's attempt number (see `storage.deliveries.Lease`). While an attempt
runs, a timer renews its lease; when a renewal finds the lease gone, the attempt is
stopped before it can do anything more. Deliveries this process has in flight are never
claimed again, whatever their lease says. `drain()` ends the work for a shutdown: no new
claims, attempts under way get a grace period, the rest are interrupted and given back.

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
import time
import uuid
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.crypto import TokenCipher
from core.limits import DailyLimits
from core.metrics import Metrics
from core.notifiers import Notifiers
from core.outbox import ChatOutbox, OutboxPolicy
from core.publishers.base import Journal
from core.publishing import allowance, post_reports, recorder
from core.publishing.attempt import HANDED_BACK, Attempts, Extras, Finished, LeaseLost, Outcome
from core.publishing.jobs import Job, load_jobs
from core.publishing.journal_writer import JournalWriter
from core.publishing.outcome import DEFERRED, TOLD
from core.publishing.registry import Publishers
from core.publishing.retry import RetryPolicy
from storage import deliveries as rows
from storage import recording
from storage.media import MediaStore

log = logging.getLogger(__name__)

_RELEASED, _LEASE_LOST = "released", "lease_lost"
_LEASE_MARGIN_SECONDS = 5.0  # a journal write not begun this long before the lease ends waits


@dataclass(frozen=True)
class DispatchPolicy:
    grace: timedelta = timedelta(minutes=10)
    lease: timedelta = timedelta(minutes=5)
    renew_every: timedelta | None = None  # default: a third of the lease
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
        self._in_flight: dict[int, asyncio.Task[Finished]] = {}  # delivery id -> attempt
        self._lease_ends: dict[int, float] = {}  # delivery id -> time.monotonic(), at the latest
        self.journals = JournalWriter(
            self._write, lease_seconds=lambda: self.policy.lease.total_seconds(), clock=clock
        )
        self._attempt_of: dict[asyncio.Task[Finished], int] = {}  # run_due's task -> delivery
        self._interrupted: dict[int, str] = {}  # delivery id -> why this process stopped it
        self._claiming = True

    @contextlib.asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncSession]:
        async with self._gate, self._sessions.begin() as session:
            yield session

    # -- the loop -----------------------------------------------------------------------

    async def run_due(self, *, sweep: bool = True) -> DispatchReport:
        """Publish everything due now, at most `concurrency` at a time, until none is left."""
        report = DispatchReport()
        if not self._claiming:
            return report
        if sweep:
            await self._sweep(report)
        concurrency = self.policy.concurrency
        refill = max(1, concurrency // 4)  # claim in batches: fewer write transactions
        in_flight: set[asyncio.Task[Finished]] = set()
        recording = _Recording(self, report)
        try:
            while True:
                free = concurrency - len(in_flight)
                if free >= refill or not in_flight:
                    wanted = min(free, self.policy.claim_batch)
                    jobs = await self._claim(wanted, report)
                    report.claimed += len(jobs)
                    in_flight |= {self._start(job) for job in jobs}
                    if not in_flight:
                        if not await recording.settled():
                            break
                        continue  # what was recorded may be due again at once
                    if len(jobs) == wanted and len(in_flight) < concurrency:
                        continue
                done, in_flight = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
                # A cancelled attempt is a worker that died: its lease expires, a later run
                # verifies.
                self._forget({task for task in done if task.cancelled()})
                recording.add({task for task in done if not task.cancelled()})
            await recording.settled()
        finally:  # cancelled: leave the leases to expire, as a dead worker's would
            recording.abandon()
            for task in in_flight:
                task.cancel()
            self._forget(in_flight)
        await self._quiet()
        return report

    def stop_claiming(self) -> None:
        """Claim nothing more (a shutdown has begun); attempts under way carry on."""
        self._claiming = False

    async def drain(self, grace_seconds: float) -> None:
        """Stop claiming, give attempts under way `grace_seconds` to finish, then interrupt
        the rest: `run_due` records them as due again, to be verified before a new try."""
        self.stop_claiming()
        running = dict(self._in_flight)
        if not running:
            return
        _done, late = await asyncio.wait(running.values(), timeout=grace_seconds)
        for delivery_id, task in running.items():
            # The reason is read once the cancellation lands, after this loop.
            if task in late and task.cancel():
                self._interrupted[delivery_id] = _RELEASED
        if late:
            await asyncio.wait(late)

    def in_flight(self) -> frozenset[int]:
        """The deliveries this process is attempting right now."""
        return frozenset(self._in_flight)

    def _start(self, job: Job) -> asyncio.Task[Finished]:
        journal = self._attempts.journal_for(job)
        attempt = asyncio.create_task(self._attempts.run(job, journal))
        self._in_flight[job.delivery_id] = attempt
        leased = asyncio.create_task(self._leased(job, attempt, journal))
        self._attempt_of[leased] = job.delivery_id
        return leased

    def _forget(self, tasks: Iterable[asyncio.Task[Finished]]) -> None:
        """Recorded (or abandoned): these deliveries may be claimed again once due."""
        for task in tasks:
            delivery_id = self._attempt_of.pop(task)
            self._in_flight.pop(delivery_id, None)
            self._lease_ends.pop(delivery_id, None)

    async def _leased(
        self, job: Job, attempt: asyncio.Task[Finished], journal: Journal
    ) -> Finished:
        """Run `attempt` while a timer keeps its lease; stopped attempts say why."""
        keeper = asyncio.create_task(self._keep_lease(job, attempt))
        try:
            return await attempt
        except asyncio.CancelledError:
            why = self._interrupted.pop(job.delivery_id, None)
            if why is None or not attempt.cancelled():
                raise
            return Finished(
                job, _stopped(why, self._clock()), dict(journal.facts), self._clock(), 0
            )
        finally:
            keeper.cancel()

    async def _keep_lease(self, job: Job, attempt: asyncio.Task[Finished]) -> None:
        lease = self._lease(job)
        every = (self.policy.renew_every or self.policy.lease / 3).total_seconds()
        while not attempt.done():
            await asyncio.sleep(every)
            try:
                kept = await self._store(rows.LeasedWrite(lease))
            except Exception:  # the database is busy or away: try again on the next tick
                log.warning("delivery %s: lease not renewed this time", job.delivery_id)
                continue
            if not kept:
                if attempt.cancel():
                    log.warning("delivery %s: lease lost; attempt stopped", job.delivery_id)
                    self._interrupted[job.delivery_id] = _LEASE_LOST
                return

    def _lease(self, job: Job) -> rows.Lease:
        return rows.Lease(job.delivery_id, self.worker_id, job.attempt)

    async def next_wake(self) -> datetime | None:
        """The next moment a delivery becomes due or a report to a chat may be (re)sent."""
        async with self._sessions() as session:
            delivery = await rows.next_wake(session, self._clock())
        report = await self.outbox.next_due()
        moments = [moment for moment in (delivery, report) if moment is not None]
        return min(moments) if moments else None

    async def _claim(self, limit: int, report: DispatchReport) -> list[Job]:
        """Claim due deliveries with their daily-limit units; over the limit waits."""
        if not self._claiming:
            return []
        now, claimed_at = self._clock(), time.monotonic()
        async with self._write() as session:
            leases = await rows.claim_due(
                session,
                owner=self.worker_id,
                now=now,
                lease_seconds=self.policy.lease.total_seconds(),
                limit=limit,
                in_flight=self._in_flight.keys(),
            )
            if not leases:
                return []
            ids = [lease.delivery_id for lease in leases]
            lease_ends = claimed_at + self.policy.lease.total_seconds()
            self._lease_ends.update((number, lease_ends) for number in ids)
            loaded = await load_jobs(session, ids, self._cipher)
            jobs = [loaded[number] for number in ids if number in loaded]
            taken = await allowance.take_for(session, self._limits, jobs, now)
            await self._defer(session, jobs, taken.refused, now)
        report.deferred += len(taken.refused)
        if taken.refused:
            await self._tell_deferred(jobs, taken.refused, now)
        return [
            replace(job, counted_on=taken.granted.get(job.delivery_id, job.counted_on))
            for job in jobs
            if job.delivery_id not in taken.refused
        ]

    async def _defer(
        self,
        session: AsyncSession,
        jobs: Sequence[Job],
        refused: dict[int, datetime],
        now: datetime,
    ) -> None:
        """Put refused deliveries back until midnight, without using an attempt."""
        for job in jobs:
            resets = refused.get(job.delivery_id)
            if resets is None:
                continue
            await rows.postpone(session, self._lease(job), due_at=resets, now=now)

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
        if not await self._store(rows.LeasedWrite(self._lease(job), facts)):
            raise LeaseLost

    async def _store(self, change: rows.LeasedWrite) -> bool:
        """Write through the group commit, giving up a little before the lease ends."""
        delivery_id, lease_seconds = change.lease.delivery_id, self.policy.lease.total_seconds()
        started = time.monotonic()
        lease_ends = self._lease_ends.get(delivery_id, started + lease_seconds)
        margin = min(_LEASE_MARGIN_SECONDS, lease_seconds / 10)
        kept = await self.journals.store(change, give_up_at=lease_ends - margin)
        if kept:
            self._lease_ends[delivery_id] = max(lease_ends, started + lease_seconds)
        return kept

    # -- the sweep and the chat ---------------------------------------------------------

    async def _sweep(self, report: DispatchReport) -> None:
        """Mark what waited too long as missed, settle what was never settled, and send
        what the chats are owed (reports a dead process claimed, sends that failed)."""
        now = self._clock()
        async with self._write() as session:
            missed = await rows.mark_missed(session, late_before=now - self.policy.grace, now=now)
        report.missed += len(missed)
        async with self._sessions() as session:
            untold = await recording.untold_post_ids(session, TOLD, limit=500)
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
        while self._teller is not None:
            teller = self._teller
            try:  # a teller that was cancelled (the process is dying) cancels this run too
                await asyncio.shield(teller)
            finally:
                if teller.done() and teller is self._teller:
                    self._teller = None

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


class _Recording:
    """Finished attempts recorded in the background, a batch per transaction: whatever
    finishes while one batch is written goes into the next, and publishing goes on.
    A delivery stays in flight (never claimed again) until its attempt is recorded."""

    def __init__(self, dispatcher: Dispatcher, report: DispatchReport) -> None:
        self._dispatcher = dispatcher
        self._report = report
        self._waiting: list[asyncio.Task[Finished]] = []
        self._writer: asyncio.Task[None] | None = None

    def add(self, tasks: set[asyncio.Task[Finished]]) -> None:
        self._waiting.extend(tasks)
        if tasks and (self._writer is None or self._writer.done()):
            self._writer = asyncio.create_task(self._write_all())

    async def settled(self) -> bool:
        """Wait until everything added is recorded; True when there was anything."""
        if self._writer is None:
            return False
        while not self._writer.done():
            await asyncio.shield(self._writer)
        self._writer = None
        return True

    def abandon(self) -> None:
        """The run is cancelled: unrecorded attempts are left to their leases, as a dead
        worker's would be."""
        if self._writer is not None:
            self._writer.cancel()
        self._dispatcher._forget(self._waiting)
        self._waiting = []

    async def _write_all(self) -> None:
        while self._waiting:
            tasks, self._waiting = self._waiting, []
            try:
                await self._dispatcher._record([task.result() for task in tasks], self._report)
            finally:
                self._dispatcher._forget(tasks)


def _stopped(why: str, now: datetime) -> Outcome:
    """What an attempt this process interrupted leaves behind.

    Given back at a shutdown: due again now, verified first, since whatever it had sent
    may be live, and without using up an attempt. Lost to another claim: nothing, the new
    holder decides.
    """
    if why == _RELEASED:
        values = {"due_at": now, "verify_first": True}
        return Outcome(rows.PENDING, _RELEASED, values, spent=False)
    return Outcome(rows.PUBLISHING, _LEASE_LOST)


def _count(report: DispatchReport, item: Finished) -> None:
    status, label = item.outcome.status, item.outcome.label
    if status == rows.PUBLISHED:
        report.published += 1
    elif status == rows.PENDING and label in ("retry", HANDED_BACK):
        report.retrying += 1
    elif status == rows.FAILED:
        report.failed += 1
    elif status == rows.MISSED:
        report.missed += 1
