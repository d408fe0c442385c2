"""A publishing target in its own HTTP server that counts every post it receives.

Several worker processes publish to it at once, so "exactly once" is checked where it
matters: at the receiving end. `POST /posts` publishes (after `latency` seconds) and
answers the new post's id; `GET /posts/{delivery}` is how a worker verifies whether a
delivery is already live before sending it again.

    async with CountingTarget(latency=0.02) as target:
        target.url, target.received[delivery_id], target.duplicates()
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime
from types import TracebackType

from aiohttp import web

from bot.serving import bound_port, serve


class CountingTarget:
    def __init__(self, *, latency: float = 0.0) -> None:
        self.latency = latency
        self.received: Counter[int] = Counter()
        self.first_arrival: dict[int, datetime] = {}
        self._runner: web.AppRunner | None = None
        self._arrived = asyncio.Event()

    async def __aenter__(self) -> CountingTarget:
        app = web.Application()
        app.router.add_post("/posts", self._publish)
        app.router.add_get("/posts/{delivery}", self._verify)
        self._runner = await serve(app, "127.0.0.1", 0)
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        assert self._runner is not None
        return f"http://127.0.0.1:{bound_port(self._runner)}"

    def duplicates(self) -> int:
        return sum(count - 1 for count in self.received.values() if count > 1)

    async def until_received(self, count: int) -> None:
        """Wait until `count` different deliveries have arrived."""
        while len(self.received) < count:
            self._arrived.clear()
            await self._arrived.wait()

    async def _publish(self, request: web.Request) -> web.Response:
        delivery = int((await request.json())["delivery_id"])
        if self.latency:
            await asyncio.sleep(self.latency)
        self.received[delivery] += 1
        self.first_arrival.setdefault(delivery, datetime.now(UTC))
        self._arrived.set()
        return web.json_response({"id": f"m{delivery}"})

    async def _verify(self, request: web.Request) -> web.Response:
        delivery = int(request.match_info["delivery"])
        if delivery not in self.received:
            raise web.HTTPNotFound()
        return web.json_response({"id": f"m{delivery}"})
