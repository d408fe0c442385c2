"""Starting and stopping the Telegram frontend inside `flyerbot run`.

Polling by default (nothing to expose to the internet); webhook mode when
TELEGRAM_WEBHOOK_URL is set. Either way the shutdown is registered on the runner's exit
stack. Polling never drops pending updates: what users sent while the bot was down is
answered when it comes back. Bot API calls and the long poll go over aiohttp
(bot/telegram/aiohttp_request.py), each through a request object of its own as
python-telegram-bot arranges them (the poll's read timeout gets the poll's wait added).
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from dataclasses import dataclass

from telegram import Update
from telegram.ext import Application

from bot.serving import serve
from bot.telegram.aiohttp_request import AiohttpRequest
from bot.telegram.commands import register_commands
from bot.telegram.config import TelegramConfig
from bot.telegram.frontend import TelegramFrontend
from bot.telegram.notifier import TelegramNotifier
from bot.telegram.processor import PerChatUpdateProcessor
from bot.telegram.retry import RetryAfterLimiter, Sleep
from bot.telegram.sender import PLATFORM
from bot.telegram.token_refused import first_call
from bot.telegram.webhook import webhook_app
from core.app import App
from core.chat_service import ChatService
from core.load.turns import DEFAULT_CONCURRENCY, across_processes
from storage.chat_locks import ChatLocks

log = logging.getLogger(__name__)

# Reaction counts of channel posts come only when asked for (the bot is a channel admin).
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MESSAGE_REACTION_COUNT]


@dataclass(frozen=True)
class RunningTelegram:
    application: Application
    username: str
    webhook_port: int | None = None  # the bound port in webhook mode

    @property
    def description(self) -> str:
        mode = "polling" if self.webhook_port is None else f"webhook on port {self.webhook_port}"
        return f"telegram: @{self.username} ({mode})"


async def start_telegram(app: App, stack: AsyncExitStack) -> str | None:
    """The starter `flyerbot run` calls: None when FLYERBOT_TELEGRAM_TOKEN is not set."""
    config = TelegramConfig.from_settings(app.settings)
    if config is None:
        return None
    running = await run_telegram(app, stack, config)
    return running.description


async def run_telegram(
    app: App,
    stack: AsyncExitStack,
    config: TelegramConfig,
    *,
    sleep: Sleep = asyncio.sleep,
) -> RunningTelegram:
    """Build, start and register the shutdown of the Application; `sleep` waits out 429s."""
    frontend = TelegramFrontend(ChatService(app), max_photo_bytes=config.max_photo_bytes)
    across = None
    if config.webhook_url:  # only one process can poll, but any number can take webhooks
        locks = ChatLocks(app.settings.resolved_database_url, concurrent=DEFAULT_CONCURRENCY)
        stack.push_async_callback(locks.aclose)
        across = across_processes(locks, PLATFORM)
    builder = (
        Application.builder()
        .token(config.token)
        .base_url(config.api_base_url)
        .base_file_url(config.file_base_url)
        .request(AiohttpRequest())
        .get_updates_request(AiohttpRequest(connection_pool_size=1))  # one long poll at a time
        .rate_limiter(RetryAfterLimiter(sleep=sleep))
        .concurrent_updates(PerChatUpdateProcessor(DEFAULT_CONCURRENCY, across=across))
        .job_queue(None)
    )
    if config.webhook_url:
        builder = builder.updater(None)
    application = builder.build()
    application.add_handlers(frontend.handlers())
    application.add_error_handler(frontend.on_error)

    await first_call(application.initialize())  # getMe: a refused token shows here
    stack.push_async_callback(application.shutdown)
    await register_commands(application.bot, config.default_locale)
    app.publishing.notifiers.register(PLATFORM, TelegramNotifier(application.bot))
    await application.start()
    stack.push_async_callback(_stop_application, application)
    username = application.bot.username
    if not config.webhook_url:
        assert application.updater is not None
        await application.updater.start_polling(
            timeout=int(config.poll_timeout),
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
        )
        stack.push_async_callback(_stop_polling, application)
        return RunningTelegram(application, username)

    server = webhook_app(application, config.webhook_path, config.webhook_secret)
    runner = await serve(server, config.webhook_listen, config.webhook_port)
    stack.push_async_callback(runner.cleanup)
    await application.bot.set_webhook(
        config.webhook_url,
        secret_token=config.webhook_secret,
        allowed_updates=ALLOWED_UPDATES,
        drop_pending_updates=False,
    )
    port = int(runner.addresses[0][1])
    return RunningTelegram(application, username, webhook_port=port)


async def _stop_polling(application: Application) -> None:
    if application.updater is not None and application.updater.running:
        await application.updater.stop()


async def _stop_application(application: Application) -> None:
    if application.running:
        await application.stop()
