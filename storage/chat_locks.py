"""One chat's turn across processes: a PostgreSQL advisory lock per chat.

Several frontend processes may receive updates of one chat (a load balancer in front of
the webhook). Holding the chat's advisory lock while an update is handled means a second
process waits for the first to finish, instead of answering alongside it. The lock lives
on a connection, so a process that dies releases it with its connection.

Those connections come from a pool of their own, one per concurrent turn: a lock holder
then never waits for a connection that another lock holder took, as it could if locks
and the update's own queries shared one pool. SQLite serves one process, whose
in-process turns already keep a chat's updates in line: there no lock is taken.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage import db

# Advisory locks share one keyspace per database: a fixed first key keeps ours apart.
NAMESPACE = 3870


def lock_key(chat: str) -> int:
    """A stable signed 32-bit key for a chat name such as "telegram:-100123"."""
    digest = hashlib.blake2b(chat.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


class ChatLocks:
    def __init__(self, database_url: str, *, concurrent: int) -> None:
        postgres = make_url(database_url).get_backend_name() == "postgresql"
        # Autocommit: a session-level lock needs no transaction, so taking and giving
        # back the turn is one round trip each, with no BEGIN and COMMIT around them.
        self._engine = (
            db.create_engine(
                database_url,
                pool_size=concurrent,
                max_overflow=0,
                isolation_level="AUTOCOMMIT",
            )
            if postgres
            else None
        )

    @asynccontextmanager
    async def turn(self, chat: str) -> AsyncIterator[None]:
        """Hold `chat`'s turn for the block; waits while another process holds it."""
        if self._engine is None:
            yield
            return
        params = {"namespace": NAMESPACE, "key": lock_key(chat)}
        async with self._engine.connect() as connection:
            await connection.execute(text("SELECT pg_advisory_lock(:namespace, :key)"), params)
            try:
                yield
            finally:
                try:
                    unlock = text("SELECT pg_advisory_unlock(:namespace, :key)")
                    await connection.execute(unlock, params)
                except BaseException:
                    # A pooled connection must never keep a chat locked: close it instead.
                    await connection.invalidate()
                    raise

    async def aclose(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
