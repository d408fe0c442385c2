"""A message that holds a token is taken out of the chat, and the bot says so.

Through the real python-telegram-bot against the fake Bot API, which lets a bot delete
other people's group messages only when it is an admin there, as Telegram does.
"""

from __future__ import annotations

import pytest

from core.app import App
from tests.fakes.graph_api import TOKEN as INSTAGRAM_TOKEN
from tests.fakes.telegram_api import FakeBotAPI
from tests.telegram.conftest import TelegramHarness

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

WEBHOOK_URL = "https://discord.com/api/webhooks/123456789012345678/" + "w3bh00k-t0ken_" * 4


async def test_a_token_pasted_in_a_private_chat_is_deleted_and_the_bot_says_so(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    await telegram.say(dm, mina, "/connect instagram")
    mark = len(fake.calls)
    pasted = fake.send_text(dm, mina, INSTAGRAM_TOKEN)
    await telegram.settle()

    [deleted] = telegram.sent_since(mark, "deleteMessage")
    assert deleted["message_id"] == pasted["message_id"]
    assert (dm.id, pasted["message_id"]) in fake.deleted
    said = [call["text"] for call in telegram.sent_since(mark)]
    assert any("메시지를 지웠어요" in text for text in said)


async def test_a_token_in_a_group_is_deleted_by_an_admin_bot(
    telegram: TelegramHarness, fake: FakeBotAPI, app: App
) -> None:
    group, jun = fake.group(), fake.user("Jun")
    fake.set_member_status(group, fake.bot.id, "administrator")
    fake.set_member_status(group, jun, "administrator")
    mark = len(fake.calls)
    pasted = fake.send_text(group, jun, f"/connect instagram {INSTAGRAM_TOKEN}")
    await telegram.settle()

    assert (group.id, pasted["message_id"]) in fake.deleted
    said = [call["text"] for call in telegram.sent_since(mark)]
    assert any("메시지를 지웠어요" in text for text in said)
    assert any("그룹에 올리면 안 돼요" in text for text in said), said  # and it was not used


async def test_when_the_bot_may_not_delete_it_asks_the_sender_to(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group, jun = fake.group(), fake.user("Jun")  # the bot is an ordinary member here
    mark = len(fake.calls)
    pasted = fake.send_text(group, jun, f"/connect instagram {INSTAGRAM_TOKEN}")
    await telegram.settle()

    assert fake.deleted == []
    [warning, *_] = telegram.sent_since(mark)
    assert "직접 삭제해 주세요" in warning["text"]
    assert warning["reply_parameters"]["message_id"] == pasted["message_id"]


async def test_a_token_overheard_in_a_group_is_deleted_too(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    """With privacy mode off the bot reads all messages; one with a token still goes."""
    group, jun = fake.group(), fake.user("Jun")
    fake.set_member_status(group, fake.bot.id, "administrator")
    mark = len(fake.calls)
    pasted = fake.send_text(group, jun, f"our hook: {WEBHOOK_URL} don't share")
    await telegram.settle()

    assert (group.id, pasted["message_id"]) in fake.deleted
    assert [c.method for c in fake.calls[mark:] if c.method.startswith("send")] == ["sendMessage"]


async def test_ordinary_messages_are_left_alone(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group, jun = fake.group(), fake.user("Jun")
    fake.set_member_status(group, fake.bot.id, "administrator")
    mark = len(fake.calls)
    fake.send_text(group, jun, "tickets: https://tickets.example.com/seoul-techno-3 at 22:00")
    await telegram.settle()
    assert fake.deleted == [] and telegram.sent_since(mark) == []
