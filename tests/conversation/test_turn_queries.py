"""What one chat answer costs the database: the turn's rows arrive in one query."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from core.app import App
from core.conversation.messages import Ask, Command, Sender
from storage import repositories
from storage.models import Event
from tests.conversation.helpers import AUTHOR, only, say


@contextmanager
def statements(app: App) -> Iterator[list[str]]:
    """Every SQL statement the app's engine sends while the block runs."""
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(statement.split(None, 1)[0].upper())

    engine = app.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_a_wizard_answer_reads_once_and_writes_what_it_changed(app: App) -> None:
    await say(app, AUTHOR, Command("newevent"))

    with statements(app) as sent:
        ask = only(await say(app, AUTHOR, "Warehouse Night"), Ask)

    assert ask.field == "starts_at"
    assert sent.count("SELECT") == 1  # workspace, user, conversation and its event together
    assert sorted(s for s in sent if s != "SELECT") == ["UPDATE", "UPDATE"]  # step and title


async def test_the_turn_rows_of_someone_new_are_all_missing(app: App) -> None:
    async with app.sessions() as session:
        rows = await repositories.turn_rows(session, "test", "chat-new", "someone")
    assert rows == repositories.TurnRows(None, None, None, None)


async def test_the_turn_rows_are_this_chats_and_this_senders_only(app: App) -> None:
    other_chat = Sender("test", "chat-2", AUTHOR.user_id, user_name="Mina", is_group=True)
    other_person = Sender("test", AUTHOR.chat_id, "someone-else", user_name="Jun", is_group=True)
    await say(app, AUTHOR, Command("newevent"), "Warehouse Night")
    await say(app, other_person, Command("help"))

    async with app.sessions() as session:
        mine = await repositories.turn_rows(session, "test", AUTHOR.chat_id, AUTHOR.user_id)
        theirs = await repositories.turn_rows(
            session, "test", other_person.chat_id, other_person.user_id
        )
        elsewhere = await repositories.turn_rows(
            session, "test", other_chat.chat_id, other_chat.user_id
        )

    assert mine.conversation is not None and isinstance(mine.event, Event)
    assert mine.event.title == "Warehouse Night"
    assert mine.conversation.event_id == mine.event.id
    assert mine.user is not None and mine.user.display_name == "Mina"
    assert mine.workspace is not None and theirs.workspace is not None
    assert theirs.workspace.id == mine.workspace.id
    assert theirs.user is not None and theirs.user.display_name == "Jun"
    assert theirs.conversation is None and theirs.event is None
    assert elsewhere.workspace is None and elsewhere.conversation is None
    assert elsewhere.user is not None and elsewhere.user.id == mine.user.id  # same person


async def test_a_new_name_from_the_platform_is_kept(app: App) -> None:
    await say(app, AUTHOR, Command("help"))
    renamed = Sender("test", AUTHOR.chat_id, AUTHOR.user_id, user_name="Mina K", is_group=True)
    await say(app, renamed, Command("help"))

    async with app.sessions() as session:
        rows = await repositories.turn_rows(session, "test", AUTHOR.chat_id, AUTHOR.user_id)
    assert rows.user is not None and rows.user.display_name == "Mina K"
