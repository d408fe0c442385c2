"""A publisher wrapper that puts a publication's images on S3 before the real publisher runs.

ImageHost.url_for is synchronous and the Instagram publisher only asks for URLs, so the
upload happens here, once per attempt, ahead of everything the platform will download.
"""

from __future__ import annotations

from core.media_hosting.s3 import S3Error
from core.media_hosting.s3_host import S3ImageHost
from core.publishers.base import ErrorKind, Journal, Publication, Published, Publisher, PublishError
from core.publishers.reasons import Reason

UPLOAD_FAILED = (
    "The image could not be uploaded to S3 storage ({detail}). Check the FLYERBOT_S3_* "
    "settings and the bucket's permissions (see README, Instagram)."
)


class UploadingPublisher:
    """Uploads every image of the publication to `host`, then delegates to `inner`."""

    def __init__(self, inner: Publisher, host: S3ImageHost) -> None:
        self.kind = inner.kind
        self._inner = inner
        self._host = host

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        for sha256, data in zip(publication.image_sha256s, publication.images, strict=True):
            try:
                await self._host.upload(sha256, data)
            except S3Error as error:
                raise _classified(error) from error
        return await self._inner.publish(publication, journal)

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        return await self._inner.verify(publication, journal)


def _classified(error: S3Error) -> PublishError:
    """No answer or a 5xx/429 may pass; any other refusal is configuration, so it is final."""
    status = error.status
    transient = status is None or status >= 500 or status in (408, 429)
    kind = ErrorKind.TRANSIENT if transient else ErrorKind.PERMANENT
    detail = f"HTTP {status} {error.code}".strip() if status is not None else "no answer"
    return PublishError(
        kind,
        UPLOAD_FAILED.format(detail=detail),
        code="s3-upload",
        message_key=Reason.S3_UPLOAD_FAILED,
        message_params={"detail": detail},
    )
