"""put_object and presigned GETs against moto's S3 over real HTTP."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from core.clock import ManualClock
from core.media_hosting import sigv4
from core.media_hosting.s3 import S3Bucket, S3Error
from core.media_hosting.s3_host import S3ImageHost
from tests.s3.moto_s3 import MotoS3

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
SHA = hashlib.sha256(JPEG).hexdigest()


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


def bucket_of(moto: MotoS3, secret: str | None = None) -> S3Bucket:
    keys = sigv4.Credentials(moto.access_key_id, secret or moto.secret_access_key)
    return S3Bucket(moto.url, moto.bucket, keys)


def now() -> datetime:
    return datetime.now(UTC)


async def test_upload_then_presigned_download(moto: MotoS3, http: httpx.AsyncClient) -> None:
    host = S3ImageHost(bucket_of(moto), http, ttl=timedelta(minutes=5))
    with moto.authenticating():  # moto checks our Authorization headers here
        await host.upload(SHA, JPEG)
        assert await host.bucket.exists(http, host.key_for(SHA), now=now())

    url = host.url_for(SHA)
    response = await http.get(url)

    assert url.startswith(f"{moto.url}/flyers/flyerbot/{SHA}.jpg?X-Amz-Algorithm=")
    assert response.status_code == 200
    assert response.content == JPEG
    assert response.headers["content-type"] == "image/jpeg"


async def test_a_wrong_secret_is_refused(moto: MotoS3, http: httpx.AsyncClient) -> None:
    with moto.authenticating(), pytest.raises(S3Error) as refused:
        await bucket_of(moto, secret="not-the-secret").put_object(
            http, "flyerbot/forged.jpg", JPEG, "image/jpeg", now=now()
        )
    assert refused.value.status == 403
    assert refused.value.code == "SignatureDoesNotMatch"


async def test_upload_skips_an_object_already_there(moto: MotoS3, http: httpx.AsyncClient) -> None:
    host = S3ImageHost(bucket_of(moto), http)
    await host.upload(SHA, JPEG)
    puts: list[str] = []

    async def record(request: httpx.Request) -> None:
        puts.append(request.method)

    http.event_hooks["request"].append(record)
    await host.upload(SHA, JPEG)
    assert puts == ["HEAD"]


async def test_expired_or_tampered_urls_are_refused(moto: MotoS3, http: httpx.AsyncClient) -> None:
    from tests.s3.presign_gate import PresignGate

    clock = ManualClock(now())
    await S3ImageHost(bucket_of(moto), http).upload(SHA, JPEG)
    async with PresignGate(moto.url, moto.access_key_id, moto.secret_access_key, clock) as gate:
        keys = sigv4.Credentials(moto.access_key_id, moto.secret_access_key)
        host = S3ImageHost(
            S3Bucket(gate.url, moto.bucket, keys), http, clock=clock, ttl=timedelta(minutes=10)
        )
        url = host.url_for(SHA)
        other = host.url_for("cd" * 32)
        good = await http.get(url)
        assert (good.status_code, good.content) == (200, JPEG)

        tampered = url.replace(SHA, "cd" * 32)  # another image under this URL's signature
        assert (await http.get(tampered)).status_code == 403
        forged = url.replace("X-Amz-Expires=600", "X-Amz-Expires=604800")
        assert (await http.get(forged)).status_code == 403
        assert (await http.get(other)).status_code == 404  # well signed, just not there

        clock.advance(timedelta(minutes=10))
        assert (await http.get(url)).status_code == 403
