"""The gateway half of the fake Discord: a websocket that speaks just enough of v10.

HELLO on connect; IDENTIFY is answered with READY and one GUILD_CREATE per guild of the
world; heartbeats are acknowledged; anything else is recorded. Tests push dispatches
(INTERACTION_CREATE) with `dispatch`. A client that connects again (a restarted process)
gets a fresh session.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web

HEARTBEAT_MS = 41_250
OP_DISPATCH, OP_HEARTBEAT, OP_IDENTIFY, OP_HELLO, OP_HEARTBEAT_ACK = 0, 1, 2, 10, 11


class FakeGateway:
    def __init__(
        self, ready: Callable[[], dict[str, Any]], guilds: Callable[[], list[dict[str, Any]]]
    ):
        self._ready = ready
        self._guilds = guilds
        self._socket: web.WebSocketResponse | None = None
        self._sequence = 0
        self.sessions = 0
        self.identified: list[dict[str, Any]] = []
        self.received: list[dict[str, Any]] = []
        self._connected = asyncio.Event()

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        self._sequence = 0
        await socket.send_json({"op": OP_HELLO, "d": {"heartbeat_interval": HEARTBEAT_MS}})
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            self.received.append(payload)
            if payload.get("op") == OP_HEARTBEAT:
                await socket.send_json({"op": OP_HEARTBEAT_ACK})
            elif payload.get("op") == OP_IDENTIFY:
                await self._identify(payload["d"])
        if self._socket is socket:
            self._socket = None
            self._connected.clear()
        return socket

    async def _identify(self, data: dict[str, Any]) -> None:
        self.identified.append(data)
        self.sessions += 1
        await self.dispatch("READY", self._ready() | {"session_id": f"session-{self.sessions}"})
        for guild in self._guilds():
            await self.dispatch("GUILD_CREATE", guild)
        self._connected.set()

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        if self._socket is None:
            raise RuntimeError("no client is connected to the fake gateway")
        self._sequence += 1
        await self._socket.send_json(
            {"op": OP_DISPATCH, "t": event, "s": self._sequence, "d": data}
        )

    async def wait_connected(self) -> None:
        await self._connected.wait()

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
