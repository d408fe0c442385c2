"""The quota is read once and trusted while it leaves room; Meta's refusal still wins."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from core.clock import ManualClock
from core.publishers.base import ErrorKind, Journal, PublishError
from core.publishers.instagram import InstagramPublisher
from core.publishers.instagram_quota import Quota
from core.publishers.instagram_quota_memory import MARGIN, MAX_AGE, QuotaMemory
from tests.fakes.graph_api import IG_USER_ID, FakeGraphApi, GraphErrorReply
from tests.instagram.conftest import publication


@pytest.fixture
def memory() -> QuotaMemory:
    return QuotaMemory()


@pytest.fixture
def publisher(
    make_publisher: Callable[..., InstagramPublisher], memory: QuotaMemory
) -> InstagramPublisher:
    return make_publisher(quota_memory=memory)


async def post(publisher: InstagramPublisher, shas: list[str], n: int) -> None:
    await publisher.publish(publication(shas[:1], caption=f"Night #{n}", delivery_id=n), Journal())


async def test_one_reading_serves_the_posts_after_it(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    for n in range(4):
        await post(publisher, shas, n)

    assert len(graph.published) == 4
    assert len(graph.calls_to("publishing_limit")) == 1


async def test_an_old_reading_is_read_again(
    publisher: InstagramPublisher, graph: FakeGraphApi, clock: ManualClock, shas: list[str]
) -> None:
    await post(publisher, shas, 1)
    clock.advance(MAX_AGE)
    await post(publisher, shas, 2)

    assert len(graph.calls_to("publishing_limit")) == 2


async def test_close_to_the_limit_every_post_reads_the_quota(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.quota_total = MARGIN + 3  # room for three posts before the margin is reached

    for n in range(5):
        await post(publisher, shas, n)

    reads = [index for index, call in enumerate(graph.calls) if call.endpoint == "publishing_limit"]
    assert len(reads) == 3  # before posts 1, 4 and 5
    assert len(graph.published) == 5


async def test_posts_made_elsewhere_end_in_metas_refusal_and_a_fresh_reading(
    publisher: InstagramPublisher,
    graph: FakeGraphApi,
    clock: ManualClock,
    memory: QuotaMemory,
    shas: list[str],
) -> None:
    graph.quota_total = 10
    await post(publisher, shas, 1)
    for minutes_ago in range(9):  # another app fills the allowance meanwhile
        graph.seed_post(clock() - timedelta(minutes=minutes_ago + 1))

    with pytest.raises(PublishError) as caught:
        await post(publisher, shas, 2)

    assert caught.value.kind is ErrorKind.RATE_LIMITED
    assert not memory.has_room(IG_USER_ID, clock())
    assert len(graph.published) == 1


async def test_an_exhausted_reading_is_not_trusted(
    publisher: InstagramPublisher, graph: FakeGraphApi, clock: ManualClock, shas: list[str]
) -> None:
    graph.quota_total = 1
    await post(publisher, shas, 1)

    for _ in range(2):
        with pytest.raises(PublishError):
            await post(publisher, shas, 2)

    assert len(graph.calls_to("publishing_limit")) == 3  # each refused post read afresh
    assert graph.calls_to("create_container")[1:] == []


def test_a_reading_from_the_future_is_not_trusted(clock: ManualClock) -> None:
    memory = QuotaMemory()
    memory.remember(IG_USER_ID, Quota(usage=0, total=100, window=86400), clock())

    assert memory.has_room(IG_USER_ID, clock())
    assert not memory.has_room(IG_USER_ID, clock() - timedelta(seconds=1))
    assert not memory.has_room("another-account", clock())


async def test_metas_refusal_at_publish_time_drops_the_reading(
    publisher: InstagramPublisher,
    graph: FakeGraphApi,
    memory: QuotaMemory,
    clock: ManualClock,
    shas: list[str],
) -> None:
    await post(publisher, shas, 1)
    graph.inject("media_publish", GraphErrorReply(9, 2207042, "You reached maximum"))

    with pytest.raises(PublishError):
        await post(publisher, shas, 2)

    assert not memory.has_room(IG_USER_ID, clock())
