"""The fake itself keeps to the reference where the publisher never goes on its own."""

from __future__ import annotations

import httpx

from core.media_urls import SignedImageHost
from tests.fakes.graph_api import IG_USER_ID, TOKEN, FakeGraphApi

AUTH = {"Authorization": f"Bearer {TOKEN}"}


async def _container(client: httpx.AsyncClient, graph: FakeGraphApi, image_url: str) -> str:
    response = await client.post(
        f"{graph.url}/{IG_USER_ID}/media", data={"image_url": image_url}, headers=AUTH
    )
    return str(response.json()["id"])


async def test_publishing_before_finished_is_9007_and_publishes_nothing(
    client: httpx.AsyncClient, graph: FakeGraphApi, image_host: SignedImageHost, shas: list[str]
) -> None:
    graph.polls_until_finished = 2
    container = await _container(client, graph, image_host.url_for(shas[0]))

    response = await client.post(
        f"{graph.url}/{IG_USER_ID}/media_publish", data={"creation_id": container}, headers=AUTH
    )

    error = response.json()["error"]
    assert (error["code"], error["error_subcode"]) == (9007, 2207027)
    assert graph.published == []


async def test_quota_is_exhausted_when_usage_reaches_total(
    client: httpx.AsyncClient, graph: FakeGraphApi, image_host: SignedImageHost, shas: list[str]
) -> None:
    graph.quota_total = 1
    for sha in shas[:2]:
        container = await _container(client, graph, image_host.url_for(sha))
        response = await client.post(
            f"{graph.url}/{IG_USER_ID}/media_publish",
            data={"creation_id": container},
            headers=AUTH,
        )
    limit = await client.get(
        f"{graph.url}/{IG_USER_ID}/content_publishing_limit",
        params={"fields": "quota_usage,config"},
        headers=AUTH,
    )

    error = response.json()["error"]
    assert (error["code"], error["error_subcode"]) == (9, 2207042)
    [entry] = limit.json()["data"]
    assert entry["quota_usage"] == entry["config"]["quota_total"] == 1


async def test_token_in_the_query_is_accepted_but_recorded_as_such(
    client: httpx.AsyncClient, graph: FakeGraphApi
) -> None:
    response = await client.get(
        f"{graph.url}/{IG_USER_ID}", params={"fields": "id,username", "access_token": TOKEN}
    )

    assert response.json()["id"] == IG_USER_ID
    assert not graph.calls[0].bearer and "access_token" not in graph.calls[0].params


async def test_unknown_objects_are_graph_errors(
    client: httpx.AsyncClient, graph: FakeGraphApi
) -> None:
    response = await client.get(f"{graph.url}/999", headers=AUTH)

    assert response.status_code == 400 and response.json()["error"]["code"] == 100
