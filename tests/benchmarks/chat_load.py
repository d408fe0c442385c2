"""The chat side under load: many chats answering /newevent at once, in webhook mode.

Run: python -m tests.benchmarks.chat_load [--chats 500] [--think 2.0] [--frontends 1 2]
     [--quick] [--json FILE]

Each chat is a person in a DM going through the text steps of /newevent (command, title,
date, venue, lineup), pausing `think` seconds on average between an answer and their
next message (seeded, so every run offers the same load). Updates reach the real
`flyerbot run --role frontend` processes through the webhook, a chat's updates spread
over the processes in turn, and the time from sending an update to its HTTP 200 — which
the webhook gives once the update was handled and the bot's answer sent — is measured.
Before the clock starts, 16 chats per process go through the steps unmeasured: a process
that has just started pays once for its first queries and connections (about 50 ms on a
first /newevent), which a running bot has long paid.
Run against 1 and 2 frontend processes on PostgreSQL (FLYERBOT_BENCH_DATABASE_URL).
Target: p99 <= 250 ms on 2 frontend processes.

Then the same load against 2 echo frontends (tests/benchmarks/echo_frontend.py): the
same Telegram plumbing answering every message with one fixed question, no flyerbot
behind it. Its latency and CPU are the floor that flyerbot's own work adds to.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from core.app import open_app
from core.settings import Settings
from tests.benchmarks.cpu import CpuMeter, process_seconds
from tests.benchmarks.results import Result, arguments, percentile, write
from tests.fakes.telegram_api import FakeBotAPI
from tests.fakes.webhook_pusher import WebhookPusher
from tests.scale.frontends import FLYERBOT, SECRET, frontend_environment, frontends

TOKEN = "4545:CHAT-LOAD-TOKEN"
STEPS = ("/newevent", "Warehouse Night", "2026-12-20 22:00", "Cakeshop, Itaewon", "22:00 DJ A")
TARGET_P99_MS = 250
ECHO = ("tests.benchmarks.echo_frontend",)
WARM_UP_CHATS = 16  # per process


async def _schema(url: str) -> tuple[str, str]:
    """A throwaway schema with the tables; returns (its URL, its name)."""
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(url)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{name}"'))
    await admin.dispose()
    separator = "&" if "?" in url else "?"
    scoped = f"{url}{separator}search_path={name}"
    settings = Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp()), database_url=scoped)  # type: ignore[call-arg]
    async with open_app(settings, apply_migrations=True):
        pass
    return scoped, name


async def _drop(url: str, name: str) -> None:
    admin = create_async_engine(url)
    async with admin.begin() as connection:
        await connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    await admin.dispose()


async def _person(
    fake: FakeBotAPI, pusher: WebhookPusher, number: int, think: float, rng: random.Random
) -> None:
    user = fake.user(f"Promoter {number}" if number >= 0 else f"Warm-up {-number}")
    chat = fake.dm(user)
    pauses = [rng.expovariate(1 / think) if think else 0.0 for _ in STEPS]
    await asyncio.sleep(rng.uniform(0, think))  # people do not all start on the same tick
    for step, pause in zip(STEPS, pauses, strict=True):
        message = fake.send_text(chat, user, step)
        handled = pusher.deliver({"update_id": fake.last_update_id, "message": message})
        await handled
        await asyncio.sleep(pause)


async def run_load(
    url: str, processes: int, chats: int, think: float, command: tuple[str, ...] = FLYERBOT
) -> list[float]:
    scoped, schema = await _schema(url)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            async with FakeBotAPI(token=TOKEN) as fake:
                environment = frontend_environment(
                    database_url=scoped,
                    data_dir=Path(scratch),
                    token=TOKEN,
                    api_base_url=fake.base_url,
                    file_base_url=fake.base_file_url,
                )
                async with frontends(processes, environment, command) as running:
                    urls = [frontend.url for frontend in running]
                    meter = CpuMeter([f.process.pid for f in running], names=["postgres"])
                    async with WebhookPusher(urls, SECRET) as pusher:
                        warm_up = range(-WARM_UP_CHATS * processes, 0)
                        await asyncio.gather(
                            *(_person(fake, pusher, n, 0.0, random.Random(n)) for n in warm_up)
                        )
                        unmeasured = len(pusher.delivered)
                        answers_before = len(fake.calls_to("sendMessage"))
                        rng = random.Random(1234)
                        people = [
                            _person(fake, pusher, n, think, random.Random(rng.random()))
                            for n in range(chats)
                        ]
                        meter.start()
                        mine = process_seconds(os.getpid())
                        started = time.perf_counter()
                        await asyncio.gather(*people)
                        took = time.perf_counter() - started
                        mine = process_seconds(os.getpid()) - mine
                        spent = meter.stop()
                        answered = len(fake.calls_to("sendMessage")) - answers_before
        seconds = [d.seconds for d in pusher.delivered[unmeasured:]]
        kind = "echo frontend" if command == ECHO else "frontend"
        print(
            f"{processes} {kind} process(es): {len(seconds)} updates from {chats} chats "
            f"in {took:.1f} s ({len(seconds) / took:.0f} updates/s), {answered} answers; "
            f"p50 {percentile(seconds, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(seconds, 0.99) * 1000:.0f} ms",
            flush=True,
        )
        frontends_cpu = sum(v for k, v in spent.items() if k.isdigit())
        count = max(1, len(seconds))
        print(
            f"  CPU per update: frontends {frontends_cpu / count * 1000:.1f} ms, "
            f"PostgreSQL {spent['postgres'] / count * 1000:.1f} ms, "
            f"fake Bot API and pusher {mine / count * 1000:.1f} ms",
            flush=True,
        )
        return seconds
    finally:
        await _drop(url, schema)


async def main_async(
    chats: int, think: float, frontends: Sequence[int], echo: bool
) -> list[Result]:
    url = os.environ.get("FLYERBOT_BENCH_DATABASE_URL")
    if not url:
        print("chat_load: set FLYERBOT_BENCH_DATABASE_URL to a PostgreSQL URL", file=sys.stderr)
        return []
    results = []
    for processes in frontends:
        seconds = await run_load(url, processes, chats, think)
        setup = f"PostgreSQL, {processes} frontend process{'es' if processes > 1 else ''}"
        target = TARGET_P99_MS if processes == 2 else None
        results += _latencies(setup, chats, seconds, target)
    if echo:  # the floor: the same plumbing with nothing of flyerbot behind it
        seconds = await run_load(url, 2, chats, think, ECHO)
        results += _latencies("PostgreSQL, 2 echo frontends (floor)", chats, seconds, None)
    return results


def _latencies(setup: str, chats: int, seconds: list[float], target: float | None) -> list[Result]:
    p50, p99 = percentile(seconds, 0.5) * 1000, percentile(seconds, 0.99) * 1000
    return [
        Result("chat_load", setup, f"{chats} chats: update→answer p50", p50, "ms"),
        Result("chat_load", setup, f"{chats} chats: update→answer p99", p99, "ms", target),
    ]


def main() -> None:
    parser = arguments(argparse.ArgumentParser(description=__doc__))
    parser.add_argument("--chats", type=int, default=500)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between answers")
    parser.add_argument(
        "--frontends", type=int, nargs="*", default=[1, 2], help="processes (none: echo only)"
    )
    parser.add_argument("--no-echo", action="store_true", help="skip the echo frontends' floor")
    args = parser.parse_args()
    chats, think = (50, 0.5) if args.quick else (args.chats, args.think)
    results = asyncio.run(main_async(chats, think, args.frontends, echo=not args.no_echo))
    write(results, args.json)


if __name__ == "__main__":
    main()
