"""Changing the RSVP buttons under a published Telegram channel post (editMessageReplyMarkup)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.telegram.keyboards import keyboard
from bot.telegram.replies import is_not_modified
from core.conversation.messages import Choice
from core.engagement.boards import BoardMessage, EditLater


class TelegramButtonEditor:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def set_buttons(self, message: BoardMessage, choices: Sequence[Choice]) -> None:
        try:
            await self._bot.edit_message_reply_markup(
                chat_id=int(message.target.address),
                message_id=int(message.message_id),
                reply_markup=keyboard(choices),
            )
        except BadRequest as error:
            if not is_not_modified(error):  # the same counts already shown: nothing to do
                raise
        except (RetryAfter, TimedOut, NetworkError) as error:
            raise EditLater(str(error)) from error
