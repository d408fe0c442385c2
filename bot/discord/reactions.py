"""Reaction totals of flyerbot's Discord channel posts, as insight readings.

The gateway says that somebody reacted, not how many have: the message is read once per
change to count its reactions. Only messages the bot wrote are read (Discord names a
message's author on additions; removals are followed for posts already seen), so other
conversation in the channel costs nothing. Changes are counted one at a time, in the
order the gateway sent them, so readings never go back in time.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict

import discord

from bot.publishers.discord_channel import KIND
from core.chat_service import ChatService

log = logging.getLogger(__name__)

REMEMBERED = 2048  # posts whose removals are followed, most recent first


class ReactionCounter:
    def __init__(self, client: discord.Client, service: ChatService) -> None:
        self._client = client
        self._service = service
        self._ours: OrderedDict[int, None] = OrderedDict()
        self._one_at_a_time = asyncio.Lock()

    async def changed(self, event: discord.RawReactionActionEvent) -> None:
        async with self._one_at_a_time:
            await self._count(event)

    async def _count(self, event: discord.RawReactionActionEvent) -> None:
        me = self._client.user
        if event.event_type == "REACTION_ADD":
            if me is None or event.message_author_id != me.id:
                return
        elif event.message_id not in self._ours:
            return
        channel = self._client.get_partial_messageable(event.channel_id, guild_id=event.guild_id)
        try:
            message = await channel.fetch_message(event.message_id)
        except discord.HTTPException as error:
            log.info("could not read reactions of message %s: %s", event.message_id, error)
            return
        total = sum(reaction.count for reaction in message.reactions)
        counted = await self._service.reactions_counted(
            kind=KIND, address=str(event.channel_id), message_id=str(message.id), total=total
        )
        if counted:
            self._remember(message.id)

    def _remember(self, message_id: int) -> None:
        self._ours[message_id] = None
        self._ours.move_to_end(message_id)
        while len(self._ours) > REMEMBERED:
            self._ours.popitem(last=False)
