"""APScheduler only decides when to wake the dispatcher; its jobs come from the table."""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from core.app import App, open_app
from core.clock import ManualClock
from core.publishers.base import Journal, Publication, Published
from core.publishing.scheduler import SWEEP_JOB, PublishingScheduler
from core.settings import Settings
from tests.publishing.helpers import RecordingNotifier, ScriptedPublisher, delivery, seed, use_fake


@dataclass
class HoldingPublisher(ScriptedPublisher):
    """Publishes at once, except the deliveries in `held`: those get as far as a container
    on the platform and then wait for an answer that does not come."""

    held: Collection[int] = ()
    waiting: set[int] = field(default_factory=set)
    all_waiting: asyncio.Event = field(default_factory=asyncio.Event)

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        if publication.delivery_id not in self.held:
            return await super().publish(publication, journal)
        self.publishes.append(publication.delivery_id)
        await journal.record(container_id=f"container-{publication.delivery_id}")
        self.waiting.add(publication.delivery_id)
        if self.waiting == set(self.held):
            self.all_waiting.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


def _close_to(moment: datetime | None, expected: datetime) -> bool:
    return moment is not None and abs(moment - expected) < timedelta(seconds=30)


async def test_start_publishes_what_is_due_and_plans_the_next_wake_up(
    app: App, clock: ManualClock
) -> None:
    publisher = ScriptedPublisher()
    use_fake(app, publisher, RecordingNotifier())
    due_now = await seed(app, due_at=clock.now - timedelta(minutes=2))  # within the grace
    later = await seed(app, due_at=clock.now + timedelta(hours=2), chat_id="chat-2")

    scheduler = await app.publishing.start()
    try:
        await scheduler.run_now()  # waits for the first run, which published what was due
        assert publisher.sent == due_now.delivery_ids  # once: the second run found nothing
        assert (await delivery(app, later.delivery_ids[0])).status == "pending"
        # The date job sits two hours of wall-clock time away, as the table says.
        assert _close_to(scheduler.next_run_time(), datetime.now(UTC) + timedelta(hours=2))
        sweep = scheduler._scheduler.get_job(SWEEP_JOB)
        assert sweep is not None and sweep.trigger.interval == timedelta(seconds=30)
    finally:
        await app.publishing.stop()


async def test_a_restart_rebuilds_the_wake_up_from_the_table(
    app: App, settings: Settings, clock: ManualClock
) -> None:
    await seed(app, due_at=clock.now + timedelta(days=3))
    async with open_app(settings, clock=clock) as restarted:
        scheduler = await restarted.publishing.start()
        try:
            await scheduler.run_now()
            expected = datetime.now(UTC) + timedelta(days=3)
            assert _close_to(scheduler.next_run_time(), expected)
        finally:
            await restarted.publishing.stop()


async def test_new_work_pokes_the_scheduler_awake_now(app: App, clock: ManualClock) -> None:
    use_fake(app, ScriptedPublisher(), RecordingNotifier())
    scheduler = await app.publishing.start()
    try:
        await scheduler.run_now()
        assert scheduler.next_run_time() is None  # nothing to do, nothing planned
        await seed(app, due_at=clock.now)
        app.publishing.poke()
        assert _close_to(scheduler.next_run_time(), datetime.now(UTC))
    finally:
        await app.publishing.stop()


async def test_start_returns_while_its_first_run_is_under_way_and_a_stop_loses_nothing(
    app: App, settings: Settings, clock: ManualClock
) -> None:
    seeded = await seed(app, due_at=clock.now, posts=6)
    first, second, third, fourth, fifth, sixth = seeded.delivery_ids
    publisher = HoldingPublisher(held={third, fourth})
    use_fake(app, publisher, RecordingNotifier())
    dispatcher = app.publishing.dispatcher
    dispatcher.policy = replace(dispatcher.policy, concurrency=2)
    app.publishing.shutdown_grace_seconds = 0  # whatever is under way is given back

    async with asyncio.timeout(20):  # guards against a hang, not speed checks
        scheduler = await app.publishing.start()
        assert publisher.sent == []  # start did not wait for the backlog
        await publisher.all_waiting.wait()  # the first run is stuck on two attempts
    assert scheduler.alive()
    assert publisher.sent == [first, second]

    await app.publishing.stop()

    assert not [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for published in (first, second):
        row = await delivery(app, published)
        assert row.status == "published" and row.external_id == f"msg-{published}"
    for given_back in (third, fourth):
        row = await delivery(app, given_back)
        assert row.status == "pending" and row.verify_first and row.lease_owner is None
        assert row.journal == {"container_id": f"container-{given_back}"}
    for untouched in (fifth, sixth):
        row = await delivery(app, untouched)
        assert row.status == "pending" and row.attempts == 0  # never claimed
    assert sorted(publisher.publishes) == [first, second, third, fourth]

    # The next process looks before it sends what was under way, and sends the rest.
    async with open_app(settings, clock=clock) as restarted:
        after = ScriptedPublisher()
        use_fake(restarted, after, RecordingNotifier())
        await restarted.publishing.dispatcher.run_due()
    assert sorted(after.verifies) == [third, fourth]
    assert sorted(after.sent) == [third, fourth, fifth, sixth]
    for delivery_id in seeded.delivery_ids:
        assert (await delivery(app, delivery_id)).status == "published"


async def test_a_stop_right_after_start_claims_nothing(app: App, clock: ManualClock) -> None:
    publisher = ScriptedPublisher()
    use_fake(app, publisher, RecordingNotifier())
    seeded = await seed(app, due_at=clock.now, posts=3)

    scheduler = await app.publishing.start()
    await app.publishing.stop()

    assert not scheduler.alive()
    assert not [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    assert publisher.publishes == []
    for delivery_id in seeded.delivery_ids:
        row = await delivery(app, delivery_id)
        assert row.status == "pending" and row.attempts == 0


class PlanningHeldDispatcher:
    """Stands in for the dispatcher to hold the scheduler inside its planning query."""

    def __init__(self) -> None:
        self.runs = 0
        self.planning = asyncio.Event()
        self.release = asyncio.Event()

    async def run_due(self) -> None:
        self.runs += 1

    async def next_wake(self) -> datetime | None:
        if self.runs == 1:  # the first planning waits until the test lets it go
            self.planning.set()
            await self.release.wait()
        return None


async def test_a_poke_while_the_next_wake_up_is_being_planned_runs_again(
    clock: ManualClock,
) -> None:
    dispatcher = PlanningHeldDispatcher()
    scheduler = PublishingScheduler(dispatcher, clock=clock)  # type: ignore[arg-type]
    scheduler._scheduler.start()
    try:
        woken = asyncio.create_task(scheduler.wake())
        await dispatcher.planning.wait()  # the run found nothing; planning has begun
        scheduler.poke()  # work announced now, committed after the run looked
        dispatcher.release.set()
        await woken

        assert dispatcher.runs == 2
    finally:
        await scheduler.stop()
