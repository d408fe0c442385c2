"""Campaigns follow their event: cancelled, its posts are cancelled; a new date moves
them; a new approval gives them the new images.

Registered with the router as a subscriber (core.app): it runs after any step that
changed an event's status or date, in the same transaction.
"""

from __future__ import annotations

from core.campaigns import posts
from core.campaigns.changes import reanchor
from core.campaigns.desk import CampaignDesk
from core.campaigns.plan import ANNOUNCEMENT
from core.conversation.changes import EventChange
from core.conversation.messages import Notice
from core.conversation.reply import Reply, both
from core.conversation.turn import Turn
from storage.models import Event, Post
from storage.statuses import EventStatus


class EventFollower:
    def __init__(self, desk: CampaignDesk) -> None:
        self._desk = desk

    async def on_event_changed(self, turn: Turn, change: EventChange) -> Reply | None:
        """Cancelled: cancel its posts. New date: move them. Approved again: new images."""
        before, event = change.before, change.event
        open_posts = await posts.posts_of(turn.session, event.id)
        if not open_posts:
            return None
        if event.status == EventStatus.CANCELLED and before.status != EventStatus.CANCELLED:
            cancelled, _busy = await posts.cancel(turn.session, open_posts, turn.now)
            return Reply([Notice(turn.t("campaign.event_cancelled", count=cancelled))])
        if event.starts_at is not None and event.starts_at != before.starts_at:
            outputs, redraw = await reanchor(turn, event, open_posts)
            return Reply(
                outputs, later=both(self._desk.render_later(turn, redraw), self._desk.woken())
            )
        if event.status == EventStatus.APPROVED and before.status != EventStatus.APPROVED:
            return await self._refresh_images(turn, event, open_posts)
        return None

    async def _refresh_images(self, turn: Turn, event: Event, open_posts: list[Post]) -> Reply:
        """A new approval: pending announcements take the new bytes, the rest are redrawn."""
        creative = await posts.approved_creative(turn.session, event.id)
        redraw = []
        for post in open_posts:
            if post.slot == ANNOUNCEMENT and creative is not None:
                post.creative_id = creative.id
                post.image_sha256s = list(creative.image_sha256s)
                post.caption, post.alt_text = creative.caption, creative.alt_text
                post.template, post.layout, post.theme = (
                    creative.template,
                    creative.layout,
                    creative.theme,
                )
            elif post.slot != ANNOUNCEMENT:
                if creative is not None:
                    post.layout, post.theme = creative.layout, creative.theme
                redraw.append(post.id)
        notice = Notice(turn.t("campaign.images_updated", count=len(open_posts)))
        return Reply([notice], later=self._desk.render_later(turn, redraw))
