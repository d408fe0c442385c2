"""The campaign as the chat reads it: numbered posts in local time, with their buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from core import i18n
from core.campaigns import actions
from core.campaigns.labels import post_label, when_label
from core.campaigns.plan import ANNOUNCEMENT
from core.conversation.messages import Choice
from storage.deliveries import MISSED
from storage.models import Event, Post, Target
from storage.statuses import PostStatus


def post_line(number: int, post: Post, event: Event, locale: str, now: datetime) -> str:
    zone = ZoneInfo(event.timezone)
    if post.slot == ANNOUNCEMENT and post.scheduled_at <= now + timedelta(minutes=1):
        when = i18n.text("campaign.now", locale)
    else:
        when = when_label(post.scheduled_at, zone, locale)
    label = post_label(post.template, post.scheduled_at, event.starts_at, zone, locale)
    line = f"{number}. {when} · {label}"
    if post.status == MISSED:
        line += " · " + i18n.text("campaign.missed_mark", locale)
    return line


def targets_line(targets: Sequence[Target], locale: str) -> str:
    if not targets:
        return i18n.text("campaign.no_targets", locale)
    return i18n.text("campaign.targets", locale, names=", ".join(t.name for t in targets))


def plan_text(
    event: Event, posts: Sequence[Post], targets: Sequence[Target], locale: str, now: datetime
) -> str:
    head = i18n.text("campaign.plan_head", locale, title=event.title or "", zone=event.timezone)
    lines = [post_line(number, post, event, locale, now) for number, post in enumerate(posts, 1)]
    return "\n".join([head, *lines, targets_line(targets, locale)])


def plan_choices(event_id: int, locale: str) -> tuple[Choice, ...]:
    return (
        Choice(actions.campaign(event_id, "confirm"), i18n.text("button.confirm_plan", locale)),
        Choice(actions.campaign(event_id, "edit"), i18n.text("button.edit_plan", locale)),
        Choice(actions.campaign(event_id, "discard"), i18n.text("button.discard_plan", locale)),
    )


def edit_choices(event_id: int, posts: Sequence[Post], locale: str) -> tuple[Choice, ...]:
    """Move / drop per post, then add, then confirm while the plan is not confirmed yet."""
    choices: list[Choice] = []
    for number, post in enumerate(posts, 1):
        choices.append(
            Choice(actions.post(post.id, "move"), i18n.text("button.move", locale, n=number))
        )
        choices.append(
            Choice(actions.post(post.id, "drop"), i18n.text("button.drop", locale, n=number))
        )
    choices.append(Choice(actions.campaign(event_id, "add"), i18n.text("button.add", locale)))
    if any(post.status == PostStatus.PLANNED for post in posts):
        choices.append(
            Choice(actions.campaign(event_id, "confirm"), i18n.text("button.confirm_plan", locale))
        )
    return tuple(choices)


def schedule_text(
    rows: Sequence[tuple[Post, Event]], locale: str, now: datetime
) -> tuple[str, tuple[Choice, ...]]:
    """/schedule: what is coming, each with a cancel button."""
    if not rows:
        return i18n.text("schedule.empty", locale), ()
    lines = [i18n.text("schedule.head", locale)]
    choices = []
    for number, (post, event) in enumerate(rows, 1):
        line = post_line(number, post, event, locale, now)
        lines.append(f"{line} · {event.title or ''}")
        if post.status == PostStatus.PLANNED:
            lines[-1] += " · " + i18n.text("campaign.planned_mark", locale)
        choices.append(
            Choice(actions.post(post.id, "drop"), i18n.text("button.cancel_post", locale, n=number))
        )
    return "\n".join(lines), tuple(choices)
