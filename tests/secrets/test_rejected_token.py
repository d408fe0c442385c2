"""A Telegram token that Telegram rejects at start is named, never printed.

`flyerbot run` runs as a real process against the fake Bot API, which answers 401 to any
token but its own; everything the process writes is searched for the token.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.fakes.telegram_api import FakeBotAPI
from tests.leaks import TEST_SECRET_KEY, remember

REJECTED = "987654321:AAH-rejected-token-never-printed-0123456"


async def test_a_rejected_token_is_not_printed_at_start(tmp_path: Path) -> None:
    remember(REJECTED)
    async with FakeBotAPI(token="1111:the-fake-accepts-only-this-token") as fake:
        env = {key: value for key, value in os.environ.items() if not key.startswith("FLYERBOT_")}
        env.update(
            FLYERBOT_DATA_DIR=str(tmp_path / "data"),
            FLYERBOT_SECRET_KEY=TEST_SECRET_KEY,
            FLYERBOT_TELEGRAM_TOKEN=REJECTED,
            FLYERBOT_TELEGRAM_API_BASE_URL=fake.base_url,
            FLYERBOT_TELEGRAM_FILE_BASE_URL=fake.base_file_url,
            FLYERBOT_HTTP_PORT="0",
            PYTHONIOENCODING="utf-8",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)

    printed = stdout.decode() + stderr.decode()
    assert process.returncode not in (0, None)
    assert "FLYERBOT_TELEGRAM_TOKEN" in printed and "@BotFather" in printed
    assert REJECTED not in printed
    assert REJECTED.split(":")[1] not in printed  # not even the secret half
