"""Waiting out Telegram's 429s: every Bot API call that hits a flood limit is retried.

python-telegram-bot routes each request through a rate limiter. This one only reacts
(it never throttles up front, which a bot of this size does not need): on RetryAfter it
waits the time Telegram asked for and tries again, a few times. The wait is injectable
so tests can see it was honoured without spending it.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


class RetryAfterLimiter(BaseRateLimiter[None]):
    def __init__(
        self, *, sleep: Sleep = asyncio.sleep, max_retries: int = 3, max_wait: float = 120.0
    ) -> None:
        self._sleep = sleep
        self._max_retries = max_retries
        self._max_wait = max_wait

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        attempt = 0
        while True:
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = retry_after_seconds(error)
                attempt += 1
                if attempt > self._max_retries or wait > self._max_wait:
                    raise  # a long ban is not worth holding a handler for; it is logged
                log.warning("Telegram asked to slow down on %s: waiting %.0f s", endpoint, wait)
                await self._sleep(wait)


def retry_after_seconds(error: RetryAfter) -> float:
    """Seconds to wait, whether this python-telegram-bot gives an int or a timedelta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
