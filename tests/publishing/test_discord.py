"""Discord webhook and channel publishing with httpx against a local fake Discord."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from core.publishers.base import ErrorKind, Journal, Publication, PublishError
from core.publishers.discord_channel import DiscordChannelPublisher
from core.publishers.discord_permissions import (
    ATTACH_FILES,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    Overwrite,
    channel_permissions,
)
from core.publishers.discord_webhook import DiscordWebhookPublisher, parse_webhook_url
from tests.fakes.discord_api import BOT_TOKEN, FakeDiscordAPI

GUILD, CHANNEL = "2001", "1001"
IMAGES = (b"\xff\xd8\xff first", b"\xff\xd8\xff second")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscordAPI]:
    async with FakeDiscordAPI() as running:
        running.add_guild(GUILD)
        running.add_channel(CHANNEL, GUILD)
        yield running


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5) as http:
        yield http


def publication(delivery_id: int = 7, caption: str = "Seoul Techno Night #techno") -> Publication:
    return Publication(delivery_id, IMAGES, ("a" * 64, "b" * 64), caption, "poster")


def webhook_publisher(fake: FakeDiscordAPI, client: httpx.AsyncClient) -> DiscordWebhookPublisher:
    hook = fake.add_webhook(channel_id=CHANNEL, guild_id=GUILD)
    parsed = parse_webhook_url(fake.webhook_url(hook), allowed_hosts=frozenset({"127.0.0.1"}))
    assert parsed is not None
    return DiscordWebhookPublisher(client, parsed, guild_id=GUILD)


async def test_a_webhook_post_carries_the_images_and_returns_the_link(
    fake: FakeDiscordAPI, client: httpx.AsyncClient
) -> None:
    publisher = webhook_publisher(fake, client)
    journal = Journal()
    published = await publisher.publish(publication(), journal)

    [call] = fake.calls_to("execute_webhook")
    assert list(call.files.values()) == list(IMAGES)
    assert list(call.filenames.values()) == ["fb-7-1.jpg", "fb-7-2.jpg"]
    assert call.payload["content"] == "Seoul Techno Night #techno"
    assert call.payload["allowed_mentions"] == {"parse": []}
    [message] = fake.messages[CHANNEL]
    assert published.external_id == message["id"] == journal.facts["message_id"]
    assert published.url == f"https://discord.com/channels/{GUILD}/{CHANNEL}/{message['id']}"
    assert await publisher.publish(publication(), journal) == published  # journaled: no resend
    assert len(fake.messages[CHANNEL]) == 1


async def test_a_long_caption_is_cut_to_discords_limit(
    fake: FakeDiscordAPI, client: httpx.AsyncClient
) -> None:
    await webhook_publisher(fake, client).publish(publication(caption="가" * 2500), Journal())
    content = fake.calls_to("execute_webhook")[0].payload["content"]
    assert len(content) == 2000 and content.endswith("…")


@pytest.mark.parametrize(
    ("status", "body", "kind", "code"),
    [
        (429, {"message": "slow down", "retry_after": 2.5, "global": False}, "rate_limited", "429"),
        (502, {"message": "bad gateway"}, "transient", "502"),
        (404, {"message": "Unknown Webhook", "code": 10015}, "auth", "unknown-webhook"),
        (401, {"message": "401: Unauthorized", "code": 0}, "auth", "401"),
        (400, {"message": "Invalid Form Body", "code": 50035}, "permanent", "50035"),
        (413, {"message": "Request entity too large"}, "permanent", "too-large"),
    ],
)
async def test_webhook_errors_are_classified(
    fake: FakeDiscordAPI,
    client: httpx.AsyncClient,
    status: int,
    body: dict[str, object],
    kind: str,
    code: str,
) -> None:
    publisher = webhook_publisher(fake, client)
    fake.fail_next("execute_webhook", status, body)
    with pytest.raises(PublishError) as raised:
        await publisher.publish(publication(), Journal())
    assert (raised.value.kind.value, raised.value.code) == (kind, code)
    if status == 429:
        assert raised.value.retry_after == 2.5
    assert raised.value.user_message  # plain words for the chat


async def test_a_lost_webhook_reply_is_unknown_and_cannot_be_verified(
    fake: FakeDiscordAPI, client: httpx.AsyncClient
) -> None:
    publisher = webhook_publisher(fake, client)
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


async def test_an_unreachable_discord_is_transient(client: httpx.AsyncClient) -> None:
    parsed = parse_webhook_url(
        "http://127.0.0.1:9/api/v10/webhooks/123456789012/" + "t" * 40,
        allowed_hosts=frozenset({"127.0.0.1"}),
    )
    assert parsed is not None
    with pytest.raises(PublishError) as raised:
        await DiscordWebhookPublisher(client, parsed).publish(publication(), Journal())
    assert raised.value.kind is ErrorKind.TRANSIENT


def test_only_discord_webhook_urls_on_allowed_hosts_are_accepted() -> None:
    hosts = frozenset({"discord.com"})
    good = parse_webhook_url(
        "https://discord.com/api/webhooks/123456789012/" + "a" * 40, allowed_hosts=hosts
    )
    assert good is not None and good.api_base == "https://discord.com/api"
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


def channel_publisher(fake: FakeDiscordAPI, client: httpx.AsyncClient) -> DiscordChannelPublisher:
    return DiscordChannelPublisher(
        client,
        api_url=fake.api_url,
        bot_token=BOT_TOKEN,
        channel_id=CHANNEL,
        guild_id=GUILD,
        bot_user_id=fake.bot_user_id,
    )


async def test_a_channel_post_uses_a_nonce_so_a_quick_resend_is_not_a_duplicate(
    fake: FakeDiscordAPI, client: httpx.AsyncClient
) -> None:
    publisher = channel_publisher(fake, client)
    fake.lose_reply_next("create_message")
    with pytest.raises(PublishError) as raised:
        await publisher.publish(publication(), Journal())
    assert raised.value.kind is ErrorKind.UNKNOWN_OUTCOME
    again = await publisher.publish(publication(), Journal())  # a blind retry
    assert len(fake.messages[CHANNEL]) == 1
    assert again.external_id == fake.messages[CHANNEL][0]["id"]
    assert fake.calls_to("create_message")[0].payload["enforce_nonce"] is True


async def test_a_channel_post_is_found_by_verify_after_a_lost_reply(
    fake: FakeDiscordAPI, client: httpx.AsyncClient
) -> None:
    publisher = channel_publisher(fake, client)
    fake.lose_reply_next("create_message")
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(delivery_id=41), journal)
    found = await publisher.verify(publication(delivery_id=41), journal)
    assert found is not None and found.external_id == fake.messages[CHANNEL][0]["id"]
    assert await publisher.verify(publication(delivery_id=42), Journal()) is None


async def test_a_channel_without_permission_is_an_auth_problem(
    fake: FakeDiscordAPI, client: httpx.AsyncClient
) -> None:
    fake.fail_next("create_message", 403, {"message": "Missing Permissions", "code": 50013})
    with pytest.raises(PublishError) as raised:
        await channel_publisher(fake, client).publish(publication(), Journal())
    assert raised.value.kind is ErrorKind.AUTH and "Attach Files" in raised.value.user_message


def test_permissions_follow_roles_then_overwrites() -> None:
    everyone = VIEW_CHANNEL | SEND_MESSAGES
    roles = {GUILD: everyone, "promoters": ATTACH_FILES}

    def perms(member_roles: list[str], overwrites: list[Overwrite]) -> int:
        return channel_permissions(
            guild_id=GUILD,
            owner_id="1",
            role_permissions=roles,
            member_id="42",
            member_roles=member_roles,
            overwrites=overwrites,
        )

    assert perms(["promoters"], []) & ATTACH_FILES
    assert not perms([], []) & ATTACH_FILES
    closed = [Overwrite(GUILD, 0, 0, SEND_MESSAGES)]
    assert not perms(["promoters"], closed) & SEND_MESSAGES
    reopened = [*closed, Overwrite("promoters", 0, SEND_MESSAGES, 0)]
    assert perms(["promoters"], reopened) & SEND_MESSAGES
    muted = [*reopened, Overwrite("42", 1, 0, SEND_MESSAGES)]
    assert not perms(["promoters"], muted) & SEND_MESSAGES
