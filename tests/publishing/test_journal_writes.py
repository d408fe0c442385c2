"""Journal writes go through one group commit, and a database that cannot take them in
time costs a retry, never a post marked failed nor a write after the lease ran out."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from core.app import App
from core.clock import ManualClock
from core.conversation.messages import Problem
from core.database_pool import BURST
from core.publishers.base import Journal, Publication, Published
from core.publishing.journal_writer import JournalUnavailable
from core.settings import Settings
from storage import deliveries as rows
from tests.publishing.helpers import (
    FAKE,
    RecordingNotifier,
    attempts,
    delivery,
    seed,
    use_fake,
)

POOL = 1  # connections kept; BURST more may be opened


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"database_pool_size": POOL, "database_pool_timeout_seconds": 0.1}
    )


@dataclass
class StarvedPublisher:
    """Publishes for real, then finds every pooled connection taken (by other work in the
    process) just when the post's id is to be journaled."""

    engine: AsyncEngine
    kind: str = FAKE
    live: dict[int, Published] = field(default_factory=dict)
    sent: list[int] = field(default_factory=list)
    verifies: list[int] = field(default_factory=list)

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        delivery_id = publication.delivery_id
        published = Published(f"msg-{delivery_id}", f"https://example.test/{delivery_id}")
        self.live[delivery_id] = published
        self.sent.append(delivery_id)
        async with AsyncExitStack() as taken:
            for _ in range(POOL + BURST):
                await taken.enter_async_context(self.engine.connect())
            await journal.record(message_id=published.external_id)
        return published

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        self.verifies.append(publication.delivery_id)
        return self.live.get(publication.delivery_id)


async def test_a_journal_write_that_gets_no_connection_hands_the_live_post_back(
    app: App, clock: ManualClock
) -> None:
    publisher, notifier = StarvedPublisher(app.engine), RecordingNotifier()
    use_fake(app, publisher, notifier)  # type: ignore[arg-type]
    dispatcher = app.publishing.dispatcher
    dispatcher.policy = replace(dispatcher.policy, lease=timedelta(seconds=1))
    seeded = await seed(app, due_at=clock.now)
    [delivery_id] = seeded.delivery_ids

    report = await dispatcher.run_due()

    assert publisher.sent == [delivery_id]  # sent once
    assert publisher.verifies == [delivery_id]  # the second attempt looked first
    logged = [attempt.outcome for attempt in await attempts(app, delivery_id)]
    assert logged == ["handed_back", "verified"]
    row = await delivery(app, delivery_id)
    assert row.status == "published" and row.external_id == f"msg-{delivery_id}"
    assert row.attempts == 1  # the attempt handed back gave its number back
    assert report.failed == 0 and report.published == 1
    assert not any(isinstance(output, Problem) for output in notifier.outputs)


async def test_writes_handed_in_together_share_one_commit_and_each_sees_it(
    app: App, clock: ManualClock
) -> None:
    seeded = await seed(app, due_at=clock.now, posts=20)
    async with app.sessions.begin() as session:
        leases = await rows.claim_due(
            session, owner="me", now=clock.now, lease_seconds=300, limit=20
        )
    stale = rows.Lease(leases[0].delivery_id, "me", leases[0].attempt + 1)
    writer = app.publishing.dispatcher.journals
    later = time.monotonic() + 60

    kept = await asyncio.gather(
        *(
            writer.store(
                rows.LeasedWrite(lease, {"step": str(lease.delivery_id)}), give_up_at=later
            )
            for lease in leases
        ),
        writer.store(rows.LeasedWrite(stale, {"step": "stale"}), give_up_at=later),
    )

    assert kept == [True] * 20 + [False]  # a lost lease writes nothing
    assert writer.commits == 1
    for delivery_id in seeded.delivery_ids:
        assert (await delivery(app, delivery_id)).journal == {"step": str(delivery_id)}


async def test_a_write_that_could_land_after_the_lease_ran_out_is_not_made(
    app: App, clock: ManualClock
) -> None:
    await seed(app, due_at=clock.now)
    async with app.sessions.begin() as session:
        [lease] = await rows.claim_due(
            session, owner="me", now=clock.now, lease_seconds=300, limit=1
        )
    writer = app.publishing.dispatcher.journals

    with pytest.raises(JournalUnavailable):
        await writer.store(
            rows.LeasedWrite(lease, {"step": "late"}), give_up_at=time.monotonic() - 0.001
        )

    assert writer.commits == 0
    assert (await delivery(app, lease.delivery_id)).journal == {}
