"""The real python-telegram-bot Application, polling a fake Bot API over HTTP."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import pytest
from telegram import Update
from telegram.ext import CallbackContext, TypeHandler

from bot.telegram.config import TelegramConfig
from bot.telegram.starter import RunningTelegram, run_telegram
from core.app import App
from tests.fakes.telegram_api import Call, FakeBotAPI, FakeChat, FakeUser

TOKEN = "4242:TEST-TOKEN-flyerbot"
BOT_USERNAME = "flyer_test_bot"
# A guard against a hang, not a speed check: a loaded CI machine may take a while.
SETTLE_TIMEOUT = 60.0

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


class TelegramHarness:
    """Starts and restarts the frontend, and drives it the way Telegram users would.

    Every helper waits until the bot has completely handled the update it pushed (a
    handler in a last group marks it), so what a test reads is never half an answer.
    """

    def __init__(self, app: App, fake: FakeBotAPI) -> None:
        self.app = app
        self.fake = fake
        self.sleeps: list[float] = []  # what the rate limiter was asked to wait
        self.running: RunningTelegram | None = None
        self._stack: AsyncExitStack | None = None
        self._handled: set[int] = set()
        self._waiters: dict[int, asyncio.Future[None]] = {}

    def config(self, **changes: Any) -> TelegramConfig:
        base = TelegramConfig(
            token=TOKEN,
            api_base_url=self.fake.base_url,
            file_base_url=self.fake.base_file_url,
            max_photo_bytes=self.app.settings.max_photo_bytes,
        )
        return dataclasses.replace(base, **changes)

    async def start(self, **changes: Any) -> RunningTelegram:
        self._stack = AsyncExitStack()
        self.running = await run_telegram(
            self.app, self._stack, self.config(**changes), sleep=self._sleep
        )
        self.running.application.add_handler(TypeHandler(Update, self._mark_handled), group=99)
        return self.running

    async def stop(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def settle(self, update_id: int | None = None) -> None:
        """Wait until the bot has handled `update_id` (default: the last one pushed)."""
        wanted = self.fake.last_update_id if update_id is None else update_id
        if wanted in self._handled:
            return
        waiter = self._waiters.setdefault(wanted, asyncio.get_running_loop().create_future())
        async with asyncio.timeout(SETTLE_TIMEOUT):
            await waiter

    async def _mark_handled(self, update: Update, _context: CallbackContext) -> None:  # type: ignore[type-arg]
        self._handled.add(update.update_id)
        waiter = self._waiters.pop(update.update_id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def _sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    # -- conversation helpers ---------------------------------------------------------------

    async def say(
        self,
        chat: FakeChat,
        user: FakeUser,
        text: str,
        *,
        to: Call | None = None,
        expect: str = "sendMessage",
    ) -> Call:
        """Send `text` (as a reply to the bot's message `to`); the bot's first `expect` call."""
        mark = len(self.fake.calls)
        self.fake.send_text(chat, user, text, reply_to=message_id(to) if to else None)
        await self.settle()
        return self.first_since(mark, expect)

    async def press(
        self, chat: FakeChat, user: FakeUser, on: Call, data: str, *, expect: str = "sendMessage"
    ) -> Call:
        mark = await self.press_and_settle(chat, user, on, data)
        return self.first_since(mark, expect)

    async def press_and_settle(self, chat: FakeChat, user: FakeUser, on: Call, data: str) -> int:
        """Press a button under the bot's message `on`; returns the call index before it."""
        mark = len(self.fake.calls)
        self.fake.press(chat, user, message_id(on), data)
        await self.settle()
        return mark

    def sent_since(self, mark: int, method: str = "sendMessage") -> list[Call]:
        return [call for call in self.fake.calls[mark:] if call.method == method]

    def first_since(self, mark: int, method: str) -> Call:
        calls = self.sent_since(mark, method)
        seen = [(call.method, call.get("text")) for call in self.fake.calls[mark:]]
        assert calls, f"no {method} among {seen}"
        return calls[0]


def message_id(call: Call) -> int:
    """The id of the message a send call created (the first one, for an album)."""
    result = call.result[0] if isinstance(call.result, list) else call.result
    return int(result["message_id"])


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(token=TOKEN, bot_username=BOT_USERNAME) as api:
        yield api


@pytest.fixture
async def telegram(app: App, fake: FakeBotAPI) -> AsyncIterator[TelegramHarness]:
    harness = TelegramHarness(app, fake)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
