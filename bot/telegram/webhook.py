"""Webhook mode: Telegram POSTs updates to our own small aiohttp server.

aiohttp is already here for the media server, so python-telegram-bot's tornado-based
webhook is not needed: each verified update goes straight onto the Application's update
queue. Telegram proves itself with the secret token header set by setWebhook.

The answer waits until the update was handled. Telegram sends a chat's next update only
after the previous one was answered, so with several frontend processes behind one
webhook a chat's answers still come in order; and an update whose process died before
answering is sent again, not lost.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.telegram.processor import PerChatUpdateProcessor

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_APPLICATION = web.AppKey("application", Application)
_SECRET = web.AppKey("secret", str)


def webhook_app(application: Application, path: str, secret: str) -> web.Application:
    app = web.Application(client_max_size=1024 * 1024)
    app[_APPLICATION] = application
    app[_SECRET] = secret
    app.router.add_post(path, _receive)
    return app


async def _receive(request: web.Request) -> web.Response:
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), request.app[_SECRET].encode()):
        raise web.HTTPForbidden()
    application = request.app[_APPLICATION]
    try:
        update = Update.de_json(json.loads(await request.read()), application.bot)
    except Exception:  # not an update: Telegram would not send it, so nobody to tell
        log.warning("webhook received something that is not an update")
        raise web.HTTPBadRequest() from None
    processor = application.update_processor
    if isinstance(processor, PerChatUpdateProcessor):
        handled = processor.handled(update.update_id)
        await application.update_queue.put(update)
        await asyncio.shield(handled)
    else:
        await application.update_queue.put(update)
    return web.Response()
