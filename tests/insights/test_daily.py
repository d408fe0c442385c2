"""The daily message through the chat outbox: at each chat's local hour, once, in its
language, only with something to say, and still sent after a failed attempt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from core.app import App
from core.clock import ManualClock
from core.conversation.messages import Notice
from core.insights.metrics import FEED_METRICS
from storage.models import ChatReport, Workspace
from tests.fakes.graph_api import FakeGraphApi
from tests.insights.helpers import seed_instagram
from tests.publishing.helpers import RecordingNotifier

# Friday 2026-11-20 09:00 in Seoul, 19:00 Thursday in New York.
FRIDAY = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
SEOUL_NUMBERS = {metric: 10 for metric in FEED_METRICS} | {"reach": 300, "total_interactions": 25}


async def _chats(app: App, graph: FakeGraphApi, clock: ManualClock) -> RecordingNotifier:
    clock.now = FRIDAY
    seoul = await seed_instagram(
        app, graph, published_at=FRIDAY - timedelta(hours=1), chat_id="seoul"
    )
    graph.media[seoul.media[0].id].insights = SEOUL_NUMBERS
    await seed_instagram(app, graph, published_at=FRIDAY - timedelta(hours=1), chat_id="ny")
    async with app.sessions.begin() as session:
        await session.execute(
            update(Workspace)
            .where(Workspace.chat_id == "ny")
            .values(timezone="America/New_York", locale="en")
        )
        await session.execute(
            update(Workspace).where(Workspace.chat_id == "seoul").values(locale="ko")
        )
    notifier = RecordingNotifier()
    app.publishing.notifiers.register("test", notifier)
    return notifier


async def _at(app: App, clock: ManualClock, moment: datetime) -> None:
    """Move the clock in 15-minute steps, as the running job would see it."""
    while clock() < moment:
        clock.advance(min(timedelta(minutes=15), moment - clock()))
        await app.insights.run_now()


def _daily(notifier: RecordingNotifier) -> list[tuple[str, Notice]]:
    return [
        (chat, output)
        for _, chat, output in notifier.sent
        if isinstance(output, Notice) and output.image is not None
    ]


async def test_each_chat_gets_its_message_at_its_own_local_hour_once(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    notifier = await _chats(app, graph, clock)
    friday_seoul = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # 10:00 KST
    friday_new_york = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # 10:00 EST
    saturday_seoul = datetime(2026, 11, 21, 1, 0, tzinfo=UTC)
    await _at(app, clock, friday_seoul - timedelta(minutes=15))
    assert _daily(notifier) == []  # Thursday 19:00 in New York: its hour is long past
    await _at(app, clock, friday_seoul)
    assert [chat for chat, _ in _daily(notifier)] == ["seoul"]
    await _at(app, clock, friday_new_york - timedelta(minutes=15))
    assert [chat for chat, _ in _daily(notifier)] == ["seoul"]
    await _at(app, clock, friday_new_york)
    assert [chat for chat, _ in _daily(notifier)] == ["seoul", "ny"]
    english = _daily(notifier)[1][1].text
    assert english.startswith("📊 Yesterday's insights · Nov 19")
    await _at(app, clock, saturday_seoul)
    [*_, (chat, notice)] = _daily(notifier)
    assert chat == "seoul" and notice.text.startswith("📊 어제의 인사이트 · 11월 20일")
    assert "어제 도달 300 · 반응 25" in notice.text  # Friday's growth: the fake's numbers
    async with app.sessions() as session:
        owed = await session.scalar(select(func.count(ChatReport.id)).where(
            ChatReport.kind == "daily_insights"))  # fmt: skip
    assert owed == 3  # one per chat and day, however often the job ran


async def test_a_changed_hour_and_off(app: App, graph: FakeGraphApi, clock: ManualClock) -> None:
    notifier = await _chats(app, graph, clock)
    async with app.sessions.begin() as session:
        await session.execute(
            update(Workspace).where(Workspace.chat_id == "seoul").values(insights_time="21:30")
        )
        await session.execute(
            update(Workspace).where(Workspace.chat_id == "ny").values(insights_time=None)
        )
    await _at(app, clock, datetime(2026, 11, 20, 12, 15, tzinfo=UTC))  # 21:15 KST
    assert _daily(notifier) == []
    await _at(app, clock, datetime(2026, 11, 20, 12, 30, tzinfo=UTC))  # 21:30 KST
    assert [chat for chat, _ in _daily(notifier)] == ["seoul"]
    await _at(app, clock, datetime(2026, 11, 21, 3, 0, tzinfo=UTC))
    assert [chat for chat, _ in _daily(notifier)] == ["seoul"]  # New York: off


async def test_nothing_to_say_sends_nothing(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    notifier = await _chats(app, graph, clock)
    # Forty days later, nothing was published recently and nothing is coming.
    clock.now = FRIDAY + timedelta(days=40)
    await app.insights.run_now()
    await _at(app, clock, FRIDAY + timedelta(days=41))
    assert _daily(notifier) == []


async def test_a_failed_send_is_sent_again_later_and_only_once(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    await _chats(app, graph, clock)
    failing = RecordingNotifier(failures=1)
    app.publishing.notifiers.register("test", failing)
    seoul_ten = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    await _at(app, clock, seoul_ten)
    assert _daily(failing) == []  # the first attempt failed; the report stays owed
    await _at(app, clock, seoul_ten + timedelta(minutes=30))
    await app.publishing.outbox.deliver_due()
    assert [chat for chat, _ in _daily(failing)] == ["seoul"]
    await _at(app, clock, seoul_ten + timedelta(hours=2))
    assert [chat for chat, _ in _daily(failing)] == ["seoul"]
