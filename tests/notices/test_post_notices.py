"""A post's notice survives the death of the process that published it.

The irreversible steps are the publish and the send of the notice. Dying after the
publish and before the notice is settled is the engine's own recovery (it verifies, then
records); these tests kill the process after the post was recorded as published, just
before or just after the chat's platform accepts the notice, then start the app again
on the same database.
"""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from core.app import App
from core.clock import ManualClock
from core.conversation.messages import Notice
from core.settings import Settings
from storage.models import ChatReport
from tests.notices.helpers import DiesAroundSend, reopened
from tests.publishing.helpers import RecordingNotifier, ScriptedPublisher, post, seed, use_fake


async def reports(app: App) -> list[ChatReport]:
    async with app.sessions() as session:
        return list((await session.execute(select(ChatReport))).scalars())


async def publish_and_die(app: App, clock: ManualClock, when: str) -> tuple[int, RecordingNotifier]:
    publisher, heard = ScriptedPublisher(), RecordingNotifier()
    use_fake(app, publisher, heard)
    app.publishing.notifiers.register("test", DiesAroundSend(heard, when))
    seeded = await seed(app, due_at=clock.now)
    with pytest.raises(asyncio.CancelledError):
        await app.publishing.dispatcher.run_due()
    assert publisher.sent == seeded.delivery_ids  # the post is live
    assert (await post(app, seeded.post_ids[0])).status == "published"
    return seeded.post_ids[0], heard


async def restart_and_listen(settings: Settings, clock: ManualClock) -> RecordingNotifier:
    async with reopened(settings, clock) as app:
        publisher, heard = ScriptedPublisher(), RecordingNotifier()
        use_fake(app, publisher, heard)
        await app.publishing.dispatcher.run_due()
        await app.publishing.dispatcher.run_due()  # a second sweep repeats nothing
        assert publisher.publishes == []  # the post is never published again
        [row] = await reports(app)
        assert row.status == "sent"
    return heard


async def test_dying_before_the_notice_is_sent_the_restart_tells_the_chat_once(
    app: App, settings: Settings, clock: ManualClock
) -> None:
    _, heard_before = await publish_and_die(app, clock, "before")
    assert heard_before.sent == []
    [row] = await reports(app)
    assert row.status == "pending" and row.lease_owner == app.publishing.dispatcher.worker_id

    clock.advance(app.publishing.outbox.policy.lease)
    async with reopened(settings, clock) as early:  # still within the dead claim's lease
        heard_early = RecordingNotifier()
        use_fake(early, ScriptedPublisher(), heard_early)
        await early.publishing.dispatcher.run_due()
        assert heard_early.sent == []
        assert await early.publishing.dispatcher.next_wake() == row.lease_expires_at

    clock.advance(app.publishing.outbox.policy.lease)
    heard = await restart_and_listen(settings, clock)
    [(platform, chat, notice)] = heard.sent
    assert (platform, chat) == ("test", "chat-1")
    assert isinstance(notice, Notice) and "is live" in notice.text


async def test_dying_after_the_notice_was_sent_the_restart_repeats_it_once(
    app: App, settings: Settings, clock: ManualClock
) -> None:
    _, heard_before = await publish_and_die(app, clock, "after")
    assert len(heard_before.sent) == 1  # the chat got it; the process died before noting so

    clock.advance(2 * app.publishing.outbox.policy.lease)
    heard = await restart_and_listen(settings, clock)
    assert [n.text for n in heard.outputs] == [n.text for n in heard_before.outputs]


async def test_a_notice_owed_to_a_chat_no_running_frontend_serves_waits_for_one(
    app: App, settings: Settings, clock: ManualClock
) -> None:
    publisher = ScriptedPublisher()
    app.publishing.publishers.register(publisher.kind, lambda target: publisher)
    seeded = await seed(app, due_at=clock.now)  # a "test" chat; no notifier for it here
    assert (await app.publishing.dispatcher.run_due()).published == 1
    [row] = await reports(app)
    assert (row.status, row.attempts, row.payload) == (
        "pending",
        0,
        {"post_id": seeded.post_ids[0], "status": "published"},
    )
    heard = await restart_and_listen(settings, clock)
    assert len(heard.sent) == 1
