"""`flyerbot run` starter for the publishing engine: targets this process can serve, then
the scheduler that wakes the dispatcher.
"""

from __future__ import annotations

from contextlib import AsyncExitStack

from telegram import Bot

from bot.publishers import telegram_channel
from bot.publishers.telegram_buttons import TelegramButtonEditor
from core.app import App


async def start_publishing(app: App, stack: AsyncExitStack) -> str | None:
    settings = app.settings
    if settings.telegram_token is not None:
        bot = Bot(
            settings.telegram_token.get_secret_value(),
            base_url=settings.telegram_api_base_url,
            base_file_url=settings.telegram_file_base_url,
        )
        await bot.initialize()
        stack.push_async_callback(bot.shutdown)
        telegram_channel.register(app.publishing, bot)
        app.engagement.editors.register(telegram_channel.KIND, TelegramButtonEditor(bot))
    await app.publishing.start()
    stack.push_async_callback(app.publishing.stop)
    kinds = ", ".join(sorted(app.publishing.publishers.kinds))
    return f"publishing: scheduler (sweep every {settings.publish_sweep_seconds} s); {kinds}"
