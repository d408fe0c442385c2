"""Happy paths: one image, carousels and stories, end to end over real HTTP."""

from __future__ import annotations

import pytest

from core.publishers.base import ErrorKind, Journal, Publisher, PublishError
from core.publishers.instagram import InstagramPublisher
from core.publishers.instagram_rules import check_carousel, check_publication
from tests.fakes.graph_api import FakeGraphApi
from tests.instagram.conftest import CAPTION, publication


async def test_single_image_is_published_with_caption_alt_text_and_permalink(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    assert publisher.kind == "instagram"
    target: Publisher = publisher  # mypy checks the protocol is met
    journal = Journal()

    published = await target.publish(
        publication(shas[:1], alt_text="Poster: Faust, 21 Nov"), journal
    )

    [media] = graph.published
    assert published.external_id == media.id
    assert published.url == media.permalink
    assert media.media_type == "IMAGE" and media.caption == CAPTION
    [container] = graph.containers.values()
    assert container.alt_text == "Poster: Faust, 21 Nov"
    assert journal.facts["container_id"] == container.id
    assert journal.facts["media_id"] == media.id
    assert [call.endpoint for call in graph.calls] == [
        "publishing_limit",  # quota first, before anything is created
        "create_container",
        "container_status",
        "media_publish",
        "read_media",
    ]


async def test_meta_downloads_the_image_through_a_signed_url(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    await publisher.publish(publication(shas[:1]), Journal())

    [fetch] = graph.fetches
    assert fetch.ok and fetch.content_type == "image/jpeg"
    assert f"/media/{shas[0]}.jpg?exp=" in fetch.url and "&sig=" in fetch.url


async def test_every_step_is_journaled_before_the_next(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    snapshots: list[dict[str, str]] = []

    async def persist(facts: dict[str, str]) -> None:
        snapshots.append(facts)
        if "media_id" not in facts:
            # Nothing is published while only the container is known.
            assert graph.published == []

    await publisher.publish(publication(shas[:1]), Journal(persist=persist))

    before = [{}, *snapshots[:-1]]
    learned = [next(iter(set(s) - set(p))) for p, s in zip(before, snapshots, strict=True)]
    assert learned == ["container_id", "publish_attempted_at", "media_id"]


@pytest.mark.parametrize("count", [2, 10])
async def test_carousel_publishes_one_post_from_children(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str], count: int
) -> None:
    journal = Journal()

    published = await publisher.publish(
        publication(shas[:count], alt_text="Lineup poster"), journal
    )

    [media] = graph.published
    assert published.external_id == media.id and media.media_type == "CAROUSEL_ALBUM"
    parent = graph.containers[journal.facts["container_id"]]
    assert parent.media_type == "CAROUSEL" and parent.caption == CAPTION
    assert parent.children == journal.facts["children"].split(",")
    children = [graph.containers[c] for c in parent.children]
    assert all(child.is_carousel_item for child in children)
    assert [child.image_url.split("?")[0][-68:-4] for child in children] == shas[:count]
    assert [child.alt_text for child in children] == ["Lineup poster"] + [""] * (count - 1)
    assert graph.quota_usage() == 1  # a carousel counts as one post


async def test_one_image_is_a_single_post_not_a_carousel(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    await publisher.publish(publication(shas[:1]), Journal())

    [container] = graph.containers.values()
    assert container.media_type == "IMAGE" and not container.is_carousel_item


@pytest.mark.parametrize("count", [1, 11])
def test_carousel_sizes_outside_two_to_ten_are_refused(count: int) -> None:
    with pytest.raises(PublishError) as caught:
        check_carousel(["a" * 64] * count)
    assert caught.value.kind is ErrorKind.PERMANENT
    assert "2 to 10" in caught.value.user_message


async def test_eleven_images_are_refused_before_calling_instagram(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:11]), Journal())

    assert caught.value.kind is ErrorKind.PERMANENT
    assert graph.calls == []


@pytest.mark.parametrize(
    ("caption", "words"),
    [
        ("x" * 2201, "2201 characters"),
        (" ".join(f"#tag{i}" for i in range(31)), "31 hashtags"),
        (" ".join(f"@dj{i}" for i in range(21)), "21 accounts"),
    ],
)
async def test_captions_instagram_would_refuse_fail_before_any_call(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str], caption: str, words: str
) -> None:
    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1], caption=caption), Journal())

    assert caught.value.kind is ErrorKind.PERMANENT and words in caught.value.user_message
    assert graph.calls == []


def test_an_email_address_is_not_a_mention() -> None:
    caption = " ".join(f"dj{i}@example.com" for i in range(25))

    check_publication(publication(["a" * 64], caption=caption))


async def test_story_is_published_without_caption_or_alt_text(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    published = await publisher.publish(
        publication(shas[:1], placement="story", alt_text="ignored"), Journal()
    )

    [container] = graph.containers.values()
    [create] = graph.calls_to("create_container")
    assert create.params["media_type"] == "STORIES"
    assert "caption" not in create.params and "alt_text" not in create.params
    [media] = graph.published
    assert media.product_type == "STORY"
    assert published.url is not None and "/stories/" in published.url
    assert container.media_id == media.id


async def test_a_story_takes_exactly_one_image(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:2], placement="story"), Journal())

    assert caught.value.kind is ErrorKind.PERMANENT
    assert graph.calls == []


async def test_known_media_id_is_never_published_again(
    publisher: InstagramPublisher, graph: FakeGraphApi, shas: list[str]
) -> None:
    first = await publisher.publish(publication(shas[:1]), journal := Journal())

    again = await publisher.publish(publication(shas[:1]), journal)

    assert again == first
    assert len(graph.calls_to("media_publish")) == 1
    assert graph.calls[-1].endpoint == "read_media"
