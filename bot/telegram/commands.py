"""The command menu, in Korean and English, as Telegram shows it when a user types "/".

The list itself is core's (core.commands), shared with Discord.

Descriptions come from core's catalogue; users whose Telegram speaks neither language
see the chat's default one.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from core import i18n
from core.commands import COMMANDS

log = logging.getLogger(__name__)


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
