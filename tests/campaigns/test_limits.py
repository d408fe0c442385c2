"""Daily limits per workspace: renders and posts, refused with the local reset time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from core.app import App, open_app
from core.clock import ManualClock
from core.conversation.messages import Action, Problem
from core.settings import Settings
from tests.campaigns.helpers import ORGANISER, approved_event, press
from tests.conversation.helpers import (
    AUTHOR,
    FULL_EVENT,
    action_id,
    only,
    preview_of_full_event,
    say,
)
from tests.publishing.helpers import RecordingNotifier, ScriptedPublisher, post, seed, use_fake


@pytest.fixture
async def tight(settings: Settings, clock: ManualClock) -> AsyncIterator[App]:
    limited = settings.model_copy(update={"renders_per_day": 2, "posts_per_day": 1})
    async with open_app(limited, clock=clock, apply_migrations=True) as app:
        yield app


async def test_renders_beyond_the_daily_limit_are_refused_until_local_midnight(
    tight: App, clock: ManualClock
) -> None:
    preview = (await say(tight, AUTHOR, *FULL_EVENT))[-1]
    await say(tight, AUTHOR, Action(f"rv:{preview.event_id}:theme:neon"))  # type: ignore[union-attr]
    refused = only(
        await say(tight, AUTHOR, Action(f"rv:{preview.event_id}:theme:minimal")),  # type: ignore[union-attr]
        Problem,
    )
    # 15:00 in Seoul: the allowance comes back at the workspace's midnight.
    assert "2장" in refused.message and "11월 22일 (일) 00:00" in refused.message

    clock.advance(timedelta(hours=9))  # 00:00 KST
    assert not any(
        isinstance(output, Problem)
        for output in await say(tight, AUTHOR, Action(f"rv:{preview.event_id}:theme:minimal"))  # type: ignore[union-attr]
    )


async def test_post_now_beyond_the_daily_limit_is_refused(tight: App) -> None:
    event_id, _ = await approved_event(tight)
    await press(tight, f"cp:{event_id}:now")
    await tight.publishing.dispatcher.run_due()
    second = await preview_of_full_event(tight)  # another event: the same image posts once
    await say(tight, ORGANISER, Action(action_id(second, "approve")))
    refused = only(await press(tight, f"cp:{second.event_id}:now"), Problem)
    assert "게시 한도(1개)" in refused.message and "00:00" in refused.message


async def test_a_scheduled_post_over_the_limit_waits_for_midnight_and_says_so(
    tight: App, clock: ManualClock
) -> None:
    publisher, notifier = ScriptedPublisher(), RecordingNotifier()
    use_fake(tight, publisher, notifier)
    seeded = await seed(tight, due_at=clock.now, posts=2)

    report = await tight.publishing.dispatcher.run_due()

    assert report.published == 1
    waiting = await post(tight, seeded.post_ids[1])
    assert waiting.status == "pending" and waiting.notified_status == "deferred"
    texts = [getattr(output, "text", "") for output in notifier.outputs]
    assert any("limit of 1 posts is used up" in text and "00:00" in text for text in texts)

    clock.advance(timedelta(hours=9))  # midnight in Seoul
    assert (await tight.publishing.dispatcher.run_due()).published == 1
    assert sorted(publisher.sent) == sorted(seeded.delivery_ids)
