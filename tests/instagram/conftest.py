"""Real HTTP all the way: the publisher's httpx client talks to the fake Graph API, which
downloads images from the bot's own media server through signed URLs."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from bot.http_server import create_media_app
from bot.serving import bound_port, serve
from core.clock import ManualClock
from core.media_urls import SignedImageHost
from core.publishers.base import Publication
from core.publishers.instagram import InstagramPublisher
from storage.media import MediaStore
from tests.fakes.graph_api import IG_USER_ID, TOKEN, FakeGraphApi

SECRET_KEY = b"test-secret-key-for-instagram"
CAPTION = "SEOUL TECHNO NIGHT — 11.21 SAT @ Faust #techno #서울"


def jpeg(shade: int, size: tuple[int, int] = (40, 50)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (shade, 30, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


def publication(
    shas: list[str] | tuple[str, ...],
    *,
    caption: str = CAPTION,
    alt_text: str = "",
    placement: str = "feed",
    delivery_id: int = 7,
) -> Publication:
    return Publication(
        delivery_id=delivery_id,
        images=(),
        image_sha256s=tuple(shas),
        caption=caption,
        alt_text=alt_text,
        placement=placement,  # type: ignore[arg-type]
    )


class RecordingSleep:
    """Stands in for asyncio.sleep: remembers the waits and moves the clock instead."""

    def __init__(self, clock: ManualClock) -> None:
        self.clock = clock
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        self.clock.advance(timedelta(seconds=seconds))


@pytest.fixture
def store(tmp_path: Path) -> MediaStore:
    return MediaStore(tmp_path / "media")


@pytest.fixture
def shas(store: MediaStore) -> list[str]:
    """Eleven distinct approved JPEGs in the content-addressed store."""
    return [store.write_file(jpeg(shade)) for shade in range(0, 220, 20)]


@pytest.fixture
async def media_url(store: MediaStore, clock: ManualClock) -> AsyncIterator[str]:
    app = create_media_app(store.root, SECRET_KEY, clock)
    runner = await serve(app, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{bound_port(runner)}"
    finally:
        await runner.cleanup()


@pytest.fixture
def image_host(media_url: str, clock: ManualClock) -> SignedImageHost:
    return SignedImageHost(media_url, SECRET_KEY, clock=clock)


@pytest.fixture
async def graph(clock: ManualClock) -> AsyncIterator[FakeGraphApi]:
    async with FakeGraphApi(clock=clock) as fake:
        yield fake


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5) as http:
        yield http


@pytest.fixture
def sleep(clock: ManualClock) -> RecordingSleep:
    return RecordingSleep(clock)


@pytest.fixture
def make_publisher(
    client: httpx.AsyncClient,
    graph: FakeGraphApi,
    image_host: SignedImageHost,
    sleep: RecordingSleep,
    clock: ManualClock,
) -> Callable[..., InstagramPublisher]:
    def make(**overrides: Any) -> InstagramPublisher:
        options: dict[str, Any] = {
            "graph_url": graph.url,
            "ig_user_id": IG_USER_ID,
            "access_token": TOKEN,
            "image_host": image_host,
            "sleep": sleep,
            "clock": clock,
        }
        return InstagramPublisher(client, **(options | overrides))

    return make


@pytest.fixture
def publisher(make_publisher: Callable[..., InstagramPublisher]) -> InstagramPublisher:
    return make_publisher()
