"""One moto S3 server for the whole package (starting it takes a moment).

Imported lazily, so the AWS test vectors still run where moto is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.s3.moto_s3 import MotoS3


@pytest.fixture(scope="session")
def moto() -> Iterator[MotoS3]:
    from tests.s3.moto_s3 import running_moto

    with running_moto("flyers") as server:
        yield server
