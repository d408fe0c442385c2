"""A fake of Discord's REST API over real HTTP, for the publishers' httpx calls.

Just enough of Discord to be believable: guilds with roles, channels with permission
overwrites, members, webhooks (execute with `?wait=true`, GET for the webhook's info),
channel messages with `enforce_nonce`, and a recent-messages listing. Every request is
recorded with its JSON payload and uploaded files. Fault knobs answer the next call of a
route with an error, or process it and then drop the connection (a lost reply).

    async with FakeDiscordAPI() as fake:
        hook = fake.add_webhook(channel_id="1001", guild_id="2001")
        url = fake.webhook_url(hook)
        fake.fail_next("execute_webhook", 429, {"message": "slow", "retry_after": 2.5})
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from aiohttp import BodyPartReader, web

from bot.serving import bound_port, serve

BOT_TOKEN = "fake-bot-token"
VIEW_SEND_ATTACH = (1 << 10) | (1 << 11) | (1 << 15)


@dataclass
class Call:
    route: str
    method: str
    path: str
    payload: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    filenames: dict[str, str] = field(default_factory=dict)


@dataclass
class _Fault:
    status: int
    body: dict[str, Any] | None
    drop_reply: bool = False


class FakeDiscordAPI:
    def __init__(self, *, bot_token: str = BOT_TOKEN, bot_user_id: str = "9000") -> None:
        self.bot_token = bot_token
        self.bot_user_id = bot_user_id
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.guilds: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.members: dict[tuple[str, str], list[str]] = {}
        self.webhooks: dict[str, dict[str, Any]] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._ids = itertools.count(1_100_000_000_000_000_000)
        self._runner: web.AppRunner | None = None
        self._port = 0

    async def __aenter__(self) -> FakeDiscordAPI:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/api/v10/webhooks/{id}/{token}", self._execute_webhook)
        app.router.add_get("/api/v10/webhooks/{id}/{token}", self._get_webhook)
        app.router.add_post("/api/v10/channels/{id}/messages", self._create_message)
        app.router.add_get("/api/v10/channels/{id}/messages", self._get_messages)
        app.router.add_get("/api/v10/channels/{id}", self._get_channel)
        app.router.add_get("/api/v10/users/@me", self._get_me)
        app.router.add_get("/api/v10/guilds/{id}", self._get_guild)
        app.router.add_get("/api/v10/guilds/{id}/members/{user}", self._get_member)
        self._runner = await serve(app, "127.0.0.1", 0, shutdown_timeout=1)
        self._port = bound_port(self._runner)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/api/v10"

    # -- the world ----------------------------------------------------------------------

    def add_guild(
        self, guild_id: str, *, owner_id: str = "1", everyone: int = VIEW_SEND_ATTACH
    ) -> None:
        self.guilds[guild_id] = {
            "id": guild_id,
            "owner_id": owner_id,
            "roles": [{"id": guild_id, "name": "@everyone", "permissions": str(everyone)}],
        }

    def add_role(self, guild_id: str, role_id: str, permissions: int) -> None:
        self.guilds[guild_id]["roles"].append(
            {"id": role_id, "name": role_id, "permissions": str(permissions)}
        )

    def add_channel(
        self,
        channel_id: str,
        guild_id: str,
        *,
        name: str = "announcements",
        overwrites: list[dict[str, Any]] | None = None,
        kind: int = 0,
    ) -> None:
        self.channels[channel_id] = {
            "id": channel_id,
            "guild_id": guild_id,
            "name": name,
            "type": kind,
            "permission_overwrites": overwrites or [],
        }

    def add_member(self, guild_id: str, user_id: str, roles: list[str] | None = None) -> None:
        self.members[(guild_id, user_id)] = roles or []

    def add_webhook(self, *, channel_id: str, guild_id: str, name: str = "flyers") -> str:
        webhook_id = str(next(self._ids))
        token = f"tok{webhook_id}-" + "x" * 40
        self.webhooks[webhook_id] = {
            "id": webhook_id,
            "token": token,
            "channel_id": channel_id,
            "guild_id": guild_id,
            "name": name,
        }
        return webhook_id

    def webhook_url(self, webhook_id: str) -> str:
        token = self.webhooks[webhook_id]["token"]
        return f"{self.api_url}/webhooks/{webhook_id}/{token}"

    def delete_webhook(self, webhook_id: str) -> None:
        self.webhooks.pop(webhook_id)

    # -- fault knobs --------------------------------------------------------------------

    def fail_next(self, route: str, status: int, body: dict[str, Any] | None = None) -> None:
        self._faults.setdefault(route, []).append(_Fault(status, body))

    def lose_reply_next(self, route: str) -> None:
        """Do the work (the message is created) but drop the connection instead of answering."""
        self._faults.setdefault(route, []).append(_Fault(0, None, drop_reply=True))

    def calls_to(self, route: str) -> list[Call]:
        return [call for call in self.calls if call.route == route]

    # -- handlers -----------------------------------------------------------------------

    async def _execute_webhook(self, request: web.Request) -> web.StreamResponse:
        call = await self._record("execute_webhook", request)
        fault = self._fault("execute_webhook")
        if fault is not None and not fault.drop_reply:
            return _error(fault)
        hook = self.webhooks.get(request.match_info["id"])
        if hook is None or hook["token"] != request.match_info["token"]:
            return web.json_response({"message": "Unknown Webhook", "code": 10015}, status=404)
        message = self._store(hook["channel_id"], call, author_id=hook["id"], webhook=hook["id"])
        if fault is not None:
            return _drop(request)
        if request.query.get("wait") != "true":
            return web.Response(status=204)
        return web.json_response(message)

    async def _get_webhook(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_webhook", request)
        hook = self.webhooks.get(request.match_info["id"])
        if hook is None or hook["token"] != request.match_info["token"]:
            return web.json_response({"message": "Unknown Webhook", "code": 10015}, status=404)
        return web.json_response({k: v for k, v in hook.items() if k != "token"} | {"type": 1})

    async def _create_message(self, request: web.Request) -> web.StreamResponse:
        call = await self._record("create_message", request)
        if not self._authorised(request):
            return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        fault = self._fault("create_message")
        if fault is not None and not fault.drop_reply:
            return _error(fault)
        channel_id = request.match_info["id"]
        if channel_id not in self.channels:
            return web.json_response({"message": "Unknown Channel", "code": 10003}, status=404)
        nonce = call.payload.get("nonce")
        if nonce and call.payload.get("enforce_nonce"):
            for existing in self.messages.get(channel_id, []):
                if existing.get("nonce") == nonce and existing["author"]["id"] == self.bot_user_id:
                    return web.json_response(existing)
        message = self._store(channel_id, call, author_id=self.bot_user_id)
        if fault is not None:
            return _drop(request)
        return web.json_response(message)

    async def _get_messages(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_messages", request)
        if not self._authorised(request):
            return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        limit = int(request.query.get("limit", "50"))
        recent = list(reversed(self.messages.get(request.match_info["id"], [])))[:limit]
        return web.json_response([{k: v for k, v in m.items() if k != "nonce"} for m in recent])

    async def _get_channel(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_channel", request)
        channel = self.channels.get(request.match_info["id"])
        if not self._authorised(request) or channel is None:
            return web.json_response({"message": "Unknown Channel", "code": 10003}, status=404)
        return web.json_response(channel)

    async def _get_me(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_me", request)
        if not self._authorised(request):
            return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        return web.json_response({"id": self.bot_user_id, "username": "flyerbot", "bot": True})

    async def _get_guild(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_guild", request)
        guild = self.guilds.get(request.match_info["id"])
        if not self._authorised(request) or guild is None:
            return web.json_response({"message": "Unknown Guild", "code": 10004}, status=404)
        return web.json_response(guild)

    async def _get_member(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_member", request)
        key = (request.match_info["id"], request.match_info["user"])
        if not self._authorised(request) or key not in self.members:
            return web.json_response({"message": "Unknown Member", "code": 10007}, status=404)
        return web.json_response({"user": {"id": key[1]}, "roles": self.members[key]})

    # -- helpers ------------------------------------------------------------------------

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bot {self.bot_token}"

    def _fault(self, route: str) -> _Fault | None:
        queue = self._faults.get(route)
        return queue.pop(0) if queue else None

    async def _record(self, route: str, request: web.Request) -> Call:
        call = Call(route, request.method, request.path)
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader) or part.name is None:
                    continue
                if part.filename is not None:
                    call.files[part.name] = bytes(await part.read(decode=False))
                    call.filenames[part.name] = part.filename
                elif part.name == "payload_json":
                    call.payload = json.loads(await part.text())
        elif request.can_read_body and request.content_type == "application/json":
            call.payload = await request.json()
        self.calls.append(call)
        return call

    def _store(
        self, channel_id: str, call: Call, *, author_id: str, webhook: str | None = None
    ) -> dict[str, Any]:
        attachments = [
            {"id": str(next(self._ids)), "filename": call.filenames[name], "size": len(data)}
            for name, data in call.files.items()
        ]
        message: dict[str, Any] = {
            "id": str(next(self._ids)),
            "channel_id": channel_id,
            "content": call.payload.get("content", ""),
            "author": {"id": author_id, "bot": True},
            "attachments": attachments,
            "nonce": call.payload.get("nonce"),
        }
        if webhook:
            message["webhook_id"] = webhook
        self.messages.setdefault(channel_id, []).append(message)
        return message


def _error(fault: _Fault) -> web.Response:
    return web.json_response(fault.body or {"message": "error", "code": 0}, status=fault.status)


def _drop(request: web.Request) -> web.StreamResponse:
    """Close the connection without an answer: the client cannot know what happened."""
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=500)
