"""Inline keyboards are laid out from the choices' roles, never from their ids."""

from __future__ import annotations

from bot.telegram.keyboards import keyboard
from core.conversation.messages import Choice, navigation


def test_steering_buttons_get_the_last_row_whatever_their_ids_say() -> None:
    markup = keyboard([navigation("zz:back", "Back"), Choice("zz:a", "A"), Choice("zz:b", "B")])
    assert markup is not None
    rows = [[button.callback_data for button in row] for row in markup.inline_keyboard]
    assert rows == [["zz:a", "zz:b"], ["zz:back"]]
