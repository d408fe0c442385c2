"""The process dies just before, or just after, `media_publish` reaches Instagram.

Journal writes go through one group commit (core/publishing/journal_writer.py), so these
tests pin what the batching must keep: when `media_publish` arrives, the intent to publish
(the container id and the time of the attempt) is already committed, and whichever side
of the irreversible step the process died on, the next attempt ends with exactly one post.
"""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from core.app import App
from core.clock import ManualClock
from storage import deliveries as rows
from tests.fakes.graph_api import FakeGraphApi
from tests.instagram_flow.helpers import (
    approved_with_instagram,
    deliveries,
    listen,
    press,
)
from tests.publishing.helpers import attempts, expire_leases


async def _die_when_publish_arrives(
    app: App, graph: FakeGraphApi, *, publish_goes_through: bool
) -> dict[str, str]:
    """Run the dispatcher and kill it as `media_publish` arrives; returns the journal the
    database held at that moment."""
    listen(app)
    event_id, _ = await approved_with_instagram(app)
    await press(app, f"cp:{event_id}:now")
    running = asyncio.create_task(app.publishing.dispatcher.run_due())
    seen: dict[str, str] = {}

    async def die() -> None:
        [delivery] = await deliveries(app)
        seen.update(delivery.journal)
        running.cancel()  # the worker is gone; whatever it was waiting for stays unheard
        if not publish_goes_through:
            raise web.HTTPServiceUnavailable()

    graph.on_arrival("media_publish", die)
    with pytest.raises(asyncio.CancelledError):
        await running
    return seen


@pytest.mark.parametrize("publish_goes_through", [False, True], ids=["before", "after"])
async def test_dying_around_media_publish_ends_with_one_post(
    app: App, graph: FakeGraphApi, clock: ManualClock, publish_goes_through: bool
) -> None:
    seen = await _die_when_publish_arrives(app, graph, publish_goes_through=publish_goes_through)

    assert seen["container_id"] and seen["publish_attempted_at"]  # committed before the call
    assert "media_id" not in seen
    assert len(graph.published) == (1 if publish_goes_through else 0)
    await expire_leases(app)  # the dead worker's lease runs out; another process takes over
    report = await app.publishing.dispatcher.run_due()

    [media] = graph.published
    assert report.published == 1
    [delivery] = await deliveries(app)
    assert (delivery.status, delivery.external_id) == (rows.PUBLISHED, media.id)
    assert media.container_id == seen["container_id"]  # the same container, never a second
    publishes = len(graph.calls_to("media_publish"))
    assert publishes == (1 if publish_goes_through else 2)
    [attempt] = await attempts(app, delivery.id)  # the dead worker recorded nothing
    assert attempt.outcome == ("verified" if publish_goes_through else "published")
