"""Storage on a real database file: types, migrations, media and concurrent inserts."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from core.app import App
from storage import repositories
from storage.media import MediaStore, sha256_hex
from storage.models import Base, Event, Media, User, Workspace

NOW = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)


async def test_migrations_match_the_models(app: App) -> None:
    def diff(connection: object) -> list[object]:
        context = MigrationContext.configure(connection)  # type: ignore[arg-type]
        return compare_metadata(context, Base.metadata)

    async with app.engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_aware_datetimes_round_trip_in_utc(app: App) -> None:
    seoul = datetime(2026, 12, 20, 22, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    async with app.sessions.begin() as session:
        workspace = await repositories.workspace_for_chat(
            session, "test", "c", title=None, timezone="Asia/Seoul", locale="ko", now=NOW
        )
        user = await repositories.user_for_sender(session, "test", "u", "U", NOW)
        session.add(
            Event(
                workspace_id=workspace.id,
                author_id=user.id,
                starts_at=seoul,
                timezone="Asia/Seoul",
                lineup=[],
                created_at=NOW,
                updated_at=NOW,
            )
        )
    async with app.sessions() as session:
        stored = (await session.execute(select(Event.starts_at))).scalar_one()
    assert stored == seoul and stored.tzinfo is not None
    assert stored.isoformat() == "2026-12-20T13:00:00+00:00"


async def test_concurrent_first_messages_create_one_workspace(app: App) -> None:
    async def first_message() -> int:
        async with app.sessions.begin() as session:
            workspace = await repositories.workspace_for_chat(
                session, "test", "race", title=None, timezone="Asia/Seoul", locale="ko", now=NOW
            )
            return workspace.id

    ids = await asyncio.gather(*(first_message() for _ in range(5)))
    assert len(set(ids)) == 1
    async with app.sessions() as session:
        rows = (await session.execute(select(Workspace).where(Workspace.chat_id == "race"))).all()
    assert len(rows) == 1


async def test_a_sender_made_elsewhere_meanwhile_is_loaded_and_the_turn_goes_on(
    app: App,
) -> None:
    async with app.sessions.begin() as session:
        first = await repositories.user_for_sender(session, "test", "u-1", "Mina", NOW)
    async with app.sessions.begin() as session:
        # The turn's query saw no user; another process's insert landed since.
        again = await repositories.user_for_sender(session, "test", "u-1", "Mina K.", NOW)
        workspace = await repositories.workspace_for_chat(
            session, "test", "chat-1", title=None, timezone="Asia/Seoul", locale="ko", now=NOW
        )  # the transaction is still usable after the skipped insert
    assert again.id == first.id
    assert workspace.id is not None
    async with app.sessions() as session:
        users = (await session.execute(select(User.display_name))).scalars().all()
    assert users == ["Mina K."]


async def test_media_is_content_addressed_and_written_once(app: App) -> None:
    store: MediaStore = app.media
    async with app.sessions.begin() as session:
        first = await store.put(session, b"jpeg bytes", mime="image/jpeg", now=NOW)
        second = await store.put(session, b"jpeg bytes", mime="image/jpeg", now=NOW)
    assert first == second == sha256_hex(b"jpeg bytes")
    assert store.read(first) == b"jpeg bytes"
    assert not list(store.path_for(first).parent.glob(".tmp-*"))
    async with app.sessions() as session:
        assert len((await session.execute(select(Media))).all()) == 1
