"""What one Bot API call costs the bot's process, over PTB's HTTPXRequest and over ours.

Run: python -m tests.benchmarks.bot_api [--calls 1000] [--concurrency 1 10] [--quick]

The fake Bot API runs in a process of its own, so this process's CPU time is the bot's
side alone: python-telegram-bot building the request and reading the answer (the same
for both), and the transport under it. `send_message` with an inline keyboard, as the
chat frontend sends it; blocks of calls alternate between the two request classes and
the median block is printed. CPU per call is the number to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.request import BaseRequest, HTTPXRequest

from bot.telegram.aiohttp_request import AiohttpRequest
from tests.benchmarks.results import Result, arguments, write

TOKEN = "4646:BOT-API-BENCH"
_SERVER = f"""
import asyncio
from tests.fakes.telegram_api import FakeBotAPI

async def main():
    async with FakeBotAPI(token={TOKEN!r}) as fake:
        print(fake.base_url, flush=True)
        await asyncio.Event().wait()

asyncio.run(main())
"""
BLOCKS = 5


async def _block(bot: Bot, calls: int, concurrency: int) -> tuple[float, float]:
    """(CPU ms, wall ms) per call over `calls` sends, `concurrency` at a time."""
    back = InlineKeyboardButton("뒤로", callback_data="nav:back")
    markup = InlineKeyboardMarkup(
        [[back], [InlineKeyboardButton("취소", callback_data="nav:cancel")]]
    )
    slots = asyncio.Semaphore(concurrency)

    async def one(number: int) -> None:
        async with slots:
            text = f"(2/7) 언제 시작하나요? 예: 12월 20일 밤 10시 ({number})"
            await bot.send_message(1000 + number % 50, text, reply_markup=markup)

    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one(number) for number in range(calls)))
    return (time.process_time() - cpu) * 1000 / calls, (time.perf_counter() - wall) * 1000 / calls


async def measure(base_url: str, calls: int, concurrency: int) -> dict[str, tuple[float, float]]:
    requests: dict[str, BaseRequest] = {"httpx": HTTPXRequest(), "aiohttp": AiohttpRequest()}
    bots = {name: Bot(TOKEN, base_url=base_url, request=r) for name, r in requests.items()}
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in bots}
    for bot in bots.values():
        await bot.initialize()
    try:
        for bot in bots.values():
            await _block(bot, min(calls, 200), concurrency)  # connections and caches warm
        for _ in range(BLOCKS):
            for name, bot in bots.items():
                samples[name].append(await _block(bot, calls, concurrency))
    finally:
        for bot in bots.values():
            await bot.shutdown()
    return {
        name: (
            statistics.median(cpu for cpu, _ in found),
            statistics.median(wall for _, wall in found),
        )
        for name, found in samples.items()
    }


async def main_async(calls: int, concurrencies: Sequence[int]) -> list[Result]:
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-c", _SERVER, stdout=asyncio.subprocess.PIPE
    )
    assert server.stdout is not None
    try:
        base_url = (await server.stdout.readline()).decode().strip()
        results = []
        for concurrency in concurrencies:
            measured = await measure(base_url, calls, concurrency)
            setup = f"{concurrency} call(s) at a time"
            for name, (cpu, wall) in measured.items():
                print(
                    f"{setup}, {name:7s}: CPU per call {cpu:.2f} ms, wall per call {wall:.2f} ms",
                    flush=True,
                )
                results.append(Result("bot_api", setup, f"{name}: CPU per call", cpu, "ms"))
        return results
    finally:
        server.terminate()
        await server.wait()


def main() -> None:
    parser = arguments(argparse.ArgumentParser(description=__doc__))
    parser.add_argument("--calls", type=int, default=1000, help="calls per block")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10])
    args = parser.parse_args()
    calls = 100 if args.quick else args.calls
    write(asyncio.run(main_async(calls, args.concurrency)), args.json)


if __name__ == "__main__":
    main()
