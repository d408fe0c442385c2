"""Reports to another channel of the same server: the bot must be able to view and send
there, which discord.py computes from the guild's roles and the channel's overwrites."""

from __future__ import annotations

import re

import discord

from core.conversation.messages import Sender
from core.report_chats import ReportChatRefused

_SNOWFLAKE = re.compile(r"<?#?(\d{15,25})>?$")
_TO_REPORT = (("view_channel", "View Channel"), ("send_messages", "Send Messages"))


class DiscordReportChannelCheck:
    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def check(self, sender: Sender, chat_id: str) -> str:
        match = _SNOWFLAKE.match(chat_id.strip())
        if match is None:
            raise ReportChatRefused("settings.reports_bad_id")
        channel = await self._text_channel(int(match.group(1)))
        here = await self._text_channel(int(sender.chat_id))
        if channel.guild.id != here.guild.id:
            raise ReportChatRefused("settings.reports_other_server")
        permissions = channel.permissions_for(channel.guild.me)
        lacking = [name for flag, name in _TO_REPORT if not getattr(permissions, flag)]
        if lacking:
            raise ReportChatRefused("settings.reports_bot_lacks", permissions=", ".join(lacking))
        return str(channel.id)

    def label(self, chat_id: str) -> str:
        return f"<#{chat_id}>"  # Discord shows it as a link to the channel

    async def _text_channel(self, channel_id: int) -> discord.TextChannel:
        try:
            channel = await self._client.fetch_channel(channel_id)
        except (discord.NotFound, discord.Forbidden):
            raise ReportChatRefused("settings.reports_no_access") from None
        except discord.HTTPException:
            raise ReportChatRefused("settings.reports_unreachable", platform="Discord") from None
        if not isinstance(channel, discord.TextChannel):
            raise ReportChatRefused("settings.reports_not_text")
        return channel
