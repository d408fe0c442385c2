"""Publishing through a Discord webhook URL: no bot, no permissions, just the URL's token.

`?wait=true` makes Discord answer with the created message, so its id and link are
known. A webhook cannot list its channel, so after an unanswered send `verify` cannot
tell whether the post went out: it says so (UNKNOWN_OUTCOME) and the chat decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from core.publishers.base import ErrorKind, Journal, Publication, Published, PublishError
from core.publishers.discord_http import (
    message_url,
    multipart,
    response_error,
    transport_error,
)
from core.publishers.reasons import Reason

MESSAGE_ID = "message_id"
SENDING = "sending"
_WEBHOOK_PATH = re.compile(r"/api(?:/v\d+)?/webhooks/(?P<id>\d{5,25})/(?P<token>[\w-]{20,200})/?$")


@dataclass(frozen=True)
class WebhookUrl:
    """A parsed webhook URL; `api_base` is everything before `/webhooks/`."""

    api_base: str
    webhook_id: str
    token: str

    @property
    def execute_url(self) -> str:
        return f"{self.api_base}/webhooks/{self.webhook_id}/{self.token}"


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
    prefix = parts.path[: parts.path.rindex("/webhooks/")]
    return WebhookUrl(f"{parts.scheme}://{parts.netloc}{prefix}", match["id"], match["token"])


class DiscordWebhookPublisher:
    kind = "discord_webhook"

    def __init__(
        self, client: httpx.AsyncClient, webhook: WebhookUrl, *, guild_id: str | None = None
    ) -> None:
        self._client = client
        self._webhook = webhook
        self._guild_id = guild_id

    def __repr__(self) -> str:  # the token is a secret
        return f"<DiscordWebhookPublisher {self._webhook.webhook_id}>"

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        if message_id := journal.facts.get(MESSAGE_ID):
            return self._published(message_id, journal.facts.get("channel_id", ""))
        await journal.record(**{SENDING: "1"})
        try:
            response = await self._client.post(
                self._webhook.execute_url,
                params={"wait": "true"},
                files=multipart(publication, {"allowed_mentions": {"parse": []}}),
            )
        except httpx.TransportError as error:
            raise transport_error(error) from None
        if response.status_code >= 300:
            raise response_error(response, what="the Discord webhook")
        message = response.json()
        channel_id = str(message.get("channel_id", ""))
        await journal.record(**{MESSAGE_ID: str(message["id"]), "channel_id": channel_id})
        return self._published(str(message["id"]), channel_id)

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
