"""The chat outbox on its own: what a crash, a failed send or a second process does to a
report. A "process" here is a ChatOutbox with its own worker id on the same database; a
process dying mid-send is its task being cancelled at that point, leaving its claim."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.app import App
from core.clock import ManualClock
from core.conversation.messages import Notice, Output
from core.notifiers import Notifiers
from core.outbox import ChatOutbox, OutboxPolicy, enqueue
from storage.models import ChatReport

KIND = "greeting"
LEASE = timedelta(seconds=60)


class Chat:
    """A platform's chats: records what it accepted; can refuse or kill its caller."""

    def __init__(self, *, refuse: int = 0, die: str | None = None) -> None:
        self.accepted: list[tuple[str, str]] = []  # (chat, text)
        self.refuse = refuse
        self.die = die  # "before" or "after" the platform accepts the next message

    async def notify(self, platform: str, chat_id: str, output: Output) -> None:
        if self.die == "before":
            raise asyncio.CancelledError
        if self.refuse:
            self.refuse -= 1
            raise ConnectionError("502 Bad Gateway")
        assert isinstance(output, Notice)
        self.accepted.append((chat_id, output.text))
        if self.die == "after":
            raise asyncio.CancelledError


async def greet(
    session: AsyncSession, payloads: Sequence[Mapping[str, Any]]
) -> list[Output | None]:
    return [Notice(f"hello {p['name']}") if p.get("name") else None for p in payloads]


def process(app: App, clock: ManualClock, chat: Chat, name: str) -> ChatOutbox:
    notifiers = Notifiers()
    notifiers.register("test", chat)
    outbox = ChatOutbox(
        sessions=app.sessions,
        notifiers=notifiers,
        clock=clock,
        policy=OutboxPolicy(lease=LEASE),
        worker_id=name,
    )
    outbox.register(KIND, greet)
    return outbox


async def owe(app: App, clock: ManualClock, name: str | None, **keys: Any) -> bool:
    async with app.sessions.begin() as session:
        return await enqueue(
            session,
            platform=keys.get("platform", "test"),
            chat_id="chat-1",
            kind=KIND,
            payload={"name": name},
            now=clock(),
            dedup_key=keys.get("dedup_key"),
        )


async def rows(app: App) -> list[ChatReport]:
    async with app.sessions() as session:
        return list((await session.execute(select(ChatReport).order_by(ChatReport.id))).scalars())


async def test_a_report_is_sent_once_and_marked_sent(app: App, clock: ManualClock) -> None:
    chat = Chat()
    outbox = process(app, clock, chat, "a")
    await owe(app, clock, "Mina")
    assert (await outbox.deliver_due()).sent == 1
    assert (await outbox.deliver_due()).sent == 0
    assert chat.accepted == [("chat-1", "hello Mina")]
    [row] = await rows(app)
    assert (row.status, row.sent_at, row.lease_owner, row.attempts) == ("sent", clock(), None, 1)


async def test_a_dedup_key_owes_a_report_only_once(app: App, clock: ManualClock) -> None:
    assert await owe(app, clock, "Mina", dedup_key="daily:1:2026-11-21")
    assert not await owe(app, clock, "Mina", dedup_key="daily:1:2026-11-21")
    chat = Chat()
    await process(app, clock, chat, "a").deliver_due()
    assert len(chat.accepted) == 1


async def test_dying_just_before_the_send_delays_the_report_by_one_lease(
    app: App, clock: ManualClock
) -> None:
    await owe(app, clock, "Mina")
    dying = Chat(die="before")
    with pytest.raises(asyncio.CancelledError):
        await process(app, clock, dying, "dead-process").deliver_due()
    [row] = await rows(app)
    assert (row.status, row.lease_owner, row.claimed_at) == ("pending", "dead-process", clock())

    chat = Chat()
    successor = process(app, clock, chat, "successor")
    clock.advance(LEASE)  # the claim is still held at exactly the lease's end
    assert (await successor.deliver_due()).sent == 0
    clock.advance(timedelta(seconds=1))
    assert (await successor.deliver_due()).sent == 1
    assert chat.accepted == [("chat-1", "hello Mina")] and dying.accepted == []
    [row] = await rows(app)
    assert (row.status, row.attempts) == ("sent", 2)


async def test_dying_just_after_the_send_repeats_it_once_after_the_lease(
    app: App, clock: ManualClock
) -> None:
    await owe(app, clock, "Mina")
    dying = Chat(die="after")
    with pytest.raises(asyncio.CancelledError):
        await process(app, clock, dying, "dead-process").deliver_due()
    assert dying.accepted == [("chat-1", "hello Mina")]  # the chat has it, the row does not know

    chat = Chat()
    successor = process(app, clock, chat, "successor")
    clock.advance(LEASE + timedelta(seconds=1))
    await successor.deliver_due()
    await successor.deliver_due()
    assert chat.accepted == [("chat-1", "hello Mina")]  # a duplicate, once; never a loss


async def test_a_refused_send_is_retried_after_a_growing_wait(app: App, clock: ManualClock) -> None:
    await owe(app, clock, "Mina")
    chat = Chat(refuse=2)
    outbox = process(app, clock, chat, "a")
    assert (await outbox.deliver_due()).failed == 1
    [row] = await rows(app)
    assert row.lease_owner is None and row.last_error == "the platform did not accept it"
    assert row.due_at == clock() + outbox.policy.first_retry
    assert await outbox.next_due() == row.due_at

    assert (await outbox.deliver_due()).failed == 0  # not before the wait is over
    clock.advance(outbox.policy.first_retry)
    assert (await outbox.deliver_due()).failed == 1
    [row] = await rows(app)
    assert row.due_at == clock() + 2 * outbox.policy.first_retry
    clock.advance(2 * outbox.policy.first_retry)
    assert (await outbox.deliver_due()).sent == 1
    assert chat.accepted == [("chat-1", "hello Mina")]


def test_waits_between_failed_sends_double_up_to_a_cap() -> None:
    policy = OutboxPolicy(first_retry=timedelta(seconds=10), longest_retry=timedelta(minutes=1))
    waits = [policy.retry_after(attempts).total_seconds() for attempts in range(1, 6)]
    assert waits == [10, 20, 40, 60, 60]


async def test_a_report_waits_for_a_process_that_serves_its_platform(
    app: App, clock: ManualClock
) -> None:
    await owe(app, clock, "Mina", platform="discord")
    chat = Chat()
    outbox = process(app, clock, chat, "telegram-only")
    assert (await outbox.deliver_due()).sent == 0
    assert await outbox.next_due() is None
    [row] = await rows(app)
    assert (row.status, row.attempts, row.lease_owner) == ("pending", 0, None)


async def test_nothing_left_to_say_counts_as_sent(app: App, clock: ManualClock) -> None:
    await owe(app, clock, None)
    chat = Chat()
    assert (await process(app, clock, chat, "a").deliver_due()).sent == 1
    assert chat.accepted == []
    assert [row.status for row in await rows(app)] == ["sent"]


async def test_a_composer_that_fails_leaves_its_reports_owed(app: App, clock: ManualClock) -> None:
    await owe(app, clock, "Mina")
    chat = Chat()
    outbox = process(app, clock, chat, "a")

    async def broken(session: AsyncSession, payloads: Sequence[Mapping[str, Any]]) -> list[Output]:
        raise LookupError("the chart could not be drawn")

    outbox.register(KIND, broken)
    assert (await outbox.deliver_due()).failed == 1
    outbox.register(KIND, greet)
    clock.advance(outbox.policy.first_retry)
    assert (await outbox.deliver_due()).sent == 1
    assert chat.accepted == [("chat-1", "hello Mina")]


async def test_two_processes_never_claim_the_same_report(app: App, clock: ManualClock) -> None:
    for number in range(20):
        await owe(app, clock, f"guest {number}")
    first, second = Chat(), Chat()
    await asyncio.gather(
        process(app, clock, first, "a").deliver_due(),
        process(app, clock, second, "b").deliver_due(),
    )
    texts = [text for _, text in first.accepted + second.accepted]
    assert sorted(texts) == sorted(f"hello guest {number}" for number in range(20))


async def test_sent_reports_are_forgotten_after_two_weeks_and_owed_ones_never(
    app: App, clock: ManualClock
) -> None:
    chat = Chat()
    outbox = process(app, clock, chat, "a")
    await owe(app, clock, "Mina")
    await outbox.deliver_due()
    await owe(app, clock, "Jun", platform="discord")  # owed, to a chat no process serves

    clock.advance(outbox.policy.keep_sent)
    await outbox.tidy()
    assert len(await rows(app)) == 2  # sent exactly two weeks ago: still kept
    clock.advance(timedelta(hours=1))
    await outbox.tidy()
    [owed] = await rows(app)
    assert (owed.status, owed.payload) == ("pending", {"name": "Jun"})
