"""Pointing discord.py at a Discord: the REST base, and the gateway that base names.

discord.py reads both from class attributes (`Route.BASE`, which its webhook adapter
shares, and `DiscordWebSocket.DEFAULT_GATEWAY`), so they are set process-wide; the
process has one Discord client. A plain client never asks the REST API for the gateway,
so it is fetched from `GET /gateway/bot` before connecting.
"""

from __future__ import annotations

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route


def use_api(api_url: str) -> None:
    Route.BASE = api_url.rstrip("/")


async def use_gateway_of(client: discord.Client) -> str:
    """Ask the REST API where the gateway is and connect there; returns the address."""
    _shards, url, _limits = await client.http.get_bot_gateway()
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
    return url
