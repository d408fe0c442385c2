"""Core choices as inline keyboards, and whose question a keyboard belongs to.

Buttons are packed a few to a row so Korean labels stay readable on a phone; choices
that steer the conversation (back, skip, cancel, back to the preview) get the last row.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity

from core.chat_settings import action as settings_action
from core.conversation import actions
from core.conversation.messages import Choice

log = logging.getLogger(__name__)

MAX_CALLBACK_BYTES = 64  # Telegram's limit on callback_data
_PER_ROW = 3
_ROW_CHARS = 30
CONTROL_IDS = frozenset(
    {
        actions.wizard("back"),
        actions.wizard("skip"),
        actions.wizard("cancel"),
        settings_action("stop"),
    }
)


def is_control(choice: Choice) -> bool:
    return choice.id in CONTROL_IDS or choice.id.endswith(":show")


def keyboard(choices: Sequence[Choice]) -> InlineKeyboardMarkup | None:
    usable = [choice for choice in choices if _fits(choice)]
    if not usable:
        return None
    options = [choice for choice in usable if not is_control(choice)]
    controls = [choice for choice in usable if is_control(choice)]
    rows = _pack(options) + _pack(controls)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, callback_data=c.id) for c in row] for row in rows]
    )


def is_review_menu(choices: Sequence[Choice]) -> bool:
    """A picker that belongs on the preview itself (theme, template, layout, field)."""
    prefix = actions.REVIEW_PREFIX + ":"
    return bool(choices) and all(choice.id.startswith(prefix) for choice in choices)


def question_owner(message: Message) -> int | None:
    """Who a question was asked to: the user it replies to, or the user it mentions."""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and not replied.from_user.is_bot:
        return replied.from_user.id
    for entity in message.entities:
        if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None:
            return entity.user.id
    return None


def _fits(choice: Choice) -> bool:
    if len(choice.id.encode()) <= MAX_CALLBACK_BYTES:
        return True
    log.warning("button id longer than Telegram allows, left out: %s", choice.id[:80])
    return False


def _pack(choices: Sequence[Choice]) -> list[list[Choice]]:
    rows: list[list[Choice]] = []
    for choice in choices:
        row = rows[-1] if rows else None
        width = sum(len(c.label) for c in row) + len(choice.label) if row else 0
        if row is None or len(row) >= _PER_ROW or width > _ROW_CHARS:
            rows.append([choice])
        else:
            row.append(choice)
    return rows
