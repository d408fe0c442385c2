"""Per-person daily limits on renders and posts, beside the chat's own."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from core import limits
from core.app import App, open_app
from core.clock import ManualClock
from core.conversation.messages import Action, Notice, Preview, Problem
from core.conversation.turn import load_turn
from core.limits import DailyLimits, Usage
from core.settings import Settings
from tests.campaigns.helpers import ADMIN, approved_event, posts_of
from tests.conversation.helpers import AUTHOR, FULL_EVENT, only, say

SEOUL = ZoneInfo("Asia/Seoul")
MEMBER = replace(AUTHOR, user_id="member", user_name="Joon")


async def _admin() -> bool:
    return True


OTHER_ADMIN = replace(ADMIN, user_id="admin-2", user_name="Second admin", is_chat_admin=_admin)


@pytest.fixture
async def per_person(settings: Settings, clock: ManualClock) -> AsyncIterator[App]:
    limited = settings.model_copy(
        update={"renders_per_person_per_day": 2, "posts_per_person_per_day": 1}
    )
    async with open_app(limited, clock=clock, apply_migrations=True) as app:
        yield app


async def test_one_person_runs_out_of_renders_while_the_group_does_not(
    per_person: App, clock: ManualClock
) -> None:
    preview = only(await say(per_person, AUTHOR, *FULL_EVENT), Preview)
    only(await say(per_person, AUTHOR, Action(f"rv:{preview.event_id}:theme:neon")), Preview)
    refused = only(
        await say(per_person, AUTHOR, Action(f"rv:{preview.event_id}:theme:minimal")), Problem
    )
    assert "한 분이 만들 수 있는 이미지(2장)" in refused.message
    assert "11월 22일 (일) 00:00" in refused.message  # the workspace's midnight

    only(await say(per_person, MEMBER, *FULL_EVENT), Preview)  # the same group, another person

    clock.advance(timedelta(hours=9))  # midnight in Seoul
    only(await say(per_person, AUTHOR, Action(f"rv:{preview.event_id}:theme:minimal")), Preview)


async def test_one_person_runs_out_of_posts_while_another_admin_may_still_post(
    per_person: App,
) -> None:
    first, _ = await approved_event(per_person)
    only(await say(per_person, ADMIN, Action(f"cp:{first}:now")), Notice)
    second = await _second_approved_event(per_person)

    refused = only(await say(per_person, ADMIN, Action(f"cp:{second}:now")), Problem)
    assert "한 분이 시작할 수 있는 게시(1개)" in refused.message
    assert await posts_of(per_person, second) == []

    only(await say(per_person, OTHER_ADMIN, Action(f"cp:{second}:now")), Notice)
    assert [post.status for post in await posts_of(per_person, second)] == ["pending"]


async def _second_approved_event(app: App) -> int:
    preview = only(await say(app, AUTHOR, *FULL_EVENT), Preview)
    await say(app, AUTHOR, Action(next(c.id for c in preview.actions if ":approve" in c.id)))
    return preview.event_id


async def test_a_unit_the_chat_refuses_is_given_back_to_the_person(app: App) -> None:
    daily = DailyLimits(posts_per_day=25, renders_per_day=1, renders_per_person=5)
    now = app.clock()
    async with app.sessions.begin() as session:
        turn = await load_turn(
            session, AUTHOR, now=now, default_timezone="Asia/Seoul", default_locale="ko"
        )
        where = {"workspace_id": turn.workspace.id, "user_id": turn.user.id}
    day = limits.local_day(now, SEOUL)
    async with app.sessions.begin() as session:
        granted = await limits.take(session, daily, Usage.RENDER, now=now, zone=SEOUL, **where)
        refusal = await limits.take(session, daily, Usage.RENDER, now=now, zone=SEOUL, **where)
        used = await limits.used_personal(session, Usage.RENDER, user_id=where["user_id"], day=day)
    assert granted is None
    assert refusal is not None and not refusal.personal and refusal.limit == 1
    assert used == 1  # the second unit went back when the chat said no
