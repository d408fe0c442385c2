"""The publishing client's transport: httpx's API and errors, aiohttp on the wire."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import web

from bot.serving import bound_port, serve
from core.aiohttp_transport import AiohttpTransport, publishing_client


class Server:
    """A local HTTP server that records what reached it."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, str], bytes]] = []
        self.hold = asyncio.Event()  # /hold answers once this is set (never, unless a test does)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/echo", self._echo)
        app.router.add_get("/gzip", self._gzip)
        app.router.add_post("/cut", self._cut)
        app.router.add_get("/hold", self._hold)
        app.router.add_get("/cookie", self._cookie)
        return app

    async def _cookie(self, request: web.Request) -> web.Response:
        response = web.Response(text="set")
        response.set_cookie("session", "account-a", path="/")
        return response

    async def _echo(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.seen.append((request.method, request.path_qs, dict(request.headers), body))
        return web.json_response({"ok": True}, headers={"X-Seen": "1"})

    async def _gzip(self, request: web.Request) -> web.Response:
        body = gzip.compress(json.dumps({"packed": True}).encode())
        return web.Response(body=body, headers={"Content-Encoding": "gzip"})

    async def _cut(self, request: web.Request) -> web.StreamResponse:
        self.seen.append((request.method, request.path_qs, dict(request.headers), b""))
        assert request.transport is not None
        request.transport.close()  # the request arrived; its answer never will
        return web.Response()

    async def _hold(self, request: web.Request) -> web.Response:
        await self.hold.wait()
        return web.Response()


@pytest.fixture
async def server() -> AsyncIterator[tuple[Server, str]]:
    recorder = Server()
    runner = await serve(recorder.app(), "127.0.0.1", 0)
    try:
        yield recorder, f"http://127.0.0.1:{bound_port(runner)}"
    finally:
        recorder.hold.set()
        await runner.cleanup()


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=AiohttpTransport(4)) as http:
        yield http


async def test_requests_arrive_as_httpx_built_them(
    server: tuple[Server, str], client: httpx.AsyncClient
) -> None:
    recorder, url = server

    got = await client.get(
        url + "/echo", params={"fields": "a,b", "q": "서울"}, headers={"Authorization": "Bearer t"}
    )
    posted = await client.post(url + "/echo", data={"creation_id": "17"})

    assert got.status_code == 200 and got.json() == {"ok": True}
    assert got.headers["X-Seen"] == "1" and posted.json() == {"ok": True}
    (method, path, headers, _), (post_method, _, post_headers, body) = recorder.seen
    assert method == "GET" and path == "/echo?fields=a%2Cb&q=%EC%84%9C%EC%9A%B8"
    assert headers["Authorization"] == "Bearer t"
    assert headers["User-Agent"].startswith("python-httpx/")
    assert post_method == "POST" and body == b"creation_id=17"
    assert post_headers["Content-Type"] == "application/x-www-form-urlencoded"


async def test_a_compressed_body_is_decoded_once(
    server: tuple[Server, str], client: httpx.AsyncClient
) -> None:
    _, url = server

    response = await client.get(url + "/gzip")

    assert response.json() == {"packed": True}


async def test_a_post_whose_answer_is_lost_is_an_httpx_error_and_is_not_resent(
    server: tuple[Server, str], client: httpx.AsyncClient
) -> None:
    recorder, url = server
    await client.get(url + "/echo")  # a pooled connection that a retry could be tempted to use

    with pytest.raises(httpx.TransportError):
        await client.post(url + "/cut", data={"creation_id": "17"})

    assert [method for method, path, _, _ in recorder.seen if path == "/cut"] == ["POST"]


async def test_a_silent_server_is_a_read_timeout(server: tuple[Server, str]) -> None:
    _, url = server
    timeout = httpx.Timeout(5.0, read=0.05)
    async with httpx.AsyncClient(transport=AiohttpTransport(1), timeout=timeout) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.get(url + "/hold")


async def test_nobody_listening_is_a_connect_error(client: httpx.AsyncClient) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]  # bound, never listening: the connection is refused

        with pytest.raises(httpx.ConnectError):
            await client.get(f"http://127.0.0.1:{port}/")


async def test_the_publishing_client_carries_no_cookie_from_one_call_to_the_next(
    server: tuple[Server, str],
) -> None:
    recorder, url = server
    async with publishing_client(2) as http:
        first = await http.get(f"{url}/cookie")
        await http.get(f"{url}/echo")

    assert first.headers["Set-Cookie"].startswith("session=account-a")
    [(_, _, headers, _)] = recorder.seen
    assert "Cookie" not in headers
    assert not http.cookies
