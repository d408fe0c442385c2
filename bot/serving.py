"""Serving an aiohttp application on a host and port: the media server, the webhook, fakes."""

from __future__ import annotations

from aiohttp import web


async def serve(
    app: web.Application, host: str, port: int, *, shutdown_timeout: float = 60.0
) -> web.AppRunner:
    """Start listening; port 0 picks a free one (see `bound_port`). Stop with `cleanup()`."""
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=shutdown_timeout)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


def bound_port(runner: web.AppRunner) -> int:
    return int(runner.addresses[0][1])
