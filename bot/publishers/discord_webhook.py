"""Publishing through a Discord webhook URL with discord.py's `Webhook`: no bot, no
permissions, just the URL's token.

`wait=True` makes Discord answer with the created message, so its id and link are
known. A webhook cannot list its channel, so after an unanswered send `verify` cannot
tell whether the post went out: it says so (UNKNOWN_OUTCOME) and the chat decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp
import discord

from bot.publishers.discord_errors import (
    MAYBE_SENT,
    content_for,
    files_for,
    http_error,
    message_url,
    transport_error,
)
from core.publishers.base import (
    ErrorKind,
    Journal,
    Publication,
    Published,
    PublishError,
    TargetInfo,
)
from core.publishers.reasons import Reason
from core.publishing.wiring import Publishing
from core.targets.ports import CheckedTarget, ConnectRefused, ConnectRequest

KIND = "discord_webhook"
CHECK_WORD = "discord-webhook"
MESSAGE_ID = "message_id"
SENDING = "sending"
DISCORD_HOSTS = frozenset(
    {"discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"}
)
_WEBHOOK_PATH = re.compile(r"/api(?:/v\d+)?/webhooks/(?P<id>\d{5,25})/(?P<token>[\w-]{20,200})/?$")
_WHAT = "the Discord webhook"


@dataclass(frozen=True)
class WebhookUrl:
    webhook_id: int
    token: str


def parse_webhook_url(text: str, *, allowed_hosts: frozenset[str]) -> WebhookUrl | None:
    """The webhook in `text` if it is a Discord webhook URL on an allowed host."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("https", "http") or parts.hostname not in allowed_hosts:
        return None
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost"):
        return None
    match = _WEBHOOK_PATH.search(parts.path)
    if match is None:
        return None
    return WebhookUrl(int(match["id"]), match["token"])


class DiscordWebhookPublisher:
    kind = KIND

    def __init__(
        self, session: aiohttp.ClientSession, webhook: WebhookUrl, *, guild_id: str | None = None
    ) -> None:
        self._webhook = discord.Webhook.partial(webhook.webhook_id, webhook.token, session=session)
        self._webhook_id = webhook.webhook_id
        self._guild_id = guild_id

    def __repr__(self) -> str:  # the token is a secret
        return f"<DiscordWebhookPublisher {self._webhook_id}>"

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        if message_id := journal.facts.get(MESSAGE_ID):
            return self._published(message_id, journal.facts.get("channel_id", ""))
        await journal.record(**{SENDING: "1"})
        try:
            message = await self._webhook.send(
                content_for(publication.caption),
                files=files_for(publication),
                allowed_mentions=discord.AllowedMentions.none(),
                wait=True,
            )
        except discord.HTTPException as error:
            raise http_error(error, what=_WHAT) from None
        except MAYBE_SENT as error:
            raise transport_error(error) from None
        channel_id = str(message.channel.id) if message.channel else ""
        await journal.record(**{MESSAGE_ID: str(message.id), "channel_id": channel_id})
        return self._published(str(message.id), channel_id)

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        if message_id := journal.facts.get(MESSAGE_ID):
            return self._published(message_id, journal.facts.get("channel_id", ""))
        if SENDING not in journal.facts:
            return None  # never got as far as sending
        raise PublishError(
            ErrorKind.UNKNOWN_OUTCOME,
            "flyerbot cannot check a webhook's channel. Look in the Discord channel: if the "
            "post is not there, press Retry.",
            code="unverifiable",
            message_key=Reason.CANNOT_VERIFY,
            message_params={"platform": "Discord"},
        )

    def _published(self, message_id: str, channel_id: str) -> Published:
        url = message_url(self._guild_id, channel_id, message_id) if channel_id else None
        return Published(external_id=message_id, url=url)


class DiscordWebhookCheck:
    """The URL must be a Discord webhook on Discord's own host (or the configured API's),
    and Discord must know it."""

    def __init__(self, session: aiohttp.ClientSession, *, allowed_hosts: frozenset[str]) -> None:
        self._session = session
        self._hosts = allowed_hosts

    async def check(self, request: ConnectRequest) -> CheckedTarget:
        parsed = parse_webhook_url(request.argument, allowed_hosts=self._hosts)
        if parsed is None:
            raise ConnectRefused("connect.webhook_bad_url")
        webhook = discord.Webhook.partial(parsed.webhook_id, parsed.token, session=self._session)
        try:
            found = await webhook.fetch(prefer_auth=False)
        except (discord.NotFound, discord.Forbidden):
            raise ConnectRefused("connect.webhook_gone") from None
        except (discord.HTTPException, *MAYBE_SENT):
            raise ConnectRefused("connect.unreachable", platform="Discord") from None
        return CheckedTarget(
            KIND,
            str(parsed.webhook_id),
            f"Discord webhook “{found.name or 'webhook'}”",
            config={
                "channel_id": str(found.channel_id or ""),
                "guild_id": str(found.guild_id or ""),
            },
            secret=request.argument.strip(),
        )


def allowed_hosts(api_url: str) -> frozenset[str]:
    host = urlsplit(api_url).hostname
    return DISCORD_HOSTS | ({host} if host else set())


def serve_webhooks(publishing: Publishing, session: aiohttp.ClientSession, api_url: str) -> None:
    """Discord webhooks are published to and checked through discord.py's `Webhook`."""
    hosts = allowed_hosts(api_url)

    def webhook(target: TargetInfo) -> DiscordWebhookPublisher:
        parsed = parse_webhook_url(target.secret or "", allowed_hosts=hosts)
        if parsed is None:
            raise ValueError("the stored webhook URL is not usable")
        return DiscordWebhookPublisher(session, parsed, guild_id=target.config.get("guild_id"))

    publishing.publishers.register(KIND, webhook)
    publishing.checks.register(CHECK_WORD, DiscordWebhookCheck(session, allowed_hosts=hosts))
