"""Insight snapshots: appended readings of a metric, and the questions the reports ask.

A reading is cumulative as the platform gives it (lifetime reach, current reaction
count). "How much did it grow on day D" is therefore the reading at the end of D minus
the reading at the end of the day before, per delivery; `values_at` answers the first
half for any set of moments and callers subtract.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delivery, InsightSnapshot


@dataclass(frozen=True)
class Reading:
    """One snapshot as the reports see it; `value` None is "the platform had no data"."""

    delivery_id: int
    post_id: int | None
    target_id: int
    metric: str
    value: int | None
    taken_at: datetime


def record_snapshot(
    session: AsyncSession,
    delivery: Delivery,
    metric: str,
    value: int | None,
    taken_at: datetime,
) -> InsightSnapshot:
    """Append one reading of a published delivery's metric (None: no data, not zero)."""
    snapshot = InsightSnapshot(
        workspace_id=delivery.workspace_id,
        target_id=delivery.target_id,
        post_id=delivery.post_id,
        delivery_id=delivery.id,
        metric=metric,
        value=value,
        taken_at=taken_at,
    )
    session.add(snapshot)
    return snapshot


def record_account_snapshot(
    session: AsyncSession,
    *,
    workspace_id: int,
    target_id: int,
    metric: str,
    value: int | None,
    taken_at: datetime,
) -> InsightSnapshot:
    """Append one reading about the account behind a target (followers, daily reach)."""
    snapshot = InsightSnapshot(
        workspace_id=workspace_id,
        target_id=target_id,
        metric=metric,
        value=value,
        taken_at=taken_at,
    )
    session.add(snapshot)
    return snapshot


async def latest_values(
    session: AsyncSession, delivery_ids: Iterable[int], metrics: Sequence[str] | None = None
) -> dict[tuple[int, str], Reading]:
    """The newest reading of each (delivery, metric) among the given deliveries."""
    ids = list(delivery_ids)
    if not ids:
        return {}
    newest = (
        select(
            InsightSnapshot.delivery_id,
            InsightSnapshot.metric,
            func.max(InsightSnapshot.id).label("id"),
        )
        .where(InsightSnapshot.delivery_id.in_(ids))
        .group_by(InsightSnapshot.delivery_id, InsightSnapshot.metric)
    )
    if metrics is not None:
        newest = newest.where(InsightSnapshot.metric.in_(metrics))
    picked = newest.subquery()
    query = select(InsightSnapshot).join(picked, InsightSnapshot.id == picked.c.id)
    rows = (await session.execute(query)).scalars()
    return {_key(row): _reading(row) for row in rows}


async def values_at(
    session: AsyncSession,
    *,
    workspace_id: int,
    metrics: Sequence[str],
    moments: Sequence[datetime],
) -> dict[tuple[int, str], list[int | None]]:
    """Per (delivery, metric), the last reading at or before each moment (None: none yet)."""
    if not moments or not metrics:
        return {}
    series = await readings_between(
        session, [workspace_id], metrics, since=min(moments), until=max(moments)
    )
    return {key: value_at_moments(rows, moments) for key, rows in series.items()}


async def readings_between(
    session: AsyncSession,
    workspace_ids: Sequence[int],
    metrics: Sequence[str],
    *,
    since: datetime,
    until: datetime,
) -> dict[tuple[int, str], list[Reading]]:
    """Post readings of these workspaces up to `until`, oldest first, per (delivery, metric):
    the last one at or before `since` and every one after it.

    Two queries for any number of workspaces, so a month of 15-minute snapshots is not
    loaded to draw a week, and a batch of chats costs what one chat does.
    """
    columns = (
        InsightSnapshot.delivery_id,
        InsightSnapshot.post_id,
        InsightSnapshot.target_id,
        InsightSnapshot.metric,
        InsightSnapshot.value,
        InsightSnapshot.taken_at,
        InsightSnapshot.id,
    )
    mine = (
        InsightSnapshot.workspace_id.in_(workspace_ids),
        InsightSnapshot.delivery_id.is_not(None),
        InsightSnapshot.metric.in_(metrics),
    )
    in_window = select(*columns).where(
        *mine, InsightSnapshot.taken_at > since, InsightSnapshot.taken_at <= until
    )
    before = (
        select(func.max(InsightSnapshot.id).label("id"))
        .where(*mine, InsightSnapshot.taken_at <= since)
        .group_by(InsightSnapshot.delivery_id, InsightSnapshot.metric)
        .subquery()
    )
    baseline = select(*columns).join(before, InsightSnapshot.id == before.c.id)
    rows = [*(await session.execute(baseline)).all(), *(await session.execute(in_window)).all()]
    rows.sort(key=lambda row: (row[5], row[6]))
    series: dict[tuple[int, str], list[Reading]] = defaultdict(list)
    for delivery_id, post_id, target_id, metric, value, taken_at, _ in rows:
        assert delivery_id is not None  # selected by the query
        series[(delivery_id, metric)].append(
            Reading(delivery_id, post_id, target_id, metric, value, taken_at)
        )
    return series


def value_at_moments(readings: Sequence[Reading], moments: Sequence[datetime]) -> list[int | None]:
    """The last known value at or before each moment; "no data" readings do not erase it."""
    result: dict[datetime, int | None] = {}
    index, current = 0, None
    for moment in sorted(moments):
        while index < len(readings) and readings[index].taken_at <= moment:
            if readings[index].value is not None:
                current = readings[index].value
            index += 1
        result[moment] = current
    return [result[moment] for moment in moments]


def day_ends(days: Sequence[date], timezone: str) -> list[datetime]:
    """The instant (in UTC) each local day ends: the next local midnight, DST included."""
    zone = ZoneInfo(timezone)
    return [
        datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC) for day in days
    ]


async def daily_totals(
    session: AsyncSession,
    *,
    workspace_id: int,
    metric: str,
    days: Sequence[date],
    timezone: str,
) -> dict[date, int]:
    """The metric summed over the workspace's deliveries as it stood at each day's end."""
    ends = day_ends(days, timezone)
    values = await values_at(session, workspace_id=workspace_id, metrics=[metric], moments=ends)
    totals = dict.fromkeys(days, 0)
    for series in values.values():
        for day, value in zip(days, series, strict=True):
            totals[day] += value or 0
    return totals


def _key(row: InsightSnapshot) -> tuple[int, str]:
    assert row.delivery_id is not None
    return row.delivery_id, row.metric


def _reading(row: InsightSnapshot) -> Reading:
    assert row.delivery_id is not None
    return Reading(row.delivery_id, row.post_id, row.target_id, row.metric, row.value, row.taken_at)


async def add_many(session: AsyncSession, rows: Sequence[dict[str, object]]) -> None:
    """Append many readings in one INSERT."""
    await session.execute(insert(InsightSnapshot), rows)


async def account_readings(
    session: AsyncSession,
    workspace_ids: Sequence[int],
    metric: str,
    *,
    since: datetime,
    until: datetime,
) -> list[tuple[int, int, datetime]]:
    """(target, value, taken at) of the accounts' readings of `metric` in (since, until]."""
    query = (
        select(InsightSnapshot.target_id, InsightSnapshot.value, InsightSnapshot.taken_at)
        .where(
            InsightSnapshot.workspace_id.in_(workspace_ids),
            InsightSnapshot.delivery_id.is_(None),
            InsightSnapshot.metric == metric,
            InsightSnapshot.value.is_not(None),
            InsightSnapshot.taken_at > since,
            InsightSnapshot.taken_at <= until,
        )
        .order_by(InsightSnapshot.taken_at, InsightSnapshot.id)
    )
    return [
        (target_id, value, taken_at)
        for target_id, value, taken_at in (await session.execute(query)).all()
        if value is not None
    ]
