"""Who pressed or typed, where: a Discord interaction as core's Sender.

The chat is the channel (each channel is its own workspace, so reports go back where an
event was made, unless `/settings` named another channel). A "chat admin" is a member
allowed to manage the server's events: Manage Events, Manage Server or Administrator, as
Discord resolved them for this channel in the interaction itself, so asking costs no
request.
"""

from __future__ import annotations

import discord

from core.conversation.messages import Sender

PLATFORM = "discord"


def is_reviewer(permissions: discord.Permissions) -> bool:
    return permissions.administrator or permissions.manage_guild or permissions.manage_events


def locale_of(interaction: discord.Interaction) -> str:
    return "ko" if interaction.locale == discord.Locale.korean else "en"


def sender_for(interaction: discord.Interaction) -> Sender:
    in_guild = interaction.guild_id is not None
    permissions = interaction.permissions
    user = interaction.user

    async def is_chat_admin() -> bool:
        return in_guild and is_reviewer(permissions)

    channel = interaction.channel
    title = getattr(channel, "name", None) if in_guild else None
    return Sender(
        platform=PLATFORM,
        chat_id=str(interaction.channel_id),
        user_id=str(user.id),
        user_name=user.display_name,
        chat_title=title,
        is_group=in_guild,
        is_chat_admin=is_chat_admin,
        locale=locale_of(interaction),
    )
