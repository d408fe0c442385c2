"""Wiring: build the product's services from settings, once per process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.clock import Clock, system_clock
from core.conversation.engine import ConversationEngine
from core.conversation.previews import Renderer
from core.conversation.wizard import PhotoLimits
from core.settings import Settings
from renderers import render
from storage import db, migrate
from storage.media import MediaStore


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    media: MediaStore
    clock: Clock
    conversations: ConversationEngine


@asynccontextmanager
async def open_app(
    settings: Settings,
    *,
    clock: Clock = system_clock,
    renderer: Renderer = render,
    apply_migrations: bool | None = None,
) -> AsyncIterator[App]:
    """The services, with the schema brought up to date (always on SQLite, the default)."""
    engine = db.create_engine(settings.resolved_database_url)
    try:
        if apply_migrations if apply_migrations is not None else db.is_sqlite(engine):
            await migrate.upgrade(engine)
        sessions = db.session_factory(engine)
        media = MediaStore(settings.data_dir / "media")
        conversations = ConversationEngine(
            sessions=sessions,
            media=media,
            clock=clock,
            renderer=renderer,
            default_timezone=settings.default_timezone,
            default_locale=settings.default_locale,
            photo_limits=PhotoLimits(settings.max_photo_bytes, settings.max_photo_pixels),
        )
        yield App(settings, engine, sessions, media, clock, conversations)
    finally:
        await engine.dispose()
