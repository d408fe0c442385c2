"""One table from what arrived to the flow that answers it, and the turn it runs in.

A route names what it answers: a command, a button id's prefix, or the pending question
on the sender's conversation row (the value of a setting, a token, a time for a post).
The table is read in order and the first route that matches answers:

1. A command. It ends any pending question first, unless its route `keeps_question`
   (/help, /events, /settings, /insights, /deletemydata answer beside the question;
   /connect reads the token question it may have asked).
   /cancel has no route of its own: it withdraws a pending question, or else reaches
   the wizard, which cancels the draft.
2. A button, by its id's prefix. It ends a pending question too, unless it answers
   that question or only looks (settings, opening an event, confirming a deletion).
3. The pending question, for typed text, a photo or a form (and /cancel).
4. The wizard: the draft being created or edited (a field answered, a wizard button).

Every route runs in one transaction with the sender's turn (workspace, user,
conversation row), one input at a time per sender. After the step, the subscribers
hear about an event whose date or status it changed. Only then, after the commit, the
reply's preview is rendered and its `later` runs. Routes marked `Outside` (a channel's
audience answering an RSVP) concern no conversation and load no turn.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import buttons, chat_help, event_list
from core.buttons import ButtonKind
from core.campaigns import schedule_command
from core.campaigns.wiring import CampaignFlows
from core.chat_settings import ChatSettings
from core.clock import Clock
from core.conversation import changes
from core.conversation.messages import Action, Command, Form, Input, Output, Photo, Sender, Text
from core.conversation.previews import Previews
from core.conversation.reply import Reply
from core.conversation.review import Review
from core.conversation.turn import Turn, load_turn
from core.conversation.wizard import Wizard
from core.deletion_chat import DeletionChat
from core.insights import command as insights_command
from core.targets.connect_command import TargetsFlow

Flow = Callable[[Turn, Input], Awaitable[Reply]]
OutsideFlow = Callable[[Sender, str], Awaitable[list[Output]]]  # (presser, button id)


class Question(Protocol):
    """A question whose answer is the sender's next message, remembered on their row."""

    def asked(self, turn: Turn) -> bool: ...

    async def forget(self, turn: Turn) -> None: ...


@dataclass(frozen=True)
class OnCommand:
    names: frozenset[str]
    flow: Flow
    keeps_question: bool = False


@dataclass(frozen=True)
class OnPrefix:
    kind: ButtonKind  # the button's kind (core.buttons), named by its id's prefix
    flow: Flow
    keeps_question: bool = False


@dataclass(frozen=True)
class Outside:
    """A button answered beside any conversation: no turn is loaded for it."""

    kind: ButtonKind
    flow: OutsideFlow


@dataclass(frozen=True)
class OnPending:
    """The pending question answers typed text, a photo, a form (and /cancel)."""

    question: Question
    flow: Flow
    answers: tuple[type[Input], ...] = (Text, Photo, Form)


@dataclass(frozen=True)
class Fallback:
    flow: Flow


Route = OnCommand | OnPrefix | Outside | OnPending | Fallback


def command(*names: str) -> frozenset[str]:
    return frozenset(names)


def matches(route: Route, turn: Turn, message: Input) -> bool:
    match route:
        case OnCommand(names=names):
            return isinstance(message, Command) and message.name.lower() in names
        case OnPrefix(kind=kind):
            return isinstance(message, Action) and buttons.kind_of(message.id) is kind
        case OnPending(question=question, answers=kinds):
            answers = isinstance(message, kinds) or (
                isinstance(message, Command) and message.name.lower() == "cancel"
            )
            return answers and question.asked(turn)
        case Fallback():
            return True
        case Outside():
            return False  # answered before any turn is loaded


def ends_question(route: Route) -> bool:
    match route:
        case OnCommand(keeps_question=keeps) | OnPrefix(keeps_question=keeps):
            return not keeps
        case Fallback():
            return True
        case _:
            return False


class Router:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        previews: Previews,
        flows: ChatFlows,
        subscribers: tuple[changes.Subscriber, ...] = (),
        default_timezone: str,
        default_locale: str,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self.previews = previews
        self._default_timezone = default_timezone
        self._default_locale = default_locale
        self._routes = chat_routes(flows, self.go)
        self._subscribers = subscribers
        self._locks: weakref.WeakValueDictionary[tuple[str, str, str], asyncio.Lock] = (
            weakref.WeakValueDictionary()
        )

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(route.question for route in self._routes if isinstance(route, OnPending))

    async def handle(self, sender: Sender, message: Input) -> list[Output]:
        """Answer one input; everything the step changed is committed before rendering."""
        if isinstance(message, Action):
            outside = self._outside(message.id)
            if outside is not None:
                return await outside.flow(sender, message.id)
        key = (sender.platform, sender.chat_id, sender.user_id)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            async with self._sessions.begin() as session:
                turn = await load_turn(
                    session,
                    sender,
                    now=self._clock(),
                    default_timezone=self._default_timezone,
                    default_locale=self._default_locale,
                )
                before = await changes.snapshot(turn, changes.event_in_question(turn, message))
                reply = await self.step(turn, message)
                change = await changes.change_since(turn, before)
                told = await changes.tell(turn, change, self._subscribers)
                reply.outputs.extend(told.outputs)
                reply.then(told.later)
                person = turn.user.id
            outputs = await self._finish(reply, person)
            if reply.later is not None:
                outputs += await reply.later()
            return outputs

    async def step(self, turn: Turn, message: Input) -> Reply:
        """The answer of the first route that matches, within the caller's turn."""
        for route in self._routes:
            if not matches(route, turn, message):
                continue
            if ends_question(route):
                for question in self.questions:
                    if question.asked(turn):
                        await question.forget(turn)
            assert not isinstance(route, Outside)
            return await route.flow(turn, message)
        return Reply()

    async def go(self, turn: Turn, message: Input) -> Reply:
        """A `go:<command>` button: the command's own route answers it."""
        name = chat_help.go_command(message.id) if isinstance(message, Action) else ""
        return await self.step(turn, Command(name))

    def _outside(self, action_id: str) -> Outside | None:
        for route in self._routes:
            if isinstance(route, Outside) and route.kind is buttons.kind_of(action_id):
                return route
        return None

    async def _finish(self, reply: Reply, person: int) -> list[Output]:
        """The reply, with the preview it asks for rendered on `person`'s allowance."""
        outputs = list(reply.outputs)
        if reply.render_event_id is not None:
            outputs += await self.previews.render(reply.render_event_id, by=person, **reply.look)
        elif reply.show_event_id is not None:
            outputs += await self.previews.show_latest(reply.show_event_id, by=person)
        return outputs


@dataclass(frozen=True)
class ChatFlows:
    """The flows a chat reaches, built once at wiring time (core.app)."""

    wizard: Wizard
    review: Review
    settings: ChatSettings
    events: event_list.EventList
    deletion: DeletionChat
    campaigns: CampaignFlows
    targets: TargetsFlow
    rsvps: OutsideFlow


def chat_routes(flows: ChatFlows, go: Flow) -> tuple[Route, ...]:
    """The table, in the order it is read (see the module docstring)."""
    campaigns, targets, settings = flows.campaigns, flows.targets, flows.settings
    return (
        OnCommand(command("start", "help"), chat_help.handle, keeps_question=True),
        OnCommand(command("events"), flows.events.handle, keeps_question=True),
        OnCommand(command("settings"), settings.handle, keeps_question=True),
        OnCommand(command("insights"), insights_command.handle, keeps_question=True),
        OnCommand(command("deletemydata"), flows.deletion.handle, keeps_question=True),
        OnCommand(command("schedule"), schedule_command.handle),
        OnCommand(command("connect"), targets.handle, keeps_question=True),  # reads the token note
        OnPrefix(buttons.GO, go, keeps_question=True),  # the command decides
        OnPrefix(buttons.SETTINGS, settings.handle, keeps_question=True),
        OnPrefix(buttons.EVENT, flows.events.handle, keeps_question=True),
        OnPrefix(buttons.DELETION, flows.deletion.handle, keeps_question=True),
        Outside(buttons.RSVP, flows.rsvps),  # a channel's audience, not a conversation
        OnPrefix(buttons.CAMPAIGN, campaigns.planning.press),
        OnPrefix(buttons.POST, campaigns.posts.press),
        OnPrefix(buttons.DELIVERY, campaigns.posts.press),
        OnPrefix(buttons.TARGET, targets.handle),
        OnPrefix(buttons.REVIEW, flows.review.handle),
        OnPending(settings, settings.handle, answers=(Text, Photo)),
        OnPending(targets.tokens, targets.tokens.answer),
        OnPending(campaigns.time, campaigns.time.answer),
        Fallback(flows.wizard.handle),
    )
