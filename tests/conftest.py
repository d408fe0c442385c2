"""Shared fixtures: a real database per test (SQLite file, or PostgreSQL when configured)."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from core.app import App, open_app
from core.clock import ManualClock
from core.redaction import redact_http_logs
from core.settings import Settings
from tests import leaks

# As every flyerbot process does first (bot/cli.py); the leak watch below checks the rest.
redact_http_logs()

POSTGRES_URL = os.environ.get("FLYERBOT_TEST_DATABASE_URL")
# A Saturday afternoon in Seoul: 2026-11-21 15:00 KST.
SEOUL_SATURDAY = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)

backends = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


# Every record at every level is created, so the leak watch below sees it; pytest keeps its
# own reports at `log_level` (pyproject) and restores this level around each test phase.
logging.getLogger().setLevel(logging.DEBUG)


@pytest.fixture(autouse=True)
def no_secret_leaks() -> Iterator[None]:
    """Every test: all logging at every level is read, and no secret may appear in it."""
    root = logging.getLogger()
    watch = leaks.LeakWatch()
    root.addHandler(watch)
    leaks.take_found()
    try:
        yield
    finally:
        root.removeHandler(watch)
    found = leaks.take_found()
    if found:
        pytest.fail("secrets leaked:\n" + "\n".join(found), pytrace=False)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(SEOUL_SATURDAY)


@pytest.fixture(params=backends)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database: a SQLite file, or a throwaway PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'flyerbot.sqlite3'}"
        return
    assert POSTGRES_URL is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        separator = "&" if "?" in POSTGRES_URL else "?"
        yield f"{POSTGRES_URL}{separator}search_path={schema}"
    finally:
        async with admin.begin() as connection:
            await connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=leaks.TEST_SECRET_KEY,
    )


@pytest.fixture
async def app(settings: Settings, clock: ManualClock) -> AsyncIterator[App]:
    async with open_app(settings, clock=clock, apply_migrations=True) as app:
        yield app
