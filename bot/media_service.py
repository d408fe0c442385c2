"""`flyerbot run` starter for the media server Instagram downloads approved images from.

It serves signed, expiring image URLs, `/healthz` and `/metrics` on HTTP_HOST:HTTP_PORT (port 0: any
free port). A port already taken is reported, not fatal: only Instagram needs the server.
"""

from __future__ import annotations

from contextlib import AsyncExitStack

from bot.http_server import create_media_app
from bot.serving import bound_port, serve
from core import health
from core.app import App
from core.publishers.instagram_factory import INSTAGRAM
from core.targets import store
from storage import targets as target_rows


async def start_media_server(app: App, stack: AsyncExitStack) -> str | None:
    settings = app.settings

    async def probe() -> tuple[bool, dict[str, object]]:
        found = await health.check(app)
        return found.ok, found.as_json()

    async def metrics() -> str:
        return await health.metrics_text(app)

    media_app = create_media_app(
        app.media.root,
        settings.resolved_secret_key,
        app.clock,
        links=app.engagement.links,
        health=probe,
        metrics=metrics,
    )
    try:
        runner = await serve(media_app, settings.http_host, settings.http_port)
    except OSError as error:
        return (
            f"media server: NOT started on {settings.http_host}:{settings.http_port} "
            f"({error.strerror or error}); Instagram cannot download images"
        )
    stack.push_async_callback(runner.cleanup)
    public = settings.public_base_url or "unset: Instagram publishing is off"
    if settings.s3_configured and not settings.public_base_url:
        public = f"unset; Instagram images go to S3 bucket {settings.s3_bucket}"
    address = f"http://{settings.http_host}:{bound_port(runner)}"
    links = "on" if app.engagement.links.enabled else "off"
    return (
        f"media server: {address} (/healthz, /metrics); FLYERBOT_PUBLIC_BASE_URL {public}; "
        f"ticket links {links}"
    )


async def wanted_in_console(app: App) -> bool:
    """The console serves images only when Instagram may need them."""
    if app.settings.public_base_url:
        return True
    async with app.sessions() as session:
        return await target_rows.any_of_kind(session, INSTAGRAM, store.ACTIVE)
