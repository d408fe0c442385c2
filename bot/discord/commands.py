"""Application commands from core's command list, with Korean names and descriptions.

Declaring (here, at start) is kept apart from publishing (`sync`, once the gateway says
which application this is). Names and descriptions come from core's catalogue through a
discord.py Translator, so Korean clients show `/새이벤트` and Korean descriptions.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import locale_str

from bot.discord.frontend import DiscordFrontend
from core import i18n
from core.commands import COMMANDS

log = logging.getLogger(__name__)


class CatalogueTranslator(app_commands.Translator):
    """Korean from core's catalogue; strings without a catalogue key stay as they are."""

    async def translate(
        self,
        string: locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        if key is None or locale is not discord.Locale.korean:
            return None
        return i18n.text(key, "ko")


def _name(name: str) -> locale_str:
    return locale_str(name, key=f"command_name.{name}")


def _description(name: str) -> locale_str:
    return locale_str(i18n.text(f"command.{name}", "en")[:100], key=f"command.{name}")


def build_commands(frontend: DiscordFrontend) -> list[app_commands.Command[Any, Any, None]]:
    return [_command(name, frontend) for name in COMMANDS]


def _command(name: str, frontend: DiscordFrontend) -> app_commands.Command[Any, Any, None]:
    if name == "newevent":

        @app_commands.rename(photo=locale_str("photo", key="command_option.photo"))
        @app_commands.describe(
            photo=locale_str(
                i18n.text("command_option.photo.description", "en"),
                key="command_option.photo.description",
            )
        )
        async def newevent(
            interaction: discord.Interaction, photo: discord.Attachment | None = None
        ) -> None:
            await frontend.command(interaction, "newevent", photo=photo)

        callback: Any = newevent
    elif name == "connect":

        @app_commands.rename(target=locale_str("target", key="command_option.target"))
        @app_commands.describe(
            target=locale_str(
                i18n.text("command_option.target.description", "en")[:100],
                key="command_option.target.description",
            )
        )
        async def connect(interaction: discord.Interaction, target: str = "") -> None:
            await frontend.command(interaction, "connect", target)

        callback = connect
    else:

        async def plain(interaction: discord.Interaction) -> None:
            await frontend.command(interaction, name)

        callback = plain
    return app_commands.Command(name=_name(name), description=_description(name), callback=callback)


async def sync_commands(tree: app_commands.CommandTree[Any], guild_ids: Sequence[int]) -> None:
    """Globally (may take a while to show), or to the given guilds (at once)."""
    if not guild_ids:
        synced = await tree.sync()
        log.info("synced %d application commands globally", len(synced))
        return
    for guild_id in guild_ids:
        guild = discord.Object(id=guild_id)
        tree.copy_global_to(guild=guild)
        synced = await tree.sync(guild=guild)
        log.info("synced %d application commands to guild %s", len(synced), guild_id)
