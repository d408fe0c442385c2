"""When the event's date changes, its open posts follow it.

Anchored posts (lineup, countdown, day-of, and anything moved relative to them) keep their
"N days before, at HH:MM" and land on the new calendar; a post whose new time has passed
or falls at or after the new start is cancelled, and the chat is told which.
"""

from __future__ import annotations

from datetime import UTC, time
from zoneinfo import ZoneInfo

from core.campaigns import posts, views
from core.campaigns.plan import anchored
from core.conversation.messages import Notice, Output
from core.conversation.turn import Turn
from storage.models import Event, Post
from storage.statuses import PostStatus


async def reanchor(
    turn: Turn, event: Event, open_posts: list[Post]
) -> tuple[list[Output], list[int]]:
    """Move the posts; returns what to say and the pending posts whose images must be redrawn."""
    assert event.starts_at is not None
    zone = ZoneInfo(event.timezone)
    starts = event.starts_at.astimezone(UTC)  # compare instants, not wall clocks
    moved: list[Post] = []
    dropped: list[Post] = []
    for post in open_posts:
        if post.days_before is None or post.local_time is None:
            (dropped if post.scheduled_at >= starts else moved).append(post)
            continue
        when = anchored(
            event.starts_at, zone, post.days_before, time.fromisoformat(post.local_time)
        )
        if when <= turn.now or when >= event.starts_at:
            dropped.append(post)
            continue
        if when != post.scheduled_at:
            await posts.move(turn.session, post, when, event, turn.now)
        moved.append(post)
    if dropped:
        await posts.cancel(turn.session, dropped, turn.now)
    lines = [
        views.post_line(number, post, event, turn.locale, turn.now)
        for number, post in enumerate(sorted(moved, key=lambda p: p.scheduled_at), 1)
    ]
    text = "\n".join([turn.t("campaign.reanchored", count=len(moved)), *lines])
    if dropped:
        text += "\n" + turn.t("campaign.reanchor_dropped", count=len(dropped))
    redraw = [
        post.id
        for post in moved
        if post.status == PostStatus.PENDING and post.slot != "announcement"
    ]
    return [Notice(text)], redraw
