"""One chat's turn across processes: a PostgreSQL advisory lock per chat.

Several frontend processes may receive updates of one chat (a load balancer in front of
the webhook). Holding the chat's advisory lock while an update is handled means a second
process waits for the first to finish, instead of answering alongside it. The lock lives
on the connection, so a process that dies releases it with its connection. SQLite serves
one process, whose in-process turns already keep a chat's updates in line: there it is a
no-op.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

# Advisory locks share one keyspace per database: a fixed first key keeps ours apart.
_NAMESPACE = 0x0F1E  # "flyerbot chat turn"


def lock_key(chat: str) -> int:
    """A stable signed 32-bit key for a chat name such as "telegram:-100123"."""
    digest = hashlib.blake2b(chat.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


@asynccontextmanager
async def chat_turn(engine: AsyncEngine, chat: str) -> AsyncIterator[None]:
    """Hold `chat`'s turn for the duration of the block (waits while another holds it)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    params = {"namespace": _NAMESPACE, "key": lock_key(chat)}
    async with engine.connect() as connection:
        await connection.execute(text("SELECT pg_advisory_lock(:namespace, :key)"), params)
        await connection.commit()  # no transaction left open while the update is handled
        try:
            yield
        finally:
            try:
                await connection.execute(
                    text("SELECT pg_advisory_unlock(:namespace, :key)"), params
                )
                await connection.commit()
            except BaseException:
                # A pooled connection must never keep a chat locked: close it instead.
                await connection.invalidate()
                raise
