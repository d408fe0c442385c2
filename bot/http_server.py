"""The bot's small public HTTP server: approved images at signed URLs, short ticket links
(core/engagement/ticket_links.py), health and metrics.

Instagram fetches `image_url` anonymously, so these routes have no auth beyond the URL
signature (core/media_urls.py). Files come straight from the content-addressed store
(storage/media.py layout: media_root/sha[:2]/sha). A bad signature is 403; an expired one
is 410 Gone, told only to holders of a once-valid signature; an unknown image is 404.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import web

from core.clock import Clock
from core.engagement.ticket_links import LINK_PREFIX, TicketLinks
from core.media_urls import MEDIA_PREFIX, MediaUrlSigner, UrlCheck, is_sha256

_SIGNER_KEY = web.AppKey("media_signer", MediaUrlSigner)
_ROOT_KEY = web.AppKey("media_root", Path)
_CLOCK_KEY: web.AppKey[Clock] = web.AppKey("clock")
_LINKS_KEY = web.AppKey("ticket_links", TicketLinks)
HealthProbe = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]
MetricsProbe = Callable[[], Awaitable[str]]
_HEALTH_KEY: web.AppKey[HealthProbe] = web.AppKey("health")
_METRICS_KEY: web.AppKey[MetricsProbe] = web.AppKey("metrics")

# Sniffed, not assumed: a PNG served as image/jpeg would fail later and more obscurely.
_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


async def _always_healthy() -> tuple[bool, dict[str, Any]]:
    return True, {"status": "ok"}


def create_media_app(
    media_root: Path,
    key: bytes,
    clock: Clock,
    *,
    links: TicketLinks | None = None,
    health: HealthProbe = _always_healthy,
    metrics: MetricsProbe | None = None,
) -> web.Application:
    """`key` is the SECRET_KEY bytes; the URL-signing key is derived from it. With `links`
    the server also answers the short ticket links of published posts.

    `health` answers `/healthz` (200 when healthy, 503 otherwise, JSON either way);
    `metrics`, when given, answers `/metrics` in Prometheus's text format.
    """
    app = web.Application()
    app[_SIGNER_KEY] = MediaUrlSigner(key)
    app[_ROOT_KEY] = media_root
    app[_CLOCK_KEY] = clock
    app[_HEALTH_KEY] = health
    app.router.add_get(MEDIA_PREFIX + "{name}", _serve_media)
    app.router.add_get("/healthz", _healthz)
    if links is not None:
        app[_LINKS_KEY] = links
        app.router.add_get(LINK_PREFIX + "{code}", _follow_ticket_link)
    if metrics is not None:
        app[_METRICS_KEY] = metrics
        app.router.add_get("/metrics", _metrics)
    return app


async def _follow_ticket_link(request: web.Request) -> web.StreamResponse:
    """302 to the event's ticket page; a person's GET is counted, a crawler's or HEAD not."""
    destination = await request.app[_LINKS_KEY].follow(
        request.match_info["code"],
        user_agent=request.headers.get("User-Agent"),
        count=request.method == "GET",
    )
    if destination is None:
        raise web.HTTPNotFound()
    raise web.HTTPFound(destination, headers={"Cache-Control": "no-store"})


async def _healthz(request: web.Request) -> web.Response:
    healthy, body = await request.app[_HEALTH_KEY]()
    return web.Response(
        text=json.dumps(body),
        status=200 if healthy else 503,
        content_type="application/json",
        headers={"Cache-Control": "no-store"},
    )


async def _metrics(request: web.Request) -> web.Response:
    text = await request.app[_METRICS_KEY]()
    return web.Response(text=text, content_type="text/plain", charset="utf-8")


async def _serve_media(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    sha256 = name.removesuffix(".jpg")
    if not name.endswith(".jpg") or not is_sha256(sha256):
        raise web.HTTPNotFound()
    try:
        expires_at = int(request.query.get("exp", ""))
    except ValueError:
        raise web.HTTPForbidden(text="bad signature") from None
    now = request.app[_CLOCK_KEY]().timestamp()
    check = request.app[_SIGNER_KEY].verify(
        sha256, expires_at, request.query.get("sig", ""), now=now
    )
    if check is UrlCheck.BAD_SIGNATURE:
        raise web.HTTPForbidden(text="bad signature")
    if check is UrlCheck.EXPIRED:
        raise web.HTTPGone(text="link expired")
    path = request.app[_ROOT_KEY] / sha256[:2] / sha256
    if not path.is_file():
        raise web.HTTPNotFound()
    return web.FileResponse(
        path,
        headers={
            "Content-Type": _sniff(path),
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _sniff(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(8)
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    return "application/octet-stream"
