""" "📱 Post as story": the approved look drawn again at 9:16 and sent to Instagram as a story.

Offered after approval only where an Instagram account is connected. A post whose layout
is "story" goes to Instagram as a story (the engine derives the placement from the
layout: a 9:16 image is not accepted in the feed), and only to the Instagram targets.
A story is one image, so a lineup carousel keeps its first slide.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.campaigns import actions, once, posts
from core.campaigns.images import PostImages
from core.campaigns.plan import ANNOUNCEMENT, PlannedPost
from core.clock import Clock
from core.conversation.messages import Choice, Notice, Output, Problem
from core.conversation.previews import refusal_text
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.publishers.instagram_factory import INSTAGRAM
from core.targets import store as target_store
from renderers.spec import Layout
from storage.models import Event, Post, Target
from storage.statuses import PostStatus

VERB = "story"


async def instagram_targets(session: AsyncSession, workspace_id: int) -> list[Target]:
    targets = await target_store.targets_of(session, workspace_id)
    return [target for target in targets if target.kind == INSTAGRAM]


async def story_choice(turn: Turn, event_id: int) -> tuple[Choice, ...]:
    """The extra button after approval, when there is an Instagram account to post to."""
    if not await instagram_targets(turn.session, turn.workspace.id):
        return ()
    return (Choice(actions.campaign(event_id, VERB), turn.t("button.post_story")),)


async def post_story(
    turn: Turn,
    event: Event,
    *,
    sessions: async_sessionmaker[AsyncSession],
    images: PostImages,
    clock: Clock,
    wake: Callable[[], None],
) -> Reply:
    creative = await posts.approved_creative(turn.session, event.id)
    if creative is None:
        return Reply([Problem(turn.t("campaign.not_approved"))])
    targets = await instagram_targets(turn.session, turn.workspace.id)
    if not targets:
        return Reply([Notice(turn.t("campaign.no_instagram"))])
    planned = PlannedPost(ANNOUNCEMENT, creative.template, turn.now)
    post = posts.new_post(
        event, planned, creative=creative, status=PostStatus.PLANNED, now=turn.now
    )
    if creative.layout != Layout.STORY:
        post.layout, post.image_sha256s = Layout.STORY.value, []  # drawn after the commit
    turn.session.add(post)
    await turn.session.flush()
    earlier = await once.claim(turn.session, once.creative_key(once.STORY, event, creative), post)
    if earlier is not None:  # this look is already a story, or on its way to be one
        await turn.session.delete(post)
        await turn.session.flush()
        return Reply([await once.already(turn, earlier)])
    post_id, target_ids = post.id, [target.id for target in targets]
    locale, timezone, person = turn.locale, turn.workspace.timezone, turn.user.id

    async def later() -> list[Output]:
        refusal = await images.render([post_id], by=person)
        if refusal is not None:
            return [Problem(refusal_text(refusal, locale, timezone))]
        async with sessions.begin() as session:
            stored = await session.get(Post, post_id)
            if stored is None or stored.status != PostStatus.PLANNED or not stored.image_sha256s:
                return []
            now = clock()
            stored.image_sha256s = list(stored.image_sha256s[:1])
            stored.status, stored.scheduled_at, stored.updated_at = PostStatus.PENDING, now, now
            chosen = [await session.get_one(Target, target_id) for target_id in target_ids]
            await posts.add_deliveries(session, stored, chosen, now)
        wake()
        return []

    names = ", ".join(target.name for target in targets)
    notice = Notice(turn.t("campaign.posting_story", targets=names), retire_pressed=True)
    return Reply([notice], later=later)
