"""Core's outputs as answers to one Discord interaction.

Discord allows exactly one initial answer per interaction, within three seconds; all
else is a follow-up or an edit. Where each output goes:

- an `Ask` with a form opens a modal, when the interaction may still answer with one;
- a `Preview` answering a press on a preview edits that message in place (a new image
  attachment, the same message); otherwise it is a new message everyone sees;
- an `Ask` that is a menu (its choices have the MENU role) answering a press on a
  preview puts its choices on the preview (a theme picker lives on the image it changes);
- an answer to a question asked only to one user (an ephemeral message) replaces it;
- a `Problem` is shown only to the user who caused it; an `Ask` too (it is their
  question), and a `Toast`; a `Notice` is for the channel.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, assert_never

import discord

from bot.discord import components
from bot.discord.modals import modal_for
from core.conversation.messages import Ask, Notice, Output, Preview, Problem, Toast, Withdraw

MAX_CONTENT = 2000
MAX_FILES = 10


@dataclass(frozen=True)
class Placed:
    content: str
    view: discord.ui.View | None
    ephemeral: bool
    files: tuple[discord.File, ...] = ()


def is_preview_message(message: discord.Message | None) -> bool:
    return message is not None and bool(message.attachments) and not message.flags.ephemeral


def is_private_question(message: discord.Message | None) -> bool:
    return message is not None and message.flags.ephemeral


def clip(text: str) -> str:
    return text if len(text) <= MAX_CONTENT else text[: MAX_CONTENT - 1] + "…"


def preview_files(preview: Preview) -> tuple[discord.File, ...]:
    return tuple(
        discord.File(
            io.BytesIO(image),
            filename=f"preview-{preview.event_id}-{preview.creative_id}-{number}.jpg",
            description=preview.alt_text[:1024] or None,
        )
        for number, image in enumerate(preview.images[:MAX_FILES], start=1)
    )


def notice_files(notice: Notice) -> tuple[discord.File, ...]:
    """The picture that comes with a notice (the insight chart), if any."""
    if notice.image is None:
        return ()
    description = notice.image_alt[:1024] or None
    return (discord.File(io.BytesIO(notice.image), "insights.jpg", description=description),)


def placed(output: Output) -> Placed:
    """Where and how an output shows when it is a message of its own."""
    match output:
        case Preview():
            return Placed(
                clip(output.caption),
                components.buttons(output.actions),
                ephemeral=False,
                files=preview_files(output),
            )
        case Ask() if output.chat_menu is not None:
            view = components.channel_question(output.prompt, output.chat_menu, output.choices)
            return Placed(clip(output.prompt), view, True)
        case Ask():
            return Placed(clip(output.prompt), components.question(output.choices), True)
        case Problem():
            return Placed(clip(f"⚠️ {output.message}"), components.buttons(output.choices), True)
        case Notice():
            return Placed(
                clip(output.text),
                components.buttons(output.choices),
                False,
                files=notice_files(output),
            )
        case Toast():
            return Placed(clip(output.text), None, ephemeral=True)
        case Withdraw():
            raise ValueError("a withdrawal is no message of its own")
        case _:
            assert_never(output)


def _with_reopen(output: Output) -> Output:
    """A form that cannot open now (the interaction is answered) gets a button that opens it."""
    if not isinstance(output, Ask) or output.form is None:
        return output
    if output.form.reopen in output.choices:
        return output
    return dataclasses.replace(output, choices=(output.form.reopen, *output.choices))


class Replier:
    """Answers one interaction with core's outputs, in order."""

    def __init__(self, interaction: discord.Interaction[Any]) -> None:
        self._interaction = interaction
        self._message = interaction.message
        self._edited_original = False
        self._loading = False  # deferred with a "thinking" message the first answer fills

    async def defer(self) -> None:
        """Acknowledge now, answer later: a press keeps its message, anything else shows
        "thinking" (only to the user when it answers a form)."""
        response = self._interaction.response
        if self._message is not None:
            await response.defer()
            return
        private = self._interaction.type is discord.InteractionType.modal_submit
        await response.defer(thinking=True, ephemeral=private)
        self._loading = True

    @property
    def can_open_modal(self) -> bool:
        interaction = self._interaction
        return (
            not interaction.response.is_done()
            and interaction.type is not discord.InteractionType.modal_submit
        )

    async def deliver(self, outputs: Sequence[Output]) -> None:
        forms = [o for o in outputs if isinstance(o, Ask) and o.form is not None]
        if forms and self.can_open_modal:
            form = forms[-1].form
            assert form is not None
            await self._interaction.response.send_modal(modal_for(form, self._interaction.id))
            return
        for output in outputs:
            await self._one(_with_reopen(output))
        if not self._interaction.response.is_done():
            await self._interaction.response.defer()

    async def _one(self, output: Output) -> None:
        if isinstance(output, Withdraw):
            return  # typed into a form, seen by nobody else: there is no chat message to remove
        on_preview = is_preview_message(self._message)
        if isinstance(output, Preview) and on_preview and not self._edited_original:
            shown = placed(output)
            await self._edit_pressed(shown.content, shown.view, files=shown.files)
            return
        if isinstance(output, Ask) and output.is_menu and on_preview and not self._edited_original:
            await self._edit_pressed(None, components.menu_or_buttons(output.choices))
            return
        shown = placed(output)
        if is_private_question(self._message) and not self._edited_original:
            if shown.ephemeral:
                await self._edit_pressed(shown.content, shown.view)
                return
            await self._edit_pressed(None, None)  # answered: the question's buttons go
        await self._send(shown)

    async def _edit_pressed(
        self,
        content: str | None,
        view: discord.ui.View | None,
        *,
        files: tuple[discord.File, ...] = (),
    ) -> None:
        """Change the message whose component was used (once per interaction)."""
        self._edited_original = True
        changes: dict[str, Any] = {"view": view}
        if content is not None:
            changes["content"] = content
        if files:
            changes["attachments"] = list(files)
        response = self._interaction.response
        if not response.is_done():
            await response.edit_message(**changes)
        else:
            await self._interaction.edit_original_response(**changes)

    async def _send(self, shown: Placed) -> None:
        view = shown.view or discord.utils.MISSING
        files = list(shown.files) or discord.utils.MISSING
        response = self._interaction.response
        if self._loading:
            self._loading = False
            await self._interaction.edit_original_response(
                content=shown.content, view=shown.view, attachments=list(shown.files)
            )
            return
        if not response.is_done():
            await response.send_message(
                shown.content, view=view, files=files, ephemeral=shown.ephemeral
            )
            return
        await self._interaction.followup.send(
            shown.content, view=view, files=files, ephemeral=shown.ephemeral
        )
