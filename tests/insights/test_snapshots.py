"""Snapshots on a real database: append-only readings, latest values, per-day totals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from core.app import App
from storage import insight_snapshots
from storage.models import Delivery, InsightSnapshot
from tests.publishing.helpers import seed

T0 = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # 12:00 in Seoul


async def _deliveries(app: App, posts: int = 2) -> list[Delivery]:
    seeded = await seed(app, due_at=T0, posts=posts)
    async with app.sessions() as session:
        rows = await session.execute(
            select(Delivery).where(Delivery.id.in_(seeded.delivery_ids)).order_by(Delivery.id)
        )
        return list(rows.scalars())


async def test_readings_are_appended_and_the_latest_wins(app: App) -> None:
    first, second = await _deliveries(app)
    async with app.sessions.begin() as session:
        insight_snapshots.record_snapshot(session, first, "reach", 10, T0)
        insight_snapshots.record_snapshot(session, first, "reach", 25, T0 + timedelta(hours=1))
        insight_snapshots.record_snapshot(session, first, "saved", None, T0)
        insight_snapshots.record_snapshot(session, second, "reactions", 3, T0)
    async with app.sessions() as session:
        latest = await insight_snapshots.latest_values(session, [first.id, second.id])
        count = (await session.execute(select(func.count(InsightSnapshot.id)))).scalar_one()
    assert count == 4
    assert latest[(first.id, "reach")].value == 25
    assert latest[(first.id, "saved")].value is None
    assert latest[(second.id, "reactions")].post_id == second.post_id
    assert latest[(second.id, "reactions")].target_id == second.target_id


async def test_latest_values_can_be_limited_to_some_metrics(app: App) -> None:
    (delivery,) = await _deliveries(app, posts=1)
    async with app.sessions.begin() as session:
        insight_snapshots.record_snapshot(session, delivery, "reach", 10, T0)
        insight_snapshots.record_snapshot(session, delivery, "likes", 2, T0)
    async with app.sessions() as session:
        latest = await insight_snapshots.latest_values(session, [delivery.id], ["likes"])
    assert list(latest) == [(delivery.id, "likes")]


async def test_daily_totals_take_each_deliverys_value_at_the_local_day_end(app: App) -> None:
    first, second = await _deliveries(app)
    seoul_nov_20_end = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # midnight in Seoul
    async with app.sessions.begin() as session:
        # Day 1: first grows to 40 (the 40 is taken a minute before Seoul's midnight).
        insight_snapshots.record_snapshot(session, first, "reach", 10, T0)
        insight_snapshots.record_snapshot(
            session, first, "reach", 40, seoul_nov_20_end - timedelta(minutes=1)
        )
        # Just after midnight: belongs to day 2.
        insight_snapshots.record_snapshot(
            session, first, "reach", 55, seoul_nov_20_end + timedelta(minutes=1)
        )
        insight_snapshots.record_snapshot(
            session, second, "reach", 7, seoul_nov_20_end + timedelta(hours=2)
        )
        # "No data" on day 3 does not erase what was known.
        insight_snapshots.record_snapshot(
            session, second, "reach", None, seoul_nov_20_end + timedelta(days=1, hours=2)
        )
    days = [date(2026, 11, 19), date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)]
    async with app.sessions() as session:
        totals = await insight_snapshots.daily_totals(
            session, workspace_id=first.workspace_id, metric="reach", days=days,
            timezone="Asia/Seoul",
        )  # fmt: skip
        per_delivery = await insight_snapshots.values_at(
            session,
            workspace_id=first.workspace_id,
            metrics=["reach"],
            moments=insight_snapshots.day_ends(days, "Asia/Seoul"),
        )
    assert totals == {days[0]: 0, days[1]: 40, days[2]: 62, days[3]: 62}
    assert per_delivery[(first.id, "reach")] == [None, 40, 55, 55]
    assert per_delivery[(second.id, "reach")] == [None, None, 7, 7]


async def test_account_readings_stay_out_of_post_totals(app: App) -> None:
    (delivery,) = await _deliveries(app, posts=1)
    async with app.sessions.begin() as session:
        insight_snapshots.record_account_snapshot(
            session,
            workspace_id=delivery.workspace_id,
            target_id=delivery.target_id,
            metric="reach",
            value=900,
            taken_at=T0,
        )
        insight_snapshots.record_snapshot(session, delivery, "reach", 5, T0)
    async with app.sessions() as session:
        totals = await insight_snapshots.daily_totals(
            session, workspace_id=delivery.workspace_id, metric="reach",
            days=[date(2026, 11, 20)], timezone="Asia/Seoul",
        )  # fmt: skip
    assert totals == {date(2026, 11, 20): 5}


def test_day_ends_follow_daylight_saving_time() -> None:
    # Berlin leaves summer time on 2026-10-25: that day is 25 hours long.
    ends = insight_snapshots.day_ends([date(2026, 10, 24), date(2026, 10, 25)], "Europe/Berlin")
    assert ends[1] - ends[0] == timedelta(hours=25)
    assert ends[0].astimezone(UTC) == datetime(2026, 10, 24, 22, 0, tzinfo=UTC)
