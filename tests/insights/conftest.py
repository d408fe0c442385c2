"""Insights against the fake Graph API over real HTTP, with the app's own settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr

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
def settings(tmp_path: Path, database_url: str, graph: FakeGraphApi) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=SecretStr(SECRET_KEY),
        instagram_graph_url=graph.url,
        instagram_login_url=graph.root_url,
    )
