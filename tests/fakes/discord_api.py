"""A fake of Discord over real HTTP and a real websocket, for the real discord.py client.

Just enough of Discord to be believable: guilds with roles, channels with permission
overwrites, members, webhooks (execute with `?wait=true`, GET for the webhook's info),
channel messages with `enforce_nonce`, and a recent-messages listing. The gateway
(tests/fakes/discord_gateway.py) sends READY and GUILD_CREATE and carries interactions
(tests/fakes/discord_interactions.py), whose answers arrive here: callbacks, follow-ups,
edits, attachments served from a fake CDN. Application commands can be synced. Every
request is recorded with its JSON payload and uploaded files. Fault knobs answer the next
call of a route with an error, or process it and then drop the connection (a lost reply).

    async with FakeDiscordAPI() as fake:
        hook = fake.add_webhook(channel_id="1001", guild_id="2001")
        url = fake.webhook_url(hook)
        fake.fail_next("execute_webhook", 429, {"message": "slow", "retry_after": 2.5})
"""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from aiohttp import BodyPartReader, web

from bot.serving import bound_port, serve
from tests import leaks
from tests.fakes.discord_gateway import FakeGateway
from tests.fakes.discord_interactions import (
    APPLICATION_COMMAND,
    CHANNEL_MESSAGE,
    DEFERRED_MESSAGE,
    DEFERRED_UPDATE,
    EPHEMERAL,
    MESSAGE_COMPONENT,
    MODAL,
    MODAL_SUBMIT,
    UPDATE_MESSAGE,
    FakeInteraction,
    FakeMember,
    InteractionIds,
    submitted_rows,
)

BOT_TOKEN = "fake-bot-token"
APPLICATION_ID = "7000"
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
WAIT_SECONDS = 10.0
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
        leaks.remember(bot_token)
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
        self.application_id = APPLICATION_ID
        self.gateway = FakeGateway(self._ready_payload, self._guild_payloads)
        self.commands: dict[str | None, list[dict[str, Any]]] = {}  # by guild; None is global
        self.interactions: dict[str, FakeInteraction] = {}
        self.cdn: dict[str, bytes] = {}
        self.scheduled_events: list[dict[str, Any]] = []
        self._interaction_ids = InteractionIds()
        self._changed = asyncio.Condition()

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
        app.router.add_get("/api/v10/gateway/bot", self._get_gateway)
        app.router.add_get("/api/v10/oauth2/applications/@me", self._get_application)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_put("/api/v10/applications/{app}/commands", self._sync_commands)
        app.router.add_put(
            "/api/v10/applications/{app}/guilds/{guild}/commands", self._sync_commands
        )
        app.router.add_post("/api/v10/interactions/{id}/{token}/callback", self._callback)
        app.router.add_patch(
            "/api/v10/webhooks/{id}/{token}/messages/{message}", self._edit_followup
        )
        app.router.add_get("/api/v10/webhooks/{id}/{token}/messages/{message}", self._get_followup)
        app.router.add_patch("/api/v10/channels/{id}/messages/{message}", self._edit_message)
        app.router.add_get("/api/v10/channels/{id}/messages/{message}", self._get_message)
        app.router.add_post("/api/v10/guilds/{id}/scheduled-events", self._create_scheduled_event)
        app.router.add_get("/api/v10/guilds/{id}/scheduled-events", self._list_scheduled_events)
        app.router.add_get("/cdn/{id}/{filename}", self._cdn)
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

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

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

    def add_attachment(self, data: bytes, filename: str, content_type: str) -> dict[str, Any]:
        """An upload a user attached to a slash command, served from the fake CDN."""
        attachment_id = str(next(self._ids))
        self.cdn[attachment_id] = data
        url = f"{self.base_url}/cdn/{attachment_id}/{filename}"
        return {
            "id": attachment_id,
            "filename": filename,
            "size": len(data),
            "url": url,
            "proxy_url": url,
            "content_type": content_type,
        }

    def add_webhook(self, *, channel_id: str, guild_id: str, name: str = "flyers") -> str:
        webhook_id = str(next(self._ids))
        token = f"tok{webhook_id}-" + "x" * 40
        leaks.remember(token)
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

    # -- users acting -------------------------------------------------------------------

    async def slash(
        self,
        name: str,
        member: FakeMember,
        *,
        channel_id: str,
        options: list[dict[str, Any]] | None = None,
        attachments: list[dict[str, Any]] | None = None,
    ) -> FakeInteraction:
        """`/name` typed by `member` in a guild channel; waits for the bot's callback."""
        command = self._command(name, self.channels[channel_id].get("guild_id"))
        data: dict[str, Any] = {
            "id": command["id"] if command else "0",
            "name": name,
            "type": 1,
            "options": options or [],
        }
        if attachments:
            data["resolved"] = {"attachments": {item["id"]: item for item in attachments}}
        return await self.interact(APPLICATION_COMMAND, member, channel_id=channel_id, data=data)

    async def press(
        self, message: dict[str, Any], custom_id: str, member: FakeMember
    ) -> FakeInteraction:
        """A button under `message` pressed by `member`."""
        data = {"custom_id": custom_id, "component_type": 2}
        return await self.interact(
            MESSAGE_COMPONENT, member, channel_id=message["channel_id"], data=data, message=message
        )

    async def choose(
        self,
        message: dict[str, Any],
        custom_id: str,
        values: list[str],
        member: FakeMember,
        *,
        channels: dict[str, dict[str, Any]] | None = None,
    ) -> FakeInteraction:
        """Options of a select menu under `message` chosen by `member`."""
        data: dict[str, Any] = {
            "custom_id": custom_id,
            "component_type": 8 if channels is not None else 3,
            "values": values,
        }
        if channels is not None:
            data["resolved"] = {"channels": channels}
        return await self.interact(
            MESSAGE_COMPONENT, member, channel_id=message["channel_id"], data=data, message=message
        )

    async def submit(
        self, opened: FakeInteraction, values: dict[str, str], member: FakeMember
    ) -> FakeInteraction:
        """The modal `opened` answered with, submitted with `values` over its pre-filled text."""
        modal = opened.modal
        data = {"custom_id": modal["custom_id"], "components": submitted_rows(modal, values)}
        channel_id = opened.payload["channel_id"]
        message = opened.payload.get("message")
        return await self.interact(
            MODAL_SUBMIT, member, channel_id=channel_id, data=data, message=message
        )

    async def interact(
        self,
        kind: int,
        member: FakeMember,
        *,
        channel_id: str,
        data: dict[str, Any],
        message: dict[str, Any] | None = None,
    ) -> FakeInteraction:
        interaction_id = self._interaction_ids.next()
        token = f"itoken-{interaction_id}"
        guild_id = self.channels[channel_id].get("guild_id")
        payload: dict[str, Any] = {
            "id": interaction_id,
            "application_id": self.application_id,
            "type": kind,
            "token": token,
            "version": 1,
            "channel_id": channel_id,
            "channel": self._channel_payload(channel_id),
            "locale": member.locale,
            "app_permissions": str(self.bot_permissions),
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "entitlements": [],
            "context": 0 if guild_id else 1,
            "data": data,
        }
        if guild_id:
            payload |= {"guild_id": guild_id, "guild_locale": "en-US", "member": member.member()}
        else:
            payload["user"] = member.user()
        if message is not None:
            payload["message"] = message
        interaction = FakeInteraction(interaction_id, token, payload)
        self.interactions[interaction_id] = interaction
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        async with asyncio.timeout(10):
            await interaction.answered.wait()
        return interaction

    async def react(
        self, message: dict[str, Any], emoji: str, member: FakeMember, *, add: bool = True
    ) -> None:
        """`member` adds (or takes back) a reaction; the gateway says so, without counts."""
        reactions = message.setdefault("reactions", [])
        found = next((r for r in reactions if r["emoji"]["name"] == emoji), None)
        if found is None:
            found = {"count": 0, "me": False, "emoji": {"id": None, "name": emoji}}
            reactions.append(found)
        found["count"] += 1 if add else -1
        if found["count"] <= 0:
            reactions.remove(found)
        channel = self.channels[message["channel_id"]]
        event = {
            "user_id": member.id,
            "channel_id": message["channel_id"],
            "message_id": message["id"],
            "emoji": {"id": None, "name": emoji},
            "burst": False,
            "type": 0,
        }
        if channel.get("guild_id"):
            event["guild_id"] = channel["guild_id"]
        if add:
            event["message_author_id"] = message["author"]["id"]
            event["member"] = member.member()
        await self.gateway.dispatch(
            "MESSAGE_REACTION_ADD" if add else "MESSAGE_REACTION_REMOVE", event
        )

    # -- what is in the channels -----------------------------------------------------------

    def message(self, message_id: str) -> dict[str, Any]:
        for messages in self.messages.values():
            for message in messages:
                if message["id"] == message_id:
                    return message
        raise KeyError(message_id)

    def set_reactions(self, message_id: str, counts: dict[str, int]) -> None:
        """The reaction totals a message shows, without telling the gateway (a webhook's
        post, which no client watches, is read rather than followed)."""
        self.message(message_id)["reactions"] = [
            {
                "emoji": {"id": None, "name": emoji},
                "count": total,
                "count_details": {"normal": total, "burst": 0},
                "me": False,
                "me_burst": False,
                "burst_colors": [],
            }
            for emoji, total in counts.items()
            if total > 0
        ]

    def delete_message(self, message_id: str) -> None:
        """Someone deleted the message in Discord."""
        for messages in self.messages.values():
            messages[:] = [message for message in messages if message["id"] != message_id]

    def _find(self, message_id: str) -> dict[str, Any] | None:
        try:
            return self.message(message_id)
        except KeyError:
            return None

    def channel_messages(self, channel_id: str, *, ephemeral: bool = False) -> list[dict[str, Any]]:
        """Messages in a channel; ephemeral ones only when asked (only their user sees them)."""
        return [
            message
            for message in self.messages.get(channel_id, [])
            if bool(message.get("flags", 0) & EPHEMERAL) == ephemeral
        ]

    def attachment_bytes(self, attachment: dict[str, Any]) -> bytes:
        return self.cdn[attachment["id"]]

    async def wait_for(self, condition: Any) -> None:
        """Until `condition()` is true; re-checked whenever the bot changes anything."""
        async with asyncio.timeout(WAIT_SECONDS), self._changed:
            await self._changed.wait_for(condition)

    # -- handlers -----------------------------------------------------------------------

    async def _execute_webhook(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["id"] == self.application_id:
            return await self._followup(request)
        call = await self._record("execute_webhook", request)
        fault = self._fault("execute_webhook")
        if fault is not None and not fault.drop_reply:
            return _error(fault)
        hook = self.webhooks.get(request.match_info["id"])
        if hook is None or hook["token"] != request.match_info["token"]:
            return _json({"message": "Unknown Webhook", "code": 10015}, status=404)
        message = self._store(hook["channel_id"], call, author_id=hook["id"], webhook=hook["id"])
        await self._notify()
        if fault is not None:
            return _drop(request)
        if request.query.get("wait", "").lower() not in ("true", "1"):
            return web.Response(status=204)
        return _json(message)

    async def _get_webhook(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_webhook", request)
        hook = self.webhooks.get(request.match_info["id"])
        if hook is None or hook["token"] != request.match_info["token"]:
            return _json({"message": "Unknown Webhook", "code": 10015}, status=404)
        return _json({k: v for k, v in hook.items() if k != "token"} | {"type": 1})

    async def _create_message(self, request: web.Request) -> web.StreamResponse:
        call = await self._record("create_message", request)
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        fault = self._fault("create_message")
        if fault is not None and not fault.drop_reply:
            return _error(fault)
        channel_id = request.match_info["id"]
        if channel_id not in self.channels:
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        nonce = call.payload.get("nonce")
        if nonce and call.payload.get("enforce_nonce"):
            for existing in self.messages.get(channel_id, []):
                if existing.get("nonce") == nonce and existing["author"]["id"] == self.bot_user_id:
                    return _json(existing)
        message = self._store(channel_id, call, author_id=self.bot_user_id)
        await self._notify()
        if fault is not None:
            return _drop(request)
        return _json(message)

    async def _get_messages(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_messages", request)
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        limit = int(request.query.get("limit", "50"))
        recent = list(reversed(self.messages.get(request.match_info["id"], [])))[:limit]
        return _json([{k: v for k, v in m.items() if k != "nonce"} for m in recent])

    async def _get_channel(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_channel", request)
        channel = self.channels.get(request.match_info["id"])
        if not self._authorised(request) or channel is None:
            return _json({"message": "Unknown Channel", "code": 10003}, status=404)
        return _json(self._channel_payload(request.match_info["id"]))

    async def _get_me(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_me", request)
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return _json(self._bot_user())

    async def _get_guild(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_guild", request)
        guild = self.guilds.get(request.match_info["id"])
        if not self._authorised(request) or guild is None:
            return _json({"message": "Unknown Guild", "code": 10004}, status=404)
        return _json(guild)

    async def _get_member(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_member", request)
        key = (request.match_info["id"], request.match_info["user"])
        if not self._authorised(request) or key not in self.members:
            return _json({"message": "Unknown Member", "code": 10007}, status=404)
        user = {"id": key[1], "username": f"user{key[1]}", "discriminator": "0", "avatar": None}
        return _json(
            {
                "user": user,
                "roles": self.members[key],
                "joined_at": "2026-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        )

    async def _get_gateway(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_gateway", request)
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return _json(
            {
                "url": f"ws://127.0.0.1:{self._port}/gateway",
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def _get_application(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_application", request)
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return _json(
            {
                "id": self.application_id,
                "name": "flyerbot",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self._bot_user() | {"id": "1", "username": "owner", "bot": False},
                "verify_key": "0" * 64,
                "flags": 0,
            }
        )

    async def _sync_commands(self, request: web.Request) -> web.StreamResponse:
        call = await self._record("sync_commands", request)
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        guild = request.match_info.get("guild")
        body = await request.json() if not call.payload else call.payload
        commands = [
            command
            | {"id": str(next(self._ids)), "application_id": self.application_id, "version": "1"}
            | ({"guild_id": guild} if guild else {})
            for command in (body if isinstance(body, list) else [])
        ]
        self.commands[guild] = commands
        await self._notify()
        return _json(commands)

    async def _callback(self, request: web.Request) -> web.StreamResponse:
        call = await self._record("interaction_callback", request)
        interaction = self.interactions.get(request.match_info["id"])
        if interaction is None or interaction.token != request.match_info["token"]:
            return _json({"message": "Unknown interaction", "code": 10062}, status=404)
        if interaction.callbacks:
            interaction.refused_callbacks += 1
            await self._notify()
            return _json(
                {"message": "Interaction has already been acknowledged.", "code": 40060},
                status=400,
            )
        interaction.callbacks.append(call.payload | {"files": call.files})
        kind = int(call.payload.get("type", 0))
        data = call.payload.get("data") or {}
        message: dict[str, Any] | None = None
        channel_id = interaction.payload["channel_id"]
        if kind in (CHANNEL_MESSAGE, DEFERRED_MESSAGE):
            message = self._store(
                channel_id, call, author_id=self.bot_user_id, interaction=interaction.id
            )
            if kind == DEFERRED_MESSAGE:
                message["content"] = ""
                message["loading"] = True
            interaction.original_message_id = message["id"]
        elif kind in (UPDATE_MESSAGE, DEFERRED_UPDATE):
            pressed = interaction.payload.get("message")
            if pressed is not None:
                interaction.original_message_id = pressed["id"]
                if kind == UPDATE_MESSAGE:
                    message = self._update(pressed["id"], call)
        interaction.answered.set()
        await self._notify()
        answer: dict[str, Any] = {
            "interaction": {
                "id": interaction.id,
                "type": interaction.payload["type"],
                "response_message_id": message["id"] if message else None,
                "response_message_loading": kind == DEFERRED_MESSAGE,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL),
            },
            "resource": {"type": kind} | ({"message": message} if message else {}),
        }
        if kind == MODAL:
            answer["resource"] = {"type": kind}
        return _json(answer)

    async def _followup(self, request: web.Request) -> web.StreamResponse:
        call = await self._record("followup", request)
        interaction = self._interaction_by_token(request.match_info["token"])
        if interaction is None:
            return _json({"message": "Unknown Webhook", "code": 10015}, status=404)
        if not interaction.callbacks:
            return _json({"message": "Unknown interaction", "code": 10062}, status=404)
        message = self._store(
            interaction.payload["channel_id"],
            call,
            author_id=self.bot_user_id,
            interaction=interaction.id,
        )
        interaction.followups.append(message)
        await self._notify()
        return _json(message)

    async def _edit_followup(self, request: web.Request) -> web.StreamResponse:
        call = await self._record("edit_followup", request)
        interaction = self._interaction_by_token(request.match_info["token"])
        if interaction is None:
            return _json({"message": "Unknown Webhook", "code": 10015}, status=404)
        message_id = request.match_info["message"]
        if message_id == "@original":
            message_id = interaction.original_message_id or ""
        try:
            message = self._update(message_id, call)
        except KeyError:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        message.pop("loading", None)
        interaction.edits.append(message)
        await self._notify()
        return _json(message)

    async def _get_followup(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_followup", request)
        hook = self.webhooks.get(request.match_info["id"])
        if hook is not None:  # a webhook reads back only what it posted itself
            if hook["token"] != request.match_info["token"]:
                return _json({"message": "Invalid Webhook Token", "code": 50027}, status=401)
            found = self._find(request.match_info["message"])
            if found is None or found.get("webhook_id") != hook["id"]:
                return _json({"message": "Unknown Message", "code": 10008}, status=404)
            return _json(found)
        interaction = self._interaction_by_token(request.match_info["token"])
        message_id = request.match_info["message"]
        if interaction is not None and message_id == "@original":
            message_id = interaction.original_message_id or ""
        try:
            return _json(self.message(message_id))
        except KeyError:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)

    async def _edit_message(self, request: web.Request) -> web.StreamResponse:
        call = await self._record("edit_message", request)
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        try:
            message = self._update(request.match_info["message"], call)
        except KeyError:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        await self._notify()
        return _json(message)

    async def _get_message(self, request: web.Request) -> web.StreamResponse:
        await self._record("get_message", request)
        await self._notify()
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        try:
            return _json(self.message(request.match_info["message"]))
        except KeyError:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)

    async def _create_scheduled_event(self, request: web.Request) -> web.StreamResponse:
        call = await self._record("create_scheduled_event", request)
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        fault = self._fault("create_scheduled_event")
        if fault is not None:
            return _error(fault)
        event = call.payload | {
            "id": str(next(self._ids)),
            "guild_id": request.match_info["id"],
            "status": 1,
            "creator_id": self.bot_user_id,
        }
        self.scheduled_events.append(event)
        await self._notify()
        return _json(event)

    async def _list_scheduled_events(self, request: web.Request) -> web.StreamResponse:
        await self._record("list_scheduled_events", request)
        if not self._authorised(request):
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        guild_id = request.match_info["id"]
        return _json([e for e in self.scheduled_events if e["guild_id"] == guild_id])

    async def _cdn(self, request: web.Request) -> web.StreamResponse:
        await self._record("cdn", request)
        data = self.cdn.get(request.match_info["id"])
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, content_type="application/octet-stream")

    # -- the gateway's view of the world -------------------------------------------------

    @property
    def bot_permissions(self) -> int:
        return VIEW_SEND_ATTACH | (1 << 14)

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_user_id,
            "username": "flyerbot",
            "discriminator": "0",
            "global_name": None,
            "avatar": None,
            "bot": True,
        }

    def _ready_payload(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": self._bot_user(),
            "guilds": [{"id": guild_id, "unavailable": True} for guild_id in self.guilds],
            "resume_gateway_url": f"ws://127.0.0.1:{self._port}/gateway",
            "application": {"id": self.application_id, "flags": 0},
            "private_channels": [],
            "shard": [0, 1],
        }

    def _guild_payloads(self) -> list[dict[str, Any]]:
        payloads = []
        for guild_id, guild in self.guilds.items():
            bot_roles = self.members.get((guild_id, self.bot_user_id), [])
            payloads.append(
                {
                    "id": guild_id,
                    "name": guild.get("name", f"guild {guild_id}"),
                    "owner_id": guild["owner_id"],
                    "roles": [
                        role | {"position": index, "color": 0, "hoist": False, "managed": False}
                        for index, role in enumerate(guild["roles"])
                    ],
                    "channels": [
                        self._channel_payload(channel_id)
                        for channel_id, channel in self.channels.items()
                        if channel.get("guild_id") == guild_id
                    ],
                    "members": [
                        {
                            "user": self._bot_user(),
                            "roles": bot_roles,
                            "joined_at": "2026-01-01T00:00:00+00:00",
                            "deaf": False,
                            "mute": False,
                            "flags": 0,
                        }
                    ],
                    "member_count": 2,
                    "unavailable": False,
                    "large": False,
                    "features": [],
                    "emojis": [],
                    "stickers": [],
                    "threads": [],
                    "presences": [],
                    "voice_states": [],
                    "preferred_locale": "en-US",
                }
            )
        return payloads

    def _channel_payload(self, channel_id: str) -> dict[str, Any]:
        channel = self.channels[channel_id]
        return channel | {"position": 0, "parent_id": None, "nsfw": False}

    def _command(self, name: str, guild_id: str | None) -> dict[str, Any] | None:
        for command in [*self.commands.get(guild_id, []), *self.commands.get(None, [])]:
            if command["name"] == name:
                return command
        return None

    def _interaction_by_token(self, token: str) -> FakeInteraction | None:
        for interaction in self.interactions.values():
            if interaction.token == token:
                return interaction
        return None

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

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
        if isinstance(call.payload, dict):  # a command sync sends a list
            leaks.check_sent(call.payload.get("content"), f"discord {route}")
        return call

    def _store(
        self,
        channel_id: str,
        call: Call,
        *,
        author_id: str,
        webhook: str | None = None,
        interaction: str | None = None,
    ) -> dict[str, Any]:
        body = call.payload.get("data", call.payload) if interaction else call.payload
        message: dict[str, Any] = {
            "id": str(next(self._ids)),
            "channel_id": channel_id,
            "type": 0,
            "content": body.get("content") or "",
            "author": {
                "id": author_id,
                "username": "flyerbot",
                "discriminator": "0",
                "global_name": None,
                "avatar": None,
                "bot": True,
            },
            "attachments": self._attachments(call),
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "flags": int(body.get("flags") or 0),
            "timestamp": datetime.now(UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "pinned": False,
            "nonce": call.payload.get("nonce"),
        }
        if webhook:
            message["webhook_id"] = webhook
        if interaction:
            message["interaction_id"] = interaction
        self.messages.setdefault(channel_id, []).append(message)
        return message

    def _update(self, message_id: str, call: Call) -> dict[str, Any]:
        """An edit: fields given replace the old ones; attachments kept by id, new ones added."""
        message = self.message(message_id)
        body = call.payload.get("data", call.payload) if "type" in call.payload else call.payload
        for key in ("content", "components", "embeds"):
            if key in body:
                message[key] = body[key] or ([] if key != "content" else "")
        if "attachments" in body or call.files:
            keep = {str(item.get("id")) for item in body.get("attachments") or []}
            kept = [item for item in message["attachments"] if item["id"] in keep]
            message["attachments"] = kept + self._attachments(call)
        message["edited_timestamp"] = datetime.now(UTC).isoformat()
        return message

    def _attachments(self, call: Call) -> list[dict[str, Any]]:
        attachments = []
        for name, data in call.files.items():
            attachment_id = str(next(self._ids))
            self.cdn[attachment_id] = data
            url = f"{self.base_url}/cdn/{attachment_id}/{call.filenames[name]}"
            attachments.append(
                {
                    "id": attachment_id,
                    "filename": call.filenames[name],
                    "size": len(data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": "image/jpeg",
                }
            )
        return attachments


def _json(data: Any, *, status: int = 200) -> web.Response:
    """JSON as Discord sends it: discord.py decodes only an exact `application/json`."""
    body = json.dumps(data, ensure_ascii=False).encode()
    return web.Response(body=body, status=status, headers={"Content-Type": "application/json"})


def _error(fault: _Fault) -> web.Response:
    return _json(fault.body or {"message": "error", "code": 0}, status=fault.status)


def _drop(request: web.Request) -> web.StreamResponse:
    """Close the connection without an answer: the client cannot know what happened."""
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=500)
