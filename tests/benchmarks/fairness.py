"""How long a quiet chat waits while another chat has a backlog, through the real
python-telegram-bot Application polling the fake Bot API, on a SQLite file.

Run: python -m tests.benchmarks.fairness [--backlog 200]
Prints the quiet chat's reply time and how many of the busy chat's replies went out
before it, with the shipped processor (FairTurns) and, for comparison, with a slot
taken before the chat's line (python-telegram-bot's own order). Target: the quiet
chat's reply does not grow with the backlog.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor

from bot.telegram.frontend import TelegramFrontend
from bot.telegram.processor import PerChatUpdateProcessor
from core.app import open_app
from core.chat_service import ChatService
from core.settings import Settings
from tests.fakes.telegram_api import FakeBotAPI

TOKEN = "4242:BENCH-TOKEN"


class SlotFirstProcessor(BaseUpdateProcessor):
    """The order being compared against: a shared slot first, then the chat's lock."""

    def __init__(self, slots: int = 32) -> None:
        super().__init__(slots)
        self._locks: dict[int, asyncio.Lock] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        lock = self._locks.setdefault(chat.id if chat else 0, asyncio.Lock())
        async with lock:
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


async def measure(backlog: int, processor: BaseUpdateProcessor) -> tuple[float, int]:
    """Seconds until the quiet chat's reply, and busy replies sent before it."""
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(_env_file=None, data_dir=Path(scratch))  # type: ignore[call-arg]
        async with open_app(settings) as app, FakeBotAPI(token=TOKEN) as fake:
            application = (
                Application.builder()
                .token(TOKEN)
                .base_url(fake.base_url)
                .base_file_url(fake.base_file_url)
                .concurrent_updates(processor)
                .job_queue(None)
                .build()
            )
            frontend = TelegramFrontend(ChatService(app), max_photo_bytes=10_000_000)
            application.add_handlers(frontend.handlers())
            async with application:
                await application.start()
                assert application.updater is not None
                await application.updater.start_polling(timeout=1)
                busy = fake.group("Busy")
                quiet_user = fake.user("Quiet")
                quiet = fake.dm(quiet_user)
                mark = len(fake.calls)
                for number in range(backlog):
                    fake.send_text(busy, fake.user(f"Member {number}"), "/help")
                started = time.perf_counter()
                fake.send_text(quiet, quiet_user, "/help")
                reply = await fake.wait_for_call(
                    "sendMessage",
                    where=lambda c: c.get("chat_id") == quiet.id,
                    since=mark,
                    timeout=600,
                )
                waited = time.perf_counter() - started
                before = fake.calls.index(reply)
                ahead = sum(
                    1
                    for call in fake.calls[mark:before]
                    if call.method == "sendMessage" and call.get("chat_id") == busy.id
                )
                if backlog:  # let the backlog drain before shutting down
                    await fake.wait_for_call(
                        "sendMessage",
                        backlog,
                        where=lambda c: c.get("chat_id") == busy.id,
                        since=mark,
                        timeout=600,
                    )
                await application.updater.stop()
                await application.stop()
            return waited, ahead


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backlog", type=int, default=200)
    args = parser.parse_args()
    for name, make in (("fair turns", PerChatUpdateProcessor), ("slot first", SlotFirstProcessor)):
        for backlog in (0, args.backlog):
            waited, ahead = asyncio.run(measure(backlog, make()))
            print(
                f"{name:>10}: backlog {backlog:>4} -> quiet chat answered in "
                f"{waited * 1000:7.1f} ms, after {ahead} busy replies"
            )


if __name__ == "__main__":
    main()
