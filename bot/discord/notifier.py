"""How the publishing engine tells a Discord channel what happened to its posts.

Reports go to the channel the outbox names: the one the event was made in, or the one
`/settings` chose. Failures are raised, not swallowed: the outbox then tries the event's
channel, or keeps the report and tries again on a later sweep.
"""

from __future__ import annotations

import discord

from bot.discord.replies import placed
from bot.discord.sender import PLATFORM
from core.conversation.messages import Output


class DiscordNotifier:
    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def notify(self, platform: str, chat_id: str, output: Output) -> None:
        if platform != PLATFORM:
            raise ValueError(f"not a Discord channel: {platform}")
        channel = self._client.get_partial_messageable(int(chat_id))
        shown = placed(output)
        await channel.send(
            shown.content,
            view=shown.view or discord.utils.MISSING,
            files=list(shown.files) or discord.utils.MISSING,
            allowed_mentions=discord.AllowedMentions.none(),
        )
