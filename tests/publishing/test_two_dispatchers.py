"""Two dispatchers (two processes' worth of engine) on one database never publish twice."""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlalchemy import func, select

from core.app import App, open_app
from core.clock import ManualClock
from core.settings import Settings
from storage.models import Delivery, DeliveryAttempt
from tests.publishing.helpers import RecordingNotifier, ScriptedPublisher, seed, use_fake


async def _race(settings: Settings, clock: ManualClock, publisher: ScriptedPublisher) -> list[str]:
    """Both dispatchers drain the same table at the same time; returns their worker ids."""
    async with open_app(settings, clock=clock) as one, open_app(settings, clock=clock) as two:
        use_fake(one, publisher, RecordingNotifier())
        use_fake(two, publisher, RecordingNotifier())
        await asyncio.gather(
            one.publishing.dispatcher.run_due(), two.publishing.dispatcher.run_due()
        )
        return [one.publishing.dispatcher.worker_id, two.publishing.dispatcher.worker_id]


async def _statuses(app: App) -> dict[str, int]:
    async with app.sessions() as session:
        query = select(Delivery.status, func.count()).group_by(Delivery.status)
        return {status: count for status, count in (await session.execute(query)).all()}


async def test_two_dispatchers_on_one_database_publish_each_delivery_once(
    app: App, settings: Settings, clock: ManualClock
) -> None:
    unlimited = settings.model_copy(update={"posts_per_day": 0})
    publisher = ScriptedPublisher(script=["yield"] * 1000)
    seeded = await seed(app, due_at=clock.now, posts=150, addresses=("a", "b"))

    workers = await _race(unlimited, clock, publisher)

    sent = Counter(publisher.sent)
    assert sorted(sent) == sorted(seeded.delivery_ids) and set(sent.values()) == {1}
    assert await _statuses(app) == {"published": 300}
    async with app.sessions() as session:
        logged = list((await session.execute(select(DeliveryAttempt.worker))).scalars())
    assert len(logged) == 300 and set(logged) <= set(workers)


async def test_two_dispatchers_share_the_daily_post_limit(
    app: App, settings: Settings, clock: ManualClock
) -> None:
    publisher = ScriptedPublisher(script=["yield"] * 1000)
    await seed(app, due_at=clock.now, posts=20, addresses=("a", "b"))

    await _race(settings, clock, publisher)

    limit = settings.posts_per_day
    assert len(publisher.sent) == len(set(publisher.sent)) == limit
    assert await _statuses(app) == {"published": limit, "pending": 40 - limit}
