"""The webhook pusher spreads chats over the processes as a load balancer would, while a
chat's consecutive updates still land on different processes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest
from aiohttp import web

from bot.serving import bound_port, serve
from tests.fakes.webhook_pusher import WebhookPusher


async def _ok(request: web.Request) -> web.Response:
    return web.Response()


@pytest.fixture
async def two_processes() -> AsyncIterator[list[str]]:
    async with AsyncExitStack() as stack:
        urls = []
        for _ in range(2):
            app = web.Application()
            app.router.add_post("/hook", _ok)
            runner = await serve(app, "127.0.0.1", 0)
            stack.push_async_callback(runner.cleanup)
            urls.append(f"http://127.0.0.1:{bound_port(runner)}/hook")
        yield urls


def _message(update_id: int, chat: int) -> dict[str, object]:
    return {"update_id": update_id, "message": {"chat": {"id": chat}, "text": "hi"}}


async def test_first_messages_spread_evenly_and_each_chat_alternates(
    two_processes: list[str],
) -> None:
    chats = [101, 102, 103, 104]
    async with WebhookPusher(two_processes, "secret") as pusher:
        for step in range(3):
            for chat in chats:
                pusher.deliver(_message(step * 10 + chat, chat))
        await pusher.idle()

    by_chat: dict[int, list[int]] = {}
    for delivered in sorted(pusher.delivered, key=lambda d: d.update_id):
        by_chat.setdefault(delivered.chat_id, []).append(delivered.process)
    assert [by_chat[chat][0] for chat in chats] == [0, 1, 0, 1]
    for processes in by_chat.values():
        assert processes[0] != processes[1] and processes[1] != processes[2]
