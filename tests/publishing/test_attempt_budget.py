"""Only attempts that ran to an answer count toward `publish_max_attempts`: one handed
back unfinished (at a shutdown, say) must not bring a delivery closer to failing."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from core.app import App, open_app
from core.clock import ManualClock
from core.publishers.base import ErrorKind, Journal, Publication, Published
from core.settings import Settings
from tests.publishing.helpers import (
    RecordingNotifier,
    ScriptedPublisher,
    attempts,
    delivery,
    seed,
    use_fake,
)

MAX_ATTEMPTS = 2


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"publish_max_attempts": MAX_ATTEMPTS})


@dataclass
class HangingPublisher(ScriptedPublisher):
    """Gets as far as a container on the platform, then waits for an answer that never
    comes: the process is shut down around it."""

    entered: asyncio.Event = field(default_factory=asyncio.Event)

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        self.publishes.append(publication.delivery_id)
        await journal.record(container_id=f"container-{publication.delivery_id}")
        self.entered.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


def _first_backoff(app: App) -> timedelta:
    """The longest wait before a second attempt: that one is due by then."""
    return timedelta(seconds=app.publishing.dispatcher.policy.retry.base_seconds)


async def _shut_down_mid_attempt(settings: Settings, clock: ManualClock) -> None:
    """One process's life: it claims what is due, and is shut down mid-attempt with no
    grace period, so the attempt is given back."""
    publisher = HangingPublisher()
    async with open_app(settings, clock=clock) as process:
        use_fake(process, publisher, RecordingNotifier())
        dispatcher = process.publishing.dispatcher
        run = asyncio.create_task(dispatcher.run_due())
        async with asyncio.timeout(20):  # a guard against a hang, not a speed check
            await publisher.entered.wait()
        await dispatcher.drain(grace_seconds=0)
        report = await run
    assert report.claimed == 1 and report.published == 0 and report.failed == 0


async def test_a_delivery_given_back_at_three_shutdowns_still_has_every_attempt(
    app: App, settings: Settings, clock: ManualClock
) -> None:
    [delivery_id] = (await seed(app, due_at=clock.now)).delivery_ids
    for _ in range(3):
        await _shut_down_mid_attempt(settings, clock)
        given_back = await delivery(app, delivery_id)
        assert given_back.status == "pending" and given_back.verify_first
        assert given_back.attempts == 0  # none was used up

    # The next process meets a passing error once: with two attempts, it tries again.
    publisher = ScriptedPublisher(script=[ErrorKind.TRANSIENT, "ok"])
    use_fake(app, publisher, RecordingNotifier())
    await app.publishing.dispatcher.run_due()
    assert (await delivery(app, delivery_id)).status == "pending"
    clock.advance(_first_backoff(app))
    await app.publishing.dispatcher.run_due()

    published = await delivery(app, delivery_id)
    assert published.status == "published" and published.attempts == MAX_ATTEMPTS
    assert publisher.verifies == [delivery_id]  # the container may have gone live: looked
    assert publisher.sent == [delivery_id]  # published once
    logged = [attempt.outcome for attempt in await attempts(app, delivery_id)]
    assert logged == ["released", "released", "released", "retry", "published"]


async def test_a_delivery_that_really_fails_twice_fails_given_back_attempts_or_not(
    app: App, settings: Settings, clock: ManualClock
) -> None:
    [delivery_id] = (await seed(app, due_at=clock.now)).delivery_ids
    await _shut_down_mid_attempt(settings, clock)

    publisher = ScriptedPublisher(script=[ErrorKind.TRANSIENT, ErrorKind.TRANSIENT, "ok"])
    use_fake(app, publisher, RecordingNotifier())
    await app.publishing.dispatcher.run_due()
    clock.advance(_first_backoff(app))
    await app.publishing.dispatcher.run_due()

    failed = await delivery(app, delivery_id)
    assert failed.status == "failed" and failed.attempts == MAX_ATTEMPTS
    assert publisher.publishes == [delivery_id, delivery_id] and publisher.sent == []
    logged = [attempt.outcome for attempt in await attempts(app, delivery_id)]
    assert logged == ["released", "retry", "failed"]
