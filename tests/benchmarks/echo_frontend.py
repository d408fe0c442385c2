"""A frontend process with flyerbot's Telegram plumbing and nothing of flyerbot behind it.

    python -m tests.benchmarks.echo_frontend     (configured by the FLYERBOT_ environment
                                                  of tests/scale/frontends.py)

It is built as `flyerbot run --role frontend` builds its Application in webhook mode: the
Bot API over our aiohttp requests, per-chat turns holding the chat's PostgreSQL advisory
lock, updates taken by our webhook server and answered once handled. Each message is
answered with one fixed question and its keyboard; no conversation, no database work of
its own. The chat load benchmark runs it to measure the floor under a frontend: what
python-telegram-bot, the webhook and the chat lock cost before flyerbot does anything.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.serving import bound_port, serve
from bot.telegram.aiohttp_request import AiohttpRequest
from bot.telegram.processor import PerChatUpdateProcessor
from bot.telegram.webhook import webhook_app
from core.load.turns import DEFAULT_CONCURRENCY, across_processes
from storage.chat_locks import ChatLocks
from tests.scale.frontends import HOOK_PATH

QUESTION = "When does it start? Send a date and time, e.g. 2026-12-20 22:00 (Seoul time)."
KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Back", callback_data="b"),
            InlineKeyboardButton("Cancel", callback_data="c"),
        ]
    ]
)


async def _answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(QUESTION, reply_markup=KEYBOARD)


async def main() -> None:
    env = os.environ
    locks = ChatLocks(env["FLYERBOT_DATABASE_URL"], concurrent=DEFAULT_CONCURRENCY)
    processor = PerChatUpdateProcessor(across=across_processes(locks, "telegram"))
    application = (
        Application.builder()
        .token(env["FLYERBOT_TELEGRAM_TOKEN"])
        .base_url(env["FLYERBOT_TELEGRAM_API_BASE_URL"])
        .base_file_url(env["FLYERBOT_TELEGRAM_FILE_BASE_URL"])
        .request(AiohttpRequest())
        .concurrent_updates(processor)
        .updater(None)
        .job_queue(None)
        .build()
    )
    application.add_handler(MessageHandler(filters.ALL, _answer))
    stopped = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(signum, stopped.set)
    async with application:
        await application.start()
        server = webhook_app(application, HOOK_PATH, env["FLYERBOT_TELEGRAM_WEBHOOK_SECRET"])
        runner = await serve(server, "127.0.0.1", 0)
        print(f"webhook on port {bound_port(runner)}", file=sys.stderr, flush=True)
        await stopped.wait()
        await runner.cleanup()
        await application.stop()
    await locks.aclose()


if __name__ == "__main__":
    asyncio.run(main())
