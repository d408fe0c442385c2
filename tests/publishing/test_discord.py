"""Discord webhook publishing with discord.py's `Webhook` against a local fake Discord.

Channel publishing goes through the frontend's client: tests/discord/test_publishing.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.discord.connection import use_api
from bot.publishers.discord_webhook import DiscordWebhookPublisher, parse_webhook_url
from core.publishers.base import ErrorKind, Journal, Publication, PublishError
from tests.fakes.discord_api import FakeDiscordAPI

GUILD, CHANNEL = "2001", "1001"
IMAGES = (b"\xff\xd8\xff first", b"\xff\xd8\xff second")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscordAPI]:
    async with FakeDiscordAPI() as running:
        running.add_guild(GUILD)
        running.add_channel(CHANNEL, GUILD)
        use_api(running.api_url)
        yield running


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as http:
        yield http


def publication(delivery_id: int = 7, caption: str = "Seoul Techno Night #techno") -> Publication:
    return Publication(delivery_id, IMAGES, ("a" * 64, "b" * 64), caption, "poster")


def webhook_publisher(
    fake: FakeDiscordAPI, session: aiohttp.ClientSession
) -> DiscordWebhookPublisher:
    hook = fake.add_webhook(channel_id=CHANNEL, guild_id=GUILD)
    parsed = parse_webhook_url(fake.webhook_url(hook), allowed_hosts=frozenset({"127.0.0.1"}))
    assert parsed is not None
    return DiscordWebhookPublisher(session, parsed, guild_id=GUILD)


async def test_a_webhook_post_carries_the_images_and_returns_the_link(
    fake: FakeDiscordAPI, session: aiohttp.ClientSession
) -> None:
    publisher = webhook_publisher(fake, session)
    journal = Journal()
    published = await publisher.publish(publication(), journal)

    [call] = fake.calls_to("execute_webhook")
    assert list(call.files.values()) == list(IMAGES)
    assert list(call.filenames.values()) == ["fb-7-1.jpg", "fb-7-2.jpg"]
    assert call.payload["content"] == "Seoul Techno Night #techno"
    assert call.payload["allowed_mentions"]["parse"] == []
    [message] = fake.messages[CHANNEL]
    assert published.external_id == message["id"] == journal.facts["message_id"]
    assert published.url == f"https://discord.com/channels/{GUILD}/{CHANNEL}/{message['id']}"
    assert await publisher.publish(publication(), journal) == published  # journaled: no resend
    assert len(fake.messages[CHANNEL]) == 1


async def test_a_long_caption_is_cut_to_discords_limit(
    fake: FakeDiscordAPI, session: aiohttp.ClientSession
) -> None:
    await webhook_publisher(fake, session).publish(publication(caption="가" * 2500), Journal())
    content = fake.calls_to("execute_webhook")[0].payload["content"]
    assert len(content) == 2000 and content.endswith("…")


@pytest.mark.parametrize(
    ("status", "body", "kind", "code"),
    [
        (429, {"message": "slow down", "retry_after": 2.5, "global": False}, "rate_limited", "429"),
        (404, {"message": "Unknown Webhook", "code": 10015}, "auth", "unknown-webhook"),
        (401, {"message": "401: Unauthorized", "code": 0}, "auth", "401"),
        (403, {"message": "Missing Permissions", "code": 50013}, "auth", "missing-permissions"),
        (400, {"message": "Invalid Form Body", "code": 50035}, "permanent", "50035"),
        (413, {"message": "Request entity too large"}, "permanent", "too-large"),
    ],
)
async def test_webhook_errors_are_classified(
    fake: FakeDiscordAPI,
    session: aiohttp.ClientSession,
    status: int,
    body: dict[str, object],
    kind: str,
    code: str,
) -> None:
    publisher = webhook_publisher(fake, session)
    fake.fail_next("execute_webhook", status, body)
    with pytest.raises(PublishError) as raised:
        await publisher.publish(publication(), Journal())
    assert (raised.value.kind.value, raised.value.code) == (kind, code)
    if status == 429:
        assert raised.value.retry_after is not None and raised.value.retry_after > 0
    assert raised.value.user_message  # plain words for the chat
    assert fake.messages.get(CHANNEL, []) == []


async def test_a_lost_webhook_reply_is_unknown_and_cannot_be_verified(
    fake: FakeDiscordAPI, session: aiohttp.ClientSession
) -> None:
    publisher = webhook_publisher(fake, session)
    fake.lose_reply_next("execute_webhook")
    journal = Journal()
    with pytest.raises(PublishError) as raised:
        await publisher.publish(publication(), journal)
    assert raised.value.kind is ErrorKind.UNKNOWN_OUTCOME
    assert len(fake.messages[CHANNEL]) == 1  # it did go out
    with pytest.raises(PublishError) as unverifiable:
        await publisher.verify(publication(), journal)
    assert unverifiable.value.kind is ErrorKind.UNKNOWN_OUTCOME  # the chat will decide
    assert await publisher.verify(publication(), Journal()) is None  # never sent: surely not


async def test_an_unreachable_discord_is_transient(session: aiohttp.ClientSession) -> None:
    use_api("http://127.0.0.1:9/api/v10")
    parsed = parse_webhook_url(
        "http://127.0.0.1:9/api/v10/webhooks/123456789012/" + "t" * 40,
        allowed_hosts=frozenset({"127.0.0.1"}),
    )
    assert parsed is not None
    with pytest.raises(PublishError) as raised:
        await DiscordWebhookPublisher(session, parsed).publish(publication(), Journal())
    assert raised.value.kind is ErrorKind.TRANSIENT


def test_only_discord_webhook_urls_on_allowed_hosts_are_accepted() -> None:
    hosts = frozenset({"discord.com"})
    good = parse_webhook_url(
        "https://discord.com/api/webhooks/123456789012/" + "a" * 40, allowed_hosts=hosts
    )
    assert good is not None and good.webhook_id == 123456789012
    assert (
        parse_webhook_url(
            "https://evil.example/api/webhooks/1234567/" + "a" * 40, allowed_hosts=hosts
        )
        is None
    )
    assert (
        parse_webhook_url(
            "http://discord.com/api/webhooks/123456789012/" + "a" * 40, allowed_hosts=hosts
        )
        is None
    )
    assert parse_webhook_url("https://discord.com/api/webhooks/x/y", allowed_hosts=hosts) is None
