"""The claim: due deliveries in due order, read off the (status, due_at, id) index.

Expired leases and pending rows are claimed together, earliest due first; on PostgreSQL
a row another transaction holds is skipped, not waited for.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import inspect, select, text, update

from core.app import App
from core.clock import ManualClock
from storage import deliveries as rows
from storage.models import Delivery
from tests.publishing.helpers import expire_leases, seed


async def _due_at(app: App, moments: dict[int, timedelta], clock: ManualClock) -> None:
    async with app.sessions.begin() as session:
        for delivery_id, offset in moments.items():
            await session.execute(
                update(Delivery).where(Delivery.id == delivery_id).values(due_at=clock.now + offset)
            )


async def _claim(app: App, clock: ManualClock, limit: int, owner: str = "w") -> list[int]:
    async with app.sessions.begin() as session:
        leases = await rows.claim_due(
            session, owner=owner, now=clock.now, lease_seconds=300, limit=limit
        )
    return [lease.delivery_id for lease in leases]


async def test_the_earliest_due_are_claimed_first_and_the_not_yet_due_never(
    app: App, clock: ManualClock
) -> None:
    ids = (await seed(app, due_at=clock.now, posts=6)).delivery_ids
    offsets = [-1, -5, -3, 0, 5, -5]  # minutes from now; two share the earliest moment
    await _due_at(app, {i: timedelta(minutes=m) for i, m in zip(ids, offsets, strict=True)}, clock)

    first = await _claim(app, clock, limit=2)
    second = await _claim(app, clock, limit=2)
    rest = await _claim(app, clock, limit=10)

    assert first == sorted([ids[1], ids[5]])  # due 5 minutes ago; the id breaks the tie
    assert second == sorted([ids[2], ids[0]])
    assert rest == [ids[3]]  # due this instant; the one due in 5 minutes waits


async def test_an_expired_lease_takes_its_turn_by_due_time_among_pending_rows(
    app: App, clock: ManualClock
) -> None:
    ids = (await seed(app, due_at=clock.now, posts=3)).delivery_ids
    await _due_at(app, {ids[0]: timedelta(minutes=-10)}, clock)
    assert await _claim(app, clock, limit=1, owner="dead") == [ids[0]]
    await expire_leases(app)
    await _due_at(app, {ids[1]: timedelta(minutes=-20), ids[2]: timedelta(minutes=-1)}, clock)

    assert await _claim(app, clock, limit=2) == sorted([ids[1], ids[0]])
    async with app.sessions() as session:
        taken_over = await session.get_one(Delivery, ids[0])
    assert (taken_over.lease_owner, taken_over.attempts, taken_over.verify_first) == ("w", 2, True)


async def test_the_claim_index_is_there_after_the_migrations(app: App) -> None:
    def indexes(connection: object) -> dict[str, list[str]]:
        found = inspect(connection).get_indexes("deliveries")  # type: ignore[arg-type]
        return {index["name"]: list(index["column_names"]) for index in found}

    async with app.engine.connect() as connection:
        found = await connection.run_sync(indexes)
    assert found["ix_deliveries_status_due_id"] == ["status", "due_at", "id"]


async def test_sqlite_reads_the_claim_off_the_index_without_sorting(
    app: App, clock: ManualClock
) -> None:
    if app.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's query plan")
    query = rows.claimable_in_due_order(clock.now, limit=64, in_flight=[7])
    compiled = query.compile(app.engine, compile_kwargs={"literal_binds": True})
    async with app.engine.connect() as connection:
        plan = [row[-1] for row in await connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
    reads = [step for step in plan if "deliveries" in step]
    sorts = [step for step in plan if "TEMP B-TREE" in step]
    # One index range per branch, in index order; the only sort merges the two short lists.
    assert len(reads) == 2 and all("INDEX ix_deliveries_status_due_id" in r for r in reads), plan
    assert sorts == ["USE TEMP B-TREE FOR ORDER BY"] and plan[-1] == sorts[0], plan


async def test_postgresql_skips_rows_another_transaction_holds(
    app: App, clock: ManualClock
) -> None:
    if app.engine.dialect.name != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    ids = (await seed(app, due_at=clock.now, posts=3)).delivery_ids
    await _due_at(app, {i: timedelta(minutes=-3 + n) for n, i in enumerate(ids)}, clock)

    async with app.sessions.begin() as holder:
        held = select(Delivery.id).where(Delivery.id == ids[0]).with_for_update()
        await holder.execute(held)
        assert await _claim(app, clock, limit=1) == [ids[1]]
    assert await _claim(app, clock, limit=5) == sorted([ids[0], ids[2]])
