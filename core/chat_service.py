"""The one door every chat frontend knocks on: `ChatService.handle(sender, input)`.

Every input goes to the router (core.routes), whose one table knows which flow answers
it, so a frontend never needs to know which part of core a message belongs to. Before
that, the per-person flood limit is applied here, for every frontend, and a pasted
secret is taken down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core import buttons, i18n
from core.app import App
from core.chat_settings import awaiting
from core.conversation.messages import (
    Action,
    Ask,
    Command,
    Input,
    Notice,
    Output,
    Photo,
    PressAnswer,
    Problem,
    Sender,
    Text,
    Withdraw,
)
from core.load.flood import FloodGuard, FloodRule, Verdict
from core.parsing.errors import FieldError
from core.parsing.photo import check_photo
from core.pasted_secrets import holds_secret
from core.settings import Settings
from storage import repositories, workspaces

log = logging.getLogger(__name__)


class ChatService:
    def __init__(self, app: App) -> None:
        self._app = app
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
        if isinstance(message, Action) and not _may_press(sender, message):
            return [Problem(await self.text(sender, "chat.not_your_question"))]
        outputs = await self._app.router.handle(sender, message)
        if _holds_secret(message):
            return [await self._withdraw(sender), *outputs]
        return outputs

    async def press(self, sender: Sender, action: Action) -> PressAnswer:
        """A pressed button: `handle`, plus whether its message is now spent."""
        outputs = await self.handle(sender, action)
        retired = any(isinstance(output, Notice) and output.retire_pressed for output in outputs)
        spent = buttons.is_spent_by_press(action.id) or retired
        return PressAnswer(outputs, spent=spent and not _refused(outputs))

    async def overheard(self, sender: Sender, message: Input) -> list[Output]:
        """A message in a group that was not meant for the bot: only a secret in it matters."""
        return [await self._withdraw(sender)] if _holds_secret(message) else []

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
        repeated = await self._app.router.handle(sender, Command("resume"))
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

    async def _awaits_setting(self, sender: Sender) -> bool:
        async with self._app.sessions() as session:
            conversation = await repositories.conversation_for(
                session, sender.platform, sender.chat_id, sender.user_id
            )
        return awaiting(conversation) is not None

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


async def _locale(session: AsyncSession, sender: Sender, default: str) -> str:
    locale = await workspaces.locale_of_chat(session, sender.platform, sender.chat_id)
    return locale or sender.locale or default


def _may_press(sender: Sender, action: Action) -> bool:
    """A button with an owner (a question asked to one person) is theirs alone."""
    owner = buttons.owner_of(action.id)
    return owner is None or owner == sender.user_id


def _refused(outputs: list[Output]) -> bool:
    """The press was turned down (not the owner, not allowed, gone): a lone problem with
    nothing to press, which leaves the pressed message as it was."""
    return len(outputs) == 1 and isinstance(outputs[0], Problem) and not outputs[0].choices


def _holds_secret(message: Input) -> bool:
    """Typed text with a token or webhook URL in it (a command's arguments count too)."""
    if isinstance(message, Text):
        return holds_secret(message.text)
    if isinstance(message, Command):
        return holds_secret(message.args)
    return False


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}".removesuffix(".0")
