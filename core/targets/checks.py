"""The checks core can run itself: the sandbox, and Discord over plain REST."""

from __future__ import annotations

import re
from typing import Any

import httpx

from core.publishers.discord_permissions import (
    TO_POST,
    TO_PUBLISH,
    Overwrite,
    channel_permissions,
    missing,
)
from core.publishers.discord_webhook import parse_webhook_url
from core.targets.ports import CheckedTarget, ConnectRefused, ConnectRequest

SANDBOX, DISCORD_WEBHOOK, DISCORD_CHANNEL = "sandbox", "discord_webhook", "discord_channel"
_SNOWFLAKE = re.compile(r"<?#?(\d{15,25})>?$")
_TEXT_CHANNELS = {0, 5}  # text and announcement channels


class SandboxCheck:
    async def check(self, request: ConnectRequest) -> CheckedTarget:
        return CheckedTarget(SANDBOX, "outbox", "sandbox (DATA_DIR/outbox)")


class DiscordWebhookCheck:
    """The URL must be a Discord webhook on Discord's own host, and it must answer."""

    def __init__(self, client: httpx.AsyncClient, *, api_url: str) -> None:
        self._client = client
        host = httpx.URL(api_url).host
        self._hosts = frozenset({host, "discord.com", "discordapp.com", "ptb.discord.com"})

    async def check(self, request: ConnectRequest) -> CheckedTarget:
        webhook = parse_webhook_url(request.argument, allowed_hosts=self._hosts)
        if webhook is None:
            raise ConnectRefused("connect.webhook_bad_url")
        try:
            response = await self._client.get(webhook.execute_url)
        except httpx.TransportError:
            raise ConnectRefused("connect.unreachable", platform="Discord") from None
        if response.status_code in (401, 403, 404):
            raise ConnectRefused("connect.webhook_gone")
        if response.status_code >= 300:
            raise ConnectRefused("connect.unreachable", platform="Discord")
        info = response.json()
        name = str(info.get("name") or "webhook")
        return CheckedTarget(
            DISCORD_WEBHOOK,
            webhook.webhook_id,
            f"Discord webhook “{name}”",
            config={
                "channel_id": str(info.get("channel_id") or ""),
                "guild_id": str(info.get("guild_id") or ""),
            },
            secret=request.argument.strip(),
        )


class DiscordChannelCheck:
    """The bot must be able to view, send and attach files there; so must the person asking."""

    def __init__(self, client: httpx.AsyncClient, *, api_url: str, bot_token: str) -> None:
        self._client = client
        self._api_url = api_url.rstrip("/")
        self._headers = {"Authorization": f"Bot {bot_token}"}

    async def check(self, request: ConnectRequest) -> CheckedTarget:
        match = _SNOWFLAKE.match(request.argument.strip())
        if match is None:
            raise ConnectRefused("connect.discord_bad_id")
        if request.sender.platform != "discord":
            raise ConnectRefused("connect.discord_from_discord")
        channel_id = match.group(1)
        channel = await self._get(f"/channels/{channel_id}", refused="connect.discord_no_access")
        if channel.get("type") not in _TEXT_CHANNELS or not channel.get("guild_id"):
            raise ConnectRefused("connect.discord_not_text")
        guild_id = str(channel["guild_id"])
        me = await self._get("/users/@me", refused="connect.discord_no_access")
        guild = await self._get(f"/guilds/{guild_id}", refused="connect.discord_no_access")
        bot_perms = await self._permissions(guild, channel, str(me["id"]))
        if lacking := missing(bot_perms, TO_PUBLISH):
            raise ConnectRefused("connect.discord_bot_lacks", permissions=", ".join(lacking))
        user_perms = await self._permissions(guild, channel, request.sender.user_id)
        if missing(user_perms, TO_POST):
            raise ConnectRefused("connect.discord_user_lacks")
        return CheckedTarget(
            DISCORD_CHANNEL,
            channel_id,
            f"Discord #{channel.get('name') or channel_id}",
            config={"guild_id": guild_id, "bot_user_id": str(me["id"])},
        )

    async def _permissions(self, guild: dict[str, Any], channel: dict[str, Any], user: str) -> int:
        member = await self._get(
            f"/guilds/{guild['id']}/members/{user}", refused="connect.discord_user_lacks"
        )
        return channel_permissions(
            guild_id=str(guild["id"]),
            owner_id=str(guild.get("owner_id")),
            role_permissions={
                str(role["id"]): int(role.get("permissions") or 0)
                for role in guild.get("roles") or []
            },
            member_id=user,
            member_roles=[str(role) for role in member.get("roles") or []],
            overwrites=[
                Overwrite(
                    str(item["id"]),
                    int(item.get("type", 0)),
                    int(item.get("allow") or 0),
                    int(item.get("deny") or 0),
                )
                for item in channel.get("permission_overwrites") or []
            ],
        )

    async def _get(self, path: str, *, refused: str) -> dict[str, Any]:
        try:
            response = await self._client.get(self._api_url + path, headers=self._headers)
        except httpx.TransportError:
            raise ConnectRefused("connect.unreachable", platform="Discord") from None
        if response.status_code in (401, 403, 404):
            raise ConnectRefused(refused)
        if response.status_code >= 300:
            raise ConnectRefused("connect.unreachable", platform="Discord")
        body = response.json()
        return body if isinstance(body, dict) else {}
