"""Milliseconds per /newevent step through ChatService on a SQLite file, render excluded.

Run: python -m tests.benchmarks.conversation [--conversations N] [--quick] [--json FILE]
Targets: p50 <= 5 ms, p99 <= 15 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from core.app import open_app
from core.chat_service import ChatService
from core.conversation.messages import Action, Command, Input, Sender, Text
from core.settings import Settings
from tests.benchmarks.results import Result, arguments, percentile, write

STEPS: tuple[Input, ...] = (
    Command("newevent"),
    Text("서울 테크노 나이트 Vol.3"),
    Text("12월 20일 밤 10시"),
    Text("Cakeshop, 이태원"),
    Text("22:00-23:30 Soma; 23:30 Yetsuby; 01:00 DJ Kim"),
    Action("nv:pick:techno"),
    Text("https://tickets.example.com/seoul"),
    Text("back"),
    Text("not a url"),
    Text("https://tickets.example.com/seoul"),
    Command("cancel"),
)


async def measure(conversations: int) -> list[float]:
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(_env_file=None, data_dir=Path(scratch))  # type: ignore[call-arg]
        async with open_app(settings) as app:
            chat = ChatService(app)  # as a frontend holds it: one per process
            samples: list[float] = []
            for number in range(conversations):
                sender = Sender("bench", f"chat-{number % 50}", f"user-{number}")
                for message in STEPS:
                    started = time.perf_counter()
                    await chat.handle(sender, message)
                    samples.append((time.perf_counter() - started) * 1000)
            return samples


def main() -> None:
    parser = arguments(argparse.ArgumentParser(description=__doc__))
    parser.add_argument("--conversations", type=int, default=300)
    args = parser.parse_args()
    asyncio.run(measure(10))  # warm up imports, caches and the SQLite file
    samples = asyncio.run(measure(30 if args.quick else args.conversations))
    print(f"conversation steps on SQLite: n={len(samples)}")
    print(f"  p50  {percentile(samples, 0.50):6.2f} ms   (target <= 5 ms)")
    print(f"  p99  {percentile(samples, 0.99):6.2f} ms   (target <= 15 ms)")
    print(f"  mean {statistics.fmean(samples):6.2f} ms   max {max(samples):.2f} ms")
    setup = f"SQLite, {len(samples):,} steps"
    write(
        [
            Result("conversation", setup, "step p50", percentile(samples, 0.50), "ms", 5),
            Result("conversation", setup, "step p99", percentile(samples, 0.99), "ms", 15),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
