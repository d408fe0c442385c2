"""An ImageHost on S3-compatible storage: upload once, then hand out presigned GET URLs.

Keys are content-addressed (`{prefix}{sha256}.jpg`), so uploading the same image twice
is harmless and a retried attempt finds its object already there.
"""

from __future__ import annotations

from datetime import timedelta

import httpx

from core.clock import Clock, system_clock
from core.media_hosting import sigv4
from core.media_hosting.s3 import MAX_PRESIGN_SECONDS, S3Bucket
from core.media_urls import DEFAULT_TTL, is_sha256
from core.settings import Settings

_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


def content_type_of(data: bytes) -> str:
    """Sniffed, like the media server does: a wrong type fails later and more obscurely."""
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    return "application/octet-stream"


class S3ImageHost:
    """ImageHost whose `url_for` is a presigned URL; `upload` must have run first."""

    def __init__(
        self,
        bucket: S3Bucket,
        http: httpx.AsyncClient,
        *,
        prefix: str = "flyerbot/",
        clock: Clock = system_clock,
        ttl: timedelta = DEFAULT_TTL,
    ) -> None:
        self.bucket = bucket
        self._http = http
        self._prefix = prefix
        self._clock = clock
        # S3 caps presigned URLs at a week; a longer setting is for the media server.
        self._ttl_seconds = min(int(ttl.total_seconds()), MAX_PRESIGN_SECONDS)

    def key_for(self, sha256: str) -> str:
        if not is_sha256(sha256):
            raise ValueError("not a sha256 hex digest")
        return f"{self._prefix}{sha256}.jpg"

    def url_for(self, sha256: str) -> str:
        return self.bucket.presign_get(self.key_for(sha256), self._ttl_seconds, self._clock())

    async def upload(self, sha256: str, data: bytes) -> None:
        """Put the image in the bucket unless an object with its key is already there."""
        key = self.key_for(sha256)
        if await self.bucket.exists(self._http, key, now=self._clock()):
            return
        await self.bucket.put_object(
            self._http, key, data, content_type_of(data), now=self._clock()
        )

    async def remove(self, sha256: str) -> None:
        """Delete the image's object (its bytes are no longer anyone's)."""
        await self.bucket.delete_object(self._http, self.key_for(sha256), now=self._clock())


def s3_image_host_from(
    settings: Settings, http: httpx.AsyncClient, clock: Clock
) -> S3ImageHost | None:
    """The S3 host when FLYERBOT_S3_BUCKET and both keys are set, else None."""
    if not settings.s3_configured:
        return None
    assert settings.s3_bucket and settings.s3_access_key_id and settings.s3_secret_access_key
    credentials = sigv4.Credentials(
        settings.s3_access_key_id, settings.s3_secret_access_key.get_secret_value()
    )
    bucket = S3Bucket(
        settings.s3_endpoint_url, settings.s3_bucket, credentials, region=settings.s3_region
    )
    return S3ImageHost(
        bucket,
        http,
        prefix=settings.s3_prefix,
        clock=clock,
        ttl=timedelta(seconds=settings.media_url_ttl_seconds),
    )
