"""What every campaign flow shares: its services, and the checks each of its buttons makes
(the publishing permission, the chat's targets, the daily post limit).

A step runs inside the turn's short transaction; anything slow (rendering a post's
images) or anything that must see the committed rows (waking the scheduler) is returned
as the reply's `later`, which the router runs after the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import limits
from core.campaigns import once, posts, views
from core.campaigns.images import PostImages
from core.campaigns.plan import CampaignRules, PlannedPost
from core.clock import Clock
from core.conversation.messages import Notice, Output, Problem
from core.conversation.previews import refusal_text
from core.conversation.reply import Later, Reply
from core.conversation.turn import Turn
from core.event_pages import EventPages
from core.limits import DailyLimits, Usage
from core.permissions import Act, may
from core.targets import store as target_store
from storage.media import MediaStore
from storage.models import Creative, Event, Post, Target
from storage.statuses import EventStatus, PostStatus


class CampaignDesk:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        images: PostImages,
        clock: Clock,
        rules: CampaignRules,
        daily_limits: DailyLimits,
        wake: Callable[[], None],
        sandbox_platforms: frozenset[str] = frozenset({"console"}),
        event_pages: EventPages | None = None,
        media: MediaStore | None = None,
    ) -> None:
        self.sessions = sessions
        self.images = images
        self.clock = clock
        self.rules = rules
        self.limits = daily_limits
        self.wake = wake
        self.sandbox_platforms = sandbox_platforms
        self.pages = event_pages or EventPages()
        self.media = media

    def render_later(self, turn: Turn, post_ids: list[int]) -> Later | None:
        if not post_ids:
            return None
        person = turn.user.id

        async def later() -> list[Output]:
            refusal = await self.images.render(post_ids, again=True, by=person)
            if refusal is not None:
                return [Problem(refusal_text(refusal, turn.locale, turn.workspace.timezone))]
            return []

        return later

    async def new_once(
        self, turn: Turn, event: Event, planned: PlannedPost, creative: Creative, key: str
    ) -> Post | Notice:
        """A pending post holding `key`; when another post holds it, what that one is doing."""
        post = posts.new_post(
            event, planned, creative=creative, status=PostStatus.PENDING, now=turn.now
        )
        turn.session.add(post)
        await turn.session.flush()
        earlier = await once.claim(turn.session, key, post)
        if earlier is None:
            return post
        await turn.session.delete(post)  # pressed at the same moment elsewhere: one post
        await turn.session.flush()
        return await once.already(turn, earlier)

    async def edit_view(self, turn: Turn, event: Event) -> Reply:
        current = await posts.posts_of(turn.session, event.id)
        targets = await self.targets_for(turn)
        text = views.plan_text(event, current, targets, turn.locale, turn.now)
        return Reply([Notice(text, views.edit_choices(event.id, current, turn.locale))])

    async def refuse(self, turn: Turn, event: Event | None) -> Reply | None:
        """Every campaign, post and delivery button sends to (or changes what goes to) the
        chat's accounts, so each needs the publishing permission, whoever drafted the event."""
        if (
            event is None
            or event.status == EventStatus.CANCELLED
            or event.workspace_id != turn.workspace.id
        ):
            return Reply([Problem(turn.t("campaign.gone"))])
        if not await may(turn.sender, Act.PUBLISH):
            return Reply([Problem(turn.to_sender("campaign.admins_only"))])
        return None

    async def targets_for(self, turn: Turn) -> list[Target]:
        return await self.active_targets(turn.session, turn.workspace.id, turn.sender.platform)

    async def active_targets(
        self, session: AsyncSession, workspace_id: int, platform: str
    ) -> list[Target]:
        """The workspace's targets; the console gets the sandbox without asking."""
        targets = await target_store.targets_of(session, workspace_id)
        if not targets and platform in self.sandbox_platforms:
            targets = [await target_store.ensure_sandbox(session, workspace_id, self.clock())]
        return targets

    async def over_post_limit(self, turn: Turn, count: int = 1) -> Reply | None:
        """A refusal when the chat's posts for today are used up; else take `count` of the
        sender's own (the chat's are counted as each post goes out)."""
        zone = ZoneInfo(turn.workspace.timezone)
        refusal = await self._chat_post_refusal(turn, zone)
        if refusal is None:
            refusal = await limits.take_personal(
                turn.session,
                self.limits,
                Usage.POST,
                user_id=turn.user.id,
                now=turn.now,
                zone=zone,
                count=count,
            )
        if refusal is None:
            return None
        return Reply([Problem(refusal_text(refusal, turn.locale, turn.workspace.timezone))])

    async def _chat_post_refusal(self, turn: Turn, zone: ZoneInfo) -> limits.Refusal | None:
        limit = self.limits.posts_per_day
        if limit <= 0:
            return None
        day = limits.local_day(turn.now, zone)
        used = await limits.used(turn.session, Usage.POST, workspace_id=turn.workspace.id, day=day)
        if used < limit:
            return None
        return limits.Refusal(Usage.POST, limit, limits.next_midnight(turn.now, zone))

    def woken(self) -> Later:
        async def later() -> list[Output]:
            self.wake()
            return []

        return later
