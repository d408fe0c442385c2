"""The product with Instagram wired in: the engine's own publisher factory and /connect talk
to the fake Graph API, which downloads images from a real media server on a free port."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.http_server import create_media_app
from bot.serving import bound_port, serve
from core.clock import ManualClock
from core.settings import Settings
from tests.fakes.graph_api import FakeGraphApi
from tests.leaks import TEST_SECRET_KEY

SECRET_KEY = TEST_SECRET_KEY


@pytest.fixture
async def graph(clock: ManualClock) -> AsyncIterator[FakeGraphApi]:
    async with FakeGraphApi(clock=clock) as fake:
        yield fake


@pytest.fixture
async def media_url(tmp_path: Path, clock: ManualClock) -> AsyncIterator[str]:
    """bot/http_server.py serving the app's media store (DATA_DIR/media) on a free port."""
    media_app = create_media_app(tmp_path / "data" / "media", SECRET_KEY.encode(), clock)
    runner = await serve(media_app, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{bound_port(runner)}"
    finally:
        await runner.cleanup()


@pytest.fixture
def settings(tmp_path: Path, database_url: str, graph: FakeGraphApi, media_url: str) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=SecretStr(SECRET_KEY),
        instagram_graph_url=graph.url,
        instagram_login_url=graph.root_url,
        instagram_poll_interval_seconds=0,
        public_base_url=media_url,
    )
