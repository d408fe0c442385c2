"""Captions built from hostile fields reach the channels as the very characters typed.

Telegram gets plain text (no parse mode, no entities), so markup stays letters; a Discord
webhook gets `allowed_mentions` with nothing to parse, so `@everyone` and `<@id>` ping
nobody (posts through the Discord client: tests/discord/test_publishing.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta, timezone

import aiohttp
import pytest

from bot.discord.connection import use_api
from bot.publishers.discord_errors import content_for
from bot.publishers.discord_webhook import DiscordWebhookPublisher, parse_webhook_url
from bot.publishers.telegram_channel import TelegramChannelPublisher
from bot.telegram.aiohttp_request import aiohttp_bot
from core.captions import CaptionInput, build_caption
from core.parsing import short_fields as fields
from core.publishers.base import Journal, Publication
from tests.fakes.discord_api import FakeDiscordAPI
from tests.fakes.telegram_api import FakeBotAPI

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

TOKEN = "778:HOSTILE-CAPTIONS"
GUILD, CHANNEL = "2001", "1001"
KST = timezone(timedelta(hours=9))
JPEG = b"\xff\xd8\xff\xe0 a poster"
HOSTILE = {
    "html": "<b>Night</b> <a href='tg://user?id=1'>me</a> &amp;",
    "markdown": "*Night* _x_ [link](https://evil.example) `x`",
    "mentions": "@everyone @here <@123456789012345678> <@&42>",
    "sql": "Robert'); DROP TABLE events;--",
    "rtl": "ليلة التكنو שלום Night",
}


def _caption(text: str, description: str | None = None) -> str:
    item = CaptionInput(
        title=fields.parse_title(text),
        starts_at=datetime(2026, 12, 20, 22, 0, tzinfo=KST),
        venue=fields.parse_venue(text[: fields.MAX_VENUE_NAME]).name,
        city=None,
        genre=fields.parse_genre(text[: fields.MAX_GENRE]),
        artists=[(text[:60], None)],
        ticket_url=None,
        price=fields.parse_price(text[: fields.MAX_PRICE]),
        description=fields.parse_description(description or text),
        locale="ko",
        template="announcement",
        posted_on=date(2026, 12, 1),
    )
    return build_caption(item).text


@pytest.fixture
async def telegram_fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(token=TOKEN) as running:
        yield running


@pytest.fixture
async def discord_fake() -> AsyncIterator[FakeDiscordAPI]:
    async with FakeDiscordAPI() as running:
        running.add_guild(GUILD)
        running.add_channel(CHANNEL, GUILD)
        use_api(running.api_url)
        yield running


@pytest.mark.parametrize("name", sorted(HOSTILE))
async def test_a_hostile_caption_is_plain_text_everywhere(
    name: str, telegram_fake: FakeBotAPI, discord_fake: FakeDiscordAPI
) -> None:
    caption = _caption(HOSTILE[name])
    assert HOSTILE[name] in caption
    publication = Publication(9, (JPEG,), ("a" * 64,), caption, "poster")

    async with aiohttp_bot(TOKEN, base_url=telegram_fake.base_url) as bot:
        channel = telegram_fake.channel("Seoul Techno", username="seoultechno")
        publisher = TelegramChannelPublisher(bot, chat_id=channel.id, username="seoultechno")
        await publisher.publish(publication, Journal())
    [photo] = telegram_fake.calls_to("sendPhoto")
    assert photo["caption"] == caption
    assert "parse_mode" not in photo.params and "caption_entities" not in photo.params

    async with aiohttp.ClientSession() as session:
        hook = discord_fake.add_webhook(channel_id=CHANNEL, guild_id=GUILD)
        parsed = parse_webhook_url(
            discord_fake.webhook_url(hook), allowed_hosts=frozenset({"127.0.0.1"})
        )
        assert parsed is not None
        await DiscordWebhookPublisher(session, parsed, guild_id=GUILD).publish(
            publication, Journal()
        )
    [call] = discord_fake.calls_to("execute_webhook")
    assert call.payload["content"] == content_for(caption)
    assert call.payload["allowed_mentions"]["parse"] == []


async def test_the_longest_caption_fits_each_platform_and_the_field_refuses_more(
    telegram_fake: FakeBotAPI,
) -> None:
    caption = _caption("🔥" * 80, description="가" * fields.MAX_DESCRIPTION)
    assert len(caption) <= 2200 and len(content_for(caption)) <= 2000
    async with aiohttp_bot(TOKEN, base_url=telegram_fake.base_url) as bot:
        channel = telegram_fake.channel("Seoul Techno", username="seoultechno")
        publisher = TelegramChannelPublisher(bot, chat_id=channel.id, username="seoultechno")
        await publisher.publish(Publication(9, (JPEG,), ("a" * 64,), caption, "p"), Journal())
    sent = [call.get("caption") or call.get("text") for call in telegram_fake.calls]
    shown = [text for text in sent if isinstance(text, str)]
    assert shown and all(len(text.encode("utf-16-le")) // 2 <= 4096 for text in shown)
    with pytest.raises(fields.FieldError):
        fields.parse_description("가" * 10_000)  # ten thousand characters never get this far
