"""Leases: each claim's own token, renewed while its attempt runs, on the database's clock.

The slow attempts here are real: python-telegram-bot sending to a channel on the fake Bot
API, whose sendPhoto is held open until the test lets it answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from telegram import Bot

from bot.publishers import telegram_channel
from bot.telegram.aiohttp_request import aiohttp_bot
from core.app import App, open_app
from core.clock import ManualClock
from core.conversation.messages import Problem
from core.settings import Settings
from storage import deliveries as rows
from storage.models import DeliveryAttempt
from tests.fakes.telegram_api import FakeBotAPI
from tests.publishing.helpers import (
    RecordingNotifier,
    Seeded,
    delivery,
    expire_leases,
    seed,
)

TOKEN = "777:LEASE-TEST"
LEASE = timedelta(seconds=1)

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(token=TOKEN, bot_username="flyer_test_bot") as running:
        yield running


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    async with aiohttp_bot(
        TOKEN, base_url=fake.base_url, base_file_url=fake.base_file_url
    ) as client:
        yield client


def _short_leases(
    app: App, *, renew_every: timedelta | None = None, lease: timedelta = LEASE
) -> None:
    dispatcher = app.publishing.dispatcher
    dispatcher.policy = replace(dispatcher.policy, lease=lease, renew_every=renew_every)


async def _channel_post(app: App, fake: FakeBotAPI, bot: Bot, clock: ManualClock) -> Seeded:
    """One post due now for a Telegram channel, published through the real client."""
    telegram_channel.register(app.publishing, bot)
    channel = fake.channel("Seoul Techno", username="seoultechno")
    return await seed(
        app, due_at=clock.now, kind=telegram_channel.KIND, addresses=(str(channel.id),)
    )


async def _sending(fake: FakeBotAPI) -> asyncio.Event:
    """Hold the next sendPhoto open; returns the switch that lets it answer."""
    return fake.hold_next("sendPhoto")


async def test_an_attempt_outliving_its_lease_is_not_taken_over_by_its_own_process(
    app: App, fake: FakeBotAPI, bot: Bot, clock: ManualClock
) -> None:
    seeded = await _channel_post(app, fake, bot, clock)
    notifier = RecordingNotifier()
    app.publishing.notifiers.register("test", notifier)
    _short_leases(app)
    release = await _sending(fake)
    dispatcher = app.publishing.dispatcher

    first = asyncio.create_task(dispatcher.run_due())
    await fake.wait_until(lambda: len(fake.calls_to("sendPhoto")) == 1)
    clock.advance(LEASE * 2)
    await asyncio.sleep(LEASE.total_seconds() * 1.5)  # longer than the lease, in real time
    meanwhile = await dispatcher.run_due()  # the periodic sweep fires during the upload
    release.set()
    report = await first

    assert meanwhile.claimed == 0
    assert report.published == 1
    assert len(fake.calls_to("sendPhoto")) == 1
    row = await delivery(app, seeded.delivery_ids[0])
    assert row.status == "published" and row.attempts == 1
    assert not any(isinstance(output, Problem) for output in notifier.outputs)  # no "Retry?"


async def test_another_process_cannot_claim_while_the_lease_is_renewed(
    app: App, settings: Settings, fake: FakeBotAPI, bot: Bot, clock: ManualClock
) -> None:
    seeded = await _channel_post(app, fake, bot, clock)
    app.publishing.notifiers.register("test", RecordingNotifier())
    _short_leases(app, renew_every=timedelta(seconds=0.2))
    release = await _sending(fake)

    first = asyncio.create_task(app.publishing.dispatcher.run_due())
    await fake.wait_until(lambda: len(fake.calls_to("sendPhoto")) == 1)
    async with open_app(settings, clock=clock) as other:
        telegram_channel.register(other.publishing, bot)
        for _ in range(3):
            await asyncio.sleep(LEASE.total_seconds() * 0.6)
            assert (await other.publishing.dispatcher.run_due()).claimed == 0
    release.set()

    assert (await first).published == 1
    assert (await delivery(app, seeded.delivery_ids[0])).attempts == 1


async def test_a_process_never_claims_what_it_has_in_flight(
    app: App, fake: FakeBotAPI, bot: Bot, clock: ManualClock
) -> None:
    seeded = await _channel_post(app, fake, bot, clock)
    app.publishing.notifiers.register("test", RecordingNotifier())
    # No renewal, and the lease is ended below by hand: its length only bounds how long
    # the attempt's journal write may wait, which a busy machine must not run out of.
    _short_leases(app, renew_every=timedelta(hours=1), lease=timedelta(seconds=30))
    release = await _sending(fake)
    dispatcher = app.publishing.dispatcher

    first = asyncio.create_task(dispatcher.run_due())
    await fake.wait_until(lambda: len(fake.calls_to("sendPhoto")) == 1)
    await expire_leases(app)
    assert dispatcher.in_flight() == {seeded.delivery_ids[0]}
    assert (await dispatcher.run_due()).claimed == 0
    release.set()

    assert (await first).published == 1
    assert len(fake.calls_to("sendPhoto")) == 1


async def test_an_attempt_whose_lease_was_taken_stops_and_writes_nothing(
    app: App, fake: FakeBotAPI, bot: Bot, clock: ManualClock
) -> None:
    seeded = await _channel_post(app, fake, bot, clock)
    app.publishing.notifiers.register("test", RecordingNotifier())
    _short_leases(app, renew_every=timedelta(seconds=0.1))
    release = await _sending(fake)

    first = asyncio.create_task(app.publishing.dispatcher.run_due())
    await fake.wait_until(lambda: len(fake.calls_to("sendPhoto")) == 1)
    await expire_leases(app)
    async with app.sessions.begin() as session:  # a worker elsewhere takes it over
        [taken] = await rows.claim_due(
            session, owner="elsewhere", now=clock.now, lease_seconds=300, limit=1
        )
    report = await asyncio.wait_for(first, timeout=5)  # stopped by its lease timer
    release.set()

    assert report.published == 0
    row = await delivery(app, seeded.delivery_ids[0])
    assert (row.status, row.lease_owner, row.attempts) == ("publishing", "elsewhere", 2)
    assert taken.attempt == 2
    async with app.sessions() as session:
        logged = list((await session.execute(select(DeliveryAttempt.outcome))).scalars())
    assert logged == ["lease_lost"]


async def test_each_claim_is_its_own_token_and_a_stale_one_cannot_write(
    app: App, clock: ManualClock
) -> None:
    seeded = await seed(app, due_at=clock.now)
    async with app.sessions.begin() as session:
        [first] = await rows.claim_due(
            session, owner="worker", now=clock.now, lease_seconds=300, limit=5
        )
    await expire_leases(app)
    async with app.sessions.begin() as session:  # the same worker claims it again
        [second] = await rows.claim_due(
            session, owner="worker", now=clock.now, lease_seconds=300, limit=5
        )
    assert (first.delivery_id, second.attempt) == (seeded.delivery_ids[0], first.attempt + 1)

    async with app.sessions.begin() as session:
        assert not await rows.update_leased(session, first, journal={"stale": "1"})
        assert not await rows.renew_lease(session, first, 300)
        assert await rows.still_held(session, [first, second]) == {second.delivery_id}
        assert await rows.update_leased(session, second, journal={"fresh": "1"})
    assert (await delivery(app, second.delivery_id)).journal == {"fresh": "1"}


async def test_leases_run_on_the_database_clock(app: App, clock: ManualClock) -> None:
    seeded = await seed(app, due_at=clock.now)
    async with app.sessions.begin() as session:
        await rows.claim_due(session, owner="worker", now=clock.now, lease_seconds=300, limit=1)
    claimed = await delivery(app, seeded.delivery_ids[0])
    expected = datetime.now(UTC) + timedelta(seconds=300)
    assert claimed.lease_expires_at is not None
    assert abs(claimed.lease_expires_at - expected) < timedelta(seconds=30)
    # However far this worker's own clock runs ahead, the lease is alive for the database.
    clock.advance(timedelta(days=3))
    assert (await app.publishing.dispatcher.run_due(sweep=False)).claimed == 0
    assert await app.publishing.dispatcher.next_wake() is not None


async def test_a_claim_takes_at_most_its_limit(app: App, clock: ManualClock) -> None:
    await seed(app, due_at=clock.now, posts=10)
    async with app.sessions.begin() as session:
        claimed = await rows.claim_due(
            session, owner="worker", now=clock.now, lease_seconds=300, limit=3
        )
    assert len(claimed) == 3
