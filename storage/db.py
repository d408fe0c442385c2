"""Engine and session factory for SQLite (default) or PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from storage.idle_ping import ping_when_idle


@dataclass(frozen=True)
class PoolSize:
    """How many connections one process keeps, and how long a caller waits for one.

    `size` stay open, `overflow` more may be opened under a burst; a caller that finds
    all of them busy for `timeout_seconds` gets `sqlalchemy.exc.TimeoutError`.
    """

    size: int = 5
    overflow: int = 10
    timeout_seconds: float = 30.0


def create_engine(url: str, *, pool: PoolSize | None = None, **kwargs: Any) -> AsyncEngine:
    """An async engine; on SQLite with WAL and a busy timeout so processes can share it."""
    parsed = make_url(url)
    in_memory = not parsed.database or parsed.database == ":memory:"
    if pool is not None and not in_memory:  # one in-memory database is one connection
        kwargs |= {
            "pool_size": pool.size,
            "max_overflow": pool.overflow,
            "pool_timeout": pool.timeout_seconds,
        }
    if parsed.get_backend_name() != "sqlite":
        return _postgres_engine(parsed, **kwargs)
    if not in_memory:
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def _postgres_engine(url: URL, **kwargs: Any) -> AsyncEngine:
    """PostgreSQL; a `search_path` query parameter selects the schema (one per deployment)."""
    connect_args: dict[str, Any] = {}
    search_path = url.query.get("search_path")
    if search_path:
        url = url.difference_update_query(["search_path"])
        connect_args["server_settings"] = {"search_path": str(search_path)}
    engine = create_async_engine(url, connect_args=connect_args, **kwargs)
    ping_when_idle(engine)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"


def upsert_insert(session: AsyncSession, model: type[Any]) -> Any:
    """An INSERT of `model` that can say ON CONFLICT, in the session's own dialect."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


def is_unavailable(error: BaseException) -> bool:
    """The database could not be had just now (pool exhausted, SQLite busy, connection
    dropped): a local, passing problem, unlike an error in the statement itself."""
    if isinstance(error, exc.TimeoutError | exc.OperationalError | exc.InterfaceError):
        return True
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, ConnectionError)
