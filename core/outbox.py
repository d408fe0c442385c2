"""The chat outbox: messages owed to a chat are delivered at least once.

A report is written with `enqueue` in the same transaction as the change it reports,
so committing the change commits the duty to tell the chat. `ChatOutbox.deliver_due`
then claims due reports (owner, time, a short lease), composes each one into an
`Output` with the composer registered for its kind, hands it to the chat's notifier,
and marks it sent only after the platform accepted it.

What a crash costs: dying before the send leaves a claim that runs out after the lease,
and another run sends the report; dying after the send and before it is marked sent
sends it once more after the lease. A rare duplicate, never a lost report. A failed
send is put back and retried with a growing wait.

Usage, for any kind of report:

    outbox.register("daily", compose_daily)     # async (session, payloads) -> outputs
    async with sessions.begin() as session:     # the caller's own transaction
        ...change what the report is about...
        await enqueue(session, platform="telegram", chat_id="-100", kind="daily",
                      payload={"workspace_id": 3, "day": "2026-11-21"}, now=now,
                      dedup_key="daily:3:2026-11-21")
    await outbox.deliver_due()                   # or wait for the next publishing sweep

A composer is called with a batch of payloads of its kind and returns one output per
payload (None: nothing to say any more, the report is dropped as sent). It reads what it
needs in the session it is given, so the message shows the latest state, in the chat's
current language.

A workspace that named another chat for its reports (`core.report_chats`) gets them
there; when that chat does not take one, the workspace's own chat gets it at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.conversation.messages import Output
from core.notifiers import Notifiers
from core.report_chats import chosen_chats
from storage import chat_reports
from storage.chat_reports import ClaimedReport

log = logging.getLogger(__name__)

Composer = Callable[[AsyncSession, Sequence[Mapping[str, Any]]], Awaitable[Sequence[Output | None]]]


async def enqueue(
    session: AsyncSession,
    *,
    platform: str,
    chat_id: str,
    kind: str,
    payload: Mapping[str, Any],
    now: datetime,
    dedup_key: str | None = None,
) -> bool:
    """Owe `chat_id` a report of `kind`, in the caller's transaction.

    `payload` must be JSON; keep it to ids and facts, the composer renders the words.
    With `dedup_key` a second report under the same key is not added (returns False).
    """
    return await chat_reports.add(
        session,
        platform=platform,
        chat_id=chat_id,
        kind=kind,
        payload=payload,
        now=now,
        dedup_key=dedup_key,
    )


@dataclass(frozen=True)
class Owed:
    """One report for `enqueue_many`."""

    platform: str
    chat_id: str
    kind: str
    payload: Mapping[str, Any]


async def enqueue_many(session: AsyncSession, reports: Sequence[Owed], now: datetime) -> None:
    """Owe several reports at once (no dedup keys), in the caller's transaction."""
    await chat_reports.add_many(
        session,
        [
            {"platform": r.platform, "chat_id": r.chat_id, "kind": r.kind, "payload": r.payload}
            for r in reports
        ],
        now,
    )


@dataclass(frozen=True)
class OutboxPolicy:
    lease: timedelta = timedelta(seconds=60)
    first_retry: timedelta = timedelta(seconds=15)
    longest_retry: timedelta = timedelta(hours=1)
    batch: int = 64
    concurrency: int = 8
    keep_sent: timedelta = timedelta(days=14)  # then sent reports are deleted

    def retry_after(self, attempts: int) -> timedelta:
        """Doubling waits between failed sends, capped."""
        wait = self.first_retry * (2 ** max(0, attempts - 1))
        return min(wait, self.longest_retry)


@dataclass
class OutboxRun:
    sent: int = 0
    failed: int = 0


class ChatOutbox:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        notifiers: Notifiers,
        clock: Clock,
        policy: OutboxPolicy | None = None,
        worker_id: str | None = None,
        write_gate: asyncio.Lock | None = None,
    ) -> None:
        self._sessions = sessions
        self._notifiers = notifiers
        self._clock = clock
        self.policy = policy or OutboxPolicy()
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._composers: dict[str, Composer] = {}
        self._tidied_at: datetime | None = None
        self._gate: contextlib.AbstractAsyncContextManager[Any] = (
            write_gate if write_gate is not None else contextlib.nullcontext()
        )

    def register(self, kind: str, composer: Composer) -> None:
        """Reports of `kind` are composed by `composer` in this process."""
        self._composers[kind] = composer

    @contextlib.asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncSession]:
        async with self._gate, self._sessions.begin() as session:
            yield session

    async def deliver_due(self) -> OutboxRun:
        """Send every report that is due and that this process can send, batch by batch."""
        run = OutboxRun()
        while True:
            now = self._clock()
            async with self._write() as session:
                claimed = await chat_reports.claim(
                    session,
                    owner=self.worker_id,
                    now=now,
                    lease_until=now + self.policy.lease,
                    platforms=self._notifiers.platforms,
                    kinds=self._composers.keys(),
                    limit=self.policy.batch,
                )
            if not claimed:
                return run
            await self._deliver(claimed, run)
            if len(claimed) < self.policy.batch:
                return run

    async def tidy(self) -> None:
        """Delete reports sent longer than `keep_sent` ago; at most once an hour."""
        now = self._clock()
        if self._tidied_at is not None and now - self._tidied_at < timedelta(hours=1):
            return
        self._tidied_at = now
        async with self._write() as session:
            await chat_reports.forget_sent(session, now - self.policy.keep_sent)

    async def next_due(self) -> datetime | None:
        async with self._sessions() as session:
            return await chat_reports.next_due(
                session, self._notifiers.platforms, self._composers.keys()
            )

    async def _deliver(self, claimed: list[ClaimedReport], run: OutboxRun) -> None:
        """Send a claimed batch, then record the whole batch in one transaction.

        One write per batch keeps SQLite's single writer free for publishing; the price
        is that a crash in the middle repeats the batch's sent reports (one per chat).
        """
        outputs, chosen = await self._compose(claimed)
        limiter = asyncio.Semaphore(self.policy.concurrency)

        async def send(report: ClaimedReport) -> tuple[ClaimedReport, str | None]:
            async with limiter:
                return await self._send(report, outputs, chosen)

        results = await asyncio.gather(*map(send, claimed))
        sent = [report.id for report, error in results if error is None]
        failed = [(report, error) for report, error in results if error is not None]
        now = self._clock()
        async with self._write() as session:
            await chat_reports.mark_sent(session, sent, now)
            for report, error in failed:
                await chat_reports.put_back(
                    session,
                    report.id,
                    owner=self.worker_id,
                    due_at=now + self.policy.retry_after(report.attempts),
                    error=error,
                )
        run.sent += len(sent)
        run.failed += len(failed)

    async def _send(
        self,
        report: ClaimedReport,
        outputs: Mapping[int, Output | None],
        chosen: Mapping[tuple[str, str], str],
    ) -> tuple[ClaimedReport, str | None]:
        """The report and why it was not sent (None: the platform accepted it)."""
        if report.id not in outputs:
            return report, "could not be composed"
        output = outputs[report.id]
        if output is None:
            return report, None
        elsewhere = chosen.get((report.platform, report.chat_id))
        if elsewhere is not None:
            if await self._notifiers.notify(report.platform, elsewhere, output):
                return report, None
            log.warning(
                "%s chat %s did not take report %d; sending it to chat %s",
                report.platform,
                elsewhere,
                report.id,
                report.chat_id,
            )
        if not await self._notifiers.notify(report.platform, report.chat_id, output):
            return report, "the platform did not accept it"
        return report, None

    async def _compose(
        self, claimed: list[ClaimedReport]
    ) -> tuple[dict[int, Output | None], dict[tuple[str, str], str]]:
        """Each kind's reports in one batch (a composer that fails leaves its reports
        out), and the chats that chose another chat for their reports."""
        by_kind: dict[str, list[ClaimedReport]] = defaultdict(list)
        for report in claimed:
            by_kind[report.kind].append(report)
        outputs: dict[int, Output | None] = {}
        async with self._sessions() as session:
            chosen = await chosen_chats(session, ((r.platform, r.chat_id) for r in claimed))
            for kind, reports in by_kind.items():
                try:
                    composed = await self._composers[kind](
                        session, [report.payload for report in reports]
                    )
                except Exception:
                    log.exception("could not compose %d %s reports", len(reports), kind)
                    continue
                outputs.update(zip((report.id for report in reports), composed, strict=True))
        return outputs, chosen
