"""Core's choices as Discord components, and the items that carry presses back to core.

Button custom_ids are core's stable action ids, so one catch-all `DynamicItem`,
registered at start, answers every button ever sent, also after a restart; it only
forwards `Action(custom_id)`. Long lists of choices become a select menu whose option
values are those ids. Nothing here reads meaning out of an id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from core import i18n
from core.conversation.messages import Action, Choice, ChoiceRole, chat_picked

if TYPE_CHECKING:
    from bot.discord.frontend import DiscordFrontend

MAX_ID = 100  # Discord's limit on custom_id and option values
MAX_LABEL = 80
PER_ROW = 5
MAX_BUTTONS = 25
BUTTONS_UP_TO = 5  # an Ask with more choices gets a select menu
MENU_ID = "menu:pick"  # the select menu's own id; its options carry core's ids
CHANNEL_MENU_ID = "menu:channel"
ANSWER_ID = "menu:answer"  # opens a one-field form: Discord bots do not read typed messages


def frontend_of(interaction: discord.Interaction[Any]) -> DiscordFrontend:
    return interaction.client.frontend  # type: ignore[attr-defined, no-any-return]


class PressedButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"(?P<id>(?!menu:).{1,100})"
):
    """Any button flyerbot ever sent: forwards the press to core as it is."""

    def __init__(self, action_id: str, label: str = "·", row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=label[:MAX_LABEL], custom_id=action_id, style=discord.ButtonStyle.secondary
            ),
            row=row,
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> PressedButton:
        return cls(match["id"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        assert self.item.custom_id is not None
        await frontend_of(interaction).press(interaction, Action(self.item.custom_id))


class ChosenOption(discord.ui.DynamicItem[discord.ui.Select[Any]], template=re.escape(MENU_ID)):
    """Any choice menu flyerbot ever sent: the chosen option's value is core's action id."""

    def __init__(self, choices: Sequence[Choice] = ()) -> None:
        options = [
            discord.SelectOption(label=choice.label[:100], value=choice.id) for choice in choices
        ]
        super().__init__(discord.ui.Select(custom_id=MENU_ID, options=options or _placeholder()))

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> ChosenOption:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        values = chosen_values(interaction)
        if values:
            await frontend_of(interaction).press(interaction, Action(values[0]))


class ChosenChannel(
    discord.ui.DynamicItem[discord.ui.ChannelSelect[Any]],
    template=re.escape(CHANNEL_MENU_ID) + r"(?::(?P<answer>.{1,80}))?",
):
    """A menu of this server's channels. Without `answer` it is /connect discord's (the
    frontend checks and connects the channel); with it, core's question is answered with
    the action `<answer>:<channel id>`."""

    def __init__(self, placeholder: str = "#", answer: str | None = None) -> None:
        self.answer = answer
        super().__init__(
            discord.ui.ChannelSelect(
                custom_id=CHANNEL_MENU_ID + (f":{answer}" if answer else ""),
                channel_types=[discord.ChannelType.text, discord.ChannelType.news],
                placeholder=placeholder[:150],
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> ChosenChannel:
        return cls(answer=match["answer"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        values = chosen_values(interaction)
        if not values:
            return
        if self.answer is None:
            await frontend_of(interaction).connect_channel(interaction, values[0])
        else:
            await frontend_of(interaction).press(interaction, chat_picked(self.answer, values[0]))


def chosen_values(interaction: discord.Interaction[Any]) -> list[str]:
    data: dict[str, Any] = dict(interaction.data or {})
    return [str(value) for value in data.get("values") or []]


class TypedAnswer(discord.ui.DynamicItem[discord.ui.Button[Any]], template=re.escape(ANSWER_ID)):
    """Under every question: type the answer in a small form, as a Telegram user would."""

    def __init__(self, row: int | None = None) -> None:
        label = i18n.text("button.type_answer", "ko")
        super().__init__(
            discord.ui.Button(label=label, custom_id=ANSWER_ID, style=discord.ButtonStyle.primary),
            row=row,
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
    ) -> TypedAnswer:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await frontend_of(interaction).open_answer(interaction)


PERSISTENT_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    PressedButton,
    ChosenOption,
    ChosenChannel,
    TypedAnswer,
)


def buttons(choices: Sequence[Choice]) -> discord.ui.View | None:
    """Buttons, five to a row, in core's order with the ones that steer (back, cancel)
    last; None when there is nothing to press."""
    usable = [choice for choice in _steering_last(choices) if len(choice.id) <= MAX_ID]
    usable = usable[:MAX_BUTTONS]
    if not usable:
        return None
    view = discord.ui.View(timeout=None)
    for index, choice in enumerate(usable):
        view.add_item(PressedButton(choice.id, choice.label, row=index // PER_ROW))
    return view


def menu_or_buttons(choices: Sequence[Choice]) -> discord.ui.View | None:
    """A picker's choices: buttons when few, one select menu when many."""
    usable = [choice for choice in choices if len(choice.id) <= MAX_ID]
    if len(usable) <= BUTTONS_UP_TO:
        return buttons(usable)
    view = discord.ui.View(timeout=None)
    view.add_item(ChosenOption(usable[:25]))
    return view


def question(choices: Sequence[Choice]) -> discord.ui.View:
    """A question's choices, and a button to type the answer instead."""
    view = menu_or_buttons(choices) or discord.ui.View(timeout=None)
    view.add_item(TypedAnswer())  # discord.py puts it in the first row with room
    return view


def channel_menu(placeholder: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ChosenChannel(placeholder))
    return view


def channel_question(prompt: str, answer: str, choices: Sequence[Choice]) -> discord.ui.View:
    """A question answered by picking a channel of this server, or by one of `choices`."""
    view = buttons(choices) or discord.ui.View(timeout=None)
    view.add_item(ChosenChannel(prompt, answer))
    return view


def _steering_last(choices: Sequence[Choice]) -> list[Choice]:
    options = [choice for choice in choices if not choice.has(ChoiceRole.NAVIGATE)]
    return options + [choice for choice in choices if choice.has(ChoiceRole.NAVIGATE)]


def _placeholder() -> list[discord.SelectOption]:
    """A menu rebuilt from its id alone needs an option; the real ones came with the press."""
    return [discord.SelectOption(label="·", value="·")]
