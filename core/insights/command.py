"""`/insights` and `/insights <event>`: the chat's numbers now, with the week's chart.

The event is named by its number or by part of its title (any case), as `/events`
lists them; a name that matches nothing is answered with the chat's event titles.
"""

from __future__ import annotations

from core.conversation.messages import Command, Input, Notice, Output, Problem
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.insights.report import on_demand_report
from storage.events import event_titles
from storage.statuses import EventStatus


async def insights(turn: Turn, args: str) -> list[Output]:
    event_id: int | None = None
    query = args.strip()
    if query:
        found = await _find_event(turn, query)
        if isinstance(found, Problem):
            return [found]
        event_id = found
    report = await on_demand_report(turn.session, turn.workspace, now=turn.now, event_id=event_id)
    return [Notice(report.text, image=report.chart, image_alt=report.alt_text)]


async def _find_event(turn: Turn, query: str) -> int | Problem:
    rows = await event_titles(turn.session, turn.workspace.id, not_status=EventStatus.CANCELLED)
    events = [(event_id, title or "") for event_id, title in rows]
    wanted = query.removeprefix("#").casefold()
    if wanted.isdigit() and any(event_id == int(wanted) for event_id, _ in events):
        return int(wanted)
    matches = [event_id for event_id, title in events if wanted in title.casefold()]
    if matches:
        return matches[-1]  # the newest event of that name
    names = ", ".join(title for _, title in events if title) or turn.t("insights.no_events")
    return Problem(turn.t("insights.unknown_event", query=query, events=names))


async def handle(turn: Turn, message: Input) -> Reply:
    """/insights [event]."""
    return Reply(await insights(turn, message.args if isinstance(message, Command) else ""))
