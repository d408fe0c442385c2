"""How many database connections a process needs, from how much it publishes at once.

Each attempt in flight may hold one connection at a time (reading its extras, writing
its journal), and a few other users in the process need one now and then: the claim and
record loop, the journal writer, the chat outbox, the scheduler's jobs and whatever the
chat frontends read. A pool smaller than that makes attempts queue for connections
until they time out; this one is sized so they do not.

A frontend process publishes nothing: its pool is the other users' share, so that the
shipped deployment (one frontend, two workers: at most 93 connections with the chat
locks) stays under PostgreSQL's default of 100.
"""

from __future__ import annotations

from core.settings import Settings
from storage.db import PoolSize

OTHER_USERS = 10  # claim/record, journal writer, outbox, scheduler jobs, frontends
BURST = 5  # opened beyond the pool's size under a burst, closed again afterwards


def pool_size(settings: Settings, *, publishes: bool = True) -> PoolSize:
    """The pool for this process (PostgreSQL, or a SQLite file): `database_pool_size`
    when set, else derived from what the process does."""
    derived = settings.publish_concurrency + OTHER_USERS if publishes else OTHER_USERS
    size = settings.database_pool_size or derived
    return PoolSize(
        size=size, overflow=BURST, timeout_seconds=settings.database_pool_timeout_seconds
    )
