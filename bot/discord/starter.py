"""Starting and stopping the Discord frontend inside `flyerbot run`.

Order matters: point discord.py at the configured API, log in (a bad token shows here),
ask that API for its gateway, register what this client serves (the channel publisher,
the notifier, the /connect check), then connect and wait for READY.
"""

from __future__ import annotations

import asyncio
import contextlib
from contextlib import AsyncExitStack
from dataclasses import dataclass

import discord

from bot.discord.client import FlyerbotClient
from bot.discord.config import DiscordConfig
from bot.discord.connection import use_api, use_gateway_of
from bot.discord.event_pages import DiscordEventPages
from bot.discord.frontend import DiscordFrontend
from bot.discord.notifier import DiscordNotifier
from bot.discord.reactions import ReactionCounter
from bot.discord.sender import PLATFORM
from bot.discord.targets import serve_channels
from core.app import App
from core.chat_service import ChatService

READY_TIMEOUT = 60.0


@dataclass(frozen=True)
class RunningDiscord:
    client: FlyerbotClient
    frontend: DiscordFrontend

    @property
    def description(self) -> str:
        user = self.client.user
        return f"discord: {user.name if user else '?'} (gateway)"


async def start_discord(app: App, stack: AsyncExitStack) -> str | None:
    """The starter `flyerbot run` calls: None when FLYERBOT_DISCORD_TOKEN is not set."""
    config = DiscordConfig.from_settings(app.settings)
    if config is None:
        return None
    running = await run_discord(app, stack, config)
    return running.description


async def run_discord(app: App, stack: AsyncExitStack, config: DiscordConfig) -> RunningDiscord:
    use_api(config.api_url)
    frontend = DiscordFrontend(ChatService(app), config)
    client = FlyerbotClient(frontend, config)
    frontend.reactions = ReactionCounter(client, frontend.service)
    await _log_in(client, config, stack)
    await use_gateway_of(client)
    _serve_engine(app, client)
    connection = asyncio.create_task(client.connect(reconnect=True), name="discord-gateway")
    stack.push_async_callback(_stop, client, connection)
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait(
        {connection, ready}, timeout=READY_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
    )
    if ready not in done:
        ready.cancel()
        if connection in done:
            connection.result()  # raises what went wrong
        raise RuntimeError("the Discord gateway did not become ready in time")
    return RunningDiscord(client, frontend)


async def start_discord_without_gateway(app: App, stack: AsyncExitStack) -> str | None:
    """For a worker process: publish to Discord and tell its chats over REST alone.

    Only frontends join the gateway (it delivers the interactions they answer); a worker
    logs in to the same API and serves the publishing engine.
    """
    config = DiscordConfig.from_settings(app.settings)
    if config is None:
        return None
    use_api(config.api_url)
    client = discord.Client(intents=discord.Intents.none())
    await _log_in(client, config, stack)
    _serve_engine(app, client)
    user = client.user
    return f"discord: {user.name if user else '?'} (publishing only, no gateway)"


async def _log_in(client: discord.Client, config: DiscordConfig, stack: AsyncExitStack) -> None:
    """Log in (a bad token shows here) and close the client with the stack."""
    stack.push_async_callback(client.close)
    try:
        await client.login(config.token)
    except discord.LoginFailure:
        raise RuntimeError(
            "Discord refused FLYERBOT_DISCORD_TOKEN; copy the bot token again from the "
            "Developer Portal (Bot → Reset Token)"
        ) from None


def _serve_engine(app: App, client: discord.Client) -> None:
    """What the publishing engine reaches Discord through: channels, notices, event pages."""
    app.publishing.notifiers.register(PLATFORM, DiscordNotifier(client))
    serve_channels(app, client)
    app.publishing.event_pages.register(PLATFORM, DiscordEventPages(client))


async def _stop(client: FlyerbotClient, connection: asyncio.Task[None]) -> None:
    """Let answers in progress finish, then close the gateway."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(10):
            await client.frontend.idle()
    await client.close()
    with contextlib.suppress(asyncio.CancelledError, discord.DiscordException):
        await connection
