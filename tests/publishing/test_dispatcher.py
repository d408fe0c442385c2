"""The dispatcher driven directly: retries, verification, failures told once, grace."""

from __future__ import annotations

from datetime import timedelta

from core import i18n
from core.app import App
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import Action, Notice, Problem, Sender
from core.publishers.base import ErrorKind, PublishError
from core.publishers.reasons import Reason
from tests.publishing.helpers import (
    RecordingNotifier,
    ScriptedPublisher,
    attempts,
    by_address,
    delivery,
    expire_leases,
    post,
    seed,
    use_fake,
)

AUTHOR = Sender("test", "chat-1", "author", user_name="Mina")


async def test_a_due_delivery_is_published_and_the_chat_gets_the_link(
    app: App, clock: ManualClock
) -> None:
    publisher, notifier = ScriptedPublisher(), RecordingNotifier()
    use_fake(app, publisher, notifier)
    seeded = await seed(app, due_at=clock.now + timedelta(hours=1))

    assert (await app.publishing.dispatcher.run_due()).claimed == 0  # not due yet
    clock.advance(timedelta(hours=1))
    report = await app.publishing.dispatcher.run_due()

    assert report.published == 1 and publisher.publishes == seeded.delivery_ids
    row = await delivery(app, seeded.delivery_ids[0])
    assert row.status == "published" and row.url == f"https://example.test/{row.id}"
    assert row.lease_owner is None and row.journal["message_id"] == f"msg-{row.id}"
    [(platform, chat, notice)] = notifier.sent
    assert (platform, chat) == ("test", "chat-1") and isinstance(notice, Notice)
    assert row.url in notice.text and "is live" in notice.text
    assert (await post(app, seeded.post_ids[0])).status == "published"
    [attempt] = await attempts(app, row.id)
    assert (attempt.outcome, attempt.number, attempt.error_kind) == ("published", 1, None)


async def test_a_transient_failure_is_retried_with_backoff_then_succeeds(
    app: App, clock: ManualClock
) -> None:
    publisher = ScriptedPublisher(script=[ErrorKind.TRANSIENT, "ok"])
    notifier = RecordingNotifier()
    use_fake(app, publisher, notifier)
    seeded = await seed(app, due_at=clock.now)
    dispatcher = app.publishing.dispatcher

    assert (await dispatcher.run_due()).retrying == 1
    row = await delivery(app, seeded.delivery_ids[0])
    backoff = row.due_at - clock.now
    base = timedelta(seconds=app.settings.publish_retry_seconds)
    assert row.status == "pending" and base / 2 <= backoff <= base  # jittered
    assert row.last_error_kind == "transient" and not notifier.sent
    assert (await dispatcher.run_due()).claimed == 0  # waits for the backoff

    clock.advance(backoff)
    assert (await dispatcher.run_due()).published == 1
    assert publisher.sent == seeded.delivery_ids
    outcomes = [(a.number, a.outcome, a.error_kind) for a in await attempts(app, row.id)]
    assert outcomes == [(1, "retry", "transient"), (2, "published", None)]
    assert len(notifier.sent) == 1


async def test_transient_failures_stop_after_the_configured_attempts(
    app: App, clock: ManualClock
) -> None:
    max_attempts = app.settings.publish_max_attempts
    publisher = ScriptedPublisher(script=[ErrorKind.TRANSIENT] * 10)
    notifier = RecordingNotifier()
    use_fake(app, publisher, notifier)
    seeded = await seed(app, due_at=clock.now)
    for _ in range(max_attempts + 2):
        await app.publishing.dispatcher.run_due()
        clock.now = max(clock.now, (await delivery(app, seeded.delivery_ids[0])).due_at)
    assert len(publisher.publishes) == max_attempts == 4
    assert (await delivery(app, seeded.delivery_ids[0])).status == "failed"
    [(_, _, problem)] = notifier.sent
    assert isinstance(problem, Problem)


async def test_a_permanent_failure_tells_the_chat_exactly_once_with_a_retry_button(
    app: App, clock: ManualClock
) -> None:
    publisher = ScriptedPublisher(script=[ErrorKind.PERMANENT])
    notifier = RecordingNotifier()
    use_fake(app, publisher, notifier)
    seeded = await seed(app, due_at=clock.now)
    dispatcher = app.publishing.dispatcher

    assert (await dispatcher.run_due()).failed == 1
    for _ in range(3):  # later sweeps must not repeat it
        clock.advance(timedelta(minutes=5))
        await dispatcher.run_due()

    [(_, _, problem)] = notifier.sent
    assert isinstance(problem, Problem) and "scripted permanent" in problem.message
    delivery_id = seeded.delivery_ids[0]
    assert [choice.id for choice in problem.choices] == [f"pb:{delivery_id}:retry"]
    assert len(publisher.publishes) == 1

    answer = await ChatService(app).handle(AUTHOR, Action(f"pb:{delivery_id}:retry"))
    assert isinstance(answer[0], Notice)
    assert (await dispatcher.run_due()).published == 1
    assert isinstance(notifier.sent[-1][2], Notice) and len(notifier.sent) == 2


async def test_a_notice_that_could_not_be_sent_is_sent_by_a_later_sweep_once(
    app: App, clock: ManualClock
) -> None:
    publisher, notifier = (
        ScriptedPublisher(script=[ErrorKind.PERMANENT]),
        RecordingNotifier(failures=1),
    )
    use_fake(app, publisher, notifier)
    await seed(app, due_at=clock.now)
    await app.publishing.dispatcher.run_due()
    assert notifier.sent == []
    await app.publishing.dispatcher.run_due()  # the failed send waits before it is retried
    assert notifier.sent == []
    clock.advance(app.publishing.outbox.policy.first_retry)
    await app.publishing.dispatcher.run_due()
    await app.publishing.dispatcher.run_due()
    assert len(notifier.sent) == 1


async def test_an_unknown_outcome_is_verified_and_not_published_twice(
    app: App, clock: ManualClock
) -> None:
    publisher = ScriptedPublisher(script=["lost"])  # it went out, but the reply was lost
    notifier = RecordingNotifier()
    use_fake(app, publisher, notifier)
    seeded = await seed(app, due_at=clock.now)
    dispatcher = app.publishing.dispatcher

    assert (await dispatcher.run_due()).retrying == 1
    row = await delivery(app, seeded.delivery_ids[0])
    assert row.verify_first and row.last_error_kind == "unknown_outcome"
    clock.advance(timedelta(hours=1))
    assert (await dispatcher.run_due()).published == 1

    assert publisher.sent == seeded.delivery_ids  # once
    assert publisher.verifies == seeded.delivery_ids
    row = await delivery(app, row.id)
    assert (row.status, row.external_id) == ("published", f"msg-{row.id}")
    assert [a.outcome for a in await attempts(app, row.id)] == ["retry", "verified"]
    assert len(notifier.sent) == 1


async def test_an_unknown_outcome_that_did_not_publish_is_sent_after_verifying(
    app: App, clock: ManualClock
) -> None:
    publisher = ScriptedPublisher(script=[ErrorKind.UNKNOWN_OUTCOME, "ok"])
    use_fake(app, publisher, RecordingNotifier())
    seeded = await seed(app, due_at=clock.now)
    await app.publishing.dispatcher.run_due()
    clock.now = (await delivery(app, seeded.delivery_ids[0])).due_at
    await app.publishing.dispatcher.run_due()
    assert publisher.verifies == seeded.delivery_ids and publisher.sent == seeded.delivery_ids


async def test_a_crash_after_the_claim_is_recovered_when_the_lease_expires(
    app: App, clock: ManualClock
) -> None:
    publisher = ScriptedPublisher(script=["crash"])  # published, then the worker died
    notifier = RecordingNotifier()
    use_fake(app, publisher, notifier)
    seeded = await seed(app, due_at=clock.now, posts=3)
    dispatcher = app.publishing.dispatcher

    await dispatcher.run_due()
    crashed = await delivery(app, seeded.delivery_ids[0])
    assert crashed.status == "publishing" and crashed.lease_owner == dispatcher.worker_id
    assert (await dispatcher.run_due()).claimed == 0  # the lease still holds

    await expire_leases(app)
    report = await dispatcher.run_due()

    assert report.claimed == 1 and report.published == 1
    assert sorted(publisher.sent) == sorted(seeded.delivery_ids)  # each exactly once
    assert publisher.verifies == [crashed.id]
    assert (await delivery(app, crashed.id)).status == "published"
    assert len(notifier.sent) == 3


async def test_a_crash_before_sending_anything_publishes_without_verifying(
    app: App, clock: ManualClock
) -> None:
    from storage import deliveries as rows

    publisher = ScriptedPublisher()
    use_fake(app, publisher, RecordingNotifier())
    seeded = await seed(app, due_at=clock.now)
    async with app.sessions.begin() as session:  # a worker claims, then dies at once
        claimed = await rows.claim_due(
            session, owner="dead", now=clock.now, lease_seconds=300, limit=10
        )
    assert [lease.delivery_id for lease in claimed] == seeded.delivery_ids
    assert (await app.publishing.dispatcher.run_due()).claimed == 0  # the lease holds
    await expire_leases(app)
    assert (await app.publishing.dispatcher.run_due()).published == 1
    assert publisher.verifies == [] and publisher.sent == seeded.delivery_ids
    assert (await delivery(app, claimed[0].delivery_id)).attempts == 2


async def test_rate_limited_waits_for_the_window_it_was_given(app: App, clock: ManualClock) -> None:
    publisher = ScriptedPublisher(script=[ErrorKind.RATE_LIMITED])
    use_fake(app, publisher, RecordingNotifier())
    seeded = await seed(app, due_at=clock.now)
    await app.publishing.dispatcher.run_due()
    row = await delivery(app, seeded.delivery_ids[0])
    assert timedelta(seconds=5) <= row.due_at - clock.now <= timedelta(seconds=6)


async def test_after_downtime_recent_posts_go_out_and_older_ones_are_asked_about(
    app: App, clock: ManualClock
) -> None:
    publisher, notifier = ScriptedPublisher(), RecordingNotifier()
    use_fake(app, publisher, notifier)
    grace = timedelta(minutes=app.settings.grace_minutes)
    old = await seed(app, due_at=clock.now + timedelta(hours=1), chat_id="chat-1")
    recent = await seed(app, due_at=clock.now + timedelta(hours=2), chat_id="chat-2")

    clock.advance(timedelta(hours=2) + grace - timedelta(minutes=1))  # the bot was down
    report = await app.publishing.dispatcher.run_due()

    assert report.published == 1 and publisher.sent == recent.delivery_ids
    assert (await delivery(app, old.delivery_ids[0])).status == "missed"
    asked = [output for _, chat, output in notifier.sent if chat == "chat-1"]
    [missed] = asked
    assert isinstance(missed, Notice) and "was due at" in missed.text
    post_id = old.post_ids[0]
    assert [choice.id for choice in missed.choices] == [f"pp:{post_id}:now", f"pp:{post_id}:skip"]

    await app.publishing.dispatcher.run_due()
    assert len(notifier.sent) == 2  # asked once only

    await ChatService(app).handle(AUTHOR, Action(f"pp:{post_id}:now"))
    assert (await app.publishing.dispatcher.run_due()).published == 1
    assert sorted(publisher.sent) == sorted(old.delivery_ids + recent.delivery_ids)
    assert (await post(app, post_id)).status == "published"


async def test_skipping_a_missed_post_closes_it(app: App, clock: ManualClock) -> None:
    publisher, notifier = ScriptedPublisher(), RecordingNotifier()
    use_fake(app, publisher, notifier)
    seeded = await seed(app, due_at=clock.now)
    clock.advance(timedelta(hours=3))
    await app.publishing.dispatcher.run_due()
    await ChatService(app).handle(AUTHOR, Action(f"pp:{seeded.post_ids[0]}:skip"))
    assert (await post(app, seeded.post_ids[0])).status == "skipped"
    assert (await delivery(app, seeded.delivery_ids[0])).status == "skipped"
    await app.publishing.dispatcher.run_due()
    assert publisher.publishes == [] and len(notifier.sent) == 1


async def test_a_post_with_one_failed_target_ends_partial_and_can_be_retried(
    app: App, clock: ManualClock
) -> None:
    good, bad = ScriptedPublisher(), ScriptedPublisher(script=[ErrorKind.PERMANENT])
    notifier = RecordingNotifier()
    by_address(app, {"good": good, "bad": bad})
    app.publishing.notifiers.register("test", notifier)
    seeded = await seed(app, due_at=clock.now, addresses=("good", "bad"))

    await app.publishing.dispatcher.run_due()

    assert (await post(app, seeded.post_ids[0])).status == "partial"
    [(_, _, notice)] = notifier.sent
    assert isinstance(notice, Notice) and "some places only" in notice.text
    assert "https://example.test/" in notice.text and "scripted permanent" in notice.text
    bad_delivery = seeded.delivery_ids[1]
    assert [choice.id for choice in notice.choices] == [f"pb:{bad_delivery}:retry"]

    await ChatService(app).handle(AUTHOR, Action(f"pb:{bad_delivery}:retry"))
    await app.publishing.dispatcher.run_due()
    assert (await post(app, seeded.post_ids[0])).status == "published"
    assert "is live" in notifier.sent[-1][2].text  # type: ignore[union-attr]
    assert len(good.sent) == len(bad.sent) == 1


async def test_a_failure_with_a_catalogue_key_is_told_in_the_workspace_language(
    app: App, clock: ManualClock
) -> None:
    refused = PublishError(
        ErrorKind.PERMANENT,
        "The caption is 2300 characters; Instagram allows 2200.",
        code="caption-length",
        message_key=Reason.IG_CAPTION_TOO_LONG,
        message_params={"count": 2300, "limit": 2200},
    )
    notifier = RecordingNotifier()
    use_fake(app, ScriptedPublisher(script=[refused]), notifier)
    seeded = await seed(app, due_at=clock.now)  # an English workspace

    await app.publishing.dispatcher.run_due()

    row = await delivery(app, seeded.delivery_ids[0])
    assert (row.last_error_key, row.last_error_params) == (
        Reason.IG_CAPTION_TOO_LONG,
        {"count": 2300, "limit": 2200},
    )
    assert row.last_error_message == refused.user_message
    [(_, _, problem)] = notifier.sent
    said = i18n.text(Reason.IG_CAPTION_TOO_LONG, "en", count=2300, limit=2200)
    assert isinstance(problem, Problem) and said in problem.message
    assert "The platform refused" not in problem.message  # the reason speaks for itself


async def test_an_auth_failure_marks_the_target_for_reconnecting(
    app: App, clock: ManualClock
) -> None:
    from storage.models import Target

    publisher = ScriptedPublisher(script=[ErrorKind.AUTH])
    notifier = RecordingNotifier()
    use_fake(app, publisher, notifier)
    seeded = await seed(app, due_at=clock.now)
    await app.publishing.dispatcher.run_due()
    async with app.sessions() as session:
        target = await session.get_one(Target, seeded.target_ids[0])
    assert target.status == "needs_reconnect"
    [(_, _, problem)] = notifier.sent
    assert isinstance(problem, Problem) and "/connect" in problem.message
    refused = await ChatService(app).handle(AUTHOR, Action(f"pb:{seeded.delivery_ids[0]}:retry"))
    assert isinstance(refused[0], Problem)


async def test_strangers_cannot_press_publishing_buttons(app: App, clock: ManualClock) -> None:
    use_fake(app, ScriptedPublisher(script=[ErrorKind.PERMANENT]), RecordingNotifier())
    seeded = await seed(app, due_at=clock.now)
    await app.publishing.dispatcher.run_due()
    stranger = Sender("test", "chat-1", "someone-else", is_group=True)
    [refused] = await ChatService(app).handle(
        stranger, Action(f"pb:{seeded.delivery_ids[0]}:retry")
    )
    assert isinstance(refused, Problem)
    assert (await delivery(app, seeded.delivery_ids[0])).status == "failed"
