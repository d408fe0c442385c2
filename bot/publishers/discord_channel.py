"""Publishing to a Discord channel through the process's one discord.py client.

Each message carries a nonce derived from the delivery, which Discord enforces, so a
resend within a few minutes returns the first message instead of a second one; for
longer gaps `verify` reads the channel's recent messages and recognises ours by the
attachment names (`fb-<delivery>-<n>.jpg`). RSVP buttons, when the post has them, sit
under the post itself; their presses come back through the frontend's catch-all item.
"""

from __future__ import annotations

import discord

from bot.discord import components
from bot.publishers.discord_errors import (
    MAYBE_SENT,
    attachment_name,
    content_for,
    files_for,
    http_error,
    message_url,
    transport_error,
)
from core.engagement.boards import BUTTONS_MESSAGE
from core.publishers.base import Journal, Publication, Published

KIND = "discord_channel"
MESSAGE_ID = "message_id"
SENDING = "sending"
RECENT = 50
_WHAT = "the Discord channel"


def nonce_for(delivery_id: int) -> str:
    return f"flyerbot-{delivery_id}"[:25]


class DiscordChannelPublisher:
    kind = KIND

    def __init__(self, client: discord.Client, *, channel_id: str, guild_id: str | None) -> None:
        self._client = client
        self._channel_id = channel_id
        self._guild_id = guild_id

    def __repr__(self) -> str:
        return f"<DiscordChannelPublisher {self._channel_id}>"

    def _channel(self) -> discord.PartialMessageable:
        guild = int(self._guild_id) if self._guild_id else None
        return self._client.get_partial_messageable(int(self._channel_id), guild_id=guild)

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        if message_id := journal.facts.get(MESSAGE_ID):
            return self._published(message_id)
        await journal.record(**{SENDING: "1"})
        try:
            message = await self._channel().send(
                content_for(publication.caption),
                files=files_for(publication),
                view=self._buttons(publication) or discord.utils.MISSING,
                nonce=nonce_for(publication.delivery_id),
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as error:
            raise http_error(error, what=_WHAT) from None
        except MAYBE_SENT as error:
            raise transport_error(error) from None
        facts = {MESSAGE_ID: str(message.id)}
        if publication.buttons is not None:
            facts[BUTTONS_MESSAGE] = str(message.id)
        await journal.record(**facts)
        return self._published(str(message.id))

    def _buttons(self, publication: Publication) -> discord.ui.View | None:
        return components.buttons(publication.buttons.choices) if publication.buttons else None

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        if message_id := journal.facts.get(MESSAGE_ID):
            return self._published(message_id)
        wanted = attachment_name(publication.delivery_id, 1)
        me = self._client.user
        try:
            async for message in self._channel().history(limit=RECENT):
                ours = me is None or message.author.id == me.id
                if ours and wanted in {item.filename for item in message.attachments}:
                    facts = {MESSAGE_ID: str(message.id)}
                    if publication.buttons is not None:
                        facts[BUTTONS_MESSAGE] = str(message.id)
                    await journal.record(**facts)
                    return self._published(str(message.id))
        except discord.HTTPException as error:
            raise http_error(error, what=_WHAT) from None
        except MAYBE_SENT as error:
            raise transport_error(error) from None
        return None

    def _published(self, message_id: str) -> Published:
        return Published(message_id, message_url(self._guild_id, self._channel_id, message_id))
