"""`/events`: the chat's current events, each with a button that opens its preview.

Opening (`ev:<id>`) is read-only, so anyone in the chat may do it; what the preview's
buttons then do is still limited to the author and admins by the review flow.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from core import buttons
from core.captions import format_when
from core.conversation.messages import Action, Choice, Input, Notice, Output, Problem
from core.conversation.previews import Previews
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from storage import events as event_rows
from storage import repositories
from storage.models import Event
from storage.statuses import CLOSED_EVENT

MAX_LISTED = 10
# An event stays listed through its night; older ones drop off the list.
_LISTED_AFTER_START = timedelta(hours=12)
_LABEL_CHARS = 28


def open_action(event_id: int) -> str:
    return buttons.EVENT.id(event_id)


def parse_open(action_id: str) -> int | None:
    rest = buttons.rest(action_id, buttons.EVENT)
    return int(rest) if rest is not None and rest.isdigit() else None


async def list_events(turn: Turn) -> list[Output]:
    events = await _current_events(turn)
    if not events:
        return [Notice(turn.t("events.empty"))]
    shown = events[:MAX_LISTED]
    lines = [turn.t("events.header")]
    lines += [f"{_status(turn, e)} · {_when(turn, e)} · {_title(turn, e)}" for e in shown]
    if len(events) > len(shown):
        lines.append(turn.t("events.more", count=len(events) - len(shown)))
    choices = tuple(Choice(open_action(e.id), _label(turn, e)) for e in shown)
    return [Notice("\n".join(lines), choices)]


async def openable(turn: Turn, event_id: int) -> int | list[Output]:
    """The event id when it has a preview to show, else what to say instead."""
    event = await turn.session.get(Event, event_id)
    if event is None or event.workspace_id != turn.workspace.id or event.status in CLOSED_EVENT:
        return [Problem(turn.t("events.gone"))]
    if await repositories.latest_creative(turn.session, event.id) is None:
        return [Notice(turn.t("events.unfinished", title=_title(turn, event)))]
    return event.id


async def _current_events(turn: Turn) -> list[Event]:
    since = turn.now - _LISTED_AFTER_START
    return await event_rows.current_events(
        turn.session, turn.workspace.id, since=since, closed=CLOSED_EVENT
    )


def _status(turn: Turn, event: Event) -> str:
    key = f"events.status.{event.status}"
    try:
        return turn.t(key)
    except KeyError:  # statuses added later (scheduled, published, ...) show as they are
        return event.status


def _when(turn: Turn, event: Event) -> str:
    if event.starts_at is None:
        return turn.t("events.no_date")
    return format_when(event.starts_at.astimezone(ZoneInfo(event.timezone)), turn.locale)


def _title(turn: Turn, event: Event) -> str:
    return event.title or turn.t("events.untitled")


def _label(turn: Turn, event: Event) -> str:
    title = _title(turn, event)
    if len(title) > _LABEL_CHARS:
        title = title[: _LABEL_CHARS - 1].rstrip() + "…"
    if event.starts_at is None:
        return title
    local = event.starts_at.astimezone(ZoneInfo(event.timezone))
    return f"{local.month}/{local.day} {title}"


class EventList:
    """/events, and its buttons that open an event's stored preview."""

    def __init__(self, previews: Previews) -> None:
        self._previews = previews

    async def handle(self, turn: Turn, message: Input) -> Reply:
        if not isinstance(message, Action):
            return Reply(await list_events(turn))
        event_id = parse_open(message.id)
        if event_id is None:
            return Reply([Problem(turn.t("events.gone"))])
        found = await openable(turn, event_id)
        if isinstance(found, list):
            return Reply(found)

        async def show() -> list[Output]:
            return await self._previews.show_latest(found)

        return Reply(later=show)
