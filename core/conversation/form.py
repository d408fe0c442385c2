"""The draft's text fields as one form, for frontends that can ask several at once.

A Discord modal holds at most five inputs, so the form carries the five typed fields;
genre and photo are asked apart. The limits are the parsers' own (with room for what a
parser trims), so a value the form lets through is judged by the same parser as a
typed answer, and a longer one is refused before it reaches the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final
from zoneinfo import ZoneInfo

from core.conversation import actions
from core.conversation.draft_fields import OPTIONAL_FIELDS
from core.conversation.messages import Choice, EventForm, FormField
from core.conversation.turn import Turn
from core.parsing import short_fields as limits
from core.parsing.lineup import MAX_ENTRIES, MAX_NAME, lineup_from_json, lineup_line
from storage.models import Event

FORM_FIELDS: Final = ("title", "starts_at", "venue", "lineup", "ticket_url")
MAX_LENGTHS: Final[Mapping[str, int]] = {
    "title": limits.MAX_TITLE + 20,
    "starts_at": 100,
    "venue": limits.MAX_VENUE_NAME + limits.MAX_CITY + 10,
    "lineup": MAX_ENTRIES * (MAX_NAME + 20),
    "ticket_url": limits.MAX_URL,
}
TYPED_KEY = "typed"  # conversation.data: what a refused form held, exactly as typed


def event_form(turn: Turn, event: Event, *, editing: bool) -> EventForm:
    """The form for `event`, pre-filled with what was typed last, else the stored values."""
    typed = typed_values(turn)
    title = turn.t("form.edit_title" if editing else "form.new_title")
    return EventForm(
        reopen=Choice(actions.wizard(turn.sender.user_id, "form"), turn.t("button.fix")),
        title=title,
        fields=tuple(
            FormField(
                name=name,
                label=turn.t(f"field.{name}"),
                value=typed.get(name, stored_value(event, name)),
                example=turn.t(f"form.example.{name}"),
                max_length=MAX_LENGTHS[name],
                required=name not in OPTIONAL_FIELDS,
                multiline=name == "lineup",
            )
            for name in FORM_FIELDS
        ),
    )


def stored_value(event: Event, name: str) -> str:
    """The value as text that the field's parser reads back to the same value."""
    if name == "starts_at":
        if event.starts_at is None:
            return ""
        return f"{event.starts_at.astimezone(ZoneInfo(event.timezone)):%Y-%m-%d %H:%M}"
    if name == "venue":
        return (event.venue or "") + (f", {event.city}" if event.city else "")
    if name == "lineup":
        return "\n".join(lineup_line(entry) for entry in lineup_from_json(event.lineup or []))
    return str(getattr(event, name) or "")


def typed_values(turn: Turn) -> dict[str, str]:
    conversation = turn.conversation
    if conversation is None:
        return {}
    typed = (conversation.data or {}).get(TYPED_KEY) or {}
    return {str(name): str(value) for name, value in typed.items()}


def over_limit(values: Mapping[str, str]) -> list[str]:
    """The form fields whose value is longer than the form allows."""
    return [name for name in FORM_FIELDS if len(values.get(name, "")) > MAX_LENGTHS[name]]
