"""The router's order: commands, then buttons, then the pending question, then the wizard."""

from __future__ import annotations

from core.app import App
from core.chat_service import ChatService
from core.conversation.messages import Action, Ask, Command, Notice, Output, Sender, Text
from tests.conversation.helpers import only


async def _admin() -> bool:
    return True


ADMIN = Sender("test", "chat-1", "admin", user_name="Admin", is_group=True, is_chat_admin=_admin)


async def say(app: App, *messages: Text | Command | Action | str) -> list[Output]:
    outputs: list[Output] = []
    for message in messages:
        as_input = Text(message) if isinstance(message, str) else message
        outputs = await ChatService(app).handle(ADMIN, as_input)
    return outputs


async def test_help_answers_beside_a_pending_question(app: App) -> None:
    await say(app, Action("st:timezone"))
    only(await say(app, Command("help")), Notice)
    saved = only(await say(app, "europe/berlin"), Notice)  # still the timezone's answer
    assert "Europe/Berlin" in saved.text


async def test_another_command_ends_the_pending_question(app: App) -> None:
    await say(app, Action("st:timezone"))
    first = only(await say(app, Command("newevent")), Ask)
    assert first.field == "title"
    second = only(await say(app, "europe/berlin"), Ask)  # the draft's title, not a timezone
    assert second.field == "starts_at"


async def test_a_go_button_runs_its_command_through_the_same_table(app: App) -> None:
    [help_notice] = await say(app, Command("start"))  # /start shows help, for every frontend
    assert isinstance(help_notice, Notice)
    [new_event] = help_notice.choices
    ask = only(await say(app, Action(new_event.id)), Ask)
    assert ask.field == "title"


async def test_an_unknown_button_prefix_reaches_the_wizard_which_repeats_itself(app: App) -> None:
    await say(app, Command("newevent"))
    ask = only(await say(app, Action("zz:1:nothing")), Ask)
    assert ask.field == "title"
