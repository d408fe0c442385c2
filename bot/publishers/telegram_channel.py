"""Publishing to a Telegram channel through python-telegram-bot, and checking one on /connect.

The Bot API cannot read a channel's history, so an interrupted send cannot be verified:
after a timeout the engine asks the chat (check the channel, then Retry) instead of
sending again blindly. Everything learned is journaled the moment it is known: a post
whose caption is too long for a photo goes out as photo(s) then text, and a retry after
the photos went out sends only the text. RSVP buttons sit under the photo, or under that
text; an album cannot carry buttons, so they follow it in a short message of their own.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Sequence
from datetime import timedelta
from typing import TypeVar

import httpx
from telegram import Bot, ChatMember, InlineKeyboardMarkup, InputMediaPhoto
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.telegram import aiohttp_request
from bot.telegram.keyboards import keyboard
from core.engagement.boards import BUTTONS_MESSAGE
from core.publishers.base import (
    ErrorKind,
    Journal,
    Publication,
    Published,
    PublishError,
    TargetInfo,
)
from core.publishers.reasons import Reason
from core.publishing.wiring import Publishing
from core.targets.ports import CheckedTarget, ConnectRefused, ConnectRequest

KIND = "telegram_channel"
MAX_CAPTION = 1024  # characters of a photo caption
MAX_TEXT = 4096
PHOTOS, TEXT, SENDING = "photo_message_ids", "text_message_id", "sending"
_CHANNEL = re.compile(
    r"^(?:https?://)?(?:t\.me/|@)?(?P<name>[A-Za-z]\w{3,31})$|^(?P<id>-100\d{5,})$"
)
_T = TypeVar("_T")
# What a NetworkError's cause is when the request never left, over httpx (PTB's default
# transport) or aiohttp (flyerbot's own Bots).
_BEFORE_SENDING = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    *aiohttp_request.NOT_SENT,
)
_PLATFORM = {"platform": "Telegram"}


class TelegramChannelPublisher:
    kind = KIND

    def __init__(self, bot: Bot, *, chat_id: int | str, username: str | None = None) -> None:
        self._bot = bot
        self._chat_id = chat_id
        self._username = username

    def __repr__(self) -> str:
        return f"<TelegramChannelPublisher {self._chat_id}>"

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        images = publication.images[:10]
        caption = publication.caption
        separate_text = len(caption) > MAX_CAPTION
        follow_up = _follow_up(publication)
        markup = keyboard(publication.buttons.choices) if publication.buttons else None
        photo_ids = journal.facts.get(PHOTOS)
        if not photo_ids:
            await journal.record(**{SENDING: "photos"})
            on_photo = markup if follow_up is None and len(images) == 1 else None
            sent = await self._send(
                self._send_photos(
                    images, None if separate_text else caption, publication.alt_text, on_photo
                )
            )
            photo_ids = ",".join(str(message_id) for message_id in sent)
            facts = {PHOTOS: photo_ids}
            if on_photo is not None:
                facts[BUTTONS_MESSAGE] = str(sent[0])
            await journal.record(**facts)
        if follow_up is not None and not journal.facts.get(TEXT):
            await journal.record(**{SENDING: "text"})
            text_id = await self._send(self._send_text(follow_up[:MAX_TEXT], markup))
            facts = {TEXT: str(text_id)}
            if markup is not None:
                facts[BUTTONS_MESSAGE] = str(text_id)
            await journal.record(**facts)
        return self._published(photo_ids.split(",")[0])

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        photo_ids = journal.facts.get(PHOTOS)
        needs_text = _follow_up(publication) is not None
        if photo_ids and (not needs_text or journal.facts.get(TEXT)):
            return self._published(photo_ids.split(",")[0])
        if SENDING not in journal.facts:
            return None  # nothing was ever sent
        raise PublishError(
            ErrorKind.UNKNOWN_OUTCOME,
            "Telegram did not confirm the post and bots cannot read a channel's history. "
            "Look in the channel: if the post is not there, press Retry.",
            code="unverifiable",
            message_key=Reason.CANNOT_VERIFY,
            message_params=_PLATFORM,
        )

    async def _send_photos(
        self,
        images: Sequence[bytes],
        caption: str | None,
        alt_text: str,
        markup: InlineKeyboardMarkup | None,
    ) -> list[int]:
        if len(images) == 1:
            message = await self._bot.send_photo(
                self._chat_id, photo=images[0], caption=caption, reply_markup=markup
            )
            return [message.message_id]
        media = [
            InputMediaPhoto(image, caption=caption if index == 0 else None)
            for index, image in enumerate(images)
        ]
        messages = await self._bot.send_media_group(self._chat_id, media=media)
        return [message.message_id for message in messages]

    async def _send_text(self, text: str, markup: InlineKeyboardMarkup | None) -> int:
        message = await self._bot.send_message(
            self._chat_id, text, disable_notification=True, reply_markup=markup
        )
        return message.message_id

    async def _send(self, sending: Awaitable[_T]) -> _T:
        try:
            return await sending
        except TelegramError as error:
            raise classify(error) from error

    def _published(self, message_id: str) -> Published:
        return Published(
            external_id=message_id, url=message_link(self._chat_id, self._username, message_id)
        )


def _follow_up(publication: Publication) -> str | None:
    """The text message after the photos, if any: a caption too long for a photo, or the
    RSVP prompt carrying the buttons an album cannot carry itself."""
    if len(publication.caption) > MAX_CAPTION:
        return publication.caption
    if publication.buttons is not None and len(publication.images) > 1:
        return publication.buttons.prompt
    return None


def message_link(chat_id: int | str, username: str | None, message_id: str) -> str:
    if username:
        return f"https://t.me/{username}/{message_id}"
    return f"https://t.me/c/{str(chat_id).removeprefix('-100')}/{message_id}"


def classify(error: TelegramError) -> PublishError:
    """python-telegram-bot's errors in the engine's terms, with plain words for the chat."""
    if isinstance(error, RetryAfter):
        wait = error.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        return PublishError(
            ErrorKind.RATE_LIMITED,
            "Telegram asked flyerbot to slow down; it will try again shortly.",
            code="retry-after",
            retry_after=seconds,
            message_key=Reason.SLOW_DOWN,
            message_params=_PLATFORM,
        )
    if isinstance(error, Forbidden | InvalidToken):
        return PublishError(
            ErrorKind.AUTH,
            "flyerbot may not post in the channel any more (removed, or no longer an admin "
            "who can post). Add it back as an admin, then /connect the channel again.",
            code="forbidden",
            message_key=Reason.TELEGRAM_NOT_ADMIN,
        )
    if isinstance(error, ChatMigrated):
        return PublishError(
            ErrorKind.AUTH,
            "The chat moved; connect it again with /connect.",
            code="migrated",
            message_key=Reason.TARGET_GONE,
            message_params=_PLATFORM,
        )
    if isinstance(error, BadRequest):
        if "chat not found" in error.message.lower():
            return PublishError(
                ErrorKind.AUTH,
                "Telegram cannot find the channel any more. Connect it again with /connect.",
                code="chat-not-found",
                message_key=Reason.TARGET_GONE,
                message_params=_PLATFORM,
            )
        return PublishError(
            ErrorKind.PERMANENT,
            f"Telegram refused the post: {error.message}",
            code="bad-request",
            message_key=Reason.REFUSED,
            message_params={**_PLATFORM, "detail": error.message},
        )
    if isinstance(error, NetworkError) and isinstance(error.__cause__, _BEFORE_SENDING):
        return PublishError(
            ErrorKind.TRANSIENT,
            "Telegram could not be reached; trying again.",
            code="connect",
            message_key=Reason.UNREACHABLE,
            message_params=_PLATFORM,
        )
    if isinstance(error, TimedOut | NetworkError):
        return PublishError(
            ErrorKind.UNKNOWN_OUTCOME,
            "Telegram did not answer in time, so it is unclear whether the post went out.",
            code="timed-out" if isinstance(error, TimedOut) else "network",
            message_key=Reason.NO_ANSWER,
            message_params=_PLATFORM,
        )
    return PublishError(
        ErrorKind.PERMANENT,
        f"Telegram error: {error.message}",
        code="telegram",
        message_key=Reason.REFUSED,
        message_params={**_PLATFORM, "detail": error.message},
    )


class TelegramChannelCheck:
    """On /connect: the channel exists, the bot is an admin that may post, so is the user."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def check(self, request: ConnectRequest) -> CheckedTarget:
        match = _CHANNEL.match(request.argument.strip())
        if match is None:
            raise ConnectRefused("connect.telegram_bad_chat")
        if (
            request.sender.platform != "telegram"
            or not request.sender.user_id.lstrip("-").isdigit()
        ):
            raise ConnectRefused("connect.telegram_from_telegram")
        reference: int | str = int(match["id"]) if match["id"] else f"@{match['name']}"
        try:
            chat = await self._bot.get_chat(reference)
            if chat.type != "channel":
                raise ConnectRefused("connect.telegram_not_channel")
            me = await self._bot.get_me()
            bot_member = await self._bot.get_chat_member(chat.id, me.id)
            user_member = await self._bot.get_chat_member(chat.id, int(request.sender.user_id))
        except (BadRequest, Forbidden):
            raise ConnectRefused("connect.telegram_not_found") from None
        except TelegramError:
            raise ConnectRefused("connect.unreachable", platform="Telegram") from None
        if not _may_post(bot_member):
            raise ConnectRefused("connect.telegram_bot_not_admin")
        if user_member.status not in (ChatMember.OWNER, ChatMember.ADMINISTRATOR):
            raise ConnectRefused("connect.telegram_user_not_admin")
        name = f"@{chat.username}" if chat.username else (chat.title or str(chat.id))
        return CheckedTarget(
            KIND,
            str(chat.id),
            f"Telegram {name}",
            config={"username": chat.username or ""},
        )


def _may_post(member: ChatMember) -> bool:
    if member.status == ChatMember.OWNER:
        return True
    # Telegram always sends can_post_messages for channel admins; treat "not said" as yes.
    return (
        member.status == ChatMember.ADMINISTRATOR
        and getattr(member, "can_post_messages", None) is not False
    )


def register(publishing: Publishing, bot: Bot) -> None:
    """Make Telegram channels publishable and connectable in this process."""

    def factory(target: TargetInfo) -> TelegramChannelPublisher:
        username = str(target.config.get("username") or "") or None
        return TelegramChannelPublisher(bot, chat_id=int(target.address), username=username)

    publishing.publishers.register(KIND, factory)
    publishing.checks.register("telegram", TelegramChannelCheck(bot))
