"""/start and /help: what the bot does, with a button that starts a new event.

Such buttons run a command (`go:<command>`), so a frontend shows them like any other.
"""

from __future__ import annotations

from core import buttons
from core.conversation.messages import Choice, Input, Notice
from core.conversation.reply import Reply
from core.conversation.turn import Turn


def go(command: str) -> str:
    return buttons.GO.id(command)


def go_command(action_id: str) -> str:
    """The command a `go:` button runs."""
    return buttons.rest(action_id, buttons.GO) or ""


async def handle(turn: Turn, message: Input) -> Reply:
    new_event = Choice(go("newevent"), turn.t("button.new_event"))
    return Reply([Notice(turn.t("help.text"), (new_event,))])
