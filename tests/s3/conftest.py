"""One moto S3 server for the whole package (starting it takes a moment).

Imported lazily, so the AWS test vectors still run where moto is not installed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pydantic import SecretStr

from core.clock import ManualClock
from core.settings import Settings
from tests.fakes.graph_api import FakeGraphApi
from tests.leaks import TEST_SECRET_KEY

if TYPE_CHECKING:
    from tests.s3.moto_s3 import MotoS3


@pytest.fixture(scope="session")
def moto() -> Iterator[MotoS3]:
    from tests.s3.moto_s3 import running_moto

    with running_moto("flyers") as server:
        yield server


@pytest.fixture
def s3_prefix() -> str:
    return "flyerbot-test/"


@pytest.fixture
async def graph(clock: ManualClock) -> AsyncIterator[FakeGraphApi]:
    async with FakeGraphApi(clock=clock) as fake:
        yield fake


@pytest.fixture
def settings(
    tmp_path: Path, database_url: str, graph: FakeGraphApi, moto: MotoS3, s3_prefix: str
) -> Settings:
    """Instagram against the fake Graph API, its images hosted on the moto S3 bucket under
    `s3_prefix` (each test module names its own)."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=SecretStr(TEST_SECRET_KEY),
        instagram_graph_url=graph.url,
        instagram_login_url=graph.root_url,
        instagram_poll_interval_seconds=0,
        s3_endpoint_url=moto.url,
        s3_bucket=moto.bucket,
        s3_access_key_id=moto.access_key_id,
        s3_secret_access_key=SecretStr(moto.secret_access_key),
        s3_prefix=s3_prefix,
    )
