"""Publishing to a Discord channel with the bot's token over Discord's REST API.

Plain httpx, so core never imports discord.py. Each message carries a nonce derived
from the delivery with `enforce_nonce`, so Discord itself refuses a duplicate sent
within a few minutes; for longer gaps `verify` reads the channel's recent messages and
recognises ours by the attachment names (`fb-<delivery>-<n>.jpg`).
"""

from __future__ import annotations

from typing import Any

import httpx

from core.publishers.base import Journal, Publication, Published
from core.publishers.discord_http import (
    attachment_name,
    message_url,
    multipart,
    response_error,
    transport_error,
)

MESSAGE_ID = "message_id"
SENDING = "sending"
_RECENT = 50


def nonce_for(delivery_id: int) -> str:
    return f"flyerbot-{delivery_id}"[:25]


class DiscordChannelPublisher:
    kind = "discord_channel"

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        api_url: str,
        bot_token: str,
        channel_id: str,
        guild_id: str | None,
        bot_user_id: str | None,
    ) -> None:
        self._client = client
        self._api_url = api_url.rstrip("/")
        self._headers = {"Authorization": f"Bot {bot_token}"}
        self._channel_id = channel_id
        self._guild_id = guild_id
        self._bot_user_id = bot_user_id

    def __repr__(self) -> str:
        return f"<DiscordChannelPublisher {self._channel_id}>"

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        if message_id := journal.facts.get(MESSAGE_ID):
            return self._published(message_id)
        await journal.record(**{SENDING: "1"})
        payload = {
            "nonce": nonce_for(publication.delivery_id),
            "enforce_nonce": True,
            "allowed_mentions": {"parse": []},
        }
        try:
            response = await self._client.post(
                f"{self._api_url}/channels/{self._channel_id}/messages",
                headers=self._headers,
                files=multipart(publication, payload),
            )
        except httpx.TransportError as error:
            raise transport_error(error) from None
        if response.status_code >= 300:
            raise response_error(response, what="the Discord channel")
        message_id = str(response.json()["id"])
        await journal.record(**{MESSAGE_ID: message_id})
        return self._published(message_id)

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        if message_id := journal.facts.get(MESSAGE_ID):
            return self._published(message_id)
        try:
            response = await self._client.get(
                f"{self._api_url}/channels/{self._channel_id}/messages",
                headers=self._headers,
                params={"limit": str(_RECENT)},
            )
        except httpx.TransportError as error:
            raise transport_error(error) from None
        if response.status_code >= 300:
            raise response_error(response, what="the Discord channel")
        wanted = attachment_name(publication.delivery_id, 1)
        for message in response.json():
            if self._is_ours(message) and wanted in _attachment_names(message):
                await journal.record(**{MESSAGE_ID: str(message["id"])})
                return self._published(str(message["id"]))
        return None

    def _is_ours(self, message: dict[str, Any]) -> bool:
        author = message.get("author") or {}
        return self._bot_user_id is None or str(author.get("id")) == self._bot_user_id

    def _published(self, message_id: str) -> Published:
        return Published(message_id, message_url(self._guild_id, self._channel_id, message_id))


def _attachment_names(message: dict[str, Any]) -> set[str]:
    return {str(item.get("filename")) for item in message.get("attachments") or []}
