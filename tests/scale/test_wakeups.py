"""A frontend process's "post now" wakes the workers of other processes at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from core.app import App, open_app
from core.clock import ManualClock
from core.publishers.base import Journal, Publication, Published
from core.settings import Settings
from tests.publishing.helpers import RecordingNotifier, ScriptedPublisher, seed, use_fake


class ArrivalPublisher(ScriptedPublisher):
    """Publishes like ScriptedPublisher and lets the test wait for the first post."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = asyncio.Event()

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        published = await super().publish(publication, journal)
        self.arrived.set()
        return published


async def test_work_scheduled_in_a_process_without_a_scheduler_wakes_another_process(
    app: App, settings: Settings, clock: ManualClock, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serves one process, which wakes its own scheduler")
    # The worker sweeps once an hour: only the notification can wake it in time.
    worker_settings = settings.model_copy(update={"publish_sweep_seconds": 3600})
    publisher = ArrivalPublisher()
    async with open_app(worker_settings, clock=clock) as worker:
        use_fake(worker, publisher, RecordingNotifier())
        await worker.publishing.start()
        try:
            assert app.publishing.scheduler is None  # this one is the frontend
            await seed(app, due_at=clock.now)
            app.publishing.poke()
            async with asyncio.timeout(20):  # a guard against a hang, not a speed check
                await publisher.arrived.wait()
        finally:
            await worker.publishing.stop()
    assert len(publisher.sent) == 1


async def test_without_postgresql_a_poke_with_no_scheduler_does_nothing(
    app: App, clock: ManualClock, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the PostgreSQL path is tested above")
    await seed(app, due_at=clock.now - timedelta(minutes=1))
    app.publishing.poke()  # nothing to tell: no other process shares a SQLite file's work
    await asyncio.sleep(0)
    assert app.publishing.scheduler is None
