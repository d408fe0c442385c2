"""Core's outputs as Telegram messages.

- Questions are messages. In a group they answer the asker's message, and when there is
  nothing to pick they ask with ForceReply(selective), so the typed answer reaches a bot
  in privacy mode; the conversation controls then become a typed hint ("뒤로 · 취소").
- A preview is a photo with the review buttons. When a review button produced it, the
  pressed message changes in place (editMessageMedia); a picker opened by a review
  button replaces the preview's buttons (editMessageReplyMarkup).
- A refusal caused by a button is a popup (answerCallbackQuery), not a group message,
  and a toast (the answer to an RSVP press under a channel post) is a short notification.
- Long captions: the photo's caption is cut at a line or word break to Telegram's 1024
  and, when a new preview is posted, the full caption follows as a text message. Edits in
  place only carry the cut caption, so changing the look never adds messages.
- A carousel is a media group followed by one text message with the caption and the
  buttons. An album cannot change in place, so a new look posts a new one and the old
  buttons are taken away.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, assert_never

from telegram import (
    Bot,
    CallbackQuery,
    ForceReply,
    InlineKeyboardMarkup,
    InputFile,
    InputMediaPhoto,
    Message,
    MessageEntity,
    ReplyParameters,
    User,
)
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.telegram.keyboards import keyboard
from bot.telegram.text_limits import CAPTION_LIMIT, MESSAGE_LIMIT, fit, utf16_len
from core.conversation.messages import Ask, Notice, Output, Preview, Problem, Toast, Withdraw
from core.parsing.text import shown_name

log = logging.getLogger(__name__)

_ALBUM_MAX = 10
_POPUP_LIMIT = 200


@dataclass(frozen=True)
class Origin:
    """Where the answer goes and what caused it."""

    chat_id: int
    is_group: bool
    user: User | None = None  # None when nobody asked (a notice from the publishing engine)
    reply_to: int | None = None  # the user's own message to answer, in groups
    query: CallbackQuery | None = None
    pressed: Message | None = None  # the message whose button was pressed
    spent: bool = False  # core said the pressed message has done its job


@dataclass
class _Progress:
    answered: bool = False
    refused: bool = False
    menu_shown: bool = False
    edited_in_place: bool = False


def is_not_modified(error: BadRequest) -> bool:
    return "not modified" in error.message.lower()


class Replier:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def deliver(self, origin: Origin, outputs: Sequence[Output]) -> None:
        """Send every output in order; a chat that blocked or removed the bot is skipped."""
        progress = _Progress()
        try:
            await self._send_all(origin, progress, outputs)
        except Forbidden as error:
            log.info("chat %s is closed to the bot: %s", origin.chat_id, error.message)
        finally:
            if origin.query is not None and not progress.answered:
                await answer(origin.query)

    async def send(self, origin: Origin, outputs: Sequence[Output]) -> None:
        """Like `deliver`, but raises when Telegram refuses (the caller will try later)."""
        await self._send_all(origin, _Progress(), outputs)

    async def _send_all(
        self, origin: Origin, progress: _Progress, outputs: Sequence[Output]
    ) -> None:
        for output in outputs:
            if isinstance(output, Withdraw):
                origin = await self._withdraw(origin, output)
                continue
            await self._one(origin, progress, output)
        if origin.query is not None:
            await self._tidy_pressed(origin, progress)

    async def _one(self, origin: Origin, progress: _Progress, output: Output) -> None:
        from_button = origin.query is not None and not progress.answered
        match output:
            case Problem(message=message, choices=()) if from_button:
                assert origin.query is not None
                await answer(origin.query, message, alert=True)
                progress.answered = progress.refused = True
            case Ask(prompt=prompt, choices=choices) if (
                from_button and origin.pressed is not None and output.is_menu
            ):
                assert origin.query is not None
                await self._edit_markup(origin.pressed, keyboard(choices))
                await answer(origin.query, prompt)
                progress.answered = progress.menu_shown = True
            case Toast(text=text):
                if from_button:  # nobody pressed anything: there is no one to tell privately
                    assert origin.query is not None
                    await answer(origin.query, text)
                    progress.answered = True
            case Preview():
                await self._preview(origin, progress, output)
            case Ask():
                await self._ask(origin, output)
            case Notice(text=text, choices=choices, image=bytes() as image):
                await self._picture(origin, image, text, keyboard(choices))
            case Notice(text=text, choices=choices):
                await self._send_text(origin, text, keyboard(choices))
            case Problem(message=message, choices=choices):
                await self._send_text(origin, f"⚠️ {message}", keyboard(choices))
            case Withdraw():  # `_send_all` takes it: it changes where what follows goes
                return
            case _:
                assert_never(output)

    async def _picture(
        self, origin: Origin, image: bytes, text: str, markup: InlineKeyboardMarkup | None
    ) -> None:
        """A notice with its picture: the text as the caption when it fits, else after it."""
        caption, cut = fit(text, CAPTION_LIMIT)
        photo = InputFile(image, filename="insights.jpg")
        if not cut:
            await self._bot.send_photo(
                origin.chat_id, photo, caption=caption, reply_markup=markup, **_reply(origin)
            )
            return
        await self._bot.send_photo(origin.chat_id, photo, **_reply(origin))
        await self._send_text(origin, text, markup)

    async def _withdraw(self, origin: Origin, withdraw: Withdraw) -> Origin:
        """Delete the user's message; what follows no longer answers it."""
        if origin.reply_to is None:
            return origin
        try:
            await self._bot.delete_message(origin.chat_id, origin.reply_to)
        except BadRequest as error:  # not an admin, or the message is too old
            log.info("could not delete a message holding a secret: %s", error.message)
            await self._send_text(origin, withdraw.remove_it, None)
            return origin
        withdrawn = replace(origin, reply_to=None)
        await self._send_text(withdrawn, withdraw.removed, None)
        return withdrawn

    # -- previews -----------------------------------------------------------------------------

    async def _preview(self, origin: Origin, progress: _Progress, preview: Preview) -> None:
        caption, cut = fit(preview.caption, CAPTION_LIMIT)
        markup = keyboard(preview.actions)
        name = f"event-{preview.event_id}-{preview.template}-{preview.layout}-{preview.theme}"
        if len(preview.images) == 1 and _holds_single_photo(origin):
            assert origin.pressed is not None
            placed = await self._edit_media(
                origin.pressed, preview.images[0], name, caption, markup
            )
            if placed:
                progress.edited_in_place = True
                return
        if len(preview.images) == 1:
            await self._bot.send_photo(
                origin.chat_id,
                InputFile(preview.images[0], filename=f"{name}.jpg"),
                caption=caption,
                reply_markup=markup,
                **_reply(origin),
            )
            if cut:
                await self._send_text(origin, preview.caption, None)
            return
        await self._album(origin, preview.images, name)
        text, _ = fit(preview.caption, MESSAGE_LIMIT)
        await self._bot.send_message(origin.chat_id, text, reply_markup=markup)

    async def _album(self, origin: Origin, images: Sequence[bytes], name: str) -> None:
        for start in range(0, len(images), _ALBUM_MAX):
            chunk = images[start : start + _ALBUM_MAX]
            names = [f"{name}-{start + index + 1}.jpg" for index in range(len(chunk))]
            if len(chunk) == 1:  # an album needs two; a lone last slide goes as a photo
                photo = InputFile(chunk[0], filename=names[0])
                await self._bot.send_photo(origin.chat_id, photo, **_reply(origin))
            else:
                media = [
                    InputMediaPhoto(_attached(image, filename))
                    for image, filename in zip(chunk, names, strict=True)
                ]
                await self._bot.send_media_group(origin.chat_id, media, **_reply(origin))

    async def _edit_media(
        self,
        message: Message,
        image: bytes,
        name: str,
        caption: str,
        markup: InlineKeyboardMarkup | None,
    ) -> bool:
        """Change the pressed preview in place; False when Telegram will not let us."""
        try:
            await self._bot.edit_message_media(
                InputMediaPhoto(_attached(image, f"{name}.jpg"), caption=caption),
                chat_id=message.chat_id,
                message_id=message.message_id,
                reply_markup=markup,
            )
        except BadRequest as error:
            if not is_not_modified(error):
                log.info("preview could not change in place (%s); posting it anew", error)
                return False
            await self._edit_markup(message, markup)  # same picture: restore the buttons
        return True

    # -- questions and text ---------------------------------------------------------------------

    async def _ask(self, origin: Origin, ask: Ask) -> None:
        if not origin.is_group:
            await self._send_text(origin, ask.prompt, keyboard(ask.choices))
            return
        if not ask.only_navigates:
            # Something to pick: buttons (a typed answer still arrives as a reply).
            await self._send_text(origin, ask.prompt, keyboard(ask.choices), mention=True)
            return
        text = ask.prompt
        if ask.choices:
            text += "\n💬 " + " · ".join(choice.label for choice in ask.choices)
        await self._send_text(origin, text, ForceReply(selective=True), mention=True)

    async def _send_text(
        self,
        origin: Origin,
        text: str,
        markup: InlineKeyboardMarkup | ForceReply | None,
        *,
        mention: bool = False,
    ) -> None:
        """A message; in groups it answers the user's message, or names them when there is none.

        Naming matters for questions: a selective ForceReply reaches the users a message
        replies to or mentions, and the mention tells whose question it is.
        """
        extra: dict[str, Any] = _reply(origin)
        if mention and origin.is_group and origin.reply_to is None and origin.user is not None:
            name = shown_name(origin.user.first_name) or str(origin.user.id)
            text = f"{name}, {text}"
            extra["entities"] = [
                MessageEntity(MessageEntity.TEXT_MENTION, 0, utf16_len(name), user=origin.user)
            ]
        text, _ = fit(text, MESSAGE_LIMIT)
        await self._bot.send_message(origin.chat_id, text, reply_markup=markup, **extra)

    # -- the pressed message --------------------------------------------------------------------

    async def _tidy_pressed(self, origin: Origin, progress: _Progress) -> None:
        """Take spent buttons away, so an answered question or a closed preview stays quiet;
        a message that now shows a picker or a new look keeps its new buttons."""
        pressed = origin.pressed
        if not origin.spent or pressed is None or pressed.reply_markup is None:
            return
        if progress.refused or progress.menu_shown or progress.edited_in_place:
            return
        await self._edit_markup(pressed, None)

    async def _edit_markup(self, message: Message, markup: InlineKeyboardMarkup | None) -> None:
        try:
            await self._bot.edit_message_reply_markup(
                chat_id=message.chat_id, message_id=message.message_id, reply_markup=markup
            )
        except BadRequest as error:
            if not is_not_modified(error):
                log.info("buttons of message %s not changed: %s", message.message_id, error)


async def answer(query: CallbackQuery, text: str | None = None, *, alert: bool = False) -> None:
    """Answer a button press (once); a query too old to answer is not worth an error."""
    shown = text[: _POPUP_LIMIT - 1] + "…" if text and len(text) > _POPUP_LIMIT else text
    try:
        await query.answer(shown, show_alert=alert)
    except TelegramError as error:
        log.info("callback query not answered: %s", error)


def _attached(image: bytes, filename: str) -> InputFile:
    """An upload inside InputMedia: referenced as attach://<name>, as the Bot API requires."""
    return InputFile(image, filename=filename, attach=True)


def _holds_single_photo(origin: Origin) -> bool:
    pressed = origin.pressed
    return (
        origin.query is not None
        and pressed is not None
        and bool(pressed.photo)
        and pressed.media_group_id is None
    )


def _reply(origin: Origin) -> dict[str, Any]:
    if not origin.is_group or origin.reply_to is None:
        return {}
    return {"reply_parameters": ReplyParameters(origin.reply_to, allow_sending_without_reply=True)}
