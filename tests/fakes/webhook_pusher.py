"""Telegram's side of webhook mode, with a load balancer in front of several processes.

Updates of one chat are delivered one after the other (the next is sent once the
previous one was answered with 200, as Telegram does), updates of different chats at the
same time, and each chat's requests go to the URLs in turn — so consecutive updates of
one chat always land on different frontend processes. Each new chat starts its turn at
the next URL, so the processes share first messages (and every later step) evenly, as a
balancer that knows nothing of chats would spread them. Every delivery is timed.

    pusher = WebhookPusher([url_a, url_b], secret)
    pusher.deliver(update)            # an update dict with its update_id
    await pusher.idle()               # everything delivered
    pusher.delivered[0].process, .seconds
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass(frozen=True)
class Delivered:
    update_id: int
    chat_id: int
    process: int  # the index of the URL that answered
    seconds: float  # from sending the update to its 200
    retries: int


def _chat_of(update: dict[str, Any]) -> int:
    for key in ("message", "edited_message", "channel_post"):
        if key in update:
            return int(update[key]["chat"]["id"])
    if "callback_query" in update:
        return int(update["callback_query"]["message"]["chat"]["id"])
    return 0


class WebhookPusher:
    def __init__(self, urls: Sequence[str], secret: str, *, retry_after: float = 0.05) -> None:
        self._urls = list(urls)
        self._secret = secret
        self._retry_after = retry_after
        self._turns: dict[int, itertools.count[int]] = {}
        self._queues: dict[int, deque[tuple[dict[str, Any], asyncio.Future[Delivered]]]] = (
            defaultdict(deque)
        )
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._session: aiohttp.ClientSession | None = None
        self.delivered: list[Delivered] = []

    async def __aenter__(self) -> WebhookPusher:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120))
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        for task in self._workers.values():
            task.cancel()
        await asyncio.gather(*self._workers.values(), return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    def deliver(self, update: dict[str, Any]) -> asyncio.Future[Delivered]:
        """Queue the update behind its chat's earlier ones; the future resolves on its 200."""
        chat = _chat_of(update)
        done: asyncio.Future[Delivered] = asyncio.get_running_loop().create_future()
        self._queues[chat].append((update, done))
        worker = self._workers.get(chat)
        if worker is None or worker.done():
            self._workers[chat] = asyncio.create_task(self._drain(chat))
        return done

    async def idle(self) -> None:
        while any(not task.done() for task in self._workers.values()):
            await asyncio.gather(*self._workers.values())

    async def _drain(self, chat: int) -> None:
        queue = self._queues[chat]
        while queue:
            update, done = queue[0]
            delivered = await self._post(update, chat)
            self.delivered.append(delivered)
            queue.popleft()
            done.set_result(delivered)

    def _turn(self, chat: int) -> itertools.count[int]:
        if chat not in self._turns:
            self._turns[chat] = itertools.count(len(self._turns))
        return self._turns[chat]

    async def _post(self, update: dict[str, Any], chat: int) -> Delivered:
        assert self._session is not None
        retries = 0
        started = time.perf_counter()
        while True:
            process = next(self._turn(chat)) % len(self._urls)
            try:
                async with self._session.post(
                    self._urls[process], json=update, headers={SECRET_HEADER: self._secret}
                ) as response:
                    if response.status == 200:
                        seconds = time.perf_counter() - started
                        return Delivered(update["update_id"], chat, process, seconds, retries)
            except aiohttp.ClientError:
                pass  # Telegram retries an unreachable webhook too
            retries += 1
            await asyncio.sleep(self._retry_after)
