"""Repository queries whose answer depends on more than one condition, on a real database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from core.app import App
from storage import events, image_retention, repositories, user_data, workspaces
from storage.models import Creative, Event, Workspace

NOW = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
SHARED = "a" * 64
OWN = "b" * 64


async def _workspace(session: AsyncSession, chat_id: str) -> Workspace:
    return await repositories.workspace_for_chat(
        session, "test", chat_id, title=None, timezone="Asia/Seoul", locale="en", now=NOW
    )


async def _event(
    session: AsyncSession,
    workspace: Workspace,
    author: str,
    *,
    starts_at: datetime | None = None,
    status: str = "draft",
    photo: str | None = None,
) -> Event:
    user = await repositories.user_for_sender(session, "test", author, author, NOW)
    event = Event(
        workspace_id=workspace.id,
        author_id=user.id,
        status=status,
        starts_at=starts_at,
        timezone="Asia/Seoul",
        lineup=[],
        photo_sha256=photo,
        created_at=NOW,
        updated_at=NOW,
    )
    session.add(event)
    await session.flush()
    return event


def _look(event: Event, hashes: list[str], status: str = "preview") -> Creative:
    return Creative(
        event_id=event.id,
        template="announce",
        layout="square",
        theme="dark",
        image_sha256s=hashes,
        caption="",
        status=status,
        created_at=NOW,
    )


async def test_current_events_skip_closed_and_past_ones_and_list_undated_last(app: App) -> None:
    async with app.sessions.begin() as session:
        chat = await _workspace(session, "listing")
        undated = await _event(session, chat, "u1")
        later = await _event(session, chat, "u1", starts_at=NOW + timedelta(days=3))
        sooner = await _event(session, chat, "u1", starts_at=NOW + timedelta(days=1))
        await _event(session, chat, "u1", starts_at=NOW - timedelta(days=1))
        await _event(session, chat, "u1", starts_at=NOW + timedelta(days=2), status="cancelled")
        expected = [sooner.id, later.id, undated.id]
        listed = await events.current_events(
            session, chat.id, since=NOW, closed=("cancelled", "deleted")
        )
    assert [event.id for event in listed] == expected


async def test_report_chats_answer_only_the_asked_chats_that_chose_one(app: App) -> None:
    async with app.sessions.begin() as session:
        chosen = await _workspace(session, "group-1")
        chosen.report_chat_id = "reports"
        await _workspace(session, "group-2")
        elsewhere = await _workspace(session, "group-3")
        elsewhere.report_chat_id = "other-reports"
        await session.flush()
        found = await workspaces.report_chats_of(
            session, [("test", "group-1"), ("test", "group-2"), ("other", "group-3")]
        )
    assert found == {("test", "group-1"): "reports"}


async def test_an_image_counts_as_shared_only_when_a_row_that_stays_holds_it(app: App) -> None:
    async with app.sessions.begin() as session:
        chat = await _workspace(session, "sharing")
        mine = await _event(session, chat, "leaving", photo=OWN)
        session.add(_look(mine, [OWN, SHARED]))
        other = await _event(session, chat, "staying")
        session.add(_look(other, [SHARED]))
        await session.flush()
        rows = user_data.Mine(mine.author_id, (mine.id,), None)
        assert await user_data.image_hashes(session, rows) == {OWN, SHARED}
        assert await user_data.held_by_others(session, SHARED, rows)
        assert not await user_data.held_by_others(session, OWN, rows)


async def test_latest_looks_are_each_events_newest_creative(app: App) -> None:
    async with app.sessions.begin() as session:
        chat = await _workspace(session, "looks")
        first, second = await _event(session, chat, "u1"), await _event(session, chat, "u1")
        old, new = _look(first, [OWN], "superseded"), _look(first, [SHARED])
        only = _look(second, [])
        session.add_all([old, new, only])
        await session.flush()
        found = sorted(await image_retention.latest_looks(session))
    assert found == sorted([(new.id, first.id, [SHARED]), (only.id, second.id, [])])
