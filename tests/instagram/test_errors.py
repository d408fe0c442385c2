"""Failures sorted into what the engine should do: retry, wait, give up, or reconnect."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from core.clock import ManualClock
from core.publishers.base import ErrorKind, Journal, Published, PublishError
from core.publishers.instagram import InstagramPublisher
from tests.fakes.graph_api import (
    FakeGraphApi,
    GraphErrorReply,
    ServerError,
    Throttled,
    TransientError,
)
from tests.instagram.conftest import publication


async def publish_with_retries(
    publisher: InstagramPublisher, journal: Journal, shas: list[str], attempts: int = 3
) -> tuple[Published, list[ErrorKind]]:
    """The engine's loop, reduced to its rule: retry TRANSIENT, stop on anything else."""
    seen: list[ErrorKind] = []
    for _ in range(attempts):
        try:
            return await publisher.publish(publication(shas), journal), seen
        except PublishError as error:
            seen.append(error.kind)
            if error.kind is not ErrorKind.TRANSIENT:
                raise
    raise AssertionError(f"still failing after {attempts} attempts: {seen}")


async def test_quota_exhausted_waits_until_the_oldest_post_leaves_the_window(
    publisher: InstagramPublisher, graph: FakeGraphApi, clock: ManualClock, shas: list[str]
) -> None:
    graph.quota_total = 3  # not 50, not 100: whatever Instagram says
    for hours_ago in (23, 2, 1):
        graph.seed_post(clock() - timedelta(hours=hours_ago))

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), Journal())

    assert caught.value.kind is ErrorKind.RATE_LIMITED
    assert caught.value.retry_after == 3600
    assert "3 posts per 24 hours" in caught.value.user_message
    assert graph.calls_to("create_container") == []


async def test_quota_window_is_read_not_assumed(
    publisher: InstagramPublisher, graph: FakeGraphApi, clock: ManualClock, shas: list[str]
) -> None:
    graph.quota_total, graph.quota_duration = 2, 7200
    graph.seed_post(clock() - timedelta(minutes=90))
    graph.seed_post(clock() - timedelta(minutes=10))

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), Journal())

    assert caught.value.retry_after == 30 * 60


async def test_quota_refusal_at_publish_time_is_rate_limited(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject(
        "media_publish", GraphErrorReply(9, 2207042, "You reached maximum number of posts")
    )
    journal = Journal()

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), journal)

    assert caught.value.kind is ErrorKind.RATE_LIMITED
    assert caught.value.retry_after is not None and caught.value.retry_after >= 60
    assert journal.facts["container_id"]  # kept: the retry publishes the same container


async def test_expired_token_asks_to_reconnect_without_retrying(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.expire_token()

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), Journal())

    assert caught.value.kind is ErrorKind.AUTH
    assert caught.value.code == "190/463"
    assert "expired" in caught.value.user_message and "reconnect" in caught.value.user_message
    assert len(graph.calls) == 1


@pytest.mark.parametrize("endpoint", ["publishing_limit", "create_container", "container_status"])
async def test_server_error_once_is_transient_and_a_retry_publishes_once(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str], endpoint: str
) -> None:
    graph.inject(endpoint, ServerError(502))

    published, seen = await publish_with_retries(publisher, Journal(), shas[:1])

    assert seen == [ErrorKind.TRANSIENT]
    assert [m.id for m in graph.published] == [published.external_id]


async def test_server_errors_several_times_are_each_transient(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("container_status", ServerError(503), times=2)

    _, seen = await publish_with_retries(publisher, Journal(), shas[:1])

    assert seen == [ErrorKind.TRANSIENT, ErrorKind.TRANSIENT]
    assert len(graph.containers) == 1 and len(graph.published) == 1


@pytest.mark.parametrize("code", [1, 2])
async def test_transient_graph_error_is_transient(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str], code: int
) -> None:
    graph.inject("create_container", TransientError(code))

    _, seen = await publish_with_retries(publisher, Journal(), shas[:1])

    assert seen == [ErrorKind.TRANSIENT]
    assert len(graph.published) == 1


async def test_throttling_error_waits_for_the_regain_time(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("create_container", Throttled(regain_minutes=7))

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), Journal())

    assert caught.value.kind is ErrorKind.RATE_LIMITED
    assert caught.value.retry_after == 7 * 60


async def test_usage_header_at_100_stops_before_the_next_call(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.usage = {"call_count": 100, "total_cputime": 40, "total_time": 35}

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), Journal())

    assert caught.value.kind is ErrorKind.RATE_LIMITED
    assert caught.value.retry_after == 300
    assert [call.endpoint for call in graph.calls] == ["publishing_limit"]


async def test_usage_header_with_regain_time_is_rate_limited_for_that_long(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.usage = {"call_count": 60, "estimated_time_to_regain_access": 12}

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), Journal())

    assert caught.value.kind is ErrorKind.RATE_LIMITED
    assert caught.value.retry_after == 12 * 60


async def test_usage_header_below_100_does_not_stop_anything(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.usage = {"call_count": 99, "total_cputime": 10, "total_time": 10}

    await publisher.publish(publication(shas[:1]), Journal())

    assert len(graph.published) == 1


async def test_usage_header_after_publishing_does_not_hide_the_post(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("read_media", Throttled())

    published = await publisher.publish(publication(shas[:1]), Journal())

    assert published.external_id == graph.published[0].id
    assert published.url is None  # live, only the link is missing


async def test_missing_permission_is_permanent_and_says_which(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject(
        "create_container",
        GraphErrorReply(10, None, "(#10) Requires instagram_content_publish permission"),
    )

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), Journal())

    assert caught.value.kind is ErrorKind.PERMANENT
    assert "instagram_content_publish" in caught.value.user_message


async def test_spam_block_at_publish_is_permanent_when_the_post_is_not_live(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("media_publish", GraphErrorReply(4, 2207051, "Action is blocked"))

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), Journal())

    assert caught.value.kind is ErrorKind.PERMANENT
    assert "spam" in caught.value.user_message
    assert len(graph.calls_to("container_status")) == 2  # it looked before failing


async def test_server_error_at_publish_is_unknown_then_verified_and_retried(
    make_publisher: Callable[..., InstagramPublisher], graph: FakeGraphApi, shas: list[str]
) -> None:
    publisher = make_publisher()
    graph.inject("media_publish", ServerError(500))  # refused before anything happened
    journal = Journal()

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), journal)
    assert caught.value.kind is ErrorKind.UNKNOWN_OUTCOME

    assert await publisher.verify(publication(shas[:1]), journal) is None
    published = await publisher.publish(publication(shas[:1]), journal)
    assert [m.id for m in graph.published] == [published.external_id]
    assert len(graph.containers) == 1
