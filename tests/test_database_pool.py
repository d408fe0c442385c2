"""Pools sized by what a process does, so the shipped deployment fits PostgreSQL's default."""

from __future__ import annotations

from pathlib import Path

from core.app import open_app
from core.database_pool import BURST, pool_size
from core.load.turns import DEFAULT_CONCURRENCY
from core.settings import Settings

POSTGRES_DEFAULT_MAX_CONNECTIONS = 100


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, **values)  # type: ignore[arg-type]


def test_a_publishing_process_keeps_a_connection_per_attempt_in_flight(tmp_path: Path) -> None:
    pool = pool_size(_settings(tmp_path, publish_concurrency=16))
    assert (pool.size, pool.overflow) == (26, BURST)


def test_a_frontend_keeps_only_what_its_chats_and_jobs_need(tmp_path: Path) -> None:
    pool = pool_size(_settings(tmp_path, publish_concurrency=16), publishes=False)
    assert (pool.size, pool.overflow) == (10, BURST)


def test_a_configured_pool_size_wins_in_every_role(tmp_path: Path) -> None:
    settings = _settings(tmp_path, database_pool_size=7)
    assert pool_size(settings).size == pool_size(settings, publishes=False).size == 7


def test_one_frontend_and_two_workers_fit_under_postgresql_default(tmp_path: Path) -> None:
    settings = _settings(tmp_path)  # the defaults compose.yaml runs with
    worker = pool_size(settings)
    frontend = pool_size(settings, publishes=False)
    chat_locks = DEFAULT_CONCURRENCY  # a webhook frontend's lock pool, one per turn
    most = 2 * (worker.size + worker.overflow) + frontend.size + frontend.overflow + chat_locks
    assert most < POSTGRES_DEFAULT_MAX_CONNECTIONS


async def test_open_app_sizes_its_pool_for_a_frontend(tmp_path: Path) -> None:
    async with open_app(_settings(tmp_path / "f"), publishes=False) as frontend:
        assert frontend.engine.pool.size() == 10  # type: ignore[attr-defined]
    async with open_app(_settings(tmp_path / "w", publish_concurrency=4)) as worker:
        assert worker.engine.pool.size() == 14  # type: ignore[attr-defined]
