"""/settings insights: the daily message's local hour, or off; bad input kept polite."""

from __future__ import annotations

from sqlalchemy import select

from core.app import App
from core.chat_service import ChatService
from core.conversation.messages import Action, Ask, Command, Notice, Problem, Sender, Text
from storage.models import Workspace

DM = Sender(platform="test", chat_id="dm-1", user_id="u1", user_name="Mina")


async def _time(app: App) -> str | None:
    async with app.sessions() as session:
        return await session.scalar(
            select(Workspace.insights_time).where(Workspace.chat_id == "dm-1")
        )


async def test_the_hour_is_set_typed_or_pressed_and_turned_off(app: App) -> None:
    chat = ChatService(app)
    (shown,) = await chat.handle(DM, Command("settings"))
    assert isinstance(shown, Notice) and "매일 인사이트: 10:00" in shown.text
    assert "st:insights" in [choice.id for choice in shown.choices]
    (saved,) = await chat.handle(DM, Command("settings", "insights 21:30"))
    assert isinstance(saved, Notice) and "21:30" in saved.text
    assert await _time(app) == "21:30"
    (asked,) = await chat.handle(DM, Action("st:insights"))
    assert isinstance(asked, Ask) and "st:insights:off" in [c.id for c in asked.choices]
    await chat.handle(DM, Text("9시 30분"))
    assert await _time(app) == "09:30"
    await chat.handle(DM, Action("st:insights:off"))
    assert await _time(app) is None


async def test_a_time_that_is_not_a_time_is_explained_and_nothing_changes(app: App) -> None:
    chat = ChatService(app)
    (problem,) = await chat.handle(DM, Command("settings", "insights 25:00"))
    assert isinstance(problem, Problem) and "25:00" in problem.message
    assert "10:00" in problem.message  # an example of what works
    assert await _time(app) == "10:00"
