"""/schedule: the chat's upcoming posts, and its approved events with nothing planned yet."""

from __future__ import annotations

from core.campaigns import actions, posts, views
from core.conversation.messages import Choice, Input, Notice
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from storage import repositories
from storage.models import Event
from storage.statuses import EventStatus, PostStatus


async def handle(turn: Turn, message: Input) -> Reply:
    """/schedule: what is coming up, and the approved events with nothing planned."""
    found = await posts.upcoming(turn.session, turn.workspace.id)
    text, choices = views.schedule_text(found, turn.locale, turn.now)
    waiting = await _approved_without_posts(turn)
    more = tuple(
        Choice(
            actions.campaign(event.id, "plan"),
            turn.t("button.plan_for", title=(event.title or "")[:30]),
        )
        for event in waiting
    )
    return Reply([Notice(text, (*choices, *more))])


async def _approved_without_posts(turn: Turn) -> list[Event]:
    approved = await repositories.events_in_workspace(
        turn.session, turn.workspace.id, (EventStatus.APPROVED,)
    )
    waiting = []
    for event in approved:
        if event.starts_at is None or event.starts_at <= turn.now:
            continue
        if not await posts.posts_of(turn.session, event.id, (*posts.OPEN, PostStatus.PUBLISHED)):
            waiting.append(event)
    return waiting[:5]
