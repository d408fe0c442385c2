"""Apply the Alembic migrations that live in storage/migrations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


# (row id, ciphertext) -> ciphertext: how a migration re-seals a stored secret. Storage
# never holds the key; the caller that does passes this in.
Resealer = Callable[[int, str], str]


def alembic_config(
    connection: Connection | None = None, *, reseal: Resealer | None = None
) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    if reseal is not None:
        config.attributes["reseal_secret"] = reseal
    return config


async def upgrade(
    engine: AsyncEngine, revision: str = "head", *, reseal: Resealer | None = None
) -> None:
    """Bring the database to `revision`; safe to call on every start."""
    async with engine.begin() as connection:
        await connection.run_sync(
            lambda sync: command.upgrade(alembic_config(sync, reseal=reseal), revision)
        )
