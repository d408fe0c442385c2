"""The campaign conversation: what the buttons after approval, /schedule and the post
buttons do, for every frontend.

A step runs inside the turn's short transaction; anything slow (rendering a post's
images) or anything that must see the committed rows (waking the scheduler) is returned
as `later`, which the router runs after the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import i18n, limits
from core.campaigns import actions, event_page, once, posts, story, views
from core.campaigns.changes import reanchor
from core.campaigns.images import PostImages
from core.campaigns.labels import when_label
from core.campaigns.plan import (
    ANNOUNCEMENT,
    EXTRA,
    CampaignRules,
    PlannedPost,
    anchor_of,
    default_plan,
)
from core.clock import Clock
from core.conversation.changes import EventChange
from core.conversation.messages import (
    Action,
    Ask,
    Choice,
    Command,
    Input,
    Notice,
    Output,
    Problem,
    Text,
)
from core.conversation.previews import refusal_text
from core.conversation.reply import Later, Reply, both
from core.conversation.review import Approved
from core.conversation.turn import Turn
from core.event_pages import EventPages
from core.insights import best_time
from core.limits import DailyLimits, Usage
from core.parsing.dates import parse_starts_at
from core.parsing.errors import FieldError
from core.parsing.short_fields import command_word
from core.permissions import Act, may
from core.targets import store as target_store
from renderers.spec import Template
from storage import deliveries as rows
from storage import once_keys, repositories
from storage.media import MediaStore
from storage.models import Creative, Delivery, Event, Post, Target, Workspace

STEP_PREFIX = "cp:"
ADMIN_VERB = "publish"  # the button a member's approval leaves for an admin
_ADDABLE = (Template.LINEUP, Template.COUNTDOWN, Template.DAY_OF, Template.ANNOUNCEMENT)


class CampaignFlow:
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
        self._sessions = sessions
        self._images = images
        self._clock = clock
        self._rules = rules
        self._limits = daily_limits
        self._wake = wake
        self._sandbox_platforms = sandbox_platforms
        self._pages = event_pages or EventPages()
        self._media = media

    # -- routes ---------------------------------------------------------------------------

    async def schedule(self, turn: Turn, message: Input) -> Reply:
        """/schedule: what is coming up, and the approved events with nothing planned."""
        return await self._schedule(turn)

    async def press(self, turn: Turn, message: Input) -> Reply:
        """A campaign (`cp:`), post (`pp:`) or delivery (`pb:`) button."""
        pressed = actions.parse(message.id) if isinstance(message, Action) else None
        if pressed is None:
            return Reply([Problem(turn.t("campaign.gone"))])
        if pressed.prefix == actions.CAMPAIGN:
            return await self._campaign_action(turn, pressed)
        if pressed.prefix == actions.POST:
            return await self._post_action(turn, pressed)
        return await self._delivery_action(turn, pressed)

    def asked(self, turn: Turn) -> bool:
        """Whether the sender was asked for a time (to post at, move to, add at)."""
        return _asking(turn)

    async def forget(self, turn: Turn) -> None:
        """The user moved on (another command or button): the time question is over."""
        await self._leave(turn)

    async def answer_time(self, turn: Turn, message: Input) -> Reply:
        """The time typed for the question asked (or /cancel)."""
        if isinstance(message, Command):
            return await self._stop_asking(turn, "campaign.stopped")
        if isinstance(message, Text):
            return await self._answer(turn, message.text)
        return Reply([Problem(turn.t("campaign.ask_time"))])  # a photo or a form

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
            *event_page.page_choice(turn, event_id, self._pages),
        )

    # -- event changes made by other flows ------------------------------------------------

    async def on_event_changed(self, turn: Turn, change: EventChange) -> Reply | None:
        """Cancelled: cancel its posts. New date: move them. Approved again: new images."""
        before, event = change.before, change.event
        open_posts = await posts.posts_of(turn.session, event.id)
        if not open_posts:
            return None
        if event.status == "cancelled" and before.status != "cancelled":
            cancelled, _busy = await posts.cancel(turn.session, open_posts, turn.now)
            return Reply([Notice(turn.t("campaign.event_cancelled", count=cancelled))])
        if event.starts_at is not None and event.starts_at != before.starts_at:
            outputs, redraw = await reanchor(turn, event, open_posts)
            return Reply(outputs, later=both(self.render_later(turn, redraw), self._woken()))
        if event.status == "approved" and before.status != "approved":
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
        return Reply([notice], later=self.render_later(turn, redraw))

    def render_later(self, turn: Turn, post_ids: list[int]) -> Later | None:
        if not post_ids:
            return None
        person = turn.user.id

        async def later() -> list[Output]:
            refusal = await self._images.render(post_ids, again=True, by=person)
            if refusal is not None:
                return [Problem(refusal_text(refusal, turn.locale, turn.workspace.timezone))]
            return []

        return later

    # -- cp:<event>:<verb> ---------------------------------------------------------------

    async def _campaign_action(self, turn: Turn, pressed: actions.Pressed) -> Reply:
        event = await turn.session.get(Event, pressed.id)
        refused = await self._refuse(turn, event)
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
            refused = await self._over_post_limit(turn)
            if refused is not None:
                return refused
            return await story.post_story(
                turn,
                event,
                sessions=self._sessions,
                images=self._images,
                clock=self._clock,
                wake=self._wake,
            )
        if verb == event_page.VERB and self._media is not None:
            return await event_page.create_page(turn, event, self._pages, self._media)
        if verb == "plan":
            return await self._plan(turn, event)
        if verb == "confirm":
            return await self._confirm(turn, event)
        if verb == "edit":
            return await self._edit_view(turn, event)
        if verb == "discard":
            for post in await posts.posts_of(turn.session, event.id, (posts.PLANNED,)):
                await turn.session.delete(post)
            return Reply([Notice(turn.t("campaign.discarded"))])
        if verb == "at":
            return self._ask_time(turn, event, "at", turn.t("campaign.ask_time"))
        if verb == "add":
            return self._add(turn, event, pressed.arg)
        if verb == "back":
            return await self._stop_asking(turn, "campaign.stopped")
        return Reply([Problem(turn.t("campaign.gone"))])

    async def _post_now(self, turn: Turn, event: Event) -> Reply:
        creative = await posts.approved_creative(turn.session, event.id)
        if creative is None:
            return Reply([Problem(turn.t("campaign.not_approved"))])
        targets = await self._targets_for(turn)
        if not targets:
            return Reply([Notice(turn.t("campaign.connect_first"))])
        key = once.creative_key(once.ANNOUNCEMENT, event, creative)
        earlier = await once_keys.holder(turn.session, key)
        if earlier is not None:
            return Reply([await once.already(turn, earlier)])
        refused = await self._over_post_limit(turn)
        if refused is not None:
            return refused
        planned = PlannedPost(ANNOUNCEMENT, creative.template, turn.now)
        post = await self._new_once(turn, event, planned, creative, key)
        if not isinstance(post, Post):
            return Reply([post])
        await posts.add_deliveries(turn.session, post, targets, turn.now)
        names = ", ".join(target.name for target in targets)
        notice = Notice(turn.t("campaign.posting_now", targets=names), retire_pressed=True)
        return Reply([notice], later=self._woken())

    async def _new_once(
        self, turn: Turn, event: Event, planned: PlannedPost, creative: Creative, key: str
    ) -> Post | Notice:
        """A pending post holding `key`; when another post holds it, what that one is doing."""
        post = posts.new_post(event, planned, creative=creative, status=rows.PENDING, now=turn.now)
        turn.session.add(post)
        await turn.session.flush()
        earlier = await once.claim(turn.session, key, post)
        if earlier is None:
            return post
        await turn.session.delete(post)  # pressed at the same moment elsewhere: one post
        await turn.session.flush()
        return await once.already(turn, earlier)

    async def _plan(self, turn: Turn, event: Event) -> Reply:
        creative = await posts.approved_creative(turn.session, event.id)
        if creative is None or event.starts_at is None:
            return Reply([Problem(turn.t("campaign.not_approved"))])
        scheduled = await posts.posts_of(turn.session, event.id, (rows.PENDING,))
        if scheduled:
            reply = await self._edit_view(turn, event)
            reply.outputs.insert(0, Notice(turn.t("campaign.already_scheduled")))
            return reply
        for old in await posts.posts_of(turn.session, event.id, (posts.PLANNED,)):
            await turn.session.delete(old)
        plan = default_plan(
            event.starts_at,
            ZoneInfo(event.timezone),
            now=turn.now,
            rules=self._rules,
            announce_template=creative.template,
            has_lineup=bool(event.lineup),
        )
        history = await best_time.best_times(turn.session, turn.workspace.id, event.timezone)
        plan, moved = best_time.apply(
            plan, history, zone=ZoneInfo(event.timezone), now=turn.now, starts_at=event.starts_at
        )
        made = [
            posts.new_post(event, item, creative=creative, status=posts.PLANNED, now=turn.now)
            for item in plan
        ]
        turn.session.add_all(made)
        await turn.session.flush()
        targets = await self._targets_for(turn)
        text = views.plan_text(event, made, targets, turn.locale, turn.now)
        text = "\n".join([text, *best_time.explain(moved, turn.locale)])
        return Reply([Notice(text, views.plan_choices(event.id, turn.locale))])

    async def _confirm(self, turn: Turn, event: Event) -> Reply:
        """Render the planned posts' images after this turn commits, then schedule them.

        Each planned post is one of the sender's own posts for today.
        """
        event_id, sender, person = event.id, turn.sender, turn.user.id
        planned_now = await posts.posts_of(turn.session, event_id, (posts.PLANNED,))
        refused = await self._over_post_limit(turn, count=len(planned_now))
        if refused is not None:
            return refused

        async def later() -> list[Output]:
            async with self._sessions() as session:
                planned = await posts.posts_of(session, event_id, (posts.PLANNED,))
            refusal = await self._images.render([post.id for post in planned], by=person)
            if refusal is not None:
                return [Problem(refusal_text(refusal, turn.locale, turn.workspace.timezone))]
            async with self._sessions.begin() as session:
                outputs = await self._schedule_planned(session, event_id, sender.platform)
            self._wake()
            return outputs

        return Reply(later=later)

    async def _schedule_planned(
        self, session: AsyncSession, event_id: int, platform: str
    ) -> list[Output]:
        event = await session.get_one(Event, event_id)
        locale = (await session.get_one(Workspace, event.workspace_id)).locale
        planned = await posts.posts_of(session, event_id, (posts.PLANNED,))
        if not planned:
            return [Notice(_t(locale, "campaign.nothing_planned"))]
        targets = await self._active_targets(session, event.workspace_id, platform)
        if not targets:
            return [Notice(_t(locale, "campaign.connect_first"))]
        now = self._clock()
        kept: list[Post] = []
        notes: list[Output] = []
        for post in planned:
            if post.slot == ANNOUNCEMENT and post.scheduled_at <= now:
                post.scheduled_at = now  # "now" means when it was confirmed
            elif post.scheduled_at <= now:
                post.status = rows.CANCELLED  # its time passed while the plan was shown
                continue
            if not post.image_sha256s:
                continue
            if post.slot == ANNOUNCEMENT:
                key = once.key_for(once.ANNOUNCEMENT, event.id, post.image_sha256s)
                earlier = await once_keys.claim(session, key, post.id)
                if earlier is not None:  # this image is already out or on its way
                    post.status = rows.CANCELLED
                    notes.append(Notice(_t(locale, "campaign.announcement_once")))
                    continue
            post.status = rows.PENDING
            post.updated_at = now
            await posts.add_deliveries(session, post, targets, now)
            kept.append(post)
        text = views.plan_text(event, kept, targets, locale, now)
        head = _t(locale, "campaign.scheduled", count=len(kept))
        return [*notes, Notice(f"{head}\n{text}", retire_pressed=True)]

    async def _edit_view(self, turn: Turn, event: Event) -> Reply:
        current = await posts.posts_of(turn.session, event.id)
        targets = await self._targets_for(turn)
        text = views.plan_text(event, current, targets, turn.locale, turn.now)
        return Reply([Notice(text, views.edit_choices(event.id, current, turn.locale))])

    def _add(self, turn: Turn, event: Event, template: str | None) -> Reply:
        if template not in tuple(_ADDABLE):
            choices = tuple(
                Choice(actions.campaign(event.id, "add", kind.value), turn.t(f"template.{kind}"))
                for kind in _ADDABLE
            )
            return Reply([Ask(turn.t("campaign.pick_template"), choices)])
        return self._ask_time(turn, event, f"add:{template}", turn.t("campaign.ask_time"))

    # -- typed times ------------------------------------------------------------------

    def _ask_time(self, turn: Turn, event: Event, what: str, prompt: str) -> Reply:
        conversation = turn.conversation
        if conversation is None:
            conversation = turn.conversation_or_new(step="")
        elif not conversation.step.startswith(STEP_PREFIX):
            # Remember where the wizard was, to put the user back there afterwards.
            resume = {"event_id": conversation.event_id, "step": conversation.step}
            conversation.data = {**(conversation.data or {}), "resume": resume}
        conversation.event_id = event.id
        conversation.step = f"{STEP_PREFIX}{what}"
        conversation.updated_at = turn.now
        back = Choice(actions.campaign(event.id, "back"), turn.t("button.cancel"))
        return Reply([Ask(prompt, (back,))])

    async def _stop_asking(self, turn: Turn, key: str) -> Reply:
        if _asking(turn):
            await self._leave(turn)
        return Reply([Notice(turn.t(key))])

    async def _leave(self, turn: Turn) -> None:
        """Leave the campaign question: back to where the wizard was, or to nothing."""
        conversation = turn.conversation
        assert conversation is not None
        data = dict(conversation.data or {})
        resume = data.pop("resume", None)
        if resume:
            conversation.event_id = resume.get("event_id")
            conversation.step = resume.get("step") or "review"
            conversation.data = data
            conversation.updated_at = turn.now
        else:
            await turn.session.delete(conversation)
            await turn.session.flush()  # gone before anything else may insert a new one
            turn.conversation = None

    async def _answer(self, turn: Turn, text: str) -> Reply:
        conversation = turn.conversation
        assert conversation is not None
        if command_word(text) in ("cancel", "back"):
            return await self._stop_asking(turn, "campaign.stopped")
        if not await may(turn.sender, Act.PUBLISH):  # no longer an admin since asked
            return await self._stop_asking(turn, "campaign.admins_only")
        what = conversation.step.removeprefix(STEP_PREFIX)
        event = await turn.session.get(Event, conversation.event_id or 0)
        if event is None or event.starts_at is None:
            return await self._stop_asking(turn, "campaign.gone")
        try:
            when = parse_starts_at(text, now=turn.now, tz=ZoneInfo(event.timezone))
        except FieldError as error:
            back = Choice(actions.campaign(event.id, "back"), turn.t("button.cancel"))
            return Reply([Problem(turn.t(error.key, **error.params), (back,))])
        if when >= event.starts_at:
            return Reply([Problem(turn.t("campaign.after_start"))])
        if what == "at":
            return await self._at(turn, event, when)
        if what.startswith("add:"):
            return await self._add_at(turn, event, what.removeprefix("add:"), when)
        if what.startswith("move:") and what.removeprefix("move:").isdigit():
            return await self._move(turn, event, int(what.removeprefix("move:")), when)
        return await self._stop_asking(turn, "campaign.gone")

    async def _at(self, turn: Turn, event: Event, when: datetime) -> Reply:
        creative = await posts.approved_creative(turn.session, event.id)
        targets = await self._targets_for(turn)
        if creative is None or not targets:
            key = "campaign.not_approved" if creative is None else "campaign.connect_first"
            return await self._stop_asking(turn, key)
        planned = PlannedPost(ANNOUNCEMENT, creative.template, when)
        key = once.creative_key(once.ANNOUNCEMENT, event, creative)
        post = await self._new_once(turn, event, planned, creative, key)
        await self._stop_asking(turn, "campaign.stopped")
        if not isinstance(post, Post):
            return Reply([post])
        await posts.add_deliveries(turn.session, post, targets, turn.now)
        shown = when_label(when, ZoneInfo(event.timezone), turn.locale)
        notice = Notice(turn.t("campaign.scheduled_at", when=shown))
        return Reply([notice], later=self._woken())

    async def _add_at(self, turn: Turn, event: Event, template: str, when: datetime) -> Reply:
        creative = await posts.approved_creative(turn.session, event.id)
        if creative is None or event.starts_at is None:
            return await self._stop_asking(turn, "campaign.not_approved")
        zone = ZoneInfo(event.timezone)
        if template == ANNOUNCEMENT:
            planned = PlannedPost(ANNOUNCEMENT, creative.template, when)
        else:
            days, at = anchor_of(when, event.starts_at, zone)
            planned = PlannedPost(EXTRA, template, when, days, at)
        drafting = bool(await posts.posts_of(turn.session, event.id, (posts.PLANNED,)))
        status = posts.PLANNED if drafting else rows.PENDING
        post = posts.new_post(event, planned, creative=creative, status=status, now=turn.now)
        turn.session.add(post)
        await turn.session.flush()
        await self._stop_asking(turn, "campaign.stopped")
        if drafting:
            return await self._edit_view(turn, event)
        targets = await self._targets_for(turn)
        if post.slot == ANNOUNCEMENT:
            key = once.creative_key(once.ANNOUNCEMENT, event, creative)
            earlier = await once.claim(turn.session, key, post)
            if earlier is not None:
                await turn.session.delete(post)
                await turn.session.flush()
                return Reply([await once.already(turn, earlier)])
        if post.image_sha256s and targets:
            await posts.add_deliveries(turn.session, post, targets, turn.now)
            return (await self._edit_view(turn, event)).then(self._woken())
        post.status = posts.PLANNED  # images first; confirm schedules it
        return await self._edit_view(turn, event)

    async def _move(self, turn: Turn, event: Event, post_id: int, when: datetime) -> Reply:
        post = await turn.session.get(Post, post_id)
        await self._stop_asking(turn, "campaign.stopped")
        if post is None or post.event_id != event.id or post.status not in posts.OPEN:
            return Reply([Problem(turn.t("campaign.post_gone"))])
        zone = ZoneInfo(event.timezone)
        new_day = when.astimezone(zone).date() != post.scheduled_at.astimezone(zone).date()
        await posts.move(turn.session, post, when, event, turn.now)
        reply = await self._edit_view(turn, event)
        redraw = [post.id] if new_day and post.slot != ANNOUNCEMENT else []
        later = self.render_later(turn, redraw) if post.status == rows.PENDING else None
        return reply.then(both(later, self._woken()))

    # -- pp:<post>:<verb> and pb:<delivery>:retry -------------------------------------------

    async def _post_action(self, turn: Turn, pressed: actions.Pressed) -> Reply:
        post = await turn.session.get(Post, pressed.id)
        event = await turn.session.get(Event, post.event_id) if post is not None else None
        refused = await self._refuse(turn, event)
        if refused is not None or post is None or event is None:
            return refused or Reply([Problem(turn.t("campaign.post_gone"))])
        if pressed.verb == "move" and post.status in posts.OPEN:
            return self._ask_time(turn, event, f"move:{post.id}", turn.t("campaign.ask_time"))
        if pressed.verb == "drop" and post.status in (*posts.OPEN, rows.MISSED):
            _count, busy = await posts.cancel(turn.session, [post], turn.now)
            key = "campaign.dropped_busy" if busy else "campaign.dropped"
            return Reply([Notice(turn.t(key))])
        if pressed.verb in ("now", "skip") and post.status == rows.MISSED:
            return await self._decide_missed(turn, post, pressed.verb)
        return Reply([Notice(turn.t("campaign.post_gone"))])

    async def _decide_missed(self, turn: Turn, post: Post, verb: str) -> Reply:
        ids = [d.id for d in await posts.deliveries_of(turn.session, [post.id])]
        if verb == "skip":
            await rows.move_status(
                turn.session,
                ids,
                from_statuses=(rows.MISSED,),
                status=rows.SKIPPED,
                updated_at=turn.now,
            )
            post.status = rows.SKIPPED
            await once_keys.release(turn.session, [post.id])
            return Reply([Notice(turn.t("campaign.skipped"), retire_pressed=True)])
        refused = await self._over_post_limit(turn)
        if refused is not None:
            return refused
        await rows.move_status(
            turn.session,
            ids,
            from_statuses=(rows.MISSED,),
            status=rows.PENDING,
            due_at=turn.now,
            updated_at=turn.now,
        )
        post.status = rows.PENDING
        notice = Notice(turn.t("campaign.posting_soon"), retire_pressed=True)
        return Reply([notice], later=self._woken())

    async def _delivery_action(self, turn: Turn, pressed: actions.Pressed) -> Reply:
        delivery = await turn.session.get(Delivery, pressed.id)
        post = await turn.session.get(Post, delivery.post_id) if delivery is not None else None
        event = await turn.session.get(Event, post.event_id) if post is not None else None
        refused = await self._refuse(turn, event)
        if refused is not None or delivery is None or post is None:
            return refused or Reply([Problem(turn.t("campaign.post_gone"))])
        if pressed.verb != "retry" or delivery.status != rows.FAILED:
            return Reply([Notice(turn.t("campaign.retry_not_needed"))])
        target = await turn.session.get_one(Target, delivery.target_id)
        if target.status != target_store.ACTIVE:
            return Reply([Problem(turn.t("campaign.reconnect_first", target=target.name))])
        await rows.move_status(
            turn.session,
            [delivery.id],
            from_statuses=(rows.FAILED,),
            status=rows.PENDING,
            due_at=turn.now,
            attempts=0,
            verify_first=False,  # the person pressing Retry has looked: publish
            last_error_kind=None,
            last_error_code=None,
            last_error_message=None,
            last_error_key=None,
            last_error_params=None,
            updated_at=turn.now,
        )
        post.status = rows.PENDING
        notice = Notice(turn.t("campaign.retrying", target=target.name), retire_pressed=True)
        return Reply([notice], later=self._woken())

    # -- /schedule ------------------------------------------------------------------------

    async def _schedule(self, turn: Turn) -> Reply:
        found = await posts.upcoming(turn.session, turn.workspace.id)
        text, choices = views.schedule_text(found, turn.locale, turn.now)
        waiting = await self._approved_without_posts(turn)
        more = tuple(
            Choice(
                actions.campaign(event.id, "plan"),
                turn.t("button.plan_for", title=(event.title or "")[:30]),
            )
            for event in waiting
        )
        return Reply([Notice(text, (*choices, *more))])

    async def _approved_without_posts(self, turn: Turn) -> list[Event]:
        approved = await repositories.events_in_workspace(
            turn.session, turn.workspace.id, ("approved",)
        )
        waiting = []
        for event in approved:
            if event.starts_at is None or event.starts_at <= turn.now:
                continue
            if not await posts.posts_of(turn.session, event.id, (*posts.OPEN, rows.PUBLISHED)):
                waiting.append(event)
        return waiting[:5]

    # -- shared ---------------------------------------------------------------------------

    async def _refuse(self, turn: Turn, event: Event | None) -> Reply | None:
        """Every campaign, post and delivery button sends to (or changes what goes to) the
        chat's accounts, so each needs the publishing permission, whoever drafted the event."""
        if event is None or event.status == "cancelled" or event.workspace_id != turn.workspace.id:
            return Reply([Problem(turn.t("campaign.gone"))])
        if not await may(turn.sender, Act.PUBLISH):
            return Reply([Problem(turn.to_sender("campaign.admins_only"))])
        return None

    async def _targets_for(self, turn: Turn) -> list[Target]:
        return await self._active_targets(turn.session, turn.workspace.id, turn.sender.platform)

    async def _active_targets(
        self, session: AsyncSession, workspace_id: int, platform: str
    ) -> list[Target]:
        """The workspace's targets; the console gets the sandbox without asking."""
        targets = await target_store.targets_of(session, workspace_id)
        if not targets and platform in self._sandbox_platforms:
            targets = [await target_store.ensure_sandbox(session, workspace_id, self._clock())]
        return targets

    async def _over_post_limit(self, turn: Turn, count: int = 1) -> Reply | None:
        """A refusal when the chat's posts for today are used up; else take `count` of the
        sender's own (the chat's are counted as each post goes out)."""
        zone = ZoneInfo(turn.workspace.timezone)
        refusal = await self._chat_post_refusal(turn, zone)
        if refusal is None:
            refusal = await limits.take_personal(
                turn.session,
                self._limits,
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
        limit = self._limits.posts_per_day
        if limit <= 0:
            return None
        day = limits.local_day(turn.now, zone)
        used = await limits.used(turn.session, Usage.POST, workspace_id=turn.workspace.id, day=day)
        if used < limit:
            return None
        return limits.Refusal(Usage.POST, limit, limits.next_midnight(turn.now, zone))

    def _woken(self) -> Later:
        async def later() -> list[Output]:
            self._wake()
            return []

        return later


def _asking(turn: Turn) -> bool:
    """Whether the sender was asked for a time (to post at, move to, add at)."""
    return turn.conversation is not None and turn.conversation.step.startswith(STEP_PREFIX)


def _t(locale: str, key: str, /, **params: object) -> str:
    return i18n.text(key, locale, **params)
