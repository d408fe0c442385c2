"""Building an InstagramPublisher for a stored target, from settings and the target's row.

A target remembers how its token was issued (`config["login"]`): Instagram-Login tokens
talk to graph.instagram.com, Facebook-Login tokens to graph.facebook.com. Without a
public address for the media server (or S3 storage, FLYERBOT_S3_*) Instagram cannot
download anything, so publishing refuses up front with words that say what to set.
"""

from __future__ import annotations

from datetime import timedelta

import httpx

from core.clock import Clock
from core.media_hosting.s3_host import S3ImageHost, s3_image_host_from
from core.media_urls import ImageHost, SignedImageHost
from core.publishers.base import (
    ErrorKind,
    Journal,
    Publication,
    Published,
    Publisher,
    PublisherFactory,
    PublishError,
    TargetInfo,
)
from core.publishers.instagram import InstagramPublisher
from core.publishers.instagram_quota_memory import QuotaMemory
from core.publishers.reasons import Reason
from core.publishers.uploading import UploadingPublisher
from core.settings import Settings

INSTAGRAM = "instagram"
INSTAGRAM_LOGIN, FACEBOOK_LOGIN = "instagram", "facebook"
NO_PUBLIC_URL = (
    "FLYERBOT_PUBLIC_BASE_URL is not set. Instagram downloads each image from flyerbot's "
    "media server, so set it to the server's public address (see README, Instagram)."
)


def graph_url_for(settings: Settings, login: str) -> str:
    """The Graph API host that accepts tokens of this login kind."""
    if login == INSTAGRAM_LOGIN:
        return settings.instagram_login_graph_url
    return settings.instagram_graph_url


def image_host_from(settings: Settings, clock: Clock) -> ImageHost | None:
    if not settings.public_base_url:
        return None
    return SignedImageHost(
        settings.public_base_url,
        settings.resolved_secret_key,
        clock=clock,
        ttl=timedelta(seconds=settings.media_url_ttl_seconds),
    )


def instagram_factory(
    settings: Settings, http: httpx.AsyncClient, clock: Clock
) -> PublisherFactory:
    image_host: ImageHost | None = s3_image_host_from(settings, http, clock)
    if image_host is None:
        image_host = image_host_from(settings, clock)
    quota_memory = QuotaMemory()

    def create(target: TargetInfo) -> Publisher:
        if image_host is None:
            return Unconfigured()
        if not target.secret:
            raise ValueError("the Instagram target has no token")
        login = str(target.config.get("login") or INSTAGRAM_LOGIN)
        publisher = InstagramPublisher(
            http,
            graph_url=graph_url_for(settings, login),
            ig_user_id=target.address,
            access_token=target.secret,
            image_host=image_host,
            poll_interval=settings.instagram_poll_interval_seconds,
            max_polls=settings.instagram_max_polls,
            clock=clock,
            quota_memory=quota_memory,
        )
        if isinstance(image_host, S3ImageHost):  # images go to the bucket before Instagram asks
            return UploadingPublisher(publisher, image_host)
        return publisher

    return create


class Unconfigured:
    """Stands in for Instagram when the media server has no public address."""

    kind = INSTAGRAM

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        raise PublishError(
            ErrorKind.PERMANENT,
            NO_PUBLIC_URL,
            code="no-public-base-url",
            message_key=Reason.IG_NO_PUBLIC_URL,
        )

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        return None  # nothing was ever sent
