"""The per-person flood limit, through ChatService on a real database, with a moved clock."""

from __future__ import annotations

from datetime import timedelta

from core.app import App
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import Action, Command, Notice, Sender, Text
from core.load.flood import FloodGuard, FloodRule, Verdict

MINA = Sender("test", "group-1", "mina", user_name="Mina", is_group=True)
JOON = Sender("test", "group-1", "joon", user_name="Joon", is_group=True)
MINA_ELSEWHERE = Sender("test", "group-2", "mina", user_name="Mina", is_group=True)


async def test_the_21st_input_in_ten_seconds_gets_one_notice_then_silence_for_a_minute(
    app: App, clock: ManualClock
) -> None:
    service = ChatService(app)
    for _ in range(20):
        assert await service.handle(MINA, Command("help")) != []
        clock.advance(timedelta(milliseconds=400))  # 20 inputs within 8 seconds

    [notice] = await service.handle(MINA, Command("help"))
    assert isinstance(notice, Notice)
    assert "20개가 넘는 메시지" in notice.text and "60초" in notice.text and "예:" in notice.text
    for message in (Command("help"), Text("hello"), Action("go:newevent")):
        assert await service.handle(MINA, message) == []
    assert await service.handle(MINA_ELSEWHERE, Command("help")) == []  # a person, not a chat
    assert await service.handle(JOON, Command("help")) != []  # others in the group are heard

    clock.advance(timedelta(seconds=59))
    assert await service.handle(MINA, Command("help")) == []
    clock.advance(timedelta(seconds=1))
    assert await service.handle(MINA, Command("help")) != []


async def test_twenty_inputs_spread_over_more_than_ten_seconds_are_all_answered(
    app: App, clock: ManualClock
) -> None:
    service = ChatService(app)
    for _ in range(60):
        [answered] = await service.handle(MINA, Command("help"))
        assert isinstance(answered, Notice) and "/newevent" in answered.text
        assert "메시지를 보내셨어요" not in answered.text
        clock.advance(timedelta(milliseconds=510))  # about 19.6 inputs per 10 seconds


def test_a_guard_with_no_limit_admits_everything_and_remembers_nobody(clock: ManualClock) -> None:
    guard = FloodGuard(FloodRule(max_inputs=0), clock)
    assert all(guard.admit("someone") is Verdict.PASS for _ in range(1000))
    assert guard.tracked == 0


def test_people_who_went_quiet_are_forgotten(clock: ManualClock) -> None:
    guard = FloodGuard(FloodRule(max_inputs=3), clock)
    for person in range(5000):
        guard.admit(person)
        clock.advance(timedelta(milliseconds=5))
    # Only people seen within the last window (10 s = 2000 inputs) and one sweep's worth remain.
    assert guard.tracked < 3100
