"""Messages sent as a chat: an anonymous admin speaks as the group, others as a channel.

Telegram puts one placeholder user on all such messages, so the chat they were sent as
is who spoke: two channels are two people, and the group itself is one of its admins.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core import i18n
from core.app import App
from storage.models import Conversation, Event
from tests.fakes.telegram_api import Call, FakeBotAPI, FakeChat, FakeUser
from tests.telegram.conftest import BOT_USERNAME, TelegramHarness, message_id

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def _say_as(
    tg: TelegramHarness,
    group: FakeChat,
    placeholder: FakeUser,
    sent_as: FakeChat,
    text: str,
    *,
    to: Call | None = None,
) -> list[Call]:
    """Send `text` as the chat `sent_as`; the bot's messages in answer."""
    mark = len(tg.fake.calls)
    tg.fake.send_text(
        group, placeholder, text, sender_chat=sent_as, reply_to=message_id(to) if to else None
    )
    await tg.settle()
    return tg.sent_since(mark)


async def test_two_channels_writing_in_one_group_are_two_senders(
    app: App, telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group("Seoul promoters")
    placeholder = fake.channel_sender()
    night_owls, day_trippers = fake.channel("Night Owls"), fake.channel("Day Trippers")

    [question] = await _say_as(
        telegram, group, placeholder, night_owls, f"/newevent@{BOT_USERNAME}"
    )
    assert "(1/7)" in question["text"]
    # The other channel answers the question: it is not its draft, so the bot stays quiet.
    assert await _say_as(telegram, group, placeholder, day_trippers, "Hijacked", to=question) == []
    [second] = await _say_as(telegram, group, placeholder, night_owls, "Owl Night", to=question)
    assert "(2/7)" in second["text"]

    async with app.sessions() as session:
        conversations = (await session.scalars(select(Conversation))).all()
        titles = (await session.scalars(select(Event.title))).all()
    assert [c.user_id for c in conversations] == [str(night_owls.id)]
    assert titles == ["Owl Night"]


async def test_an_anonymous_admin_is_an_admin_and_a_channel_is_not(
    telegram: TelegramHarness, fake: FakeBotAPI
) -> None:
    group = fake.group("Seoul promoters")
    channel = fake.channel("Night Owls")
    refused = i18n.text("connect.admins_only", "ko")

    [as_group] = await _say_as(
        telegram, group, fake.anonymous_admin(), group, f"/connect@{BOT_USERNAME} nowhere"
    )
    [as_channel] = await _say_as(
        telegram, group, fake.channel_sender(), channel, f"/connect@{BOT_USERNAME} nowhere"
    )

    assert refused not in as_group["text"]  # past the admin check, on to the unknown word
    assert refused in as_channel["text"]
    assert fake.calls_to("getChatMember") == []  # the placeholder user is never asked about
