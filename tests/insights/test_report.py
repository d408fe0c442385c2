"""The insight message from stored snapshots: totals, changes, events, next posts, problems."""

from __future__ import annotations

from datetime import timedelta

from core.app import App
from core.clock import ManualClock
from core.conversation.io import Command, Notice, Problem, Sender
from core.service import ChatService
from tests.fakes.graph_api import FakeGraphApi
from tests.insights.helpers import collector, seed_instagram

CHAT = Sender(platform="test", chat_id="chat-1", user_id="author", user_name="Mina")


async def test_insights_on_demand_shows_todays_numbers_with_a_chart(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(hours=2), posts=2)
    await collector(app).run_due()
    (notice,) = await ChatService(app).handle(CHAT, Command("insights"))
    assert isinstance(notice, Notice)
    reach = sum(graph.insight_value(media, "reach") for media in seeded.media)
    print(notice.text)
    assert f"reach {reach:,}" in notice.text
    assert notice.image is not None and notice.image.startswith(b"\xff\xd8\xff")


async def test_an_unknown_event_is_answered_with_the_chats_events(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    await seed_instagram(app, graph, published_at=clock() - timedelta(hours=2))
    (answer,) = await ChatService(app).handle(CHAT, Command("insights", "berlin"))
    assert isinstance(answer, Problem)
    assert "Seoul Techno Night" in answer.message
    (notice,) = await ChatService(app).handle(CHAT, Command("insights", "techno"))
    assert isinstance(notice, Notice) and "Seoul Techno Night" in notice.text
