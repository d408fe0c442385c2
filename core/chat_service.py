"""The one door every chat frontend knocks on: `ChatService.handle(sender, input)`.

It answers the chat-wide commands itself (/start, /help, /events, /settings,
/deletemydata and their buttons) and hands everything else to the conversation engine,
so a frontend never needs to know which part of core a message belongs to. The
per-person flood limit is applied here too, before anything else, for every frontend.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core import data_deletion, event_list, i18n
from core.app import App
from core.chat_settings import PREFIX as SETTINGS_PREFIX
from core.chat_settings import ChatSettings, awaiting, stop_awaiting
from core.conversation.messages import (
    Action,
    Ask,
    Choice,
    Command,
    Input,
    Notice,
    Output,
    Photo,
    Problem,
    Sender,
    Text,
    Withdraw,
)
from core.conversation.turn import Turn, load_turn
from core.engagement import rsvp
from core.insights import command as insights_command
from core.load.flood import FloodGuard, FloodRule, Verdict
from core.media_hosting.s3 import S3Error
from core.media_hosting.s3_host import s3_image_host_from
from core.parsing.errors import FieldError
from core.parsing.photo import PhotoLimits, check_photo
from core.pasted_secrets import holds_secret
from core.settings import Settings
from storage import repositories, workspaces

log = logging.getLogger(__name__)

GO_PREFIX = "go"  # `go:<command>`: a button that runs a command, e.g. "➕ New event"


class ChatService:
    def __init__(self, app: App) -> None:
        self._app = app
        self._engine = app.conversations
        limits = PhotoLimits(app.settings.max_photo_bytes, app.settings.max_photo_pixels)
        self._settings = ChatSettings(app.media, limits, app.report_chats)
        self.flood = FloodGuard(flood_rule(app.settings), app.clock)

    async def handle(self, sender: Sender, message: Input) -> list[Output]:
        started = time.perf_counter()
        try:
            return await self._handle(sender, message)
        finally:
            elapsed = time.perf_counter() - started
            self._app.metrics.chat_answer.observe(elapsed, platform=sender.platform)

    async def _handle(self, sender: Sender, message: Input) -> list[Output]:
        verdict = self.flood.admit((sender.platform, sender.user_id))
        if verdict is Verdict.IGNORE:  # ignored, but a pasted secret still comes down
            return await self.overheard(sender, message)
        if verdict is Verdict.WARN:
            notice = Notice(await self._flood_notice(sender))
            return [*await self.overheard(sender, message), notice]
        outputs = await self._route(sender, message)
        if _holds_secret(message):
            return [await self._withdraw(sender), *outputs]
        return outputs

    async def overheard(self, sender: Sender, message: Input) -> list[Output]:
        """A message in a group that was not meant for the bot: only a secret in it matters."""
        return [await self._withdraw(sender)] if _holds_secret(message) else []

    async def _route(self, sender: Sender, message: Input) -> list[Output]:
        if isinstance(message, Command):
            return await self._command(sender, message)
        if isinstance(message, Action):
            return await self._action(sender, message)
        if isinstance(message, (Text, Photo)) and await self._awaits_setting(sender):
            return await self._in_turn(sender, lambda turn: self._settings.typed(turn, message))
        return await self._engine.handle(sender, message)

    async def is_conversing(self, sender: Sender) -> bool:
        """Whether this user is in the middle of something here (a draft, a setting).

        In a group that lets the bot read everything, only such users' plain messages
        are meant for the bot.
        """
        async with self._app.sessions() as session:
            conversation = await repositories.conversation_for(
                session, sender.platform, sender.chat_id, sender.user_id
            )
        return conversation is not None

    async def photo_too_large(self, sender: Sender, size: int) -> list[Output]:
        """A photo refused before download (the platform told us its size)."""
        limit = self._app.settings.max_photo_bytes
        message = i18n.text(
            "photo.too_large",
            await self.locale(sender),
            size_mb=_megabytes(size),
            limit_mb=_megabytes(limit),
        )
        if await self._awaits_setting(sender):
            return [Problem(message)]
        repeated = await self._engine.handle(sender, Command("resume"))
        return [Problem(message), *(output for output in repeated if isinstance(output, Ask))]

    async def reactions_counted(
        self, *, kind: str, address: str, message_id: str, total: int
    ) -> bool:
        """A platform told the current reaction total of a message on a target (a channel
        post); recorded when it is one of the posts flyerbot published."""
        return await self._app.engagement.reactions.counted(
            kind=kind, address=address, message_id=message_id, total=total
        )

    async def upload_too_large(self, sender: Sender, size: int) -> Problem:
        """An upload refused from its announced size alone, before anything is fetched."""
        limit = self._app.settings.max_photo_bytes
        return Problem(
            await self.text(
                sender, "photo.too_large", size_mb=_megabytes(size), limit_mb=_megabytes(limit)
            )
        )

    async def photo_refusal(self, sender: Sender, photo: Photo) -> Problem | None:
        """Why an upload cannot be the event's photo (type, size, pixels), checked before
        anything is stored; None when it can."""
        limits = self._app.settings
        try:
            check_photo(
                photo.data,
                photo.mime,
                max_bytes=limits.max_photo_bytes,
                max_pixels=limits.max_photo_pixels,
            )
        except FieldError as error:
            return Problem(await self.text(sender, error.key, **error.params))
        return None

    async def locale(self, sender: Sender) -> str:
        """The chat's language, for what a frontend says on its own behalf."""
        async with self._app.sessions() as session:
            return await _locale(session, sender, self._app.settings.default_locale)

    async def text(self, sender: Sender, key: str, /, **params: object) -> str:
        return i18n.text(key, await self.locale(sender), **params)

    # -- routing ------------------------------------------------------------------------------

    async def _command(self, sender: Sender, command: Command) -> list[Output]:
        name = command.name.lower()
        if name in ("start", "help"):
            return await self._in_turn(sender, _help)
        if name == "events":
            return await self._in_turn(sender, event_list.list_events)
        if name == "settings":
            return await self._in_turn(sender, lambda t: self._settings.command(t, command.args))
        if name == "deletemydata":
            return await self._in_turn(sender, data_deletion.ask)
        if name == "insights":
            return await self._in_turn(sender, lambda t: insights_command.insights(t, command.args))
        dropped = await self._drop_setting(sender)
        if dropped and name == "cancel":  # /cancel while asked for a setting cancels just that
            return [Notice(await self.text(sender, "settings.unchanged"))]
        return await self._engine.handle(sender, command)

    async def _action(self, sender: Sender, action: Action) -> list[Output]:
        prefix, _, rest = action.id.partition(":")
        if prefix == SETTINGS_PREFIX:
            return await self._in_turn(sender, lambda turn: self._settings.press(turn, action.id))
        if prefix == event_list.PREFIX:
            return await self._open_event(sender, action.id)
        if prefix == data_deletion.PREFIX:
            return await self._delete(sender, action.id)
        if prefix == GO_PREFIX:
            return await self._command(sender, Command(rest))
        if prefix == rsvp.PREFIX:  # a channel's audience answering: not a conversation
            return await self._app.engagement.rsvps.press(sender, action.id)
        await self._drop_setting(sender)
        return await self._engine.handle(sender, action)

    async def _open_event(self, sender: Sender, action_id: str) -> list[Output]:
        event_id = event_list.parse_open(action_id)
        if event_id is None:
            return [Problem(await self.text(sender, "events.gone"))]

        async def check(turn: Turn) -> list[Output]:
            found = await event_list.openable(turn, event_id)
            return found if isinstance(found, list) else []

        refusal = await self._in_turn(sender, check)
        if refusal:
            return refusal
        return await self._engine.previews.show_latest(event_id)

    async def _delete(self, sender: Sender, action_id: str) -> list[Output]:
        t = await self._translator(sender)
        answer = data_deletion.refuse_or_keep(sender, action_id, t)
        if answer is not None:
            return answer
        places = self._data_places()
        async with self._app.sessions() as session:
            plan = await data_deletion.plan(session, sender, places.outbox)
        try:
            await data_deletion.remove_outside(plan, places)
        except (OSError, S3Error) as error:
            log.warning("deleting a user's files stopped: %s", error)
            return [Problem(t("deletion.incomplete"))]
        async with self._app.sessions.begin() as session:
            deleted = await data_deletion.delete_rows(session, sender, plan)
        return [Notice(t("deletion.done", events=deleted.events, files=deleted.files))]

    def _data_places(self) -> data_deletion.Places:
        app = self._app
        return data_deletion.Places(
            media=app.media,
            outbox=app.settings.data_dir / "outbox",
            previews=app.settings.data_dir / "previews",
            objects=s3_image_host_from(app.settings, app.publishing.http, app.clock),
        )

    # -- helpers ------------------------------------------------------------------------------

    async def _flood_notice(self, sender: Sender) -> str:
        rule = self.flood.rule
        return await self.text(
            sender,
            "chat.flood",
            max=rule.max_inputs,
            window=round(rule.window.total_seconds()),
            quiet=round(rule.quiet_for.total_seconds()),
        )

    async def _withdraw(self, sender: Sender) -> Withdraw:
        t = await self._translator(sender)
        return Withdraw(removed=t("secret.removed"), remove_it=t("secret.remove_it"))

    async def _in_turn(
        self, sender: Sender, step: Callable[[Turn], Awaitable[list[Output]]]
    ) -> list[Output]:
        """Run `step` in one transaction with the sender's workspace, user and conversation."""
        settings = self._app.settings
        async with self._app.sessions.begin() as session:
            turn = await load_turn(
                session,
                sender,
                now=self._app.clock(),
                default_timezone=settings.default_timezone,
                default_locale=settings.default_locale,
            )
            return await step(turn)

    async def _awaits_setting(self, sender: Sender) -> bool:
        async with self._app.sessions() as session:
            conversation = await repositories.conversation_for(
                session, sender.platform, sender.chat_id, sender.user_id
            )
        return awaiting(conversation) is not None

    async def _drop_setting(self, sender: Sender) -> bool:
        """The user moved on: forget a setting they were asked for. True if there was one."""
        if not await self._awaits_setting(sender):
            return False

        async def drop(turn: Turn) -> list[Output]:
            await stop_awaiting(turn)
            return []

        await self._in_turn(sender, drop)
        return True

    async def _translator(self, sender: Sender) -> Callable[..., str]:
        locale = await self.locale(sender)

        def t(key: str, /, **params: object) -> str:
            return i18n.text(key, locale, **params)

        return t


def flood_rule(settings: Settings) -> FloodRule:
    return FloodRule(
        max_inputs=settings.flood_max_inputs,
        window=timedelta(seconds=settings.flood_window_seconds),
        quiet_for=timedelta(seconds=settings.flood_quiet_seconds),
    )


async def _help(turn: Turn) -> list[Output]:
    new_event = Choice(f"{GO_PREFIX}:newevent", turn.t("button.new_event"))
    return [Notice(turn.t("help.text"), (new_event,))]


async def _locale(session: AsyncSession, sender: Sender, default: str) -> str:
    locale = await workspaces.locale_of_chat(session, sender.platform, sender.chat_id)
    return locale or sender.locale or default


def _holds_secret(message: Input) -> bool:
    """Typed text with a token or webhook URL in it (a command's arguments count too)."""
    if isinstance(message, Text):
        return holds_secret(message.text)
    if isinstance(message, Command):
        return holds_secret(message.args)
    return False


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}".removesuffix(".0")
