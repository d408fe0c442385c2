"""Ping a pooled connection before use only when it has sat idle for a while.

A connection can die while it waits in the pool (the server restarted, a proxy dropped
it). SQLAlchemy's `pool_pre_ping` finds out by pinging on every checkout, which on
asyncpg costs three round trips (BEGIN, an empty query, ROLLBACK) per transaction, more
than a chat answer's own queries. A connection that was in use moments ago is almost
certainly alive, so only one that has been idle for `IDLE_SECONDS` is pinged; one that
fails the ping is replaced before anyone sees it. A server that goes away under busy
connections fails the statement that finds out, and SQLAlchemy then replaces every
connection of the pool, as it would with any disconnect.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.ext.asyncio import AsyncEngine

IDLE_SECONDS = 10.0


def ping_when_idle(
    engine: AsyncEngine,
    *,
    idle_seconds: float = IDLE_SECONDS,
    monotonic: Callable[[], float] = time.monotonic,
) -> None:
    """Make `engine`'s pool ping a connection idle for `idle_seconds` before lending it."""
    pool, dialect = engine.sync_engine.pool, engine.sync_engine.dialect
    checked_in_at = object()  # this watcher's own key in each connection's info

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[checked_in_at] = monotonic()

    def checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(checked_in_at)
        if since is None or monotonic() - since < idle_seconds:
            return  # new, or in use a moment ago
        try:
            alive = dialect.do_ping(dbapi_connection)
        except Exception:
            alive = False
        if not alive:  # the pool retries the checkout with a fresh connection
            raise exc.DisconnectionError("a pooled connection died while idle")

    event.listen(pool, "checkin", checked_in)
    event.listen(pool, "checkout", checked_out)
