"""Notices through the real python-telegram-bot Application and the fake Bot API: a send
the platform refuses (5xx) is retried, and a process killed around the send is followed
by a restart that tells the group."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from bot.telegram.notifier import TelegramNotifier
from core.app import App
from core.clock import ManualClock
from core.settings import Settings
from tests.fakes.telegram_api import FakeBotAPI, FakeChat
from tests.notices.helpers import DiesAroundSend, reopened
from tests.publishing.helpers import ScriptedPublisher, seed
from tests.telegram.conftest import TelegramHarness

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def told(fake: FakeBotAPI, group: FakeChat) -> list[str]:
    """What the group really received (calls the platform answered with success)."""
    return [
        call["text"]
        for call in fake.calls_to("sendMessage")
        if call.error_code is None and call["chat_id"] == group.id
    ]


async def seed_group_post(app: App, clock: ManualClock, group: FakeChat) -> ScriptedPublisher:
    publisher = ScriptedPublisher()
    app.publishing.publishers.register(publisher.kind, lambda target: publisher)
    await seed(app, due_at=clock.now, platform="telegram", chat_id=str(group.id))
    return publisher


async def test_a_notice_the_bot_api_refused_with_a_5xx_is_sent_on_a_later_run(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App, clock: ManualClock
) -> None:
    group = fake.group()
    await seed_group_post(app, clock, group)
    fake.fail_next("sendMessage", 502, "Bad Gateway")

    assert (await app.publishing.dispatcher.run_due()).published == 1
    [refused] = fake.calls_to("sendMessage")
    assert refused.error_code == 502 and told(fake, group) == []

    clock.advance(app.publishing.outbox.policy.first_retry)
    await app.publishing.dispatcher.run_due()
    await app.publishing.dispatcher.run_due()
    [text] = told(fake, group)
    assert "is live" in text


@pytest.mark.parametrize(("when", "heard"), [("before", 1), ("after", 2)])
async def test_a_bot_killed_around_the_notice_tells_the_group_after_restart(
    when: str,
    heard: int,
    telegram: TelegramHarness,
    fake: FakeBotAPI,
    app: App,
    settings: Settings,
    clock: ManualClock,
) -> None:
    group = fake.group()
    publisher = await seed_group_post(app, clock, group)
    assert telegram.running is not None
    real = TelegramNotifier(telegram.running.application.bot)
    app.publishing.notifiers.register("telegram", DiesAroundSend(real, when))
    with pytest.raises(asyncio.CancelledError):
        await app.publishing.dispatcher.run_due()
    assert len(told(fake, group)) == heard - 1
    await telegram.stop()

    clock.advance(2 * app.publishing.outbox.policy.lease)
    async with reopened(settings, clock) as restarted:
        again = await restart(restarted, fake)
        try:
            await restarted.publishing.dispatcher.run_due()
            await restarted.publishing.dispatcher.run_due()
        finally:
            await again()
    texts = told(fake, group)
    assert len(texts) == heard and all("is live" in text for text in texts)
    assert len(publisher.sent) == 1


async def restart(app: App, fake: FakeBotAPI) -> Callable[[], object]:
    harness = TelegramHarness(app, fake)
    await harness.start()
    return harness.stop
