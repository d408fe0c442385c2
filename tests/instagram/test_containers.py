"""Containers that are slow, not ready, broken or expired: resume, never duplicate."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta

import pytest
from PIL import Image

from core.clock import ManualClock
from core.media_urls import SignedImageHost
from core.publishers.base import ErrorKind, Journal, PublishError
from core.publishers.instagram import InstagramPublisher
from storage.media import MediaStore
from tests.fakes.graph_api import FakeGraphApi, NotReady
from tests.instagram.conftest import RecordingSleep, publication


async def test_slow_container_is_polled_until_finished_without_real_sleeping(
    publisher: InstagramPublisher, graph: FakeGraphApi, sleep: RecordingSleep, shas: list[str]
) -> None:
    graph.polls_until_finished = 3

    await publisher.publish(publication(shas[:1]), Journal())

    assert len(graph.calls_to("container_status")) == 4
    assert sleep.calls == [1.0, 1.0, 1.0]
    assert len(graph.published) == 1


async def test_container_still_processing_after_the_cap_is_transient_and_resumed(
    make_publisher: Callable[..., InstagramPublisher], graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.polls_until_finished = 6
    publisher = make_publisher(max_polls=4)
    journal = Journal()

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), journal)

    assert caught.value.kind is ErrorKind.TRANSIENT
    assert journal.facts["container_id"] in graph.containers
    await publisher.publish(publication(shas[:1]), journal)  # the engine's retry
    assert len(graph.containers) == 1  # the retry polled the same container
    assert len(graph.calls_to("publishing_limit")) == 1  # and skipped the quota check
    assert len(graph.published) == 1


async def test_carousel_children_still_processing_are_reused_on_retry(
    make_publisher: Callable[..., InstagramPublisher], graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.polls_until_finished = 5
    publisher = make_publisher(max_polls=3)
    journal = Journal()

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:3]), journal)

    assert caught.value.kind is ErrorKind.TRANSIENT
    assert len(journal.facts["children"].split(",")) == 3
    for child in graph.containers.values():
        child.polls_left = 0  # Meta finished them while the engine waited to retry
    graph.polls_until_finished = 0
    await publisher.publish(publication(shas[:3]), journal)
    assert len(graph.calls_to("create_container")) == 4  # three children, one parent
    assert len(graph.published) == 1


async def test_publish_before_ready_keeps_polling_the_same_container(
    publisher: InstagramPublisher, graph: FakeGraphApi, sleep: RecordingSleep, shas: list[str]
) -> None:
    graph.inject("media_publish", NotReady(), times=2)

    published = await publisher.publish(publication(shas[:1]), Journal())

    assert len(graph.calls_to("create_container")) == 1
    assert len(graph.calls_to("media_publish")) == 3
    assert len(sleep.calls) == 2
    assert published.external_id == graph.published[0].id


async def test_not_ready_forever_gives_up_as_transient(
    make_publisher: Callable[..., InstagramPublisher], graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("media_publish", NotReady(), times=100)

    with pytest.raises(PublishError) as caught:
        await make_publisher(max_polls=3).publish(publication(shas[:1]), Journal())

    assert caught.value.kind is ErrorKind.TRANSIENT
    assert graph.published == []


async def test_error_container_is_permanent_in_plain_words(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.fail_next_container(2207026)
    journal = Journal()

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), journal)

    assert caught.value.kind is ErrorKind.PERMANENT
    assert caught.value.code == "2207026"
    assert "could not process the image" in caught.value.user_message
    assert graph.calls_to("media_publish") == []
    assert journal.facts["container_id"] == ""  # a Retry starts with a fresh container


async def test_image_instagram_cannot_download_is_transient_with_a_hint(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    missing = "f" * 64  # approved but not in the store: the media server answers 404

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication([missing]), Journal())

    assert caught.value.kind is ErrorKind.TRANSIENT
    assert "FLYERBOT_PUBLIC_BASE_URL" in caught.value.user_message
    assert [fetch.status for fetch in graph.fetches] == [404]


async def test_a_url_signed_with_another_key_is_refused_by_the_media_server(
    make_publisher: Callable[..., InstagramPublisher],
    graph: FakeGraphApi,
    media_url: str,
    clock: ManualClock,
    shas: list[str],
) -> None:
    forged = SignedImageHost(media_url, b"not-the-secret-key", clock=clock)

    with pytest.raises(PublishError) as caught:
        await make_publisher(image_host=forged).publish(publication(shas[:1]), Journal())

    assert caught.value.kind is ErrorKind.TRANSIENT
    assert [fetch.status for fetch in graph.fetches] == [403]


async def test_a_png_is_served_as_png_and_refused_by_instagram(
    publisher: InstagramPublisher, graph: FakeGraphApi, store: MediaStore
) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    png = store.write_file(buffer.getvalue())

    with pytest.raises(PublishError):
        await publisher.publish(publication([png]), Journal())

    assert [(f.status, f.content_type) for f in graph.fetches] == [(200, "image/png")]


async def test_expired_container_is_replaced_by_a_new_one(
    make_publisher: Callable[..., InstagramPublisher],
    graph: FakeGraphApi,
    clock: ManualClock,
    shas: list[str],
) -> None:
    graph.polls_until_finished = 3
    publisher = make_publisher(max_polls=2)
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(shas[:1]), journal)
    stale = journal.facts["container_id"]

    clock.advance(timedelta(hours=25))
    graph.polls_until_finished = 0
    await publisher.publish(publication(shas[:1]), journal)

    assert journal.facts["container_id"] != stale
    assert len(graph.containers) == 2
    assert graph.published[0].container_id == journal.facts["container_id"]
