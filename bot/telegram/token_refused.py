"""Starting with a token Telegram refuses: say which setting is wrong, never its value.

python-telegram-bot words the refusal with the token in it, so the refusal is replaced
(not chained: a chained exception would print the original with its traceback).
"""

from __future__ import annotations

from collections.abc import Awaitable

from telegram.error import InvalidToken

TOKEN_REFUSED = "Telegram refused FLYERBOT_TELEGRAM_TOKEN; get a new one from @BotFather"


class TelegramTokenRefused(RuntimeError):
    def __init__(self) -> None:
        super().__init__(TOKEN_REFUSED)


async def first_call(initialize: Awaitable[None]) -> None:
    """Run a bot's or application's `initialize()` (its getMe), keeping the token out of errors."""
    try:
        await initialize
    except InvalidToken:
        raise TelegramTokenRefused() from None
