"""RSVP presses through ChatService: one answer per person and event, counts on every
message of the event, edits throttled per message with the last state always shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from core import data_deletion
from core.app import App
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import Action, Command, Problem, Sender, Toast
from core.engagement import rsvp
from core.engagement.throttle import EditThrottle
from core.engagement.totals import event_engagement
from storage.models import Event
from tests.engagement.helpers import RecordingEditor, published_with_buttons
from tests.publishing.helpers import FAKE

MINA = Sender("telegram", "-100123", "11", "Mina")
JUN = Sender("telegram", "-100123", "22", "Jun")
DISCORD_MINA = Sender("discord", "555", "11", "Mina")  # another platform, another person


@pytest.fixture
def editor(app: App) -> RecordingEditor:
    recording = RecordingEditor()
    app.engagement.editors.register(FAKE, recording)
    return recording


async def press(app: App, sender: Sender, event_id: int, answer: rsvp.Answer) -> str:
    [toast] = await ChatService(app).handle(sender, Action(rsvp.button_id(event_id, answer)))
    assert isinstance(toast, Toast)
    return toast.text


async def totals(app: App, event_id: int) -> tuple[int, int]:
    async with app.sessions() as session:
        found = await event_engagement(session, event_id)
    return found.rsvps.going, found.rsvps.interested


async def test_pressing_twice_takes_the_answer_back(
    app: App, clock: ManualClock, editor: RecordingEditor
) -> None:
    event_id = await published_with_buttons(app)
    assert await press(app, MINA, event_id, rsvp.GOING) == "🙋 Marked as going. See you there!"
    assert await totals(app, event_id) == (1, 0)
    assert editor.shown["m1"] == ["🙋 Going 1", "🤔 Interested"]

    clock.advance(timedelta(seconds=5))
    assert await press(app, MINA, event_id, rsvp.GOING) == "Your answer is removed."
    assert await totals(app, event_id) == (0, 0)
    assert editor.shown["m1"] == ["🙋 Going", "🤔 Interested"]


async def test_two_people_count_separately_and_switching_moves_the_vote(
    app: App, clock: ManualClock, editor: RecordingEditor
) -> None:
    event_id = await published_with_buttons(app)
    await press(app, MINA, event_id, rsvp.GOING)
    await press(app, JUN, event_id, rsvp.GOING)
    await press(app, DISCORD_MINA, event_id, rsvp.INTERESTED)
    assert await totals(app, event_id) == (2, 1)

    assert await press(app, JUN, event_id, rsvp.INTERESTED) == "🤔 Marked as interested."
    assert await totals(app, event_id) == (1, 2)  # moved, not added


async def test_edits_are_throttled_per_message_and_the_last_state_is_shown(
    app: App, clock: ManualClock, editor: RecordingEditor
) -> None:
    event_id = await published_with_buttons(app, messages=("m1", "m2"))
    await press(app, MINA, event_id, rsvp.GOING)  # both messages change at once
    await press(app, JUN, event_id, rsvp.GOING)  # too soon: owed
    clock.advance(timedelta(seconds=2))
    await press(app, JUN, event_id, rsvp.INTERESTED)  # still owed, not twice
    assert editor.edits == [
        ("m1", ["🙋 Going 1", "🤔 Interested"]),
        ("m2", ["🙋 Going 1", "🤔 Interested"]),
    ]
    assert await app.engagement.rsvps.flush() == 0  # the wait is not over

    clock.advance(timedelta(seconds=3))
    await app.engagement.rsvps.flush()
    assert editor.shown == {
        "m1": ["🙋 Going 1", "🤔 Interested 1"],
        "m2": ["🙋 Going 1", "🤔 Interested 1"],
    }
    assert len(editor.edits) == 4  # one owed edit per message, with the last counts
    assert await app.engagement.rsvps.flush() == 0  # nothing owed any more


async def test_one_message_that_cannot_change_does_not_stop_the_others(
    app: App, editor: RecordingEditor
) -> None:
    event_id = await published_with_buttons(app, messages=("gone", "m2"))
    editor.refuse.add("gone")
    await press(app, MINA, event_id, rsvp.GOING)
    assert editor.shown == {"m2": ["🙋 Going 1", "🤔 Interested"]}


async def test_an_edit_the_platform_put_off_is_owed_not_lost(
    app: App, clock: ManualClock, editor: RecordingEditor
) -> None:
    event_id = await published_with_buttons(app)
    editor.busy = 1
    await press(app, MINA, event_id, rsvp.GOING)
    assert editor.shown == {}
    clock.advance(timedelta(seconds=app.settings.rsvp_edit_seconds))
    await app.engagement.rsvps.flush()
    assert editor.shown == {"m1": ["🙋 Going 1", "🤔 Interested"]}


def test_the_throttle_owes_what_comes_too_soon_and_forgets_what_is_settled(
    clock: ManualClock,
) -> None:
    throttle: EditThrottle[str] = EditThrottle(clock, timedelta(seconds=5))
    assert throttle.claim("a") and not throttle.claim("a")
    assert throttle.due() == [] and throttle.next_due() == clock() + timedelta(seconds=5)
    clock.advance(timedelta(seconds=5))
    assert throttle.due() == ["a"] and throttle.next_due() is None
    throttle.claim("b")
    clock.advance(timedelta(seconds=6))
    throttle.forget_before(clock() - timedelta(seconds=5))
    assert throttle.claim("a") and throttle.claim("b")  # settled: free again


async def test_a_cancelled_event_takes_no_more_answers(app: App, editor: RecordingEditor) -> None:
    event_id = await published_with_buttons(app)
    async with app.sessions.begin() as session:
        await session.execute(update(Event).where(Event.id == event_id).values(status="cancelled"))
    [refusal] = await ChatService(app).handle(MINA, Action(rsvp.button_id(event_id, rsvp.GOING)))
    assert isinstance(refusal, Problem)
    assert await totals(app, event_id) == (0, 0)
    [unknown] = await ChatService(app).handle(MINA, Action("rsvp:999999:going"))
    assert isinstance(unknown, Problem)


def test_button_ids_are_short_stable_and_parsed_back() -> None:
    assert rsvp.button_id(42, rsvp.GOING) == "rsvp:42:going"
    assert rsvp.parse("rsvp:42:interested") == rsvp.Press(42, rsvp.INTERESTED)
    assert rsvp.parse("rsvp:42:maybe") is None
    assert rsvp.parse("rsvp:x:going") is None
    labels = [c.label for c in rsvp.buttons(42, rsvp.RsvpCounts(3, 0), "ko")]
    assert labels == ["🙋 갈게요 3", "🤔 관심 있어요"]


async def test_deleting_my_data_removes_my_answers_only(app: App, editor: RecordingEditor) -> None:
    event_id = await published_with_buttons(app)
    await press(app, MINA, event_id, rsvp.GOING)
    await press(app, JUN, event_id, rsvp.INTERESTED)
    in_private = Sender("telegram", MINA.user_id, MINA.user_id, "Mina")
    service = ChatService(app)
    await service.handle(in_private, Command("deletemydata"))
    await service.handle(in_private, Action(data_deletion.confirm_action(MINA.user_id)))
    assert await totals(app, event_id) == (0, 1)
