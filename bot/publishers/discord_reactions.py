"""Reading the reaction totals of Discord webhook posts through discord.py.

The bot's own channel posts are counted as the gateway reports reactions
(bot/discord/reactions.py); a webhook's posts are not the bot's, and a webhook may be
all there is (no bot token), so they are read through the webhook's own URL
(`Webhook.fetch_message`) on the insights cadence. A deleted post answers 404:
MessageGone, and it is not read again.
"""

from __future__ import annotations

import aiohttp
import discord

from bot.publishers.discord_webhook import parse_webhook_url
from core.engagement.reaction_sync import MessageGone
from core.publishers.base import TargetInfo


def total(message: discord.Message) -> int:
    """Every reaction on the message, all emoji together (super reactions included)."""
    return sum(reaction.count for reaction in message.reactions)


class DiscordWebhookReactions:
    """Reads through the webhook's URL; no bot token is needed.

    discord.py parses a message's reactions with a client's state, which a bare webhook
    lacks, so the webhook is given the state of a client that never logs in.
    """

    def __init__(self, session: aiohttp.ClientSession, *, allowed_hosts: frozenset[str]) -> None:
        self._session = session
        self._allowed_hosts = allowed_hosts
        self._client: discord.Client | None = None

    @property
    def _state(self) -> discord.Client:
        """Made on first use: a process with no Discord webhook never builds one (and
        never logs discord.py's start-up warnings)."""
        if self._client is None:
            self._client = discord.Client(intents=discord.Intents.none())
        return self._client

    def __repr__(self) -> str:
        return "<DiscordWebhookReactions>"

    async def count(self, target: TargetInfo, message_id: str) -> int:
        webhook = parse_webhook_url(target.secret or "", allowed_hosts=self._allowed_hosts)
        if webhook is None:
            raise ValueError(f"the stored webhook URL of target {target.id} is not usable")
        hook = discord.Webhook.partial(
            webhook.webhook_id, webhook.token, session=self._session, client=self._state
        )
        try:
            message = await hook.fetch_message(int(message_id))
        except discord.NotFound:
            raise MessageGone(message_id) from None
        return total(message)
