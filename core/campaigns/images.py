"""Rendering a campaign post's own images, outside any transaction.

A lineup, countdown or day-of post is drawn by the same `draw()` as the approved preview,
in the approved look, for the day it will be posted (so a countdown says D-3 on D-3).
The bytes are stored by their sha256 on the post and published exactly as stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import limits
from core.campaigns.posts import OPEN, needs_render
from core.clock import Clock
from core.conversation.previews import Look, Renderer, draw, store_slides
from core.limits import DailyLimits, Refusal, Usage
from storage.media import MediaStore
from storage.models import Event, Post, Workspace


class PostImages:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        media: MediaStore,
        clock: Clock,
        renderer: Renderer,
        daily_limits: DailyLimits,
    ) -> None:
        self._sessions = sessions
        self._media = media
        self._clock = clock
        self._renderer = renderer
        self._limits = daily_limits

    async def render(
        self, post_ids: Sequence[int], *, again: bool = False, by: int | None = None
    ) -> Refusal | None:
        """Draw each open post that needs images (`again`: even if it has some).

        Each image counts against the workspace's daily renders and, given `by`, against
        that person's.
        """
        for post_id in post_ids:
            async with self._sessions() as session:
                loaded = await _load(session, post_id)
            if loaded is None:
                continue
            post, event, workspace = loaded
            if post.status not in OPEN or not (
                needs_render(post) and (again or not post.image_sha256s)
            ):
                continue
            zone = ZoneInfo(event.timezone)
            async with self._sessions.begin() as session:
                refusal = await limits.take(
                    session,
                    self._limits,
                    Usage.RENDER,
                    workspace_id=workspace.id,
                    now=self._clock(),
                    zone=ZoneInfo(workspace.timezone),
                    user_id=by,
                )
            if refusal is not None:
                return refusal
            look = Look(post.template, post.layout, post.theme)
            posted_on = post.scheduled_at.astimezone(zone).date()
            artwork, rendering = await draw(
                self._renderer, self._media, event, workspace, look, posted_on
            )
            async with self._sessions.begin() as session:
                now = self._clock()
                hashes = await store_slides(self._media, session, rendering, now)
                stored = await session.get(Post, post_id)
                if stored is None or stored.status not in OPEN:
                    continue
                if stored.scheduled_at.astimezone(zone).date() != posted_on:
                    continue  # moved to another day meanwhile; that move renders again
                stored.image_sha256s = hashes
                stored.caption = artwork.caption.text
                stored.alt_text = artwork.alt_text
                stored.updated_at = now
        return None


async def _load(session: AsyncSession, post_id: int) -> tuple[Post, Event, Workspace] | None:
    post = await session.get(Post, post_id)
    if post is None:
        return None
    event = await session.get_one(Event, post.event_id)
    workspace = await session.get_one(Workspace, event.workspace_id)
    return post, event, workspace
