"""Waking the workers of other processes when work falls due now (PostgreSQL NOTIFY).

A frontend process that schedules "post now" runs no publishing scheduler; without a
word, the workers would find the delivery only at their next sweep. `announce` sends a
NOTIFY on one channel, and every worker's `WakeListener` (a LISTEN on a connection of its
own) wakes its scheduler. A lost notification costs only time: the sweep still finds the
work. SQLite serves one process, which wakes its own scheduler, so both do nothing there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

CHANNEL = "flyerbot_publishing_due"


def _is_postgres(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "postgresql"


async def announce(engine: AsyncEngine) -> None:
    """Tell every listening worker that something may be due now."""
    if not _is_postgres(engine):
        return
    async with engine.begin() as connection:
        await connection.execute(text(f"NOTIFY {CHANNEL}"))


class WakeListener:
    """Calls `on_wake` whenever any process announces work, until `stop`."""

    def __init__(self, engine: AsyncEngine, on_wake: Callable[[], None]) -> None:
        self._engine = engine
        self._on_wake = on_wake
        self._connection: AsyncConnection | None = None
        self._driver: Any = None

    async def start(self) -> None:
        if not _is_postgres(self._engine) or self._connection is not None:
            return
        self._connection = await self._engine.connect()
        raw = await self._connection.get_raw_connection()
        self._driver = raw.driver_connection  # asyncpg's connection: LISTEN lives there
        await self._driver.add_listener(CHANNEL, self._heard)

    def _heard(self, *_notification: object) -> None:
        try:
            self._on_wake()
        except Exception:  # the sweep will find the work; never break the connection
            log.exception("waking the publishing scheduler failed")

    async def stop(self) -> None:
        if self._connection is None:
            return
        try:
            await self._driver.remove_listener(CHANNEL, self._heard)
        finally:
            await self._connection.close()
            self._connection = self._driver = None
