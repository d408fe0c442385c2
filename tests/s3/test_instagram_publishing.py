"""The engine publishes to Instagram with S3 configured and no public media server: the fake
Graph API downloads the image from the presigned URL on moto's S3."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from core.app import App
from storage import deliveries as rows
from tests.fakes.graph_api import FakeGraphApi
from tests.instagram_flow.helpers import approved_with_instagram, deliveries, press
from tests.s3.moto_s3 import MotoS3


@pytest.fixture
def s3_prefix() -> str:
    return "engine-test/"


async def test_post_now_publishes_from_a_presigned_s3_url(
    app: App, graph: FakeGraphApi, moto: MotoS3
) -> None:
    event_id, _ = await approved_with_instagram(app)
    await press(app, f"cp:{event_id}:now")

    report = await app.publishing.dispatcher.run_due()

    assert report.published == 1
    [media] = graph.published
    [delivery] = await deliveries(app)
    assert (delivery.status, delivery.external_id) == (rows.PUBLISHED, media.id)
    [fetch] = graph.fetches
    assert fetch.ok and fetch.content_type == "image/jpeg"
    url = urlparse(fetch.url)
    assert f"{url.scheme}://{url.netloc}" == moto.url
    assert url.path.startswith(f"/{moto.bucket}/engine-test/") and url.path.endswith(".jpg")
    query = parse_qs(url.query)
    assert query["X-Amz-SignedHeaders"] == ["host"] and "X-Amz-Signature" in query
