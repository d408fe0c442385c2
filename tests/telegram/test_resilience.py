"""Restarts, flood limits and closed chats: the bot carries on instead of falling over."""

from __future__ import annotations

import pytest

from core.app import App
from tests.fakes.telegram_api import FakeBotAPI
from tests.telegram.conftest import BOT_USERNAME, TelegramHarness
from tests.telegram.test_newevent import full_event
from tests.telegram.test_review import button

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def test_a_restart_between_two_answers_resumes_the_conversation(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group()
    mina = fake.user("Mina")
    question = await telegram.say(group, mina, f"/newevent@{BOT_USERNAME}")
    question = await telegram.say(group, mina, "Restart night", to=question)
    assert "(2/7)" in question["text"]

    await telegram.stop()
    # Sent while the bot is down: Telegram keeps it until a later getUpdates confirms it.
    mark = len(fake.calls)
    fake.send_text(group, mina, "2026-12-20 22:00", reply_to=question.result["message_id"])
    await telegram.start()
    await telegram.settle()

    venue = telegram.sent_since(mark)
    assert len(venue) == 1 and "(3/7)" in venue[0]["text"]  # answered once, not lost
    question = await telegram.say(group, mina, "Faust, Berlin", to=venue[0])
    assert "(4/7)" in question["text"]


async def test_preview_buttons_keep_working_after_a_restart(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    preview = await full_event(telegram, dm, mina)
    await telegram.restart()
    notice = await telegram.press(dm, mina, preview, button(preview, "approve"))
    assert "승인했어요" in notice["text"]


async def test_a_429_is_waited_out_and_the_preview_still_arrives(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    fake.rate_limit_next("sendPhoto", retry_after=3)
    preview = await full_event(telegram, dm, mina)
    attempts = fake.calls_to("sendPhoto")
    assert [call.error_code for call in attempts] == [429, None]
    assert attempts[0].uploads() == attempts[1].uploads() == preview.uploads()
    assert telegram.sleeps == [3.0]


async def test_a_bot_blocked_by_the_user_does_not_stop_the_others(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina, jun = fake.user("Mina"), fake.user("Jun")
    fake.forbid_next("sendMessage")
    mark = len(fake.calls)
    fake.send_text(fake.dm(mina), mina, "/newevent")
    await telegram.settle()
    assert [call.error_code for call in telegram.sent_since(mark)] == [403]

    question = await telegram.say(fake.dm(jun), jun, "/newevent")
    assert "(1/7)" in question["text"]


async def test_an_unexpected_failure_is_reported_and_the_next_update_handled(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    fake.fail_next("sendMessage", 500, "Internal Server Error")
    mark = len(fake.calls)
    fake.send_text(dm, mina, "/newevent")
    await telegram.settle()
    failed, report = telegram.sent_since(mark)
    assert failed.error_code == 500 and "⚠️" in report["text"]

    mark = len(fake.calls)
    fake.send_text(dm, mina, "/newevent")  # picks up the draft the failed turn started
    await telegram.settle()
    resumed, question = telegram.sent_since(mark)
    assert "이어서" in resumed["text"] and "(1/7)" in question["text"]


async def test_a_wrong_token_fails_clearly_at_start(app: App, fake: FakeBotAPI) -> None:
    harness = TelegramHarness(app, fake)
    with pytest.raises(RuntimeError, match="BotFather"):
        await harness.start(token="4242:WRONG")
    await harness.stop()
