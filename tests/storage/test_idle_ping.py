"""A pooled PostgreSQL connection that died while idle is replaced before anyone uses it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import exc, text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import db
from storage.idle_ping import IDLE_SECONDS, ping_when_idle


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def postgres_url(database_url: str) -> str:
    if not database_url.startswith("postgresql"):
        pytest.skip("a SQLite file does not go away under a pooled connection")
    return database_url


@pytest.fixture
async def engine_and_ticks(postgres_url: str) -> AsyncIterator[tuple[AsyncEngine, Ticks]]:
    ticks = Ticks()
    # db.create_engine already pings when idle; a second watcher with a clock of our own
    # decides here, and the first one (real time, so never idle long enough) stays quiet.
    engine = db.create_engine(postgres_url, pool_size=1, max_overflow=0)
    ping_when_idle(engine, monotonic=ticks)
    try:
        yield engine, ticks
    finally:
        await engine.dispose()


async def _backend(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one())


async def _terminate(engine: AsyncEngine, pid: int) -> None:
    """End the server process behind a pooled connection, and wait until it is gone."""
    admin_engine = db.create_engine(engine.url.render_as_string(hide_password=False))
    try:
        async with admin_engine.connect() as admin:
            ended = text("SELECT pg_terminate_backend(:pid, 5000)")  # waits up to 5 s
            assert (await admin.execute(ended, {"pid": pid})).scalar_one()
    finally:
        await admin_engine.dispose()


async def test_a_connection_that_died_while_idle_is_replaced_unseen(
    engine_and_ticks: tuple[AsyncEngine, Ticks],
) -> None:
    engine, ticks = engine_and_ticks
    first = await _backend(engine)
    await _terminate(engine, first)
    ticks.now += IDLE_SECONDS + 1

    second = await _backend(engine)  # no error: the ping found it dead, the pool replaced it

    assert second != first
    assert await _backend(engine) == second  # and the new one is kept


async def test_a_connection_used_moments_ago_is_lent_without_a_ping(
    engine_and_ticks: tuple[AsyncEngine, Ticks],
) -> None:
    engine, ticks = engine_and_ticks
    first = await _backend(engine)
    await _terminate(engine, first)
    ticks.now += 1  # in use a second ago: not pinged

    with pytest.raises(exc.DBAPIError) as raised:
        await _backend(engine)

    assert raised.value.connection_invalidated  # the statement that found out says so
    assert await _backend(engine) != first  # and the next checkout has a fresh connection
