"""Noticing that a step changed an event, for the flows that follow such changes.

A step may move an event's date, cancel it or approve it again (an edit answered, a
review button, /cancel). The router photographs the event before the step and, when it
changed, hands `EventChange` to each subscriber registered at wiring time (campaigns
re-anchor or cancel their posts), inside the same transaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from core.conversation import actions
from core.conversation.messages import Action, Command, Input
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from storage.models import Event


@dataclass(frozen=True)
class EventSnapshot:
    """An event before a step: what a subscriber compares the event with afterwards."""

    event_id: int
    status: str
    starts_at: datetime | None


@dataclass(frozen=True)
class EventChange:
    before: EventSnapshot
    event: Event


Subscriber = Callable[[Turn, EventChange], Awaitable[Reply | None]]


def event_in_question(turn: Turn, message: Input) -> int | None:
    """The event whose date, status or approval this message may change, if any.

    Only review buttons, /cancel and answers while editing can; a draft still being
    created has no campaign, so those steps skip the check (and its queries).
    """
    if isinstance(message, Action):
        review = actions.parse_review(message.id)
        if review is not None:
            return review.event_id
    conversation = turn.conversation
    if conversation is None:
        return None
    editing = conversation.step.startswith("edit:")
    cancelling = isinstance(message, Command) and message.name == "cancel"
    return conversation.event_id if editing or cancelling else None


async def snapshot(turn: Turn, event_id: int | None) -> EventSnapshot | None:
    if event_id is None:
        return None
    event = await turn.session.get(Event, event_id)
    if event is None:
        return None
    return EventSnapshot(event.id, event.status, event.starts_at)


async def change_since(turn: Turn, before: EventSnapshot | None) -> EventChange | None:
    """The event as the step left it, when its status or date is not what it was."""
    if before is None:
        return None
    event = await turn.session.get(Event, before.event_id)
    if event is None or (event.status, event.starts_at) == (before.status, before.starts_at):
        return None  # the usual wizard step: nothing a subscriber cares about
    return EventChange(before, event)


async def tell(
    turn: Turn, change: EventChange | None, subscribers: tuple[Subscriber, ...]
) -> Reply:
    """What the subscribers say about `change` (nothing when there is none)."""
    told = Reply()
    if change is None:
        return told
    for subscriber in subscribers:
        reply = await subscriber(turn, change)
        if reply is not None:
            told.outputs.extend(reply.outputs)
            told.then(reply.later)
    return told
