"""Webhook mode: Telegram POSTs updates, proven by the secret token header."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.telegram.webhook import SECRET_HEADER
from core.app import App
from tests.fakes.telegram_api import FakeBotAPI
from tests.telegram.conftest import TelegramHarness

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

SECRET = "webhook-secret-for-tests"
PUBLIC_URL = "https://bot.example.com/hooks/telegram"


def command_update(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": 1_790_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "Mina"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Mina"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


@pytest.fixture
async def webhook(app: App, fake: FakeBotAPI) -> AsyncIterator[TelegramHarness]:
    harness = TelegramHarness(app, fake)
    await harness.start(
        webhook_url=PUBLIC_URL, webhook_listen="127.0.0.1", webhook_port=0, webhook_secret=SECRET
    )
    try:
        yield harness
    finally:
        await harness.stop()


async def test_updates_posted_with_the_secret_are_answered(
    webhook: TelegramHarness, fake: FakeBotAPI
) -> None:
    [registered] = fake.calls_to("setWebhook")
    assert registered["url"] == PUBLIC_URL and registered["secret_token"] == SECRET
    assert fake.calls_to("getUpdates") == []
    assert webhook.running is not None and webhook.running.webhook_port
    url = f"http://127.0.0.1:{webhook.running.webhook_port}/hooks/telegram"

    async with aiohttp.ClientSession() as http:
        wrong = await http.post(url, json=command_update(1, 501, "/newevent"))
        assert wrong.status == 403
        right = await http.post(
            url, json=command_update(2, 501, "/newevent"), headers={SECRET_HEADER: SECRET}
        )
        assert right.status == 200
    await webhook.settle(2)

    [question] = fake.calls_to("sendMessage")
    assert question["chat_id"] == 501 and "(1/7)" in question["text"]
