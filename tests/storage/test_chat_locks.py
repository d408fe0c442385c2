"""A chat's turn across processes: two engines (two processes' worth) on one database."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from core.app import App
from storage import db
from storage.chat_locks import chat_turn, lock_key


async def _until_someone_waits_for_a_lock(engine: AsyncEngine) -> None:
    """PostgreSQL shows the second process queued on the advisory lock."""
    query = text(
        "SELECT count(*) FROM pg_locks"
        " WHERE locktype = 'advisory' AND classid = 3870 AND NOT granted"  # our namespace
    )
    async with asyncio.timeout(10):
        while True:
            async with engine.connect() as connection:
                if (await connection.execute(query)).scalar_one():
                    return
            await asyncio.sleep(0.01)


def test_lock_keys_are_stable_and_fit_in_32_bits() -> None:
    key = lock_key("telegram:-100123")
    assert key == lock_key("telegram:-100123") != lock_key("telegram:-100124")
    assert -(2**31) <= key < 2**31


async def test_a_second_process_waits_for_the_chat_and_another_chat_does_not(
    app: App, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serves one process; its turns are in-process")
    other = db.create_engine(database_url)
    order: list[str] = []
    first_holds = asyncio.Event()
    release = asyncio.Event()

    async def first() -> None:
        async with chat_turn(app.engine, "telegram:1"):
            order.append("first in")
            first_holds.set()
            await release.wait()
            order.append("first out")

    async def second() -> None:
        await first_holds.wait()
        async with chat_turn(other, "telegram:1"):
            order.append("second in")

    try:
        holder = asyncio.create_task(first())
        waiter = asyncio.create_task(second())
        await first_holds.wait()
        async with chat_turn(other, "telegram:2"):  # a different chat is never held up
            order.append("other chat")
        await _until_someone_waits_for_a_lock(app.engine)
        assert not waiter.done()
        release.set()
        await asyncio.gather(holder, waiter)
    finally:
        await other.dispose()
    assert order == ["first in", "other chat", "first out", "second in"]


async def test_a_cancelled_holder_leaves_the_chat_free(app: App, database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serves one process; its turns are in-process")
    entered = asyncio.Event()

    async def hold_forever() -> None:
        async with chat_turn(app.engine, "telegram:9"):
            entered.set()
            await asyncio.Event().wait()

    task = asyncio.create_task(hold_forever())
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with asyncio.timeout(10), chat_turn(app.engine, "telegram:9"):
        pass


async def test_on_sqlite_the_turn_is_in_process_only(app: App, database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the PostgreSQL lock is tested above")
    async with chat_turn(app.engine, "telegram:1"), chat_turn(app.engine, "telegram:1"):
        pass  # no database lock: entering twice does not wait
