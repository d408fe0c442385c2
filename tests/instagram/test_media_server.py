"""Signed media URLs and the small server that honours them."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from core.clock import ManualClock
from core.crypto import TOKEN_PURPOSE
from core.media_urls import MEDIA_URL_PURPOSE, MediaUrlSigner, SignedImageHost, UrlCheck
from storage.media import MediaStore
from tests.instagram.conftest import SECRET_KEY, jpeg


def test_sign_gives_path_and_query_and_verify_checks_both() -> None:
    signer = MediaUrlSigner(SECRET_KEY)
    sha = "ab" * 32

    path = signer.sign(sha, 2_000_000_000)

    assert path.startswith(f"/media/{sha}.jpg?exp=2000000000&sig=")
    sig = path.rsplit("=", 1)[1]
    assert signer.verify(sha, 2_000_000_000, sig, now=1_999_999_999) is UrlCheck.OK
    assert signer.verify(sha, 2_000_000_000, sig, now=2_000_000_000) is UrlCheck.EXPIRED
    assert signer.verify(sha, 2_000_000_001, sig, now=0) is UrlCheck.BAD_SIGNATURE
    assert signer.verify("cd" * 32, 2_000_000_000, sig, now=0) is UrlCheck.BAD_SIGNATURE
    with pytest.raises(ValueError):
        signer.sign("../../etc/passwd", 1)


def test_media_key_differs_from_the_token_key() -> None:
    assert TOKEN_PURPOSE != MEDIA_URL_PURPOSE


@pytest.fixture
def sha(store: MediaStore) -> str:
    return store.write_file(jpeg(200))


async def test_good_url_serves_raw_jpeg_bytes(
    image_host: SignedImageHost, client: httpx.AsyncClient, store: MediaStore, sha: str
) -> None:
    response = await client.get(image_host.url_for(sha))

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.content == store.read(sha)


async def test_bad_signature_is_forbidden(
    image_host: SignedImageHost, client: httpx.AsyncClient, sha: str
) -> None:
    url = image_host.url_for(sha)

    tampered = await client.get(url[:-1] + ("0" if url[-1] != "0" else "1"))
    no_signature = await client.get(url.split("&sig=")[0])
    no_expiry = await client.get(url.split("?")[0])

    assert [tampered.status_code, no_signature.status_code, no_expiry.status_code] == [403] * 3
    assert tampered.content != b"" and b"\xff\xd8" not in tampered.content


async def test_expired_url_is_gone(
    image_host: SignedImageHost, client: httpx.AsyncClient, clock: ManualClock, sha: str
) -> None:
    url = image_host.url_for(sha)
    clock.advance(timedelta(hours=7))

    assert (await client.get(url)).status_code == 410


async def test_unknown_or_malformed_sha_is_not_found(
    image_host: SignedImageHost, client: httpx.AsyncClient, media_url: str
) -> None:
    assert (await client.get(image_host.url_for("0" * 64))).status_code == 404
    assert (await client.get(f"{media_url}/media/..%2F..%2Fsecret_key")).status_code == 404
    assert (await client.get(f"{media_url}/media/{'a' * 64}.png?exp=1&sig=x")).status_code == 404


async def test_healthz(client: httpx.AsyncClient, media_url: str) -> None:
    response = await client.get(f"{media_url}/healthz")

    assert response.status_code == 200 and response.json() == {"status": "ok"}
