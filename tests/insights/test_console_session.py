"""Done when: a real console process publishes to the fake Graph API, moves its clock, and
shows the insight message with its chart, the numbers being the fake's."""

from __future__ import annotations

import asyncio
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from core.clock import system_clock
from tests.console.test_console import ANSWERS
from tests.fakes.graph_api import TOKEN, FakeGraphApi
from tests.instagram_flow.test_console_session import _env, _free_port

FAKE_NUMBERS = {
    "reach": 480,
    "views": 700,
    "likes": 40,
    "comments": 6,
    "saved": 9,
    "shares": 5,
    "total_interactions": 60,
}


def _noon_zone() -> str:
    """A fixed-offset zone where it is about noon now, so the session never crosses a
    local midnight by accident, whenever the test runs."""
    hours = (12 - datetime.now(UTC).hour + 12) % 24 - 12  # -12 .. +11
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"  # Etc/GMT-9 is UTC+9


class Session:
    """The console as a subprocess, fed line by line, its output read as it comes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.output = ""
        self.seen = ""  # the output read by the last `until`

    async def say(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{line}\n".encode())
        await self.process.stdin.drain()

    async def until(self, pattern: str) -> str:
        """Read until `pattern` (a regex) shows up in the output since the last call."""
        stdout = self.process.stdout
        assert stdout is not None
        start = len(self.output)
        async with asyncio.timeout(90):
            while (found := re.search(pattern, self.output[start:])) is None:
                line = await stdout.readline()
                if not line:
                    raise AssertionError(f"console ended before {pattern!r}:\n{self.output}")
                self.output += line.decode()
        self.seen = self.output[start:]
        return found.group(0)


async def test_a_console_session_publishes_moves_the_clock_and_shows_insights(
    tmp_path: Path,
) -> None:
    async with FakeGraphApi(clock=system_clock) as graph:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "console",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=_env(tmp_path, graph, _free_port()),
        )  # fmt: skip
        console = Session(process)
        try:
            opening = [f"/settings timezone {_noon_zone()}", f"/connect instagram {TOKEN}"]
            for line in [*opening, *ANSWERS, "승인", "📣 지금 게시"]:
                await console.say(line)
            await console.until("게시 완료")
            [media] = graph.published
            media.insights = dict(FAKE_NUMBERS)
            await console.say("/clock +20m")  # the next reading, 15 minutes after posting
            await console.until("shifted")
            await console.say("/insights")
            image_line = await console.until(r"\[image\] \S+")
            message = console.seen
            await console.say("/clock +1d")  # past 10:00 tomorrow: the daily message
            daily_image = await console.until(r"\[image\] \S+")
            daily = console.seen
        finally:
            assert process.stdin is not None
            process.stdin.close()
            await asyncio.wait_for(process.wait(), 60)

    assert "오늘 지금까지 도달 480 · 반응 60" in message, message
    assert "서울 테크노 나이트 Vol.3: 도달 480 · 반응 60 · 게시 1개" in message
    assert "📊 어제의 인사이트" in daily, daily
    assert "어제 도달 480 · 반응 60\n" in daily  # nothing was posted the day before
    best = "🏆 어제의 베스트: 공지 · 서울 테크노 나이트 Vol.3 (Instagram @seoul.underground)"
    assert f"{best} 도달 +480 {media.permalink}" in daily
    for line in (image_line, daily_image):
        with Image.open(Path(line.removeprefix("[image] "))) as image:
            assert image.format == "JPEG" and image.size == (1200, 900)
