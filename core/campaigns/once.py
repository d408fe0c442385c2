"""One post per approved image: the keys that say so, and the answer to a second press.

An announcement is keyed by the event and the exact approved bytes, a story likewise with
its own key, so pressing "post now" twice, or two admins pressing it at once, or "post
now" after "pick a time", makes one post. The second press hears where the first one is:
its link when it is up, its time when it is waiting, Retry when it failed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core.campaigns import posts
from core.campaigns.labels import when_label
from core.conversation.messages import Notice
from core.conversation.turn import Turn
from storage import deliveries as rows
from storage import once_keys
from storage.models import Creative, Event, Post
from storage.statuses import PostStatus

ANNOUNCEMENT, STORY = "announcement", "story"
_WAITING = (PostStatus.PLANNED, PostStatus.PENDING, PostStatus.PUBLISHING)


def key_for(kind: str, event_id: int, image_sha256s: Sequence[str]) -> str:
    """`kind:event:digest of the approved images` (fits the 100-character key column)."""
    digest = hashlib.sha256("\n".join(image_sha256s).encode()).hexdigest()
    return f"{kind}:{event_id}:{digest}"


def creative_key(kind: str, event: Event, creative: Creative) -> str:
    return key_for(kind, event.id, [str(sha) for sha in creative.image_sha256s])


async def claim(session: AsyncSession, key: str, post: Post) -> int | None:
    """Tie `key` to the (flushed) `post`; the post that already holds it, if one does."""
    return await once_keys.claim(session, key, post.id)


async def already(turn: Turn, post_id: int) -> Notice:
    """What the earlier post with the same key is doing, in the chat's words."""
    post = await turn.session.get(Post, post_id)
    if post is None:
        return Notice(turn.t("campaign.post_gone"))
    links = [
        delivery.url
        for delivery in await posts.deliveries_of(turn.session, [post.id])
        if delivery.status == rows.PUBLISHED and delivery.url
    ]
    if links:
        return Notice(turn.t("campaign.already_posted", links="\n".join(links)))
    if post.status == PostStatus.PUBLISHED:
        return Notice(turn.t("campaign.already_posted", links=""))
    if post.status in _WAITING:
        event = await turn.session.get_one(Event, post.event_id)
        when = when_label(max(post.scheduled_at, turn.now), ZoneInfo(event.timezone), turn.locale)
        return Notice(turn.t("campaign.already_on_its_way", when=when))
    return Notice(turn.t("campaign.already_tried"))
