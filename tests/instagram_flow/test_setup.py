"""What happens when the server is not set up for Instagram: said, not silently failed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from core import i18n
from core.app import App, open_app
from core.clock import ManualClock
from core.conversation.messages import Command, Problem, Text
from core.publishers.reasons import Reason
from core.settings import Settings
from storage import deliveries as rows
from tests.campaigns.helpers import ADMIN
from tests.conversation.helpers import say
from tests.fakes.graph_api import TOKEN, FakeGraphApi
from tests.instagram_flow.helpers import (
    ADMIN_DM,
    approved_with_instagram,
    deliveries,
    instagram_targets,
    listen,
    press,
)


@pytest.fixture
async def unexposed(settings: Settings, clock: ManualClock) -> AsyncIterator[App]:
    """The same app without FLYERBOT_PUBLIC_BASE_URL."""
    bare = settings.model_copy(update={"public_base_url": None})
    async with open_app(bare, clock=clock, apply_migrations=True) as app:
        yield app


async def test_without_a_public_url_connecting_warns_and_posting_says_what_to_set(
    unexposed: App, graph: FakeGraphApi
) -> None:
    notifier = listen(unexposed)
    event_id, _ = await approved_with_instagram(unexposed)
    await press(unexposed, f"cp:{event_id}:now")

    report = await unexposed.publishing.dispatcher.run_due()

    assert report.failed == 1
    [delivery] = await deliveries(unexposed)
    assert delivery.status == rows.FAILED
    assert "FLYERBOT_PUBLIC_BASE_URL" in (delivery.last_error_message or "")
    [target] = await instagram_targets(unexposed)
    assert target.status == "active"  # nothing wrong with the account
    [told] = notifier.outputs
    assert delivery.last_error_key == Reason.IG_NO_PUBLIC_URL
    assert isinstance(told, Problem) and i18n.text(Reason.IG_NO_PUBLIC_URL, "ko") in told.message
    assert graph.calls_to("create_container") == []


async def test_the_connect_reply_warns_when_posting_cannot_work_yet(
    unexposed: App, graph: FakeGraphApi
) -> None:
    await say(unexposed, ADMIN, Command("connect", "instagram"))
    outputs = await say(unexposed, ADMIN_DM, Text(TOKEN))
    assert any(isinstance(o, Problem) and "PUBLIC_BASE_URL" in o.message for o in outputs)
