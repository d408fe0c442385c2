"""Post and delivery rows of a campaign: create, schedule, move, cancel.

State changes of deliveries go through storage.deliveries' compare-and-set helpers, so a
chat action never overrides a worker that is publishing at that very moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core.campaigns.plan import ANNOUNCEMENT, PlannedPost, anchor_of
from storage import deliveries as rows
from storage import once_keys
from storage import posts as post_rows
from storage.models import Creative, Delivery, Event, Post, Target
from storage.posts import approved_creative as approved_creative
from storage.posts import deliveries_of as deliveries_of
from storage.statuses import PostStatus

OPEN = (PostStatus.PLANNED, PostStatus.PENDING)
UPCOMING = (PostStatus.PLANNED, PostStatus.PENDING, PostStatus.MISSED)


async def posts_of(
    session: AsyncSession, event_id: int, statuses: Sequence[str] = OPEN
) -> list[Post]:
    """The event's open posts (planned or waiting), or those in `statuses`."""
    return await post_rows.posts_in(session, event_id, statuses)


async def upcoming(
    session: AsyncSession, workspace_id: int, *, limit: int = 20
) -> list[tuple[Post, Event]]:
    """What the chat's schedule lists: posts planned, waiting or missed, soonest first."""
    return await post_rows.next_posts(session, workspace_id, UPCOMING, limit=limit)


def new_post(
    event: Event,
    planned: PlannedPost,
    *,
    creative: Creative,
    status: str,
    now: datetime,
) -> Post:
    """A post in the approved look; an announcement carries the approved bytes themselves."""
    is_announcement = planned.slot == ANNOUNCEMENT
    return Post(
        event_id=event.id,
        creative_id=creative.id if is_announcement else None,
        slot=planned.slot,
        template=creative.template if is_announcement else planned.template,
        layout=creative.layout,
        theme=creative.theme,
        days_before=planned.days_before,
        local_time=planned.local_time.strftime("%H:%M") if planned.local_time else None,
        scheduled_at=planned.scheduled_at,
        image_sha256s=list(creative.image_sha256s) if is_announcement else [],
        caption=creative.caption if is_announcement else "",
        alt_text=creative.alt_text if is_announcement else "",
        status=status,
        created_at=now,
        updated_at=now,
    )


def needs_render(post: Post) -> bool:
    return post.slot != ANNOUNCEMENT or not post.image_sha256s


async def add_deliveries(
    session: AsyncSession, post: Post, targets: Sequence[Target], now: datetime
) -> list[Delivery]:
    made = [
        Delivery(
            post_id=post.id,
            target_id=target.id,
            workspace_id=target.workspace_id,
            status=rows.PENDING,
            due_at=max(post.scheduled_at, now),
            attempts=0,
            verify_first=False,
            journal={},
            created_at=now,
            updated_at=now,
        )
        for target in targets
    ]
    session.add_all(made)
    await session.flush()
    return made


async def cancel(session: AsyncSession, posts: Sequence[Post], now: datetime) -> tuple[int, int]:
    """Cancel posts and their waiting deliveries; returns (posts, deliveries already going out)."""
    ids = [post.id for post in posts]
    deliveries = await deliveries_of(session, ids)
    waiting = [d.id for d in deliveries if d.status in (rows.PENDING, rows.MISSED, rows.FAILED)]
    await rows.move_status(
        session,
        waiting,
        from_statuses=(rows.PENDING, rows.MISSED, rows.FAILED),
        status=rows.CANCELLED,
        updated_at=now,
    )
    going_out = {d.post_id for d in deliveries if d.status == rows.PUBLISHING}
    for post in posts:
        post.status = PostStatus.CANCELLED
        post.updated_at = now
    # The image may be sent again on purpose, unless a copy is going out right now.
    await once_keys.release(session, [post_id for post_id in ids if post_id not in going_out])
    busy = sum(1 for d in deliveries if d.status == rows.PUBLISHING)
    return len(posts), busy


async def move(
    session: AsyncSession, post: Post, when: datetime, event: Event, now: datetime
) -> None:
    """Put a post at `when`; anchored posts keep following the event from their new place."""
    if post.days_before is not None and event.starts_at is not None:
        days, at = anchor_of(when, event.starts_at, ZoneInfo(event.timezone))
        post.days_before, post.local_time = days, at.strftime("%H:%M")
    post.scheduled_at = when
    post.updated_at = now
    ids = [d.id for d in await deliveries_of(session, [post.id]) if d.status == rows.PENDING]
    await rows.move_status(
        session, ids, from_statuses=(rows.PENDING,), due_at=max(when, now), updated_at=now
    )
