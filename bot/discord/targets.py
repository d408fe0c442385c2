"""`/connect discord <channel>`: the bot must be able to view, send and attach files
there, and the member asking must be able to post there; discord.py computes both from
the guild's roles and the channel's overwrites.
"""

from __future__ import annotations

import re

import discord

from bot.discord.report_channel import DiscordReportChannelCheck
from bot.discord.sender import PLATFORM
from bot.publishers.discord_buttons import DiscordButtonEditor
from bot.publishers.discord_channel import KIND, DiscordChannelPublisher
from core.app import App
from core.publishers.base import Publisher, TargetInfo
from core.targets.ports import CheckedTarget, ConnectRefused, ConnectRequest

CHECK_WORD = "discord"
_SNOWFLAKE = re.compile(r"<?#?(\d{15,25})>?$")
_NEEDED = (("view_channel", "View Channel"), ("send_messages", "Send Messages"))
_TO_PUBLISH = (*_NEEDED, ("attach_files", "Attach Files"))


class DiscordChannelCheck:
    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def check(self, request: ConnectRequest) -> CheckedTarget:
        match = _SNOWFLAKE.match(request.argument.strip())
        if match is None:
            raise ConnectRefused("connect.discord_bad_id")
        if request.sender.platform != "discord":
            raise ConnectRefused("connect.discord_from_discord")
        channel = await self._text_channel(int(match.group(1)))
        guild = channel.guild
        me = guild.me
        if lacking := _missing(channel.permissions_for(me), _TO_PUBLISH):
            raise ConnectRefused("connect.discord_bot_lacks", permissions=", ".join(lacking))
        try:
            member = await guild.fetch_member(int(request.sender.user_id))
        except discord.HTTPException:
            raise ConnectRefused("connect.discord_user_lacks") from None
        if _missing(channel.permissions_for(member), _NEEDED):
            raise ConnectRefused("connect.discord_user_lacks")
        return CheckedTarget(
            KIND,
            str(channel.id),
            f"Discord #{channel.name}",
            config={"guild_id": str(guild.id), "bot_user_id": str(me.id)},
        )

    async def _text_channel(self, channel_id: int) -> discord.TextChannel:
        try:
            channel = await self._client.fetch_channel(channel_id)
        except (discord.NotFound, discord.Forbidden):
            raise ConnectRefused("connect.discord_no_access") from None
        except discord.HTTPException:
            raise ConnectRefused("connect.unreachable", platform="Discord") from None
        if not isinstance(channel, discord.TextChannel):
            raise ConnectRefused("connect.discord_not_text")
        return channel


def _missing(permissions: discord.Permissions, needed: tuple[tuple[str, str], ...]) -> list[str]:
    return [name for flag, name in needed if not getattr(permissions, flag)]


def serve_channels(app: App, client: discord.Client) -> None:
    """Discord channels are published to, checked (also as the place for a workspace's
    reports), and have their RSVP buttons changed through this process's client."""
    publishing = app.publishing

    def channel(target: TargetInfo) -> Publisher:
        return DiscordChannelPublisher(
            client, channel_id=target.address, guild_id=target.config.get("guild_id")
        )

    publishing.publishers.register(KIND, channel)
    publishing.checks.register(CHECK_WORD, DiscordChannelCheck(client))
    app.report_chats.register(PLATFORM, DiscordReportChannelCheck(client))
    app.engagement.editors.register(KIND, DiscordButtonEditor(client))
