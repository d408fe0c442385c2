"""The outbox sends a workspace's reports to the chat it chose (`report_chat_id`), reads
that choice when it sends, and hands a report the chosen chat refuses to the workspace's
own chat at once. Crashes around the send to the chosen chat cost what they cost
anywhere: a delay of one lease, or one duplicate."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update

from core.app import App
from core.clock import ManualClock
from core.conversation.messages import Notice, Output
from storage.models import Workspace
from tests.notices.test_outbox import LEASE, Chat, owe, process, rows

CHOSEN = "chat-9"


class GoneChat(Chat):
    """A platform where the chosen chat was deleted: sends there fail, others arrive."""

    async def notify(self, platform: str, chat_id: str, output: Output) -> None:
        if chat_id == CHOSEN:
            raise LookupError("404 Unknown Channel")
        assert isinstance(output, Notice)
        self.accepted.append((chat_id, output.text))


async def workspace(app: App, clock: ManualClock, report_chat_id: str | None) -> None:
    async with app.sessions.begin() as session:
        session.add(
            Workspace(
                platform="test",
                chat_id="chat-1",
                timezone="Asia/Seoul",
                locale="en",
                report_chat_id=report_chat_id,
                created_at=clock(),
            )
        )


async def test_a_report_goes_to_the_chosen_chat(app: App, clock: ManualClock) -> None:
    await workspace(app, clock, CHOSEN)
    await owe(app, clock, "Mina")
    chat = Chat()
    assert (await process(app, clock, chat, "a").deliver_due()).sent == 1
    assert chat.accepted == [(CHOSEN, "hello Mina")]


async def test_a_choice_made_after_the_report_was_owed_still_applies(
    app: App, clock: ManualClock
) -> None:
    await workspace(app, clock, None)
    await owe(app, clock, "Mina")
    async with app.sessions.begin() as session:
        await session.execute(update(Workspace).values(report_chat_id=CHOSEN))
    chat = Chat()
    await process(app, clock, chat, "a").deliver_due()
    assert chat.accepted == [(CHOSEN, "hello Mina")]


async def test_a_deleted_chosen_chat_hands_the_report_to_the_workspaces_chat(
    app: App, clock: ManualClock
) -> None:
    await workspace(app, clock, CHOSEN)
    await owe(app, clock, "Mina")
    chat = GoneChat()
    assert (await process(app, clock, chat, "a").deliver_due()).sent == 1
    assert chat.accepted == [("chat-1", "hello Mina")]
    [row] = await rows(app)
    assert row.status == "sent"


async def test_when_neither_chat_takes_it_the_report_stays_owed(
    app: App, clock: ManualClock
) -> None:
    await workspace(app, clock, CHOSEN)
    await owe(app, clock, "Mina")
    down = Chat(refuse=2)  # the chosen chat, then the workspace's own chat
    assert (await process(app, clock, down, "a").deliver_due()).failed == 1
    [row] = await rows(app)
    assert row.status == "pending" and down.accepted == []


async def test_dying_just_after_the_send_to_the_chosen_chat_repeats_it_there_once(
    app: App, clock: ManualClock
) -> None:
    await workspace(app, clock, CHOSEN)
    await owe(app, clock, "Mina")
    dying = Chat(die="after")
    with pytest.raises(asyncio.CancelledError):
        await process(app, clock, dying, "dead-process").deliver_due()
    assert dying.accepted == [(CHOSEN, "hello Mina")]

    chat = Chat()
    successor = process(app, clock, chat, "successor")
    clock.advance(LEASE + timedelta(seconds=1))
    await successor.deliver_due()
    await successor.deliver_due()
    assert chat.accepted == [(CHOSEN, "hello Mina")]  # a duplicate, once, in the same chat
