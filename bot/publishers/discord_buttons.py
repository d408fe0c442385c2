"""Changing the RSVP buttons under a published Discord channel post (a message edit)."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.discord import components
from core.conversation.messages import Choice
from core.engagement.boards import BoardMessage


class DiscordButtonEditor:
    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def set_buttons(self, message: BoardMessage, choices: Sequence[Choice]) -> None:
        channel = self._client.get_partial_messageable(int(message.target.address))
        posted = channel.get_partial_message(int(message.message_id))
        await posted.edit(view=components.buttons(choices))
