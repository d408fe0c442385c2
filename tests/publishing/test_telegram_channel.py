"""Publishing to a Telegram channel through the real python-telegram-bot, against the fake
Bot API, and checking a channel on /connect."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.publishers import telegram_channel
from bot.publishers.telegram_channel import TelegramChannelCheck, TelegramChannelPublisher
from bot.telegram.aiohttp_request import aiohttp_bot
from core.app import App
from core.conversation.messages import Action, Command, Notice, Problem, Sender
from core.publishers.base import ErrorKind, Journal, Publication, PublishError
from core.targets.ports import ConnectRefused, ConnectRequest
from tests.conversation.helpers import FULL_EVENT, action_id, only, say
from tests.fakes.telegram_api import FakeBotAPI, FakeChat, FakeUser

TOKEN = "777:CHANNEL-TEST"
JPEG = b"\xff\xd8\xff\xe0 not really a jpeg"

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


def publication(caption: str = "서울 테크노 나이트 #techno", images: int = 1) -> Publication:
    slides = tuple(JPEG + bytes([n]) for n in range(images))
    return Publication(5, slides, tuple("f" * 64 for _ in slides), caption, "poster")


async def test_a_post_goes_to_the_channel_with_its_caption_and_link(
    fake: FakeBotAPI, bot: Bot
) -> None:
    channel = fake.channel("Seoul Techno", username="seoultechno")
    publisher = TelegramChannelPublisher(bot, chat_id=channel.id, username="seoultechno")
    journal = Journal()
    published = await publisher.publish(publication(), journal)

    [call] = fake.calls_to("sendPhoto")
    assert call["chat_id"] == channel.id and call["caption"] == "서울 테크노 나이트 #techno"
    assert call.uploads() == [JPEG + b"\x00"]
    assert published.url == f"https://t.me/seoultechno/{published.external_id}"
    assert journal.facts["photo_message_ids"] == published.external_id
    assert await publisher.verify(publication(), journal) == published


async def test_a_caption_too_long_for_a_photo_follows_as_text_once(
    fake: FakeBotAPI, bot: Bot
) -> None:
    channel = fake.channel("Private")
    publisher = TelegramChannelPublisher(bot, chat_id=channel.id)
    long_caption = "라인업 " * 300
    fake.fail_next("sendMessage", 500, "Internal Server Error")
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(long_caption), journal)
    published = await publisher.publish(publication(long_caption), journal)  # the retry

    assert len(fake.calls_to("sendPhoto")) == 1  # the photo is not sent twice
    assert fake.calls_to("sendPhoto")[0].get("caption") is None
    assert fake.calls_to("sendMessage")[-1]["text"] == long_caption[:4096]
    assert published.url == f"https://t.me/c/{str(channel.id)[4:]}/{published.external_id}"


async def test_a_carousel_is_a_media_group(fake: FakeBotAPI, bot: Bot) -> None:
    channel = fake.channel("Carousel", username="carousel")
    await TelegramChannelPublisher(bot, chat_id=channel.id).publish(
        publication(images=3), Journal()
    )
    [call] = fake.calls_to("sendMediaGroup")
    assert len(call.uploads()) == 3 and call["media"][0]["caption"]


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ((429, "Too Many Requests: retry after 7", 7), ErrorKind.RATE_LIMITED),
        ((403, "Forbidden: bot is not a member of the channel chat", None), ErrorKind.AUTH),
        ((400, "Bad Request: chat not found", None), ErrorKind.AUTH),
        ((400, "Bad Request: wrong file identifier", None), ErrorKind.PERMANENT),
    ],
)
async def test_telegram_errors_are_classified(
    fake: FakeBotAPI, bot: Bot, fault: tuple[int, str, int | None], kind: ErrorKind
) -> None:
    code, description, retry_after = fault
    fake.fail_next("sendPhoto", code, description, retry_after=retry_after)
    publisher = TelegramChannelPublisher(bot, chat_id=fake.channel().id)
    with pytest.raises(PublishError) as raised:
        await publisher.publish(publication(), Journal())
    assert raised.value.kind is kind
    if retry_after:
        assert raised.value.retry_after == 7


async def test_an_interrupted_send_cannot_be_verified_so_the_chat_decides() -> None:
    publisher = TelegramChannelPublisher(Bot(TOKEN), chat_id=-1001)
    assert await publisher.verify(publication(), Journal()) is None  # nothing was sent
    with pytest.raises(PublishError) as raised:
        await publisher.verify(publication(), Journal({"sending": "photos"}))
    assert raised.value.kind is ErrorKind.UNKNOWN_OUTCOME and "Retry" in raised.value.user_message


def _admins(fake: FakeBotAPI, channel: FakeChat, user: FakeUser) -> None:
    fake.set_member_status(channel, fake.bot.id, "administrator")
    fake.set_member_status(channel, user, "creator")


async def test_connect_checks_the_bot_and_the_user_are_channel_admins(
    fake: FakeBotAPI, bot: Bot
) -> None:
    check = TelegramChannelCheck(bot)
    mina = fake.user("Mina")
    channel = fake.channel("Seoul Techno", username="seoultechno")
    sender = Sender("telegram", "-5001", str(mina.id))

    def request(argument: str) -> ConnectRequest:
        return ConnectRequest("telegram", argument, sender)

    with pytest.raises(ConnectRefused) as refused:
        await check.check(request("@seoultechno"))
    assert refused.value.key == "connect.telegram_bot_not_admin"
    fake.set_member_status(channel, fake.bot.id, "administrator")
    with pytest.raises(ConnectRefused) as refused:
        await check.check(request("@seoultechno"))
    assert refused.value.key == "connect.telegram_user_not_admin"
    fake.set_member_status(channel, mina, "administrator")

    checked = await check.check(request("https://t.me/seoultechno"))
    assert (checked.kind, checked.address, checked.name) == (
        "telegram_channel",
        str(channel.id),
        "Telegram @seoultechno",
    )
    group = fake.group("Not a channel")
    with pytest.raises(ConnectRefused) as refused:
        await check.check(request(str(group.id)))
    assert refused.value.key in ("connect.telegram_not_channel", "connect.telegram_bad_chat")
    with pytest.raises(ConnectRefused) as refused:
        await check.check(request("not a channel!"))
    assert refused.value.key == "connect.telegram_bad_chat"


async def test_connect_then_post_now_reaches_the_channel(
    app: App, fake: FakeBotAPI, bot: Bot
) -> None:
    telegram_channel.register(app.publishing, bot)
    mina = fake.user("Mina")
    channel = fake.channel("Seoul Techno", username="seoultechno")
    _admins(fake, channel, mina)
    author = Sender("telegram", str(mina.id), str(mina.id), user_name="Mina")  # a DM

    connected = only(await say(app, author, Command("connect", "telegram @seoultechno")), Notice)
    assert "@seoultechno" in connected.text
    preview = (await say(app, author, *FULL_EVENT))[-1]
    approved = only(await say(app, author, Action(action_id(preview, "approve"))), Notice)  # type: ignore[arg-type]
    await say(app, author, Action(approved.choices[0].id))  # 📣 Post now
    assert (await app.publishing.dispatcher.run_due()).published == 1

    [call] = fake.calls_to("sendPhoto")
    assert call["chat_id"] == channel.id
    assert call.uploads() == list(preview.images)  # type: ignore[union-attr]
    refused = only(await say(app, author, Command("connect", "telegram @nobody_here")), Problem)
    assert refused.message
