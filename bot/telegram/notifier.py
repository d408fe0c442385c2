"""How the publishing engine tells a Telegram chat what happened to its posts.

Notices go out exactly like answers (same keyboards, same limits). Failures are raised,
not swallowed: the engine keeps an unsent notice and tries again on a later sweep.
"""

from __future__ import annotations

from telegram import Bot

from bot.telegram.replies import Origin, Replier
from bot.telegram.sender import PLATFORM
from core.conversation.messages import Output


class TelegramNotifier:
    def __init__(self, bot: Bot) -> None:
        self._replier = Replier(bot)

    async def notify(self, platform: str, chat_id: str, output: Output) -> None:
        if platform != PLATFORM:
            raise ValueError(f"not a Telegram chat: {platform}")
        number = int(chat_id)
        # Group, supergroup and channel ids are negative; private chats are users' ids.
        await self._replier.send(Origin(chat_id=number, is_group=number < 0), [output])
