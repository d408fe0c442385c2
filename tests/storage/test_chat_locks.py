"""A chat's turn across processes: two lock pools (two processes' worth) on one database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text

from core.app import App
from storage.chat_locks import NAMESPACE, ChatLocks, lock_key


@pytest.fixture
async def two_processes(database_url: str) -> AsyncIterator[tuple[ChatLocks, ChatLocks]]:
    one, two = ChatLocks(database_url, concurrent=4), ChatLocks(database_url, concurrent=4)
    try:
        yield one, two
    finally:
        await one.aclose()
        await two.aclose()


async def _until_someone_waits_for_a_chat(app: App) -> None:
    """PostgreSQL shows the second process queued on the chat's lock."""
    query = text(
        "SELECT count(*) FROM pg_locks"
        " WHERE locktype = 'advisory' AND classid = :namespace AND NOT granted"
    )
    async with asyncio.timeout(10):
        while True:
            async with app.engine.connect() as connection:
                if (await connection.execute(query, {"namespace": NAMESPACE})).scalar_one():
                    return
            await asyncio.sleep(0.01)


def test_lock_keys_are_stable_and_fit_in_32_bits() -> None:
    key = lock_key("telegram:-100123")
    assert key == lock_key("telegram:-100123") != lock_key("telegram:-100124")
    assert -(2**31) <= key < 2**31


async def test_a_second_process_waits_for_the_chat_and_another_chat_does_not(
    app: App, database_url: str, two_processes: tuple[ChatLocks, ChatLocks]
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serves one process; its turns are in-process")
    one, two = two_processes
    order: list[str] = []
    first_holds, release = asyncio.Event(), asyncio.Event()

    async def first() -> None:
        async with one.turn("telegram:1"):
            order.append("first in")
            first_holds.set()
            await release.wait()
            order.append("first out")

    async def second() -> None:
        await first_holds.wait()
        async with two.turn("telegram:1"):
            order.append("second in")

    holder, waiter = asyncio.create_task(first()), asyncio.create_task(second())
    await first_holds.wait()
    async with two.turn("telegram:2"):  # a different chat is never held up
        order.append("other chat")
    await _until_someone_waits_for_a_chat(app)
    assert not waiter.done()
    release.set()
    await asyncio.gather(holder, waiter)
    assert order == ["first in", "other chat", "first out", "second in"]


async def test_a_cancelled_holder_leaves_the_chat_free(
    database_url: str, two_processes: tuple[ChatLocks, ChatLocks]
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite serves one process; its turns are in-process")
    one, two = two_processes
    entered = asyncio.Event()

    async def hold_forever() -> None:
        async with one.turn("telegram:9"):
            entered.set()
            await asyncio.Event().wait()

    task = asyncio.create_task(hold_forever())
    await entered.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with asyncio.timeout(10), two.turn("telegram:9"), one.turn("telegram:8"):
        pass


async def test_on_sqlite_no_database_lock_is_taken(database_url: str) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("the PostgreSQL lock is tested above")
    locks = ChatLocks(database_url, concurrent=1)
    async with locks.turn("telegram:1"), locks.turn("telegram:1"):
        pass  # entering twice does not wait: one process, in-process turns
    await locks.aclose()
