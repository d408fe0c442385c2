"""A clean shutdown: stop claiming, let attempts under way finish within a grace period,
give back the ones that do not, and only then let the rest of the process go."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from telegram import Bot

from bot.publishers import telegram_channel
from bot.telegram.aiohttp_request import aiohttp_bot
from core.app import App
from core.clock import ManualClock
from tests.fakes.telegram_api import FakeBotAPI
from tests.publishing.helpers import RecordingNotifier, delivery, seed

TOKEN = "777:SHUTDOWN-TEST"

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


async def _publishing_two(
    app: App, fake: FakeBotAPI, bot: Bot, clock: ManualClock
) -> tuple[list[int], asyncio.Event, asyncio.Task[object]]:
    """The scheduler running, the first of two posts held mid-upload."""
    telegram_channel.register(app.publishing, bot)
    app.publishing.notifiers.register("test", RecordingNotifier())
    channel = fake.channel("Seoul Techno", username="seoultechno")
    dispatcher = app.publishing.dispatcher
    dispatcher.policy = replace(dispatcher.policy, concurrency=1)
    seeded = await seed(
        app, due_at=clock.now, posts=2, kind=telegram_channel.KIND, addresses=(str(channel.id),)
    )
    release = fake.hold_next("sendPhoto")
    starting = asyncio.create_task(app.publishing.start())  # its first run is under way
    await fake.wait_until(lambda: len(fake.calls_to("sendPhoto")) == 1)
    return seeded.delivery_ids, release, starting


async def test_an_attempt_that_ends_within_the_grace_period_is_recorded_and_nothing_new_starts(
    app: App, fake: FakeBotAPI, bot: Bot, clock: ManualClock
) -> None:
    (first, second), release, starting = await _publishing_two(app, fake, bot, clock)
    app.publishing.shutdown_grace_seconds = 30

    stopping = asyncio.create_task(app.publishing.stop())
    await asyncio.sleep(0)  # the shutdown has begun: no more claims
    release.set()
    await stopping
    await starting

    assert (await delivery(app, first)).status == "published"
    assert (await delivery(app, second)).status == "pending"  # never claimed
    assert len(fake.calls_to("sendPhoto")) == 1
    assert (await app.publishing.dispatcher.run_due()).claimed == 0  # stopped for good


async def test_an_attempt_past_the_grace_period_is_given_back_to_be_verified(
    app: App, fake: FakeBotAPI, bot: Bot, clock: ManualClock
) -> None:
    (first, second), release, starting = await _publishing_two(app, fake, bot, clock)
    app.publishing.shutdown_grace_seconds = 0.2

    await app.publishing.stop()
    await starting
    release.set()

    interrupted = await delivery(app, first)
    assert interrupted.status == "pending" and interrupted.lease_owner is None
    assert interrupted.verify_first  # it may be live: the next process checks first
    assert interrupted.journal  # what it had learned is kept for that check
    assert (await delivery(app, second)).status == "pending"
