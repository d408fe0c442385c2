"""Revision 0012: a typed-time question asked before it is still answered after it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from storage import db, migrate, repositories
from storage.models import Conversation, Event

NOW = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)


async def test_a_question_that_took_over_the_step_moves_into_the_rows_data(
    tmp_path: Path,
) -> None:
    engine = db.create_engine(f"sqlite+aiosqlite:///{tmp_path / 'before.db'}")
    try:
        await migrate.upgrade(engine, "0011")
        sessions = db.session_factory(engine)
        async with sessions.begin() as session:
            workspace = await repositories.workspace_for_chat(
                session, "test", "chat-1", title=None, timezone="Asia/Seoul", locale="ko", now=NOW
            )
            user = await repositories.user_for_sender(session, "test", "mina", "Mina", NOW)
            drafted, approved = (
                Event(
                    workspace_id=workspace.id,
                    author_id=user.id,
                    status=status,
                    timezone="Asia/Seoul",
                    lineup=[],
                    created_at=NOW,
                    updated_at=NOW,
                )
                for status in ("draft", "approved")
            )
            session.add_all([drafted, approved])
            await session.flush()
            # Asked while editing a draft: the wizard's place was kept in `resume`.
            session.add(
                Conversation(
                    platform="test",
                    chat_id="chat-1",
                    user_id="mina",
                    event_id=approved.id,
                    step="cp:move:7",
                    data={"resume": {"event_id": drafted.id, "step": "edit:venue"}, "x": 1},
                    updated_at=NOW,
                )
            )
            # Asked with nothing else going on: the row existed only for the question.
            session.add(
                Conversation(
                    platform="test",
                    chat_id="chat-1",
                    user_id="jun",
                    event_id=approved.id,
                    step="cp:at",
                    data={},
                    updated_at=NOW,
                )
            )
        await migrate.upgrade(engine)
        async with sessions() as session:
            rows = (await session.scalars(select(Conversation).order_by(Conversation.id))).all()
        mina, jun = ((r.step, r.event_id, r.data) for r in rows)
        assert mina == (
            "edit:venue",
            drafted.id,
            {"x": 1, "campaign_time": {"event_id": approved.id, "what": "move:7"}},
        )
        only_question = {"campaign_time": {"event_id": approved.id, "what": "at"}}
        assert jun == ("campaign_time", None, only_question)
    finally:
        await engine.dispose()
