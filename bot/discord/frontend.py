"""discord.py interactions in, core inputs out, and the answers back.

Every handler builds a Sender, turns the interaction into one core input, hands it to
the ChatService and gives what comes back to the Replier. When core takes longer than
`quick_seconds` the interaction is deferred first, so no interaction fails for lateness
(Discord allows three seconds for the first answer). Uploads are checked here, from the
size Discord announces and then from the bytes, before anything is stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.discord import components
from bot.discord.config import DiscordConfig
from bot.discord.modals import (
    ANSWER_FIELD,
    MAX_ANSWER,
    answer_modal,
    form_of,
    submitted_values,
)
from bot.discord.reactions import ReactionCounter
from bot.discord.replies import Replier
from bot.discord.sender import sender_for
from core.chat_service import ChatService
from core.conversation.form import MAX_LENGTHS, over_limit
from core.conversation.messages import Action, Command, Input, Output, Photo, Problem, Sender, Text

log = logging.getLogger(__name__)

CONNECT_WORD = "discord"  # `/connect discord` without a channel: offer the channel menu


class DiscordFrontend:
    def __init__(self, service: ChatService, config: DiscordConfig) -> None:
        self._service = service
        self._config = config
        self.reactions: ReactionCounter | None = None  # set once the client exists
        self._busy = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def service(self) -> ChatService:
        return self._service

    async def idle(self) -> None:
        """Until every interaction taken so far is completely answered."""
        await self._idle.wait()

    # -- entry points -------------------------------------------------------------------------

    async def command(
        self,
        interaction: discord.Interaction[Any],
        name: str,
        args: str = "",
        photo: discord.Attachment | None = None,
    ) -> None:
        sender = sender_for(interaction)
        if name == "connect" and args.strip().lower() == CONNECT_WORD:
            await self._track(
                interaction, sender, lambda: self._offer_channels(interaction, sender)
            )
            return
        if photo is None:
            await self._answer(interaction, sender, Command(name, args))
            return

        async def with_photo() -> list[Output]:
            checked = await self._fetch_photo(sender, photo)
            if isinstance(checked, Problem):
                return [checked]
            return await self._newevent_with(sender, name, checked)

        # Fetching the photo counts against Discord's three seconds too.
        await self._track(interaction, sender, lambda: self._reply(interaction, with_photo()))

    async def press(self, interaction: discord.Interaction[Any], action: Action) -> None:
        await self._answer(interaction, sender_for(interaction), action)

    async def submit(self, interaction: discord.Interaction[Any]) -> None:
        """A form (modal) came back: every field to core at once, unless one is too long."""
        sender = sender_for(interaction)
        values = submitted_values(interaction.data or {})
        too_long = over_limit(values)
        if too_long:
            problems = [
                Problem(
                    await self._service.text(
                        sender,
                        "form.too_long",
                        field=await self._service.text(sender, f"field.{name}"),
                        length=len(values[name]),
                        max=MAX_LENGTHS[name],
                    )
                )
                for name in too_long
            ]
            await self._track(interaction, sender, lambda: Replier(interaction).deliver(problems))
            return
        await self._answer(interaction, sender, form_of(values))

    async def open_answer(self, interaction: discord.Interaction[Any]) -> None:
        """The question's own message as the placeholder of a one-field form."""
        sender = sender_for(interaction)
        question = interaction.message.content if interaction.message else ""

        async def open_form() -> None:
            title = await self._service.text(sender, "answer.title")
            label = await self._service.text(sender, "answer.label")
            modal = answer_modal(title, label, question, interaction.id)
            await interaction.response.send_modal(modal)

        await self._track(interaction, sender, open_form)

    async def submit_answer(self, interaction: discord.Interaction[Any]) -> None:
        """A typed answer: to core as if it had been typed in the chat."""
        text = submitted_values(interaction.data or {}).get(ANSWER_FIELD, "")
        await self._answer(interaction, sender_for(interaction), Text(text[:MAX_ANSWER]))

    async def reaction_changed(self, event: discord.RawReactionActionEvent) -> None:
        if self.reactions is None:
            return
        self._busy += 1
        self._idle.clear()
        try:
            await self.reactions.changed(event)
        except Exception:
            log.exception("counting reactions failed")
        finally:
            self._done()

    async def connect_channel(self, interaction: discord.Interaction[Any], channel_id: str) -> None:
        await self._answer(
            interaction, sender_for(interaction), Command("connect", f"discord {channel_id}")
        )

    # -- answering ----------------------------------------------------------------------------

    async def _answer(
        self, interaction: discord.Interaction[Any], sender: Sender, message: Input
    ) -> None:
        async def answer() -> None:
            await self._reply(interaction, self._service.handle(sender, message))

        await self._track(interaction, sender, answer)

    async def _reply(
        self, interaction: discord.Interaction[Any], outputs: Awaitable[list[Output]]
    ) -> None:
        """Wait for core briefly; past that, defer the interaction and answer when ready."""
        replier = Replier(interaction)
        task = asyncio.ensure_future(outputs)
        done, _ = await asyncio.wait({task}, timeout=self._config.quick_seconds)
        if not done:
            await replier.defer()
        await replier.deliver(await task)

    async def _newevent_with(self, sender: Sender, name: str, photo: Photo) -> list[Output]:
        outputs = await self._service.handle(sender, Command(name))
        return outputs + await self._service.handle(sender, photo)

    async def _fetch_photo(self, sender: Sender, attachment: discord.Attachment) -> Photo | Problem:
        if attachment.size > self._config.max_photo_bytes:
            return await self._service.upload_too_large(sender, attachment.size)
        try:
            data = await attachment.read()
        except discord.HTTPException as error:
            log.info("attachment download failed: %s", error)
            return Problem(await self._service.text(sender, "chat.download_failed"))
        if len(data) > self._config.max_photo_bytes:
            return await self._service.upload_too_large(sender, len(data))
        photo = Photo(data, attachment.content_type)
        return await self._service.photo_refusal(sender, photo) or photo

    async def _offer_channels(self, interaction: discord.Interaction[Any], sender: Sender) -> None:
        if interaction.guild_id is None:
            text = await self._service.text(sender, "discord.guild_only")
            await interaction.response.send_message(f"⚠️ {text}", ephemeral=True)
            return
        text = await self._service.text(sender, "discord.pick_channel")
        await interaction.response.send_message(
            text, view=components.channel_menu(text), ephemeral=True
        )

    async def _track(
        self,
        interaction: discord.Interaction[Any],
        sender: Sender,
        work: Callable[[], Awaitable[None]],
    ) -> None:
        """Run one interaction's work, counted for `idle()`; a failure is told, never raised."""
        self._busy += 1
        self._idle.clear()
        try:
            await work()
        except Exception:
            log.exception("handling a Discord interaction failed")
            await self._tell_failure(interaction, sender)
        finally:
            self._done()

    def _done(self) -> None:
        self._busy -= 1
        if self._busy == 0:
            self._idle.set()

    async def _tell_failure(self, interaction: discord.Interaction[Any], sender: Sender) -> None:
        try:
            text = f"⚠️ {await self._service.text(sender, 'chat.failed')}"
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except Exception:  # the report of a failure must not fail louder than the failure
            log.warning("could not tell channel %s about the failure", interaction.channel_id)
