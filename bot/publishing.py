"""`flyerbot run` starter for the publishing engine: targets this process can serve, then
the scheduler that wakes the dispatcher, and the job that reads Discord posts' reactions.
"""

from __future__ import annotations

from contextlib import AsyncExitStack

import aiohttp

from bot.discord.connection import use_api
from bot.publishers import discord_webhook, telegram_channel
from bot.publishers.discord_reactions import DiscordWebhookReactions
from bot.publishers.discord_webhook import allowed_hosts, serve_webhooks
from bot.publishers.telegram_buttons import TelegramButtonEditor
from bot.telegram.aiohttp_request import aiohttp_bot
from bot.telegram.notifier import TelegramNotifier
from bot.telegram.sender import PLATFORM as TELEGRAM
from bot.telegram.token_refused import first_call
from core.app import App


async def start_publishing(app: App, stack: AsyncExitStack) -> str | None:
    settings = app.settings
    # Discord webhooks need no bot: discord.py's Webhook over a session of their own.
    use_api(settings.discord_api_url)
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
    stack.push_async_callback(session.close)
    serve_webhooks(app.publishing, session, settings.discord_api_url)
    hosts = allowed_hosts(settings.discord_api_url)
    webhook_reactions = DiscordWebhookReactions(session, allowed_hosts=hosts)
    app.engagement.reaction_sync.register(discord_webhook.KIND, webhook_reactions)
    if settings.telegram_token is not None:
        bot = aiohttp_bot(
            settings.telegram_token.get_secret_value(),
            base_url=settings.telegram_api_base_url,
            base_file_url=settings.telegram_file_base_url,
        )
        await first_call(bot.initialize())
        stack.push_async_callback(bot.shutdown)
        telegram_channel.register(app.publishing, bot)
        app.engagement.editors.register(telegram_channel.KIND, TelegramButtonEditor(bot))
        # A worker without the chat frontend still tells Telegram chats what happened.
        app.publishing.notifiers.register(TELEGRAM, TelegramNotifier(bot))
    await app.publishing.start()
    stack.push_async_callback(app.publishing.stop)
    await app.engagement.reaction_sync.start()
    stack.push_async_callback(app.engagement.reaction_sync.stop)
    kinds = ", ".join(sorted(app.publishing.publishers.kinds))
    return (
        f"publishing: scheduler (sweep every {settings.publish_sweep_seconds} s); {kinds}; "
        "Discord reactions read on the insights cadence"
    )
