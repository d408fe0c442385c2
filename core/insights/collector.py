"""Reading due insights from Instagram and appending them as snapshots.

Each run starts tracking newly published Instagram posts (and each connected account),
claims the rows whose time has come, reads them a few at a time per account, and
writes every result at once: the snapshots that changed, and when to read again.

Meta's limits are respected, never fought: a throttled account (usage header at 100%,
or a throttling code) is left alone until the regain time it names, and its other posts
wait with it. An expired token marks the target "needs reconnect" exactly as publishing
does, and its posts are skipped until it is connected again. A post deleted on Instagram
stops being read and shows as deleted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import reading_cadence
from core.clock import Clock
from core.crypto import TokenCipher
from core.insights.instagram import InstagramInsights, MediaGone, Values
from core.publishers.base import ErrorKind, PublishError
from core.publishers.instagram_factory import INSTAGRAM, INSTAGRAM_LOGIN, graph_url_for
from core.publishers.instagram_http import GraphApi
from core.settings import Settings
from core.targets.store import NEEDS_RECONNECT, secret_binding
from storage import insight_snapshots, insight_syncs
from storage import targets as target_rows
from storage.insight_syncs import DueSync, Outcome
from storage.models import Target

log = logging.getLogger(__name__)

STORY_LAYOUT = "story"
# After an error that is neither throttling nor a token problem, try again this much later.
RETRY_AFTER_ERROR = timedelta(minutes=15)


@dataclass
class CollectRun:
    read: int = 0
    deleted: int = 0
    postponed: int = 0
    failed: int = 0
    snapshots: int = 0


@dataclass(frozen=True)
class _Read:
    values: Values


@dataclass(frozen=True)
class _Gone:
    pass


@dataclass(frozen=True)
class _Later:
    until: datetime
    error_key: str | None


@dataclass(frozen=True)
class _Failed:
    error_key: str | None


_Result = _Read | _Gone | _Later | _Failed


@dataclass
class _Account:
    """One target's reader and what this run learned about it."""

    target: Target
    insights: InstagramInsights | None
    paused_until: datetime | None = None
    pause_key: str | None = None
    token_dead: bool = False
    calls: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(4))


class InsightCollector:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        http: httpx.AsyncClient,
        settings: Settings,
        cipher: TokenCipher,
        clock: Clock,
        batch: int = 200,
        lease: timedelta = timedelta(minutes=5),
        per_account: int = 4,
        concurrency: int = 16,
        write_gate: asyncio.Lock | None = None,
    ) -> None:
        self._sessions = sessions
        self._http = http
        self._settings = settings
        self._cipher = cipher
        self._clock = clock
        self._batch = batch
        self._lease = lease
        self._per_account = per_account
        # Calls in flight across all accounts: enough to hide Meta's latency, few enough
        # that the HTTP pool does not churn through connections.
        self._in_flight = asyncio.Semaphore(concurrency)
        self._gate: contextlib.AbstractAsyncContextManager[Any] = (
            write_gate if write_gate is not None else contextlib.nullcontext()
        )
        # (is_story, metric) pairs each account's posts are refused, kept across runs.
        self._refused: dict[int, set[tuple[bool, str]]] = defaultdict(set)

    @contextlib.asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncSession]:
        async with self._gate, self._sessions.begin() as session:
            yield session

    async def run_due(self) -> CollectRun:
        """Read everything that is due now, batch by batch."""
        run = CollectRun()
        async with self._write() as session:
            await insight_syncs.discover(session, kinds=(INSTAGRAM,), now=self._clock())
        while True:
            now = self._clock()
            async with self._write() as session:
                due = await insight_syncs.claim_due(
                    session, now=now, lease_until=now + self._lease, limit=self._batch
                )
                targets = await target_rows.targets_by_id(session, {s.target_id for s in due})
            if not due:
                return run
            accounts = {tid: self._account(target) for tid, target in targets.items()}
            results = await asyncio.gather(
                *(self._read(sync, accounts[sync.target_id], now) for sync in due)
            )
            async with self._write() as session:
                await self._store(session, due, list(results), now, run)
                await _account_states(session, accounts.values(), now)
            if len(due) < self._batch:
                return run

    async def next_due(self) -> datetime | None:
        async with self._sessions() as session:
            return await insight_syncs.next_due(session)

    # -- reading ------------------------------------------------------------------------------

    def _account(self, target: Target) -> _Account:
        """A reader for the target's token, allowed a few calls at a time."""
        calls = asyncio.Semaphore(self._per_account)
        if not target.credentials_encrypted:
            return _Account(target, None, calls=calls)
        token = self._cipher.decrypt(
            target.credentials_encrypted, bound_to=secret_binding(target.id)
        )
        login = str(target.config.get("login") or INSTAGRAM_LOGIN)
        api = GraphApi(self._http, graph_url_for(self._settings, login), token)
        return _Account(
            target, InstagramInsights(api, refused=self._refused[target.id]), calls=calls
        )

    async def _read(self, sync: DueSync, account: _Account, now: datetime) -> _Result:
        async with account.calls, self._in_flight:
            if account.token_dead or account.insights is None:
                return _Later(now + self._lease, None)
            if account.paused_until is not None:
                return _Later(account.paused_until, account.pause_key)
            try:
                if sync.delivery_id is None:
                    values = await account.insights.account(account.target.address, day_end=now)
                else:
                    assert sync.external_id is not None
                    story = sync.layout == STORY_LAYOUT
                    values = await account.insights.media(sync.external_id, story=story)
            except MediaGone:
                return _Gone()
            except PublishError as error:
                return self._after_error(error, account, now)
            return _Read(values)

    def _after_error(self, error: PublishError, account: _Account, now: datetime) -> _Result:
        key = str(error.message_key) if error.message_key else None
        if error.kind is ErrorKind.RATE_LIMITED:
            wait = timedelta(seconds=error.retry_after or 300)
            account.paused_until = max(account.paused_until or now, now + wait)
            account.pause_key = key
            return _Later(account.paused_until, key)
        if error.kind is ErrorKind.AUTH:
            account.token_dead = True
            return _Later(now + self._lease, key)
        log.warning("insights of target %s: %s", account.target.id, error)
        return _Failed(key)

    # -- writing ------------------------------------------------------------------------------

    async def _store(
        self,
        session: AsyncSession,
        due: list[DueSync],
        results: list[_Result],
        now: datetime,
        run: CollectRun,
    ) -> None:
        """The run's snapshots in one INSERT, its outcomes in two batched UPDATEs."""
        delivery_ids = [sync.delivery_id for sync in due if sync.delivery_id is not None]
        latest = await insight_snapshots.latest_values(session, delivery_ids)
        snapshots: list[dict[str, object]] = []
        outcomes: list[Outcome] = []
        for sync, result in zip(due, results, strict=True):
            match result:
                case _Read(values=values):
                    run.read += 1
                    snapshots += _changed(sync, values, latest, now)
                    next_at = self._next(sync, now)
                    outcomes.append(
                        Outcome(sync.id, next_at, synced=True)
                        if next_at is not None
                        else Outcome(sync.id, now, status=insight_syncs.DONE, synced=True)
                    )
                case _Gone():
                    run.deleted += 1
                    outcomes.append(Outcome(sync.id, now, status=insight_syncs.DELETED))
                case _Later(until=until, error_key=key):
                    run.postponed += 1
                    outcomes.append(Outcome(sync.id, until, error_key=key))
                case _Failed(error_key=key):
                    run.failed += 1
                    outcomes.append(Outcome(sync.id, now + RETRY_AFTER_ERROR, error_key=key))
        if snapshots:
            await insight_snapshots.add_many(session, snapshots)
        run.snapshots += len(snapshots)
        await insight_syncs.record_outcomes(session, outcomes, now)

    def _next(self, sync: DueSync, now: datetime) -> datetime | None:
        if sync.delivery_id is None:
            return reading_cadence.next_account_reading(now)
        published = sync.published_at or now
        return reading_cadence.next_reading(published, now, story=sync.layout == STORY_LAYOUT)


def _changed(
    sync: DueSync,
    values: Values,
    latest: dict[tuple[int, str], insight_snapshots.Reading],
    now: datetime,
) -> list[dict[str, object]]:
    """Snapshot rows for the readings that differ from the last one stored.

    An account's readings are day totals, so each is kept; a post's lifetime values
    are kept only when they moved (growth stays drawable, the table stays small).
    """
    rows: list[dict[str, object]] = []
    for metric, value in values.items():
        if sync.delivery_id is not None:
            previous = latest.get((sync.delivery_id, metric))
            if previous is not None and previous.value == value:
                continue
        rows.append(
            {
                "workspace_id": sync.workspace_id,
                "target_id": sync.target_id,
                "post_id": sync.post_id,
                "delivery_id": sync.delivery_id,
                "metric": metric,
                "value": value,
                "taken_at": now,
            }
        )
    return rows


async def _account_states(
    session: AsyncSession, accounts: Iterable[_Account], now: datetime
) -> None:
    """What the run learned about accounts: a dead token, or a wait Meta asked for."""
    for account in accounts:
        if account.token_dead:
            await target_rows.change_status_if(
                session, account.target.id, current="active", new=NEEDS_RECONNECT, now=now
            )
        if account.paused_until is not None:
            await insight_syncs.postpone_target(
                session, account.target.id, until=account.paused_until
            )
