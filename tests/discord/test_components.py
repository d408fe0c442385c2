"""Buttons are laid out from their roles, never from their ids."""

from __future__ import annotations

from bot.discord import components
from core.conversation.messages import Choice, navigation


async def test_steering_buttons_go_last_whatever_their_ids_say() -> None:
    cancel = navigation("zz:1", "Cancel")
    picks = [Choice(f"zz:{n}", f"Pick {n}") for n in range(2, 8)]
    view = components.buttons([cancel, *picks])
    assert view is not None
    rows = [[button["label"] for button in row["components"]] for row in view.to_components()]
    assert rows == [[f"Pick {n}" for n in range(2, 7)], ["Pick 7", "Cancel"]]
