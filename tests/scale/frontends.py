"""Frontend processes (`flyerbot run --role frontend`) in webhook mode, for tests and
benchmarks: started against a fake Bot API, each on its own port, stopped with SIGTERM."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOOK_PATH = "/hooks/telegram"
SECRET = "webhook-secret-for-frontend-processes"
_PORT = re.compile(r"webhook on port (\d+)")


@dataclass
class Frontend:
    process: asyncio.subprocess.Process
    port: int
    log: list[str]  # its stderr, read as it comes so the pipe never fills up
    reader: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{HOOK_PATH}"


FLYERBOT = ("bot.cli", "run", "--role", "frontend")


async def start_frontend(
    environment: Mapping[str, str], command: tuple[str, ...] = FLYERBOT
) -> Frontend:
    """`command`: the module to run with its arguments (the echo frontend of the chat
    load benchmark stands in for flyerbot this way)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        *command,
        cwd=ROOT,
        env=dict(environment),
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stderr is not None
    lines: list[str] = []
    async with asyncio.timeout(60):
        while True:
            line = (await process.stderr.readline()).decode()
            if not line:
                raise RuntimeError("frontend exited:\n" + "".join(lines))
            lines.append(line)
            if found := _PORT.search(line):
                frontend = Frontend(process, int(found.group(1)), lines)
                frontend.reader = asyncio.create_task(_keep_reading(process, lines))
                return frontend


async def _keep_reading(process: asyncio.subprocess.Process, lines: list[str]) -> None:
    assert process.stderr is not None
    while line := await process.stderr.readline():
        lines.append(line.decode())


async def stop_frontend(frontend: Frontend) -> int:
    if frontend.process.returncode is None:
        frontend.process.send_signal(signal.SIGTERM)
    await asyncio.wait_for(frontend.process.wait(), 60)
    if frontend.reader is not None:
        await frontend.reader
    return frontend.process.returncode or 0


def frontend_environment(
    *, database_url: str, data_dir: Path, token: str, api_base_url: str, file_base_url: str
) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("FLYERBOT_")}
    return {
        **keep,
        "FLYERBOT_DATABASE_URL": database_url,
        "FLYERBOT_DATA_DIR": str(data_dir),
        "FLYERBOT_SECRET_KEY": "frontend-processes-test-secret-key-0123456789",
        "FLYERBOT_TELEGRAM_TOKEN": token,
        "FLYERBOT_TELEGRAM_API_BASE_URL": api_base_url,
        "FLYERBOT_TELEGRAM_FILE_BASE_URL": file_base_url,
        "FLYERBOT_TELEGRAM_WEBHOOK_URL": f"https://bot.example.com{HOOK_PATH}",
        "FLYERBOT_TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
        "FLYERBOT_TELEGRAM_WEBHOOK_PORT": "0",
        "FLYERBOT_TELEGRAM_WEBHOOK_SECRET": SECRET,
        "FLYERBOT_HTTP_PORT": "0",
    }


@asynccontextmanager
async def frontends(
    count: int, environment: Mapping[str, str], command: tuple[str, ...] = FLYERBOT
) -> AsyncIterator[list[Frontend]]:
    started = [await start_frontend(environment, command) for _ in range(count)]
    try:
        yield started
    finally:
        for frontend in started:
            await stop_frontend(frontend)
