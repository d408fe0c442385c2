"""python-telegram-bot's transport slot, filled with aiohttp's client.

PTB sends every Bot API call through a `BaseRequest`; its default, `HTTPXRequest`, goes
through httpx and httpcore (HTTP/1.1 parsed in pure Python, a pool over anyio), which
cost the chat frontend more CPU than handling the update itself. This class carries the
same bytes over one `aiohttp.ClientSession` (HTTP parsed in C, a pool kept in a few
dicts), the reasoning of core/aiohttp_transport.py. PTB still builds every request and
reads every answer, and raises its own errors from the status code and body.

What stays as HTTPXRequest does it:
- the body: parameters as a urlencoded form, and with files a multipart form that httpx
  itself encodes (the same parts, names, file names and types);
- timeouts per call, `DEFAULT_NONE` meaning the ones given here: a timeout raises
  `TimedOut` (with PTB's own words when no pooled connection became free in time),
  any other failure on the wire `NetworkError`; the error's cause tells a request that
  never left (`NOT_SENT`) from one that got no answer, as httpx's exceptions do;
- at most `connection_pool_size` calls at once; no cookies, no redirects followed;
- an HTTP proxy named by HTTPS_PROXY / HTTP_PROXY / ALL_PROXY is used, NO_PROXY honoured
  (read once per origin, as httpx reads them once per client).

A POST is never resent on its own: aiohttp retries only idempotent methods. aiohttp has
no timeout per socket write, so `write_timeout` bounds the call up to the answer's
headers together with the connect and read timeouts; the read timeout starts once the
request was sent, and applies again to each read of the body.
"""

from __future__ import annotations

import asyncio
import urllib.request
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

import aiohttp
import httpx
from telegram import Bot
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from core.aiohttp_transport import pooled_session

POOL_TIMEOUT_MESSAGE = (  # as HTTPXRequest words it
    "Pool timeout: All connections in the connection pool are occupied. "
    "Request was *not* sent to Telegram. Consider adjusting the connection "
    "pool size or the pool timeout."
)
_FORM = "application/x-www-form-urlencoded"


class PoolTimeout(TimeoutError):
    """No connection of the pool became free in time: the request was not sent."""


# Causes of a `NetworkError` (or `TimedOut`) from this class that mean the request never
# left: no connection could be had, so sending it again cannot post anything twice.
NOT_SENT: tuple[type[BaseException], ...] = (
    aiohttp.ClientConnectorError,  # refused, unreachable, name lookup, TLS handshake
    aiohttp.ConnectionTimeoutError,  # connecting took longer than the connect timeout
    PoolTimeout,
)


def aiohttp_bot(token: str, **options: Any) -> Bot:
    """A `telegram.Bot` whose calls go over aiohttp; `options` as `Bot` takes them."""
    return Bot(
        token,
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(connection_pool_size=1),  # as PTB sizes it
        **options,
    )


class AiohttpRequest(BaseRequest):
    """Bot API calls over aiohttp; the session lives from `initialize` to `shutdown`.

    The arguments mean what HTTPXRequest's do, with the same defaults.
    """

    __slots__ = (
        "_connect_timeout",
        "_media_write_timeout",
        "_pool_size",
        "_pool_timeout",
        "_proxies",
        "_read_timeout",
        "_session",
        "_slots",
        "_write_timeout",
    )

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = max(1, connection_pool_size)
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._slots: asyncio.Semaphore | None = None
        self._proxies: dict[str, str | None] = {}  # origin -> proxy URL

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is not None and not self._session.closed:
            return
        self._session = pooled_session(  # as HTTPXRequest's httpx client keeps them
            self._pool_size,
            skip_auto_headers=("Content-Type",),  # set here only when there is a form
        )
        self._slots = asyncio.Semaphore(self._pool_size)
        self._proxies = {}

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session, slots = self._session, self._slots
        if session is None or slots is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")

        files = request_data.multipart_data if request_data else None
        if isinstance(read_timeout, DefaultValue):
            read_timeout = self._read_timeout
        if isinstance(connect_timeout, DefaultValue):
            connect_timeout = self._connect_timeout
        if isinstance(pool_timeout, DefaultValue):
            pool_timeout = self._pool_timeout
        if isinstance(write_timeout, DefaultValue):
            write_timeout = self._media_write_timeout if files else self._write_timeout

        headers = {"User-Agent": self.USER_AGENT}
        body = _body(url, request_data, files, headers)

        if slots.locked():
            try:
                async with asyncio.timeout(pool_timeout):
                    await slots.acquire()
            except TimeoutError:
                raise TimedOut(POOL_TIMEOUT_MESSAGE) from PoolTimeout()
        else:
            await slots.acquire()  # a free slot: taken without waiting
        try:
            async with asyncio.timeout(
                _until_answered(connect_timeout, write_timeout, read_timeout)
            ):
                response = await session.request(
                    method,
                    url,
                    data=body,
                    headers=headers,
                    allow_redirects=False,
                    timeout=_timeout(connect_timeout, read_timeout),
                    proxy=self._proxy_for(url),
                )
            try:
                payload = await response.read()
            finally:
                response.release()
        except TimeoutError as err:  # aiohttp's own timeouts are TimeoutErrors too
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err
        finally:
            slots.release()
        return response.status, payload

    def _proxy_for(self, url: str) -> str | None:
        origin = url[: url.find("/", url.find("//") + 2)]
        try:
            return self._proxies[origin]
        except KeyError:
            proxy = self._proxies[origin] = _environment_proxy(origin)
            return proxy


def _environment_proxy(origin: str) -> str | None:
    """The HTTP proxy the environment names for `scheme://host[:port]`, if any."""
    scheme, _, host = origin.partition("://")
    proxies = urllib.request.getproxies_environment()
    if urllib.request.proxy_bypass_environment(host, proxies):  # type: ignore[attr-defined]
        return None
    proxy = proxies.get(scheme) or proxies.get("all")
    if not proxy:
        return None
    proxy = proxy if "://" in proxy else f"http://{proxy}"
    return proxy if proxy.startswith(("http://", "https://")) else None  # no SOCKS here


def _body(
    url: str,
    request_data: RequestData | None,
    files: dict[str, Any] | None,
    headers: dict[str, str],
) -> bytes | None:
    """The request body as httpx would encode `data=` and `files=`; sets Content-Type."""
    if request_data is None:
        return None
    data = request_data.json_parameters
    if files:
        encoded = httpx.Request("POST", url, data=data, files=files)  # type: ignore[arg-type]
        headers["Content-Type"] = encoded.headers["Content-Type"]
        return encoded.read()
    if data:
        headers["Content-Type"] = _FORM
        return urlencode(data).encode("utf-8")
    return None


def _until_answered(connect: float | None, write: float | None, read: float | None) -> float | None:
    """The longest a call may take to get its answer's headers (None: no bound)."""
    if connect is None or write is None or read is None:
        return None
    return connect + write + read


@lru_cache(maxsize=64)
def _timeout(connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    """Connecting (name lookup included) and each read; the slot wait is bounded above."""
    return aiohttp.ClientTimeout(total=None, connect=connect, sock_connect=connect, sock_read=read)
