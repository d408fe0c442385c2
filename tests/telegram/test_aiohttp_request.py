"""python-telegram-bot over aiohttp: what the Bot API sees, and how failures surface.

The reference is PTB's own HTTPXRequest: the same call must reach the server as the same
form, and every failure must become the exception PTB's callers already handle, telling
a request that never left from one that got no answer (the channel publisher retries
only the first).
"""

from __future__ import annotations

import asyncio
import gc
import io
import logging
import re
import socket
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from PIL import Image
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, InputMediaPhoto
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import ExtBot
from telegram.request import BaseRequest, HTTPXRequest

from bot.publishers.telegram_channel import classify
from bot.serving import bound_port, serve
from bot.telegram.aiohttp_request import AiohttpRequest, aiohttp_bot
from bot.telegram.retry import RetryAfterLimiter
from core.publishers.base import ErrorKind
from tests.fakes.telegram_api import FakeBotAPI, Upload
from tests.telegram.conftest import TOKEN, TelegramHarness

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

# A guard against a hang, far below the request's own default timeouts in these tests.
HANG_GUARD = 30.0


def _jpeg(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 50), color).save(buffer, "JPEG")
    return buffer.getvalue()


# -- what arrives ----------------------------------------------------------------------------


async def test_a_photo_and_a_document_arrive_with_their_fields_names_types_and_bytes(
    fake: FakeBotAPI,
) -> None:
    mina = fake.user("Mina")
    dm = fake.dm(mina)
    photo, pdf = _jpeg("red"), b"%PDF-1.4 a lineup"
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("승인", callback_data="rv:7:approve")]])
    async with aiohttp_bot(TOKEN, base_url=fake.base_url) as bot:
        await bot.send_photo(
            dm.id,
            photo,
            caption="서울 테크노 나이트 & more",
            filename="poster.jpg",
            reply_markup=markup,
        )
        await bot.send_document(
            dm.id, InputFile(pdf, filename="라인업 Vol.3.pdf"), caption="시간표"
        )

    [sent_photo] = fake.calls_to("sendPhoto")
    assert sent_photo["chat_id"] == dm.id
    assert sent_photo["caption"] == "서울 테크노 나이트 & more"
    assert sent_photo.callback_data() == ["rv:7:approve"]
    assert sent_photo.files == {"photo": Upload("photo", "poster.jpg", "image/jpeg", photo)}
    [sent_document] = fake.calls_to("sendDocument")
    assert sent_document["caption"] == "시간표"
    assert sent_document.files == {
        "document": Upload("document", "라인업 Vol.3.pdf", "application/pdf", pdf)
    }


@pytest.fixture
async def recorder() -> AsyncIterator[tuple[str, list[tuple[str, str, str, bytes]]]]:
    """A bare HTTP server that keeps each request as (method, path, content type, body)."""
    seen: list[tuple[str, str, str, bytes]] = []
    message = {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}}
    results: dict[str, Any] = {
        "getMe": {"id": 9, "is_bot": True, "first_name": "Flyerbot", "username": "flyer_bot"},
        "sendMediaGroup": [message],
    }

    async def record(request: web.Request) -> web.Response:
        content_type = request.headers.get("Content-Type", "")
        seen.append((request.method, request.path, content_type, await request.read()))
        result = results.get(request.match_info["method"], message)
        return web.json_response({"ok": True, "result": result})

    app = web.Application()
    app.router.add_route("*", "/bot{token}/{method}", record)
    runner = await serve(app, "127.0.0.1", 0, shutdown_timeout=1)
    try:
        yield f"http://127.0.0.1:{bound_port(runner)}/bot", seen
    finally:
        await runner.cleanup()


async def _calls(bot: Bot) -> None:
    await bot.get_me()  # no parameters: an empty body
    await bot.send_message(5, '안녕 & ü = 100% "quoted"\n두 줄', disable_notification=True)
    await bot.send_photo(5, _jpeg("blue"), caption="캡션", filename='포스터 "a".jpg')
    await bot.send_document(5, InputFile(b"%PDF-1.4", filename="x.pdf"), caption="c")
    await bot.send_media_group(5, [InputMediaPhoto(_jpeg("red")), InputMediaPhoto(b"\xff\xd8")])


def _comparable(method: str, path: str, content_type: str, body: bytes) -> tuple[Any, ...]:
    """Random parts out: the multipart boundary and PTB's attach:// names."""
    boundary = re.search(r"boundary=(\S+)", content_type)
    if boundary:
        body = body.replace(boundary.group(1).encode(), b"BOUNDARY")
        content_type = content_type.replace(boundary.group(1), "BOUNDARY")
    body = re.sub(rb"attached[0-9a-f]{32}", b"attached", body)
    return method, path, content_type, body


async def test_the_bot_api_gets_the_same_requests_as_over_httpx(
    recorder: tuple[str, list[tuple[str, str, str, bytes]]],
) -> None:
    base_url, seen = recorder
    sent = {}
    for name, request in (("httpx", HTTPXRequest()), ("aiohttp", AiohttpRequest())):
        seen.clear()
        async with Bot(TOKEN, base_url=base_url, request=request) as bot:
            await _calls(bot)
        sent[name] = [_comparable(*one) for one in seen]

    assert [method for _, method, _, _ in sent["aiohttp"]] == [
        f"/bot{TOKEN}/{method}"
        for method in (
            "getMe",
            "getMe",
            "sendMessage",
            "sendPhoto",
            "sendDocument",
            "sendMediaGroup",
        )
    ]
    assert sent["aiohttp"] == sent["httpx"]


# -- failures ------------------------------------------------------------------------------


async def test_an_answer_that_never_comes_times_out_at_the_read_timeout_of_the_call(
    fake: FakeBotAPI,
) -> None:
    dm = fake.dm(fake.user("Mina"))
    request = AiohttpRequest(read_timeout=120.0)  # the call's own timeout must win
    async with Bot(TOKEN, base_url=fake.base_url, request=request) as bot:
        release = fake.hold_next("sendMessage")
        try:
            async with asyncio.timeout(HANG_GUARD):
                with pytest.raises(TimedOut) as raised:
                    await bot.send_message(dm.id, "anyone there?", read_timeout=0.05)
        finally:
            release.set()
        sent = await bot.send_message(dm.id, "still here")  # the pool is not poisoned
    assert sent.text == "still here"
    # It may have been posted: the channel publisher asks instead of sending it again.
    assert classify(raised.value).kind is ErrorKind.UNKNOWN_OUTCOME


async def test_without_a_timeout_of_its_own_a_call_takes_the_requests_default(
    fake: FakeBotAPI,
) -> None:
    dm = fake.dm(fake.user("Mina"))
    async with Bot(TOKEN, base_url=fake.base_url, request=AiohttpRequest(read_timeout=0.05)) as bot:
        release = fake.hold_next("sendMessage")
        try:
            async with asyncio.timeout(HANG_GUARD):
                with pytest.raises(TimedOut):
                    await bot.send_message(dm.id, "anyone there?")
        finally:
            release.set()


async def test_a_refused_connection_is_a_network_error_not_a_timeout() -> None:
    with socket.socket() as bound:  # bound but not listening: connecting is refused
        bound.bind(("127.0.0.1", 0))
        base_url = f"http://127.0.0.1:{bound.getsockname()[1]}/bot"
        async with AiohttpRequest() as request:
            bot = Bot(TOKEN, base_url=base_url, request=request, get_updates_request=request)
            with pytest.raises(NetworkError) as raised:
                await bot.send_message(5, "hello?")
    assert not isinstance(raised.value, TimedOut)
    assert "aiohttp.ClientConnectorError" in raised.value.message
    # Nothing left: the channel publisher may simply try again.
    assert classify(raised.value).kind is ErrorKind.TRANSIENT


async def test_a_full_pool_times_out_without_sending(fake: FakeBotAPI) -> None:
    dm = fake.dm(fake.user("Mina"))
    request = AiohttpRequest(connection_pool_size=1, pool_timeout=120.0)
    async with Bot(TOKEN, base_url=fake.base_url, request=request) as bot:
        release = fake.hold_next("sendMessage")
        first = asyncio.create_task(bot.send_message(dm.id, "first"))
        await fake.wait_until(lambda: len(fake.calls_to("sendMessage")) == 1)
        try:
            async with asyncio.timeout(HANG_GUARD):
                with pytest.raises(TimedOut, match="Pool timeout") as raised:
                    await bot.send_message(dm.id, "second", pool_timeout=0.05)
        finally:
            release.set()
        assert (await first).text == "first"
    assert [call["text"] for call in fake.calls_to("sendMessage")] == ["first"]
    assert classify(raised.value).kind is ErrorKind.TRANSIENT


async def test_a_post_the_server_dropped_is_not_sent_again() -> None:
    """A reused connection closed on a POST: the call fails; the transport never resends."""
    received: list[bytes] = []
    answer = b'{"ok":true,"result":{"id":9,"is_bot":true,"first_name":"F","username":"f_bot"}}'

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = re.search(rb"(?i)content-length: (\d+)", head)
                await reader.readexactly(int(length.group(1)) if length else 0)
                received.append(head.split(b"\r\n", 1)[0])
                if len(received) > 1:
                    return  # got it, and hangs up without an answer
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
                writer.write(b"Content-Length: %d\r\n\r\n%s" % (len(answer), answer))
                await writer.drain()
        except asyncio.IncompleteReadError:
            return
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    base_url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/bot"
    try:
        async with AiohttpRequest() as request:
            bot = Bot(TOKEN, base_url=base_url, request=request, get_updates_request=request)
            assert (await bot.get_me()).username == "f_bot"
            with pytest.raises(NetworkError) as raised:
                await bot.get_me()  # on the connection the first call left open
    finally:
        server.close()
        await server.wait_closed()
    assert not isinstance(raised.value, TimedOut)
    assert classify(raised.value).kind is ErrorKind.UNKNOWN_OUTCOME
    assert received == [f"POST /bot{TOKEN}/getMe HTTP/1.1".encode()] * 2


BLOCKED = "Forbidden: bot was blocked by the user"


@pytest.mark.parametrize(
    ("code", "description", "expected", "message"),
    [
        (400, "Bad Request: chat not found", BadRequest, "Chat not found"),
        (
            403,
            "Forbidden: bot was blocked by the user",
            Forbidden,
            "Forbidden: bot was blocked by the user",
        ),
        (500, "Internal Server Error", NetworkError, "Internal Server Error"),
    ],
)
async def test_bot_api_errors_surface_as_ptbs_exceptions(
    fake: FakeBotAPI, code: int, description: str, expected: type[Exception], message: str
) -> None:
    dm = fake.dm(fake.user("Mina"))
    fake.fail_next("sendMessage", code, description)
    async with aiohttp_bot(TOKEN, base_url=fake.base_url) as bot:
        with pytest.raises(expected) as raised:
            await bot.send_message(dm.id, "hi")
    assert type(raised.value) is expected and raised.value.message == message


async def test_a_429_is_retry_after_and_the_limiter_waits_it_out(fake: FakeBotAPI) -> None:
    dm = fake.dm(fake.user("Mina"))
    async with aiohttp_bot(TOKEN, base_url=fake.base_url) as bot:
        fake.rate_limit_next("sendMessage", retry_after=7)
        with pytest.raises(RetryAfter):
            await bot.send_message(dm.id, "too fast")

    sleeps: list[float] = []

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    limited = ExtBot(
        TOKEN,
        base_url=fake.base_url,
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(connection_pool_size=1),
        rate_limiter=RetryAfterLimiter(sleep=sleep),
    )
    fake.rate_limit_next("sendMessage", retry_after=3)
    async with limited:
        sent = await limited.send_message(dm.id, "patient")
    assert sent.text == "patient" and sleeps == [3.0]
    assert [call.error_code for call in fake.calls_to("sendMessage")] == [429, 429, None]


# -- lifecycle -----------------------------------------------------------------------------


async def _unclosed_reports(
    use: Callable[[], Awaitable[None]], caplog: pytest.LogCaptureFixture
) -> list[str]:
    """What aiohttp says about sessions left open once `use` is done and garbage is gone."""
    caplog.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await use()
        gc.collect()
        await asyncio.sleep(0)  # the loop's exception handler reports on the next turn
    said = [str(warning.message) for warning in caught] + caplog.messages
    return [line for line in said if "Unclosed" in line]


async def test_shutdown_closes_the_session(
    fake: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="asyncio")
    dm = fake.dm(fake.user("Mina"))

    async def left_open() -> None:
        request = AiohttpRequest()
        await request.initialize()

    async def used_and_shut_down() -> None:
        async with aiohttp_bot(TOKEN, base_url=fake.base_url) as bot:
            await bot.send_photo(dm.id, _jpeg("red"))
            await bot.send_message(dm.id, "bye")

    assert await _unclosed_reports(left_open, caplog)  # the watch does see a leak
    assert await _unclosed_reports(used_and_shut_down, caplog) == []


async def test_a_shut_down_request_refuses_calls_until_initialized_again(
    fake: FakeBotAPI,
) -> None:
    dm = fake.dm(fake.user("Mina"))
    request: BaseRequest = AiohttpRequest()
    bot = Bot(TOKEN, base_url=fake.base_url, request=request)
    async with bot:
        await bot.send_message(dm.id, "one")
    with pytest.raises(NetworkError, match="not initialized"):
        await bot.send_message(dm.id, "while shut down")
    async with bot:
        assert (await bot.send_message(dm.id, "two")).text == "two"


async def test_the_frontend_polls_and_answers_over_aiohttp(
    telegram: TelegramHarness, fake: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="httpx")  # httpx logs every request it sends
    assert telegram.running is not None
    assert isinstance(telegram.running.application.bot.request, AiohttpRequest)
    mina = fake.user("Mina")
    question = await telegram.say(fake.dm(mina), mina, "/newevent")
    assert "(1/7)" in question["text"]
    polls = len(fake.calls_to("getUpdates"))
    fake.send_text(fake.dm(mina), mina, "Warehouse Night", reply_to=question.result["message_id"])
    await telegram.settle()
    assert len(fake.calls_to("getUpdates")) > polls
    assert [record for record in caplog.records if record.name.startswith("httpx")] == []


# -- proxies -------------------------------------------------------------------------------


@pytest.fixture
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


async def test_a_proxy_named_in_the_environment_carries_the_calls(
    fake: FakeBotAPI, no_proxies: pytest.MonkeyPatch
) -> None:
    """As httpx does for HTTPXRequest: the fake stands in for the proxy (it routes by path)."""
    origin = fake.base_url.removesuffix("/bot")
    no_proxies.setenv("HTTP_PROXY", origin)
    async with aiohttp_bot(TOKEN, base_url="http://api.telegram.invalid/bot") as bot:
        assert bot.username == fake.bot.username  # its getMe went through the proxy


async def test_no_proxy_keeps_a_host_off_the_proxy(
    fake: FakeBotAPI, no_proxies: pytest.MonkeyPatch
) -> None:
    with socket.socket() as bound:  # a proxy that refuses: used, the call would fail
        bound.bind(("127.0.0.1", 0))
        no_proxies.setenv("ALL_PROXY", f"http://127.0.0.1:{bound.getsockname()[1]}")
        no_proxies.setenv("NO_PROXY", "127.0.0.1")
        async with aiohttp_bot(TOKEN, base_url=fake.base_url) as bot:
            assert bot.username == fake.bot.username
