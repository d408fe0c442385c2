"""The command menu, in Korean and English, as Telegram shows it when a user types "/".

Descriptions come from core's catalogue; users whose Telegram speaks neither language
see the chat's default one.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from core import i18n

log = logging.getLogger(__name__)

COMMANDS = (
    "newevent",
    "events",
    "schedule",
    "connect",
    "settings",
    "cancel",
    "help",
    "start",
    "deletemydata",
)
# Typed conversation controls that Telegram marks up as commands; not in the menu.
TYPED_CONTROLS = ("skip", "back")


def menu(locale: str) -> list[BotCommand]:
    return [BotCommand(name, i18n.text(f"command.{name}", locale)) for name in COMMANDS]


async def register_commands(bot: Bot, default_locale: str) -> None:
    """setMyCommands per language; a failure only costs the menu, so it is logged."""
    try:
        for locale in i18n.LOCALES:
            await bot.set_my_commands(menu(locale), language_code=locale)
        await bot.set_my_commands(menu(default_locale))
    except TelegramError as error:
        log.warning("could not register the command menu: %s", error)
