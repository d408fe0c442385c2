"""APScheduler only decides when to wake the dispatcher; its jobs come from the table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.app import App, open_app
from core.clock import ManualClock
from core.publishing.scheduler import SWEEP_JOB
from core.settings import Settings
from tests.publishing.helpers import RecordingNotifier, ScriptedPublisher, delivery, seed, use_fake


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
        assert publisher.sent == due_now.delivery_ids  # published during start, no waiting
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
            expected = datetime.now(UTC) + timedelta(days=3)
            assert _close_to(scheduler.next_run_time(), expected)
        finally:
            await restarted.publishing.stop()


async def test_new_work_pokes_the_scheduler_awake_now(app: App, clock: ManualClock) -> None:
    use_fake(app, ScriptedPublisher(), RecordingNotifier())
    scheduler = await app.publishing.start()
    try:
        assert scheduler.next_run_time() is None  # nothing to do, nothing planned
        await seed(app, due_at=clock.now)
        app.publishing.poke()
        assert _close_to(scheduler.next_run_time(), datetime.now(UTC))
    finally:
        await app.publishing.stop()
