"""The insight message from stored snapshots: totals, changes, events, next posts, problems."""

from __future__ import annotations

from datetime import timedelta

from core.app import App
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import Command, Notice, Problem, Sender
from core.engagement import rsvp
from storage import insight_snapshots
from storage.models import Delivery, TicketClick
from tests.fakes.graph_api import FakeGraphApi
from tests.insights.helpers import collector, seed_instagram
from tests.publishing.helpers import seed

CHAT = Sender(platform="test", chat_id="chat-1", user_id="author", user_name="Mina")


async def test_insights_on_demand_shows_todays_numbers_with_a_chart(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(hours=2), posts=2)
    await collector(app).run_due()
    (notice,) = await ChatService(app).handle(CHAT, Command("insights"))
    assert isinstance(notice, Notice)
    reach = sum(graph.insight_value(media, "reach") for media in seeded.media)
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


async def test_rsvps_ticket_clicks_and_reactions_show_per_event(
    app: App, clock: ManualClock
) -> None:
    seeded = await seed(app, due_at=clock() - timedelta(hours=3), addresses=("channel",))
    async with app.sessions.begin() as session:
        delivery = await session.get_one(Delivery, seeded.delivery_ids[0])
        delivery.status, delivery.published_at = "published", clock() - timedelta(hours=3)
        for user, answer in (("u1", "going"), ("u2", "going"), ("u3", "interested")):
            await rsvp.toggle(
                session, event_id=seeded.event_id, platform="test", user_id=user,
                answer=answer, now=clock(),
            )  # fmt: skip
        session.add(TicketClick(delivery_id=delivery.id, clicked_at=clock()))
        insight_snapshots.record_snapshot(session, delivery, "reactions", 7, clock())
    (notice,) = await ChatService(app).handle(CHAT, Command("insights"))
    assert isinstance(notice, Notice)
    assert (
        "• Seoul Techno Night: reach no data yet · interactions 7 · 1 posts"
        " · 🙋 going 2 · 🤔 interested 1 · 🎟 ticket clicks 1"
    ) in notice.text


async def test_an_expired_token_is_one_line_with_its_fix_and_the_rest_still_shows(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(hours=2), posts=2)
    reader = collector(app)
    await reader.run_due()
    graph.delete_media(seeded.media[1].id)
    graph.expire_token()
    clock.advance(timedelta(minutes=15))
    await reader.run_due()
    (notice,) = await ChatService(app).handle(CHAT, Command("insights"))
    assert isinstance(notice, Notice)
    assert "the token expired" in notice.text and "/connect instagram" in notice.text
    assert "• Seoul Techno Night: reach" in notice.text  # what was read before still shows
    assert notice.image is not None


async def test_a_deleted_post_is_shown_as_deleted(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    seeded = await seed_instagram(app, graph, published_at=clock() - timedelta(hours=2), posts=2)
    reader = collector(app)
    await reader.run_due()
    graph.delete_media(seeded.media[1].id)
    clock.advance(timedelta(minutes=15))
    await reader.run_due()
    (notice,) = await ChatService(app).handle(CHAT, Command("insights"))
    assert isinstance(notice, Notice)
    assert "1 post(s) were deleted on Instagram" in notice.text
