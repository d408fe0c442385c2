"""An httpx transport that carries requests over aiohttp's client.

The publishing engine sends tens of thousands of small Graph API calls. httpx's own
transport (httpcore's pool over anyio, HTTP parsed by h11 in pure Python) spends most of
the engine's CPU on each call's bookkeeping; aiohttp's client keeps its pool in a few
dicts and parses HTTP in C. The publishers keep httpx's API (`httpx.AsyncClient`, its
timeouts, its exceptions, `MockTransport` in tests); only the wire underneath changes.

What callers rely on stays true:
- every failure on the wire is an `httpx.TransportError` (a timeout is an
  `httpx.TimeoutException`), so "no clear answer" is still told apart from an answer;
- a POST is never resent on its own (aiohttp retries only idempotent methods on a
  reused connection the server had closed), so `media_publish` goes out at most once;
- bodies arrive as sent: httpx decodes a compressed body, aiohttp leaves it alone;
- no cookies are kept, no redirect is followed here (httpx decides), no proxy is
  taken from the environment (as httpx does with a transport of its own).
"""

from __future__ import annotations

from http.cookiejar import Cookie, CookieJar
from typing import Any
from urllib.request import Request

import aiohttp
import httpx
from yarl import URL

KEEPALIVE_SECONDS = 5.0  # httpx's default keep-alive expiry


def pooled_session(connections: int, **options: Any) -> aiohttp.ClientSession:
    """An aiohttp session keeping connections as httpx would: at most `connections` open,
    kept alive as long, trusting the same certificates, and holding no cookies. Made in
    the running loop; `options` go to `aiohttp.ClientSession`."""
    connector = aiohttp.TCPConnector(
        limit=connections,
        limit_per_host=0,
        keepalive_timeout=KEEPALIVE_SECONDS,
        ssl=httpx.create_ssl_context(),
    )
    return aiohttp.ClientSession(
        connector=connector, cookie_jar=aiohttp.DummyCookieJar(), **options
    )


def publishing_client(connections: int) -> httpx.AsyncClient:
    """The client every publisher shares: aiohttp underneath, httpx's timeouts on top, and
    no cookie jar, since one client speaks for many accounts."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(30.0, connect=10.0),
        transport=AiohttpTransport(connections),
        cookies=KeepNoCookies(),
    )


class KeepNoCookies(CookieJar):
    """A jar that stays empty: a cookie set in answer to one account's call never rides
    along with another's, and no answer is parsed for cookies at all."""

    def extract_cookies(self, response: Any, request: Request) -> None:
        return None

    def set_cookie(self, cookie: Cookie) -> None:
        return None


class AiohttpTransport(httpx.AsyncBaseTransport):
    """At most `connections` open connections; the session is made in the running loop."""

    def __init__(self, connections: int) -> None:
        self._connections = max(1, connections)
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        self._session = pooled_session(
            self._connections,
            auto_decompress=False,
            skip_auto_headers=("User-Agent", "Accept-Encoding", "Accept", "Content-Type"),
        )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        session = self._session or self._open()
        headers = [
            (name.decode("latin-1"), value.decode("latin-1")) for name, value in request.headers.raw
        ]
        body = await request.aread()
        try:
            async with session.request(
                request.method,
                URL(str(request.url), encoded=True),
                headers=headers,
                data=body or None,
                allow_redirects=False,
                timeout=_timeout(request),
            ) as response:
                content = await response.read()
        except aiohttp.ConnectionTimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc), request=request) from exc
        except TimeoutError as exc:
            raise httpx.ReadTimeout(str(exc) or "timed out", request=request) from exc
        except aiohttp.ClientConnectorError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc
        except aiohttp.ClientError as exc:
            raise httpx.RemoteProtocolError(str(exc), request=request) from exc
        return httpx.Response(
            response.status,
            headers=list(response.raw_headers),
            stream=httpx.ByteStream(content),
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": (response.reason or "").encode(),
            },
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None


def _timeout(request: httpx.Request) -> aiohttp.ClientTimeout:
    """httpx's timeouts for this request: pool wait, connect, and each read."""
    limits = request.extensions.get("timeout", {})
    return aiohttp.ClientTimeout(
        total=None,
        connect=limits.get("pool"),
        sock_connect=limits.get("connect"),
        sock_read=limits.get("read"),
    )
