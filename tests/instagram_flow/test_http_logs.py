"""httpx logs request URLs at INFO; a URL that must carry a token is redacted first.

The Graph API's `debug_token` takes the token it inspects in the query (see
instagram-graph-api.md), so the URL httpx logs holds it. The suite-wide leak watch
(tests/conftest.py) fails any of these tests if the token reaches a log record.
"""

from __future__ import annotations

import logging

import pytest

from core.app import App
from core.conversation.messages import Command, Notice
from core.redaction import REDACTED, redact
from tests.conversation.helpers import only, say
from tests.fakes.graph_api import IG_USER_ID, TOKEN, FakeGraphApi
from tests.instagram_flow.helpers import ADMIN_DM, instagram_targets


async def test_debug_token_is_logged_by_httpx_without_the_token(
    app: App, graph: FakeGraphApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="httpx")
    connect = Command("connect", f"instagram {IG_USER_ID} {TOKEN}")  # Facebook Login

    only(await say(app, ADMIN_DM, connect), Notice)

    [target] = await instagram_targets(app)
    assert target.config["token_expires_at"]  # debug_token answered, with the expiry
    [inspected] = [call for call in graph.calls if call.endpoint == "debug_token"]
    assert inspected.params["input_token"] == TOKEN  # it had to travel in the query
    [line] = [r.getMessage() for r in caplog.records if "debug_token" in r.getMessage()]
    assert f"input_token={REDACTED}" in line and TOKEN not in line


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("https://api.telegram.org/bot4242:AAH-abc_def/getMe", "4242:AAH-abc_def"),
        ("https://api.telegram.org/file/bot4242:AAH-abc/photos/1.jpg", "4242:AAH-abc"),
        ("https://discord.com/api/v10/webhooks/123456789/tok-en_1.x?wait=true", "tok-en_1.x"),
        ("https://graph.facebook.com/v25.0/debug_token?input_token=EAAB1&x=1", "EAAB1"),
        ("https://graph.instagram.com/refresh_access_token?access_token=IGQ9", "IGQ9"),
        ("https://s3.example.com/b/k.jpg?X-Amz-Signature=ab12&X-Amz-Expires=60", "ab12"),
    ],
)
def test_secrets_in_urls_are_redacted(url: str, secret: str) -> None:
    cleaned = redact(f'HTTP Request: GET {url} "HTTP/1.1 200 OK"')
    assert secret not in cleaned and REDACTED in cleaned
    assert cleaned.startswith("HTTP Request: GET https://")


def test_python_telegram_bot_logs_its_api_url_without_the_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from telegram import Bot

    token = "5151:AAH-built-bot-token-for-this-test"
    caplog.set_level(logging.DEBUG, logger="telegram.Bot")
    Bot(token, base_url="http://127.0.0.1:9/bot")  # logs "Set Bot API URL: ..." at DEBUG
    assert any("Set Bot API URL" in r.getMessage() for r in caplog.records)
    assert token not in caplog.text
