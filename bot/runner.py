"""`flyerbot run`: start every configured service in one process, or the console.

Each service is a starter: given the app and an exit stack, it starts itself when its
settings say so (registering its shutdown on the stack) and returns a one-line
description, or None when it is not configured. Adding a service is one line here.

A role splits the work between processes sharing one PostgreSQL database: `frontend`
processes answer chats, `worker` processes run the publishing engine, `all` (the
default) does both. The media server runs with either.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from enum import StrEnum

from bot.cleanup_service import start_image_cleanup
from bot.discord.starter import start_discord, start_discord_without_gateway
from bot.insights_service import start_insights
from bot.media_service import start_media_server
from bot.publishing import start_publishing
from bot.telegram.starter import start_telegram
from bot.token_refresh_service import start_token_refresh
from core.app import App, open_app
from core.clock import OffsetClock, system_clock
from core.settings import Settings

Starter = Callable[[App, AsyncExitStack], Awaitable[str | None]]


class Role(StrEnum):
    ALL = "all"
    FRONTEND = "frontend"
    WORKER = "worker"


# Chat frontends: when none of them starts, the console does.
FRONTENDS: tuple[Starter, ...] = (start_telegram, start_discord)
# The work behind the chats: publishing on time, keeping tokens fresh, reading insights,
# deleting old images.
WORKERS: tuple[Starter, ...] = (
    start_publishing,
    start_token_refresh,
    start_insights,
    start_image_cleanup,
)
# A worker without a frontend beside it still needs a way to reach Discord's REST API.
WORKER_ONLY: tuple[Starter, ...] = (start_discord_without_gateway,)
# What every role serves: approved images for Instagram, /healthz and /metrics. Started
# before the workers: the first publishing run may hand Instagram an image URL at once.
SHARED: tuple[Starter, ...] = (start_media_server,)


def role_problem(role: Role, settings: Settings) -> str | None:
    """Why this role cannot run with these settings, in one line; None when it can."""
    if role is Role.ALL:
        return None
    if settings.resolved_database_url.startswith("sqlite"):
        return (
            f"--role {role}: SQLite serves one process; run `flyerbot run` (role all), "
            "or set FLYERBOT_DATABASE_URL to PostgreSQL to split frontends and workers"
        )
    if role is Role.FRONTEND and not has_chat_token(settings):
        return (
            "--role frontend: no chat token is set "
            "(FLYERBOT_TELEGRAM_TOKEN, FLYERBOT_DISCORD_TOKEN)"
        )
    return None


def has_chat_token(settings: Settings) -> bool:
    """Whether a chat frontend starts; without one, `run` (role all) starts the console."""
    return settings.telegram_token is not None or bool(settings.discord_token)


async def run(settings: Settings, role: Role = Role.ALL) -> int:
    if (problem := role_problem(role, settings)) is not None:
        print(f"flyerbot run: {problem}", file=sys.stderr)
        return 2
    stopped = _stop_signal()  # before anything starts: a stop during start-up is kept
    # The console's clock can be moved (`/clock +7d`); a chat frontend's never is.
    console = role is Role.ALL and not has_chat_token(settings)
    clock = OffsetClock() if console else system_clock
    publishes = role is not Role.FRONTEND
    async with (
        open_app(settings, clock=clock, publishes=publishes) as app,
        AsyncExitStack() as stack,
    ):
        # Frontends first: they register the publishers that need their client (Discord
        # channels) before the scheduler may pick a due post, and they close after it.
        frontends = []
        if role is not Role.WORKER:
            frontends = [d for start in FRONTENDS if (d := await start(app, stack)) is not None]
        services = {
            Role.ALL: SHARED + WORKERS,
            Role.WORKER: WORKER_ONLY + SHARED + WORKERS,
            Role.FRONTEND: SHARED,
        }[role]
        for start in services:
            if (description := await start(app, stack)) is not None:
                print(f"started: {description}", file=sys.stderr)
        if role is Role.WORKER:
            print(f"started: worker {app.publishing.dispatcher.worker_id}", file=sys.stderr)
            stack.push_async_callback(app.publishing.stop)
            await stopped.wait()
            return 0
        if not frontends:
            print(
                "No chat token configured (FLYERBOT_TELEGRAM_TOKEN, FLYERBOT_DISCORD_TOKEN): "
                "starting the console.",
                file=sys.stderr,
            )
            from bot.console import console_for

            _forget_stop_signal()  # the console stops on Ctrl-C / Ctrl-D like a terminal program
            await app.publishing.run_now()  # what was due is published before the first prompt
            await console_for(app).run()
            return 0
        for description in frontends:
            print(f"started: {description}", file=sys.stderr)
        # Unwound first: publishing drains while the chats and the media server still run.
        stack.push_async_callback(app.publishing.stop)
        await stopped.wait()
    return 0


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _stop_signal() -> asyncio.Event:
    """Set on SIGINT or SIGTERM; waiting on it lets the exit stack shut everything down."""
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in _STOP_SIGNALS:
        loop.add_signal_handler(signum, stopped.set)
    return stopped


def _forget_stop_signal() -> None:
    loop = asyncio.get_running_loop()
    for signum in _STOP_SIGNALS:
        loop.remove_signal_handler(signum)
