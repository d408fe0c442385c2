"""Best time to post: the planner proposes each weekday's best-median-reach hour once the
chat has ten published Instagram posts, and says so in the plan (this chat speaks English)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update

from core.app import App
from core.conversation.messages import Notice
from core.insights.best_time import best_times
from storage import insight_snapshots
from storage.models import Delivery, Workspace
from tests.campaigns.helpers import approved_event, press
from tests.conversation.helpers import only
from tests.publishing.helpers import seed

THURSDAY_19 = datetime(2026, 11, 19, 10, 0, tzinfo=UTC)  # 19:00 in Seoul
THURSDAY_21 = datetime(2026, 11, 19, 12, 0, tzinfo=UTC)  # 21:00 in Seoul
MONDAY_NOON = datetime(2026, 11, 16, 3, 0, tzinfo=UTC)
# (published at, reach): Thursdays at 21:00 did about twice as well as at 19:00.
HISTORY = [
    (THURSDAY_19, 100),
    (THURSDAY_19 - timedelta(days=7), 120),
    (THURSDAY_21, 200),
    (THURSDAY_21 - timedelta(days=7), 220),
    *((MONDAY_NOON - timedelta(days=7 * n), 50) for n in range(6)),
]


async def _history(app: App, history: list[tuple[datetime, int]]) -> None:
    """Published Instagram posts of the test chat, each with its reach read."""
    seeded = await seed(
        app, due_at=MONDAY_NOON, posts=len(history), addresses=("ig",), kind="instagram"
    )
    async with app.sessions.begin() as session:
        for delivery_id, (published_at, reach) in zip(seeded.delivery_ids, history, strict=True):
            await session.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id)
                .values(status="published", published_at=published_at, external_id="x")
            )
            delivery = await session.get_one(Delivery, delivery_id)
            insight_snapshots.record_snapshot(
                session, delivery, "reach", reach, published_at + timedelta(days=1)
            )


async def test_the_plan_moves_a_post_to_its_weekdays_best_hour_and_says_why(app: App) -> None:
    await _history(app, HISTORY)
    event_id, _ = await approved_event(app)
    plan = only(await press(app, f"cp:{event_id}:plan"), Notice)
    lines = plan.text.splitlines()
    assert "3. Thu Dec 17, 21:00 · Countdown D-3" in lines  # planned for 19:00
    assert "4. Sat Dec 19, 19:00 · Countdown D-1" in lines  # no Saturday history
    assert "💡 Thursday 19:00 → 21:00: your Thursday posts at 21:00 reach 1.9× more" in lines


async def test_below_ten_posts_the_plan_stays_as_it_was(app: App) -> None:
    await _history(app, HISTORY[:9])
    event_id, _ = await approved_event(app)
    plan = only(await press(app, f"cp:{event_id}:plan"), Notice)
    assert "3. Thu Dec 17, 19:00 · Countdown D-3" in plan.text.splitlines()
    assert "💡" not in plan.text


async def test_one_lucky_post_is_not_a_pattern(app: App) -> None:
    history = [*HISTORY[:2], (THURSDAY_21, 900), *HISTORY[4:], (MONDAY_NOON, 50)]
    await _history(app, history)
    async with app.sessions() as session:
        workspace = (await session.execute(select(Workspace))).scalar_one()
        best = await best_times(session, workspace.id, "Asia/Seoul")
    assert best is not None
    thursday_evening = datetime(2026, 12, 17, 19, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    assert best.proposal(thursday_evening) is None  # 21:00 has a single post
