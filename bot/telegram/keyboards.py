"""Core choices as inline keyboards.

Buttons are packed a few to a row so Korean labels stay readable on a phone; choices
that steer the conversation (role NAVIGATE: back, skip, cancel, back to the preview) get
the last row. A button's callback_data is core's id, untouched.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from core.conversation.messages import Choice, ChoiceRole

log = logging.getLogger(__name__)

MAX_CALLBACK_BYTES = 64  # Telegram's limit on callback_data
_PER_ROW = 3
_ROW_CHARS = 30


def keyboard(choices: Sequence[Choice]) -> InlineKeyboardMarkup | None:
    usable = [choice for choice in choices if _fits(choice)]
    if not usable:
        return None
    options = [choice for choice in usable if not choice.has(ChoiceRole.NAVIGATE)]
    controls = [choice for choice in usable if choice.has(ChoiceRole.NAVIGATE)]
    rows = _pack(options) + _pack(controls)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, callback_data=c.id) for c in row] for row in rows]
    )


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
