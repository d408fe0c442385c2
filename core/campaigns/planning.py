"""Planning and confirming an event's campaign: what the buttons after an approval do.

Post now, plan the default campaign (moved to the chat's best times), confirm it
(images rendered after the commit, then scheduled), edit it, add a post, a story or an
event page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core import i18n
from core.campaigns import actions, event_page, once, posts, story, views
from core.campaigns.desk import CampaignDesk
from core.campaigns.plan import ANNOUNCEMENT, PlannedPost, default_plan
from core.campaigns.typed_time import TimeQuestion
from core.conversation.messages import Action, Ask, Choice, Input, Notice, Output, Problem
from core.conversation.previews import refusal_text
from core.conversation.reply import Reply
from core.conversation.review import Approved
from core.conversation.turn import Turn
from core.permissions import Act, may
from renderers.spec import Template
from storage import once_keys
from storage.models import Event, Post, Workspace
from storage.statuses import PostStatus

ADMIN_VERB = "publish"  # the button a member's approval leaves for an admin
_ADDABLE = (Template.LINEUP, Template.COUNTDOWN, Template.DAY_OF, Template.ANNOUNCEMENT)


class PlanAdvice(Protocol):
    """Moves planned posts to better hours; the composition root (core/app.py) passes
    insights' best-time advice, learned from the chat's own history."""

    async def __call__(
        self,
        session: AsyncSession,
        workspace_id: int,
        plan: list[PlannedPost],
        *,
        timezone: str,
        now: datetime,
        starts_at: datetime,
        locale: str,
    ) -> tuple[list[PlannedPost], list[str]]:
        """The plan, some posts perhaps moved, and one line for the chat per move."""
        ...


class Planning:
    def __init__(self, desk: CampaignDesk, time: TimeQuestion, advice: PlanAdvice) -> None:
        self._desk = desk
        self._time = time
        self._advice = advice

    async def press(self, turn: Turn, message: Input) -> Reply:
        """A campaign button (`cp:<event>:<verb>`)."""
        pressed = actions.parse(message.id) if isinstance(message, Action) else None
        if pressed is None:
            return Reply([Problem(turn.t("campaign.gone"))])
        return await self._campaign_action(turn, pressed)

    async def after_approval(self, turn: Turn, approved: Approved) -> Notice:
        """What comes after an approval: the ways to publish, or a wait for an admin.

        The returned notice's text (possibly empty) follows the approval; its choices
        become the approval's buttons.
        """
        if await may(turn.sender, Act.PUBLISH):
            return Notice("", await self._ways_to_publish(turn, approved.event_id))
        ask = Choice(actions.campaign(approved.event_id, ADMIN_VERB), turn.t("button.for_admins"))
        return Notice(turn.t("campaign.waiting_for_admin"), (ask,))

    async def _ways_to_publish(self, turn: Turn, event_id: int) -> tuple[Choice, ...]:
        return (
            Choice(actions.campaign(event_id, "now"), turn.t("button.post_now")),
            Choice(actions.campaign(event_id, "plan"), turn.t("button.schedule_campaign")),
            Choice(actions.campaign(event_id, "at"), turn.t("button.pick_time")),
            *await story.story_choice(turn, event_id),
            *event_page.page_choice(turn, event_id, self._desk.pages),
        )

    async def _campaign_action(self, turn: Turn, pressed: actions.Pressed) -> Reply:
        event = await turn.session.get(Event, pressed.id)
        refused = await self._desk.refuse(turn, event)
        if refused is not None:
            return refused
        assert event is not None
        verb = pressed.verb
        if verb == ADMIN_VERB:
            choices = await self._ways_to_publish(turn, event.id)
            return Reply([Notice(turn.t("campaign.admin_decides"), choices)])
        if verb == "now":
            return await self._post_now(turn, event)
        if verb == story.VERB:
            refused = await self._desk.over_post_limit(turn)
            if refused is not None:
                return refused
            return await story.post_story(
                turn,
                event,
                sessions=self._desk.sessions,
                images=self._desk.images,
                clock=self._desk.clock,
                wake=self._desk.wake,
            )
        if verb == event_page.VERB and self._desk.media is not None:
            return await event_page.create_page(turn, event, self._desk.pages, self._desk.media)
        if verb == "plan":
            return await self._plan(turn, event)
        if verb == "confirm":
            return await self._confirm(turn, event)
        if verb == "edit":
            return await self._desk.edit_view(turn, event)
        if verb == "discard":
            for post in await posts.posts_of(turn.session, event.id, (PostStatus.PLANNED,)):
                await turn.session.delete(post)
            return Reply([Notice(turn.t("campaign.discarded"))])
        if verb == "at":
            return self._time.ask(turn, event, "at", turn.t("campaign.ask_time"))
        if verb == "add":
            return self._add(turn, event, pressed.arg)
        if verb == "back":
            return await self._time.stop(turn, "campaign.stopped")
        return Reply([Problem(turn.t("campaign.gone"))])

    async def _post_now(self, turn: Turn, event: Event) -> Reply:
        creative = await posts.approved_creative(turn.session, event.id)
        if creative is None:
            return Reply([Problem(turn.t("campaign.not_approved"))])
        targets = await self._desk.targets_for(turn)
        if not targets:
            return Reply([Notice(turn.t("campaign.connect_first"))])
        key = once.creative_key(once.ANNOUNCEMENT, event, creative)
        earlier = await once_keys.holder(turn.session, key)
        if earlier is not None:
            return Reply([await once.already(turn, earlier)])
        refused = await self._desk.over_post_limit(turn)
        if refused is not None:
            return refused
        planned = PlannedPost(ANNOUNCEMENT, creative.template, turn.now)
        post = await self._desk.new_once(turn, event, planned, creative, key)
        if not isinstance(post, Post):
            return Reply([post])
        await posts.add_deliveries(turn.session, post, targets, turn.now)
        names = ", ".join(target.name for target in targets)
        notice = Notice(turn.t("campaign.posting_now", targets=names), retire_pressed=True)
        return Reply([notice], later=self._desk.woken())

    async def _plan(self, turn: Turn, event: Event) -> Reply:
        creative = await posts.approved_creative(turn.session, event.id)
        if creative is None or event.starts_at is None:
            return Reply([Problem(turn.t("campaign.not_approved"))])
        scheduled = await posts.posts_of(turn.session, event.id, (PostStatus.PENDING,))
        if scheduled:
            reply = await self._desk.edit_view(turn, event)
            reply.outputs.insert(0, Notice(turn.t("campaign.already_scheduled")))
            return reply
        for old in await posts.posts_of(turn.session, event.id, (PostStatus.PLANNED,)):
            await turn.session.delete(old)
        plan = default_plan(
            event.starts_at,
            ZoneInfo(event.timezone),
            now=turn.now,
            rules=self._desk.rules,
            announce_template=creative.template,
            has_lineup=bool(event.lineup),
        )
        plan, moves = await self._advice(
            turn.session,
            turn.workspace.id,
            plan,
            timezone=event.timezone,
            now=turn.now,
            starts_at=event.starts_at,
            locale=turn.locale,
        )
        made = [
            posts.new_post(event, item, creative=creative, status=PostStatus.PLANNED, now=turn.now)
            for item in plan
        ]
        turn.session.add_all(made)
        await turn.session.flush()
        targets = await self._desk.targets_for(turn)
        text = views.plan_text(event, made, targets, turn.locale, turn.now)
        text = "\n".join([text, *moves])
        return Reply([Notice(text, views.plan_choices(event.id, turn.locale))])

    async def _confirm(self, turn: Turn, event: Event) -> Reply:
        """Render the planned posts' images after this turn commits, then schedule them.

        Each planned post is one of the sender's own posts for today.
        """
        event_id, sender, person = event.id, turn.sender, turn.user.id
        planned_now = await posts.posts_of(turn.session, event_id, (PostStatus.PLANNED,))
        refused = await self._desk.over_post_limit(turn, count=len(planned_now))
        if refused is not None:
            return refused

        async def later() -> list[Output]:
            async with self._desk.sessions() as session:
                planned = await posts.posts_of(session, event_id, (PostStatus.PLANNED,))
            refusal = await self._desk.images.render([post.id for post in planned], by=person)
            if refusal is not None:
                return [Problem(refusal_text(refusal, turn.locale, turn.workspace.timezone))]
            async with self._desk.sessions.begin() as session:
                outputs = await self._schedule_planned(session, event_id, sender.platform)
            self._desk.wake()
            return outputs

        return Reply(later=later)

    async def _schedule_planned(
        self, session: AsyncSession, event_id: int, platform: str
    ) -> list[Output]:
        event = await session.get_one(Event, event_id)
        locale = (await session.get_one(Workspace, event.workspace_id)).locale
        planned = await posts.posts_of(session, event_id, (PostStatus.PLANNED,))
        if not planned:
            return [Notice(_t(locale, "campaign.nothing_planned"))]
        targets = await self._desk.active_targets(session, event.workspace_id, platform)
        if not targets:
            return [Notice(_t(locale, "campaign.connect_first"))]
        now = self._desk.clock()
        kept: list[Post] = []
        notes: list[Output] = []
        for post in planned:
            if post.slot == ANNOUNCEMENT and post.scheduled_at <= now:
                post.scheduled_at = now  # "now" means when it was confirmed
            elif post.scheduled_at <= now:
                post.status = PostStatus.CANCELLED  # its time passed while the plan was shown
                continue
            if not post.image_sha256s:
                continue
            if post.slot == ANNOUNCEMENT:
                key = once.key_for(once.ANNOUNCEMENT, event.id, post.image_sha256s)
                earlier = await once_keys.claim(session, key, post.id)
                if earlier is not None:  # this image is already out or on its way
                    post.status = PostStatus.CANCELLED
                    notes.append(Notice(_t(locale, "campaign.announcement_once")))
                    continue
            post.status = PostStatus.PENDING
            post.updated_at = now
            await posts.add_deliveries(session, post, targets, now)
            kept.append(post)
        text = views.plan_text(event, kept, targets, locale, now)
        head = _t(locale, "campaign.scheduled", count=len(kept))
        return [*notes, Notice(f"{head}\n{text}", retire_pressed=True)]

    def _add(self, turn: Turn, event: Event, template: str | None) -> Reply:
        if template not in tuple(_ADDABLE):
            choices = tuple(
                Choice(actions.campaign(event.id, "add", kind.value), turn.t(f"template.{kind}"))
                for kind in _ADDABLE
            )
            return Reply([Ask(turn.t("campaign.pick_template"), choices)])
        return self._time.ask(turn, event, f"add:{template}", turn.t("campaign.ask_time"))


def _t(locale: str, key: str, /, **params: object) -> str:
    return i18n.text(key, locale, **params)
