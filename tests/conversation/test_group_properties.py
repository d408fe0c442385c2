"""Random conversations from several people in one group, through ChatService.

Three members (none of them admins) type answers, commands and hostile text and press
any button anyone was shown, plus forged ones, in any order. After every input:
nothing raised, and every event that changed (or vanished) belongs to whoever just
spoke, so no one acts on another's draft and no draft is lost to someone else's input.
Runs on the real app over a SQLite file, with a fixed seed and a bounded number of runs.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from core.app import App, open_app
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import (
    Action,
    Ask,
    Command,
    Input,
    Output,
    Preview,
    Problem,
    Sender,
    Text,
)
from core.settings import Settings
from storage.models import Approval, Creative, Event, User, Workspace
from tests.conftest import SEOUL_SATURDAY

PEOPLE = ("mina", "joon", "seo")
ANSWERS = (
    "서울 테크노 나이트 Vol.3",
    "12월 20일 밤 10시",
    "tomorrow 23:00",
    "Cakeshop, 이태원",
    "22:00-23:30 Soma; 23:30 Yetsuby; 01:00 박혜진",
    "https://tickets.example.com/seoul",
    "techno",
    "30000",
    "back",
    "skip",
    "취소",
    "",
    "\u202eevil title",
    "Seoul\u200bTechno",
    "x" * 10_000,
    "'; DROP TABLE events; --",
    "<b>bold</b> @everyone",
)
GOOD_ANSWERS = {
    "title": "서울 테크노 나이트 Vol.3",
    "starts_at": "12월 20일 밤 10시",
    "venue": "Cakeshop, 이태원",
    "lineup": "22:00-23:30 Soma; 23:30 Yetsuby",
    "genre": "techno",
    "ticket_url": "https://tickets.example.com/seoul",
    "price": "30000",
    "description": "A night with a DJ from Berlin",
}
COMMANDS = ("newevent", "newevent", "cancel", "events", "help", "settings", "deletemydata")
FORGED = ("rv:1:approve:1", "rv:999999:approve:1", "nv:pick:techno", "cp:1:now", "ev:1", "dd:yes")


def _steps() -> st.SearchStrategy[list[tuple[int, str, Any]]]:
    step = st.tuples(
        st.sampled_from([0, 0, 0, 0, 1, 2]),  # one busy member and two others
        st.sampled_from(["answer"] * 5 + ["text", "command", "press", "press", "forged"]),
        st.integers(0, 10_000),
    )
    return st.lists(step, min_size=20, max_size=60)


class GroupPlay:
    """One group, its members, and the buttons anyone has been shown so far."""

    def __init__(self, app: App, chat_id: str) -> None:
        self.app = app
        self.service = ChatService(app)
        self.chat_id = chat_id
        self.shown: list[tuple[int, str]] = []  # (whom it was shown to, button id)
        self.foreign_presses = 0
        self.asked: dict[int, str | None] = {}  # person -> the field they were last asked

    def sender(self, person: int) -> Sender:
        name = PEOPLE[person]
        return Sender("test", self.chat_id, name, user_name=name.title(), is_group=True)

    def message(self, person: int, kind: str, pick: int) -> Input:
        """What `person` sends: a fitting answer to their own question, or anything."""
        if kind == "answer":
            field = self.asked.get(person)
            return Text(GOOD_ANSWERS.get(field or "", "skip")) if field else Command("newevent")
        if kind == "text":
            return Text(ANSWERS[pick % len(ANSWERS)])
        if kind == "command":
            return Command(COMMANDS[pick % len(COMMANDS)])
        if kind == "press" and self.shown:
            shown_to, button = self.shown[pick % len(self.shown)]
            self.foreign_presses += shown_to != person
            return Action(button)
        return Action(FORGED[pick % len(FORGED)])

    def remember(self, person: int, outputs: list[Output]) -> None:
        asks = [output for output in outputs if isinstance(output, Ask)]
        if asks:
            self.asked[person] = asks[-1].field
        elif not any(isinstance(output, Problem) for output in outputs):
            self.asked[person] = None  # done, cancelled or elsewhere: start a new event next
        for output in outputs:
            for choice in getattr(output, "choices", ()) or getattr(output, "actions", ()):
                self.shown.append((person, choice.id))
        del self.shown[:-40]

    async def events(self) -> dict[int, tuple[object, ...]]:
        """Every event of this group with all it holds (fields, previews, approvals)."""
        async with self.app.sessions() as session:
            rows = await session.execute(
                select(Event, User.platform_user_id)
                .join(Workspace, Workspace.id == Event.workspace_id)
                .join(User, User.id == Event.author_id)
                .where(Workspace.chat_id == self.chat_id)
            )
            found: dict[int, tuple[object, ...]] = {}
            for event, author in rows.all():
                creatives = await session.scalar(
                    select(func.count()).where(Creative.event_id == event.id)
                )
                approvals = await session.scalar(
                    select(func.count())
                    .select_from(Approval)
                    .join(Creative, Creative.id == Approval.creative_id)
                    .where(Creative.event_id == event.id)
                )
                columns = tuple(getattr(event, c.key) for c in Event.__table__.columns)
                found[event.id] = (author, columns, creatives, approvals)
            return found


async def _play(
    app: App, chat_id: str, steps: list[tuple[int, str, Any]], tally: dict[str, int]
) -> None:
    play = GroupPlay(app, chat_id)
    try:
        await _check_every_step(play, steps, tally)
    finally:
        tally["foreign presses"] += play.foreign_presses


async def _check_every_step(
    play: GroupPlay, steps: list[tuple[int, str, Any]], tally: dict[str, int]
) -> None:
    for person, kind, pick in steps:
        before = await play.events()
        sender = play.sender(person)
        outputs = await play.service.handle(sender, play.message(person, kind, pick))
        play.remember(person, outputs)
        after = await play.events()
        tally["inputs"] += 1
        tally["previews"] += sum(isinstance(output, Preview) for output in outputs)
        tally["events"] += len(after.keys() - before.keys())
        for event_id in before.keys() | after.keys():
            if before.get(event_id) != after.get(event_id):
                author = (after.get(event_id) or before[event_id])[0]
                assert author == sender.user_id, (
                    f"{sender.user_id} changed event {event_id} of {author} with {kind}"
                )


@contextmanager
def _running_app(tmp_path: Path) -> Iterator[tuple[asyncio.Runner, App]]:
    settings_ = Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'flyerbot.sqlite3'}",
        secret_key="flyerbot-test-secret-key-0123456789abcdef",
        flood_max_inputs=0,  # the flood limit has its own tests; here every input counts
    )
    with asyncio.Runner() as runner:
        stack = AsyncExitStack()
        clock = ManualClock(SEOUL_SATURDAY)
        app = runner.run(stack.enter_async_context(open_app(settings_, clock=clock)))
        try:
            yield runner, app
        finally:
            runner.run(stack.aclose())


@pytest.mark.slow
def test_random_group_conversations_keep_every_draft_with_its_author(tmp_path: Path) -> None:
    chats = (f"group-{n}" for n in itertools.count())
    tally = {"inputs": 0, "events": 0, "previews": 0, "foreign presses": 0}
    with _running_app(tmp_path) as (runner, app):

        @settings(
            derandomize=True,
            max_examples=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        )
        @given(_steps())
        def play(steps: list[tuple[int, str, Any]]) -> None:
            runner.run(_play(app, next(chats), steps, tally))

        play()
    print(f"group conversations: {tally}")
    # The runs reached drafts and previews, so the check above had something to watch.
    assert tally["events"] >= 10 and tally["previews"] >= 20 and tally["foreign presses"] >= 20
