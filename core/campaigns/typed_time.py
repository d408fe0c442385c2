"""The typed-time question: a time to post at, to move a post to, or to add a post at.

The question (which event, and what the time is for) is a pending question on the
conversation row, beside a draft in progress: the wizard's step is left as it was, so
answering, cancelling or moving on leaves the user where they were.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core.campaigns import actions, once, posts
from core.campaigns.desk import CampaignDesk
from core.campaigns.labels import when_label
from core.campaigns.plan import ANNOUNCEMENT, EXTRA, PlannedPost, anchor_of
from core.conversation.messages import Ask, Choice, Command, Input, Notice, Problem, Text
from core.conversation.pending import PendingQuestion
from core.conversation.reply import Reply, both
from core.conversation.turn import Turn
from core.parsing.dates import parse_starts_at
from core.parsing.errors import FieldError
from core.parsing.short_fields import command_word
from core.permissions import Act, may
from storage.models import Event, Post
from storage.statuses import PostStatus

QUESTION = PendingQuestion(key="campaign_time", step="campaign_time")


class TimeQuestion:
    def __init__(self, desk: CampaignDesk) -> None:
        self._desk = desk

    def asked(self, turn: Turn) -> bool:
        """Whether the sender was asked for a time (to post at, move to, add at)."""
        return _asked(turn) is not None

    async def forget(self, turn: Turn) -> None:
        """The user moved on (another command or button): the time question is over."""
        await QUESTION.forget(turn)

    async def answer(self, turn: Turn, message: Input) -> Reply:
        """The time typed for the question asked (or /cancel)."""
        if isinstance(message, Command):
            return await self.stop(turn, "campaign.stopped")
        if isinstance(message, Text):
            return await self._answer(turn, message.text)
        return Reply([Problem(turn.t("campaign.ask_time"))])  # a photo or a form

    def ask(self, turn: Turn, event: Event, what: str, prompt: str) -> Reply:
        QUESTION.remember(turn, {"event_id": event.id, "what": what})
        back = Choice(actions.campaign(event.id, "back"), turn.t("button.cancel"))
        return Reply([Ask(prompt, (back,))])

    async def stop(self, turn: Turn, key: str) -> Reply:
        await QUESTION.forget(turn)
        return Reply([Notice(turn.t(key))])

    async def _answer(self, turn: Turn, text: str) -> Reply:
        asked = _asked(turn)
        assert asked is not None
        event_id, what = asked
        if command_word(text) in ("cancel", "back"):
            return await self.stop(turn, "campaign.stopped")
        if not await may(turn.sender, Act.PUBLISH):  # no longer an admin since asked
            return await self.stop(turn, "campaign.admins_only")
        event = await turn.session.get(Event, event_id)
        if event is None or event.starts_at is None:
            return await self.stop(turn, "campaign.gone")
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
        return await self.stop(turn, "campaign.gone")

    async def _at(self, turn: Turn, event: Event, when: datetime) -> Reply:
        creative = await posts.approved_creative(turn.session, event.id)
        targets = await self._desk.targets_for(turn)
        if creative is None or not targets:
            key = "campaign.not_approved" if creative is None else "campaign.connect_first"
            return await self.stop(turn, key)
        planned = PlannedPost(ANNOUNCEMENT, creative.template, when)
        key = once.creative_key(once.ANNOUNCEMENT, event, creative)
        post = await self._desk.new_once(turn, event, planned, creative, key)
        await self.stop(turn, "campaign.stopped")
        if not isinstance(post, Post):
            return Reply([post])
        await posts.add_deliveries(turn.session, post, targets, turn.now)
        shown = when_label(when, ZoneInfo(event.timezone), turn.locale)
        notice = Notice(turn.t("campaign.scheduled_at", when=shown))
        return Reply([notice], later=self._desk.woken())

    async def _add_at(self, turn: Turn, event: Event, template: str, when: datetime) -> Reply:
        creative = await posts.approved_creative(turn.session, event.id)
        if creative is None or event.starts_at is None:
            return await self.stop(turn, "campaign.not_approved")
        zone = ZoneInfo(event.timezone)
        if template == ANNOUNCEMENT:
            planned = PlannedPost(ANNOUNCEMENT, creative.template, when)
        else:
            days, at = anchor_of(when, event.starts_at, zone)
            planned = PlannedPost(EXTRA, template, when, days, at)
        drafting = bool(await posts.posts_of(turn.session, event.id, (PostStatus.PLANNED,)))
        status = PostStatus.PLANNED if drafting else PostStatus.PENDING
        post = posts.new_post(event, planned, creative=creative, status=status, now=turn.now)
        turn.session.add(post)
        await turn.session.flush()
        await self.stop(turn, "campaign.stopped")
        if drafting:
            return await self._desk.edit_view(turn, event)
        targets = await self._desk.targets_for(turn)
        if post.slot == ANNOUNCEMENT:
            key = once.creative_key(once.ANNOUNCEMENT, event, creative)
            earlier = await once.claim(turn.session, key, post)
            if earlier is not None:
                await turn.session.delete(post)
                await turn.session.flush()
                return Reply([await once.already(turn, earlier)])
        if post.image_sha256s and targets:
            await posts.add_deliveries(turn.session, post, targets, turn.now)
            return (await self._desk.edit_view(turn, event)).then(self._desk.woken())
        post.status = PostStatus.PLANNED  # images first; confirm schedules it
        return await self._desk.edit_view(turn, event)

    async def _move(self, turn: Turn, event: Event, post_id: int, when: datetime) -> Reply:
        post = await turn.session.get(Post, post_id)
        await self.stop(turn, "campaign.stopped")
        if post is None or post.event_id != event.id or post.status not in posts.OPEN:
            return Reply([Problem(turn.t("campaign.post_gone"))])
        zone = ZoneInfo(event.timezone)
        new_day = when.astimezone(zone).date() != post.scheduled_at.astimezone(zone).date()
        await posts.move(turn.session, post, when, event, turn.now)
        reply = await self._desk.edit_view(turn, event)
        redraw = [post.id] if new_day and post.slot != ANNOUNCEMENT else []
        later = self._desk.render_later(turn, redraw) if post.status == PostStatus.PENDING else None
        return reply.then(both(later, self._desk.woken()))


def _asked(turn: Turn) -> tuple[int, str] | None:
    """The event and what the time is for (`at`, `add:<template>`, `move:<post>`)."""
    asked = QUESTION.awaited(turn.conversation)
    if not isinstance(asked, dict) or not isinstance(asked.get("event_id"), int):
        return None
    return asked["event_id"], str(asked.get("what") or "")
