"""Done when: a real console process connects a token against the fake Graph API, approves,
posts now, and prints the permalink. The fake runs in this test's event loop while the
console runs as a subprocess, and downloads the image from the console's media server."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

from core.clock import system_clock
from tests.console.test_console import ANSWERS
from tests.fakes.graph_api import TOKEN, USERNAME, FakeGraphApi


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _env(data_dir: Path, graph: FakeGraphApi, port: int) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLYERBOT_")}
    env.update(
        FLYERBOT_DATA_DIR=str(data_dir),
        FLYERBOT_INSTAGRAM_GRAPH_URL=graph.url,
        FLYERBOT_INSTAGRAM_LOGIN_URL=graph.root_url,
        FLYERBOT_INSTAGRAM_POLL_INTERVAL_SECONDS="0",
        FLYERBOT_HTTP_HOST="127.0.0.1",
        FLYERBOT_HTTP_PORT=str(port),
        FLYERBOT_PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        PYTHONIOENCODING="utf-8",
    )
    return env


async def test_a_console_session_connects_approves_and_posts_to_instagram(
    tmp_path: Path,
) -> None:
    script = [f"/connect instagram {TOKEN}", *ANSWERS, "승인", "📣 지금 게시"]
    async with FakeGraphApi(clock=system_clock) as graph:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "console",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=_env(tmp_path, graph, _free_port()),
        )
        stdin = "".join(f"{line}\n" for line in script).encode()
        stdout, stderr = await asyncio.wait_for(process.communicate(stdin), timeout=120)

    output = stdout.decode()
    assert process.returncode == 0, stderr.decode()
    assert f"@{USERNAME}" in output and "연결했어요" in output
    [media] = graph.published
    assert "게시 완료" in output and media.permalink in output
    [fetch] = graph.fetches
    assert fetch.ok and "&sig=" in fetch.url
    assert TOKEN not in stderr.decode()  # never logged
