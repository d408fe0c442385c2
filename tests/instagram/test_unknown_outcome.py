"""A publish whose answer was lost: record, raise UNKNOWN_OUTCOME, verify, never post twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from core.clock import ManualClock
from core.publishers.base import ErrorKind, Journal, PublishError
from core.publishers.instagram import InstagramPublisher
from tests.fakes.graph_api import FakeGraphApi, GraphErrorReply, LostReply, ServerError
from tests.instagram.conftest import CAPTION, publication


@pytest.mark.parametrize("drop_connection", [False, True], ids=["502", "dropped"])
async def test_lost_publish_reply_is_unknown_then_verify_finds_the_post(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str], drop_connection: bool
) -> None:
    graph.inject("media_publish", LostReply(drop_connection=drop_connection))
    journal = Journal()

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), journal)

    assert caught.value.kind is ErrorKind.UNKNOWN_OUTCOME
    assert journal.facts["container_id"] and "media_id" not in journal.facts
    [live] = graph.published  # it did go out

    found = await publisher.verify(publication(shas[:1]), journal)

    assert found is not None and found.external_id == live.id and found.url == live.permalink
    assert journal.facts["media_id"] == live.id
    assert len(graph.calls_to("media_publish")) == 1


async def test_publish_after_a_lost_reply_does_not_publish_twice(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("media_publish", LostReply())
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(shas[:1]), journal)

    # An engine that retries without verifying first is still safe.
    again = await publisher.publish(publication(shas[:1]), journal)

    [live] = graph.published
    assert again.external_id == live.id
    assert len(graph.calls_to("media_publish")) == 1


async def test_verify_is_not_fooled_by_an_older_post_with_the_same_caption(
    publisher: InstagramPublisher, graph: FakeGraphApi, clock: ManualClock, shas: list[str]
) -> None:
    older = graph.seed_post(clock() - timedelta(minutes=30), CAPTION)
    graph.inject("media_publish", LostReply())
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(shas[:1]), journal)
    clock.advance(timedelta(minutes=5))
    graph.seed_post(clock(), "posted by hand meanwhile")

    found = await publisher.verify(publication(shas[:1]), journal)

    assert found is not None and found.external_id != older.id
    assert found.external_id == graph.published[0].id


async def test_lost_reply_for_a_carousel_is_found_as_an_album(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("media_publish", LostReply(drop_connection=True))
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(shas[:4]), journal)

    found = await publisher.verify(publication(shas[:4]), journal)

    assert found is not None and found.external_id == graph.published[0].id
    assert graph.published[0].media_type == "CAROUSEL_ALBUM"


async def test_lost_reply_for_a_story_is_found_among_stories(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("media_publish", LostReply())
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(shas[:1], placement="story"), journal)

    found = await publisher.verify(publication(shas[:1], placement="story"), journal)

    assert found is not None and found.external_id == graph.published[0].id
    assert graph.calls_to("list_stories") and not graph.calls_to("list_media")


async def test_verify_before_anything_was_created_says_not_published(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    assert await publisher.verify(publication(shas[:1]), Journal()) is None
    assert graph.calls == []


async def test_verify_of_a_finished_container_says_not_published(
    make_publisher: Callable[..., InstagramPublisher], graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.polls_until_finished = 5
    publisher = make_publisher(max_polls=1)
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(shas[:1]), journal)

    assert await publisher.verify(publication(shas[:1]), journal) is None
    assert graph.calls_to("list_media") == []


async def test_verify_with_a_known_media_id_only_reads_the_permalink(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    journal = Journal()
    published = await publisher.publish(publication(shas[:1]), journal)
    graph.calls.clear()

    assert await publisher.verify(publication(shas[:1]), journal) == published
    assert [call.endpoint for call in graph.calls] == ["read_media"]


async def test_published_but_not_listed_yet_stays_unknown(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("media_publish", LostReply())
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(shas[:1]), journal)
    graph.published[0].caption = "edited by hand"  # nothing we can recognise any more

    with pytest.raises(PublishError) as caught:
        await publisher.verify(publication(shas[:1]), journal)

    assert caught.value.kind is ErrorKind.UNKNOWN_OUTCOME
    assert "media_id" not in journal.facts
    assert len(graph.calls_to("media_publish")) == 1


async def test_container_gone_after_a_lost_reply_is_never_replaced_blindly(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("media_publish", LostReply())
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(shas[:1]), journal)
    graph.inject("container_status", GraphErrorReply(24, 2207008, "Media not found"), times=2)

    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), journal)  # retried without verifying
    assert caught.value.kind is ErrorKind.UNKNOWN_OUTCOME
    found = await publisher.verify(publication(shas[:1]), journal)

    assert found is not None and found.external_id == graph.published[0].id
    assert len(graph.containers) == 1 and len(graph.calls_to("media_publish")) == 1


async def test_container_gone_and_no_post_means_not_published_and_a_fresh_start(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    graph.inject("media_publish", ServerError())  # refused: nothing went out
    journal = Journal()
    with pytest.raises(PublishError):
        await publisher.publish(publication(shas[:1]), journal)
    graph.inject("container_status", GraphErrorReply(24, 2207008, "Media not found"))

    assert await publisher.verify(publication(shas[:1]), journal) is None
    assert journal.facts["container_id"] == ""
    await publisher.publish(publication(shas[:1]), journal)
    assert len(graph.containers) == 2 and len(graph.published) == 1
