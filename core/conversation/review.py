"""What the preview's buttons do: approve, change the look, edit a field, cancel.

Anyone in the chat may see a preview, but only the draft's author and chat admins may act
on it (`core.permissions`), so every frontend enforces it the same way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.conversation import actions
from core.conversation.draft_fields import EDITABLE_FIELDS
from core.conversation.form import event_form
from core.conversation.looks import theme_allowed, theme_options
from core.conversation.messages import (
    Action,
    Ask,
    Choice,
    Input,
    Notice,
    Output,
    Problem,
    menu_option,
    navigation,
)
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.conversation.wizard import REVIEW_STEP, ask_for
from core.permissions import Act, may
from renderers.spec import Layout, Template
from storage import repositories
from storage.models import Approval, Event
from storage.statuses import CLOSED_EVENT, CreativeStatus, EventStatus

_LOOK_OPTIONS: dict[str, tuple[str, ...]] = {
    "template": tuple(Template),
    "layout": tuple(Layout),
}


@dataclass(frozen=True)
class Approved:
    """An approval just given: what `after_approval` offers next is about it."""

    event_id: int
    creative_id: int


AfterApproval = Callable[[Turn, Approved], Awaitable[Notice]]


class Review:
    def __init__(self, after_approval: AfterApproval | None = None) -> None:
        # What can happen next (campaigns: the ways to publish), joined to the approval.
        self._after_approval = after_approval

    async def handle(self, turn: Turn, message: Input) -> Reply:
        """A review button (`rv:<event>:<verb>`)."""
        reply, approved = await self.press(turn, message.id if isinstance(message, Action) else "")
        if approved is not None and self._after_approval is not None:
            follow = await self._after_approval(turn, approved)
            reply.outputs[:] = [_followed(output, follow) for output in reply.outputs]
        return reply

    async def press(self, turn: Turn, action_id: str) -> tuple[Reply, Approved | None]:
        action = actions.parse_review(action_id)
        if action is None:
            return Reply([Problem(turn.t("review.gone"))]), None
        event = await turn.session.get(Event, action.event_id)
        if event is None or event.status in CLOSED_EVENT or event.workspace_id != turn.workspace.id:
            return Reply([Problem(turn.t("review.gone"))]), None
        if not await self._may_act(turn, event):
            return Reply([Problem(turn.to_sender("review.not_allowed"))]), None
        verb, arg = action.verb, action.arg
        if verb == "approve":
            return await self._approve(turn, event, arg)
        if verb == "theme":
            return await self._theme(turn, event, arg), None
        if verb in _LOOK_OPTIONS:
            return self._look(turn, event, verb, arg), None
        if verb == "edit":
            return await self._edit(turn, event, arg), None
        if verb == "cancel":
            return await self._cancel(turn, event), None
        if verb == "render":
            return Reply(render_event_id=event.id), None
        return Reply(show_event_id=event.id), None

    async def _may_act(self, turn: Turn, event: Event) -> bool:
        return await may(turn.sender, Act.REVIEW, is_author=event.author_id == turn.user.id)

    async def _approve(
        self, turn: Turn, event: Event, creative_arg: str | None
    ) -> tuple[Reply, Approved | None]:
        creative = await repositories.latest_creative(turn.session, event.id)
        if creative is None:
            return Reply(render_event_id=event.id), None
        if creative_arg is not None and creative_arg != str(creative.id):
            return Reply([Notice(turn.t("review.stale"))], show_event_id=event.id), None
        if creative.status == CreativeStatus.APPROVED:
            return Reply([Notice(turn.t("review.already_approved"))]), None
        creative.status = CreativeStatus.APPROVED
        event.status = EventStatus.APPROVED
        event.updated_at = turn.now
        for sha in creative.image_sha256s:
            turn.session.add(
                Approval(
                    creative_id=creative.id,
                    event_id=event.id,
                    user_id=turn.user.id,
                    image_sha256=sha,
                    approved_at=turn.now,
                )
            )
        await repositories.end_conversations_for_event(turn.session, event.id)
        who = turn.sender.user_name or turn.sender.user_id
        when = turn.now.astimezone(turn.workspace_zone()).strftime("%Y-%m-%d %H:%M")
        text = turn.t("review.approved", who=who, when=when, sha=creative.image_sha256s[0][:12])
        return Reply([Notice(text)]), Approved(event.id, creative.id)

    def _look(self, turn: Turn, event: Event, verb: str, arg: str | None) -> Reply:
        options = _LOOK_OPTIONS[verb]
        if arg in options:
            return Reply(render_event_id=event.id, look={verb: arg})
        choices = tuple(
            menu_option(actions.review(event.id, verb, option), turn.t(f"{verb}.{option}"))
            for option in options
        )
        back = _back_to_preview(turn, event.id)
        return Reply([Ask(turn.t(f"review.pick_{verb}"), (*choices, back))])

    async def _theme(self, turn: Turn, event: Event, arg: str | None) -> Reply:
        """Themes this event can use (duotone only with a photo) and the accent switch."""
        latest = await repositories.latest_creative(turn.session, event.id)
        current = latest.theme if latest is not None else turn.workspace.default_theme
        has_photo = event.photo_sha256 is not None
        has_brand_color = bool(turn.workspace.brand_color)
        if arg is not None and theme_allowed(arg, has_photo, has_brand_color):
            return Reply(render_event_id=event.id, look={"theme": arg})
        options = theme_options(current, has_photo, has_brand_color)
        choices = tuple(
            menu_option(actions.review(event.id, "theme", o.value), turn.t(o.label_key))
            for o in options
        )
        back = _back_to_preview(turn, event.id)
        return Reply([Ask(turn.t("review.pick_theme"), (*choices, back))])

    async def _edit(self, turn: Turn, event: Event, field: str | None) -> Reply:
        if field not in EDITABLE_FIELDS:
            choices = tuple(
                menu_option(actions.review(event.id, "edit", name), turn.t(f"field.{name}"))
                for name in EDITABLE_FIELDS
            )
            back = _back_to_preview(turn, event.id)
            # A form answers for the whole draft: it comes back to this event's review.
            conversation = turn.conversation_or_new(step=REVIEW_STEP)
            conversation.event_id = event.id
            conversation.step = REVIEW_STEP
            conversation.updated_at = turn.now
            form = event_form(turn, event, editing=True)
            return Reply([Ask(turn.t("review.pick_field"), (*choices, back), form=form)])
        conversation = turn.conversation_or_new(step=f"edit:{field}")
        conversation.event_id = event.id
        conversation.step = f"edit:{field}"
        conversation.updated_at = turn.now
        return Reply([ask_for(turn, event, field, editing=True)])

    async def _cancel(self, turn: Turn, event: Event) -> Reply:
        event.status = EventStatus.CANCELLED
        event.updated_at = turn.now
        await repositories.end_conversations_for_event(turn.session, event.id)
        return Reply([Notice(turn.t("review.cancelled"))])


def _followed(output: Output, follow: Notice) -> Output:
    """The approval notice, with what can happen next as its buttons (and words)."""
    if isinstance(output, Notice) and not output.choices:
        text = f"{output.text}\n{follow.text}" if follow.text else output.text
        return dataclasses.replace(output, text=text, choices=follow.choices)
    return output


def _back_to_preview(turn: Turn, event_id: int) -> Choice:
    label = turn.t("button.back_to_preview")
    return navigation(actions.review(event_id, "show"), label, menu=True)
