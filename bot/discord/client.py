"""The one discord.py client of the process: commands, persistent items, form submissions.

No privileged intent: the guilds intent gives channels, roles and the bot's own member
(what permission checks need), the reactions intent the reactions to posts (insights);
interactions arrive without any intent.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands

from bot.discord.commands import CatalogueTranslator, build_commands, sync_commands
from bot.discord.components import PERSISTENT_ITEMS
from bot.discord.config import DiscordConfig
from bot.discord.frontend import DiscordFrontend
from bot.discord.modals import is_answer_submission, is_form_submission

log = logging.getLogger(__name__)


class FlyerbotClient(discord.Client):
    def __init__(self, frontend: DiscordFrontend, config: DiscordConfig) -> None:
        super().__init__(
            intents=discord.Intents(guilds=True, guild_reactions=True),
            guild_ready_timeout=config.guild_ready_timeout,
        )
        self.frontend = frontend
        self.tree: app_commands.CommandTree[Any] = app_commands.CommandTree(self)
        self._guild_ids = config.guild_ids
        self.commands_synced = asyncio.Event()

    async def setup_hook(self) -> None:
        """Before the gateway: every button ever sent is answerable from the first event."""
        self.add_dynamic_items(*PERSISTENT_ITEMS)
        await self.tree.set_translator(CatalogueTranslator())
        for command in build_commands(self.frontend):
            self.tree.add_command(command)
        self.tree.error(self._on_command_error)

    async def on_ready(self) -> None:
        if self.commands_synced.is_set():
            return  # a reconnect: the commands are already published
        try:
            await sync_commands(self.tree, self._guild_ids)
        except discord.HTTPException as error:
            log.warning("could not sync application commands: %s", error)
        self.commands_synced.set()

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        if is_form_submission(interaction):
            await self.frontend.submit(interaction)
        elif is_answer_submission(interaction):
            await self.frontend.submit_answer(interaction)

    async def on_raw_reaction_add(self, event: discord.RawReactionActionEvent) -> None:
        await self.frontend.reaction_changed(event)

    async def on_raw_reaction_remove(self, event: discord.RawReactionActionEvent) -> None:
        await self.frontend.reaction_changed(event)

    async def _on_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        log.error("application command failed", exc_info=error)
