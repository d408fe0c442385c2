"""Core's forms as Discord modals, and a submitted modal back as core's `Form`.

Submissions are read from the interaction itself (not from a `Modal` object kept in
memory), so a form opened before a restart is still accepted after it. Discord enforces
each input's max_length; a value over it is refused here all the same, because a
submission is just a request and must not reach the database unchecked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import discord

from core.conversation.messages import EventForm, Form

FORM_PREFIX = "form:"  # a modal's own id; what it holds comes back by field name
ANSWER_PREFIX = "answer:"  # a one-field modal: a typed answer to the question above it
ANSWER_FIELD = "answer"
MAX_ANSWER = 1000
MAX_TITLE = 45
MAX_LABEL = 45
MAX_PLACEHOLDER = 100
MAX_VALUE = 4000
MAX_INPUTS = 5


class EventModal(discord.ui.Modal):
    """Sent only; its submission is handled from the raw interaction (see module doc)."""

    def __init__(self, form: EventForm, custom_id: str) -> None:
        super().__init__(title=form.title[:MAX_TITLE], custom_id=custom_id, timeout=900)
        for field in form.fields[:MAX_INPUTS]:
            self.add_item(
                discord.ui.TextInput(
                    label=field.label[:MAX_LABEL],
                    custom_id=field.name,
                    default=field.value[: min(field.max_length, MAX_VALUE)] or None,
                    placeholder=field.example[:MAX_PLACEHOLDER],
                    required=field.required,
                    max_length=min(field.max_length, MAX_VALUE),
                    style=discord.TextStyle.paragraph
                    if field.multiline
                    else discord.TextStyle.short,
                )
            )


class AnswerModal(discord.ui.Modal):
    """One paragraph, for a question a Telegram user would answer by typing."""

    def __init__(self, title: str, label: str, question: str, custom_id: str) -> None:
        super().__init__(title=title[:MAX_TITLE], custom_id=custom_id, timeout=900)
        self.add_item(
            discord.ui.TextInput(
                label=label[:MAX_LABEL],
                custom_id=ANSWER_FIELD,
                placeholder=question[:MAX_PLACEHOLDER] or None,
                style=discord.TextStyle.paragraph,
                max_length=MAX_ANSWER,
            )
        )


def answer_modal(title: str, label: str, question: str, interaction_id: int) -> AnswerModal:
    return AnswerModal(title, label, question, f"{ANSWER_PREFIX}{interaction_id}")


def is_answer_submission(interaction: discord.Interaction[Any]) -> bool:
    if interaction.type is not discord.InteractionType.modal_submit:
        return False
    data: dict[str, Any] = dict(interaction.data or {})
    return str(data.get("custom_id") or "").startswith(ANSWER_PREFIX)


def modal_for(form: EventForm, interaction_id: int) -> EventModal:
    return EventModal(form, f"{FORM_PREFIX}{interaction_id}")


def is_form_submission(interaction: discord.Interaction[Any]) -> bool:
    if interaction.type is not discord.InteractionType.modal_submit:
        return False
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = str(data.get("custom_id") or "")
    return custom_id.startswith(FORM_PREFIX)


def submitted_values(data: Mapping[str, Any]) -> dict[str, str]:
    """custom_id -> typed text of every text input in a submission (rows or labels)."""
    values: dict[str, str] = {}
    for row in data.get("components") or []:
        inner = row.get("components") or ([row["component"]] if "component" in row else [])
        for component in inner:
            if component.get("type") == discord.ComponentType.text_input.value:
                values[str(component.get("custom_id"))] = str(component.get("value") or "")
    return values


def form_of(values: Mapping[str, str]) -> Form:
    return Form(dict(values))
