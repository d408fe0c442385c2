"""`flyerbot run`: start every configured service in one process, or the console.

Each service is a starter: given the app and an exit stack, it starts itself when its
settings say so (registering its shutdown on the stack) and returns a one-line
description, or None when it is not configured. Adding a service is one line here.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack

from bot.discord.starter import start_discord
from bot.media_service import start_media_server
from bot.publishing import start_publishing
from bot.telegram.starter import start_telegram
from bot.token_refresh_service import start_token_refresh
from core.app import App, open_app
from core.settings import Settings

Starter = Callable[[App, AsyncExitStack], Awaitable[str | None]]

# Chat frontends: when none of them starts, the console does.
FRONTENDS: tuple[Starter, ...] = (start_telegram, start_discord)
# Background services that run beside any frontend (scheduler, media server, ...).
SERVICES: tuple[Starter, ...] = (start_publishing, start_media_server, start_token_refresh)


async def run(settings: Settings) -> int:
    async with open_app(settings) as app, AsyncExitStack() as stack:
        # Frontends first: they register the publishers that need their client (Discord
        # channels) before the scheduler may pick a due post, and they close after it.
        frontends = [d for start in FRONTENDS if (d := await start(app, stack)) is not None]
        for start in SERVICES:
            if (description := await start(app, stack)) is not None:
                print(f"started: {description}", file=sys.stderr)
        if not frontends:
            print(
                "No chat token configured (FLYERBOT_TELEGRAM_TOKEN, FLYERBOT_DISCORD_TOKEN): "
                "starting the console.",
                file=sys.stderr,
            )
            from bot.console import Console
            from core.service import ChatService

            previews = settings.data_dir / "previews"
            await Console(ChatService(app), previews, publishing=app.publishing).run()
            return 0
        for description in frontends:
            print(f"started: {description}", file=sys.stderr)
        await _until_stopped()
    return 0


async def _until_stopped() -> None:
    """Wait for SIGINT or SIGTERM, then let the exit stack shut everything down."""
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
