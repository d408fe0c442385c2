"""The Instagram path under load: the real publisher against the fake Graph API over HTTP.

Run: python -m tests.benchmarks.instagram [--deliveries 10000] [--quick] [--json FILE]
     (the PostgreSQL row needs FLYERBOT_BENCH_DATABASE_URL)

N deliveries to Instagram targets fall due at once. Each goes through the app's own
Instagram publisher: quota read (once per account while it leaves room), container (the
fake downloads the signed image from the media server), status poll, media_publish,
permalink read; the fake answers every call after 20 ms. The fake runs in a process of
its own, as Meta's servers are elsewhere; the media server runs in the benchmark process.
Duplicates are counted at the fake: posts whose (per-post unique) caption was published
more than once.

1. SQLite, one process: the in-process dispatcher drains the queue.
2. PostgreSQL, 4 worker processes (tests/scale/worker.py with the Instagram options).
Targets: SQLite <= 60 s, PostgreSQL/4 <= 15 s, 0 duplicates, peak RSS per process <= 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import String, cast, func, literal, select, update

from bot.http_server import create_media_app
from bot.serving import bound_port, serve
from core.app import App, open_app
from core.clock import system_clock
from core.crypto import TokenCipher
from core.settings import Settings
from core.targets.store import secret_binding
from storage.models import Delivery, Post, Target
from tests.benchmarks.dispatch import QuietChats, seed
from tests.benchmarks.results import Result, arguments, peak_rss_mb, write
from tests.benchmarks.scale import SECRET, Workers, _drop_schema, _fresh_schema
from tests.fakes.graph_api import IG_USER_ID, TOKEN

ROOT = Path(__file__).resolve().parents[2]
LATENCY = 0.020
WORKSPACES = 500


class GraphServer:
    """tests/benchmarks/graph_server.py in a subprocess; `summary` is filled on exit."""

    def __init__(self, latency: float, quota: int) -> None:
        self._arguments = ["--latency", str(latency), "--quota", str(quota)]
        self.url = self.root_url = ""
        self.summary: dict[str, Any] = {}

    async def __aenter__(self) -> GraphServer:
        self._process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.benchmarks.graph_server", *self._arguments,
            cwd=ROOT, stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert self._process.stdout is not None
        ready = json.loads(await self._process.stdout.readline())
        self.url, self.root_url = ready["url"], ready["root_url"]
        return self

    @property
    def pid(self) -> int:
        return self._process.pid

    async def __aexit__(self, *exc_info: object) -> None:
        self._process.send_signal(signal.SIGTERM)
        out, _ = await self._process.communicate()
        self.summary = json.loads(out.decode().splitlines()[-1])


@asynccontextmanager
async def media_server(data_dir: Path) -> AsyncIterator[str]:
    """The media server over the shared data dir: where the fake downloads each image."""
    app = create_media_app(data_dir / "media", SECRET.encode(), system_clock)
    runner = await serve(app, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{bound_port(runner)}"
    finally:
        await runner.cleanup()


def _settings(data_dir: Path, graph: GraphServer, media_url: str, **more: Any) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=data_dir,
        secret_key=SecretStr(SECRET),
        instagram_graph_url=graph.url,
        instagram_poll_interval_seconds=0,
        public_base_url=media_url,
        posts_per_day=0,
        **more,
    )


async def seed_instagram(app: App, settings: Settings, count: int) -> list[int]:
    """Seeded deliveries, their targets turned into connected Instagram accounts (the one
    account the fake knows, token encrypted as /connect stores it), one caption per post."""
    later = datetime.now(UTC) + timedelta(days=1)
    ids = await seed(app, deliveries=count, workspaces=WORKSPACES, due_at=later)
    cipher = TokenCipher(settings.resolved_secret_key)
    async with app.sessions.begin() as session:
        await session.execute(
            update(Target).values(
                kind="instagram",
                address=IG_USER_ID,
                name="seoul.underground",
                config={"login": "facebook"},
            )
        )
        target_ids = list((await session.execute(select(Target.id))).scalars())
        sealed = [
            {
                "id": target_id,
                "credentials_encrypted": cipher.encrypt(TOKEN, bound_to=secret_binding(target_id)),
            }
            for target_id in target_ids
        ]  # each token is bound to its own row, as /connect stores it
        await session.execute(update(Target), sealed)  # ORM bulk update by primary key
        caption = literal("Night #").concat(cast(Post.id, String))
        await session.execute(update(Post).values(caption=caption))
    return ids


async def _all_due_now(app: App) -> None:
    async with app.sessions.begin() as session:
        await session.execute(update(Delivery).values(due_at=datetime.now(UTC)))


async def _tally(app: App) -> dict[str, int]:
    async with app.sessions.begin() as session:
        rows = await session.execute(
            select(Delivery.status, func.count()).group_by(Delivery.status)
        )
        return {str(status): int(n) for status, n in rows.all()}


def _report(
    setup: str, count: int, elapsed: float, tally: dict[str, int], graph: GraphServer,
    rss: dict[str, float], cpu: float | None = None,
) -> list[Result]:  # fmt: skip
    summary = graph.summary
    calls = ", ".join(f"{name} {n:,}" for name, n in sorted(summary["calls"].items()))
    print(f"{setup}: {count:,} Instagram deliveries, {LATENCY * 1000:.0f} ms per Graph call")
    print(f"  drained in      {elapsed:8.2f} s   ({count / elapsed:,.0f} deliveries/s)")
    if cpu is not None:  # on a shared machine the wall time follows the load, this the code
        print(f"  CPU             {cpu:8.2f} s   ({cpu / count * 1000:.1f} ms per delivery)")
    print(f"  deliveries      {tally}")
    print(
        f"  at the fake     published {summary['published']:,}, duplicates "
        f"{summary['duplicates']}, failed image downloads {summary['failed_fetches']}"
    )
    print(f"  Graph calls     {calls}")
    for name, mb in rss.items():
        print(f"  peak RSS        {mb:8.0f} MB  {name}")
    print(f"  (fake Graph API process: {summary['peak_rss_mb']:.0f} MB, not flyerbot's)")
    target = 60 if "SQLite" in setup else 15
    missing = count - tally.get("published", 0)
    return [
        Result("instagram", setup, f"drain {count:,} via Graph API", elapsed, "s", target),
        Result("instagram", setup, "duplicates", summary["duplicates"], "", 0),
        Result("instagram", setup, "not published", missing, "", 0),
        Result("instagram", setup, "peak RSS per process", max(rss.values()), "MB", 200),
    ]


async def on_sqlite(count: int, concurrency: int) -> list[Result]:
    setup = "SQLite, 1 process"
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        async with GraphServer(LATENCY, quota=2 * count) as graph, media_server(data_dir) as media:
            settings = _settings(data_dir, graph, media, publish_concurrency=concurrency)
            async with open_app(settings) as app:
                app.publishing.notifiers.register("bench", QuietChats())
                await seed_instagram(app, settings, count)
                await _all_due_now(app)
                started, cpu_started = time.perf_counter(), time.process_time()
                await app.publishing.dispatcher.run_due()
                elapsed = time.perf_counter() - started
                cpu = time.process_time() - cpu_started
                tally = await _tally(app)
    return _report(setup, count, elapsed, tally, graph, {"flyerbot": peak_rss_mb()}, cpu)


async def on_postgresql(url: str, count: int, processes: int) -> list[Result]:
    setup = f"PostgreSQL, {processes} worker processes"
    scoped, schema = await _fresh_schema(url)
    try:
        with tempfile.TemporaryDirectory() as scratch:
            data_dir = Path(scratch)
            async with (
                GraphServer(LATENCY, quota=2 * count) as graph,
                media_server(data_dir) as media,
            ):
                settings = _settings(data_dir, graph, media, database_url=scoped)
                async with open_app(settings, apply_migrations=True) as app:
                    await seed_instagram(app, settings, count)
                    instagram = ["--instagram-graph-url", graph.url, "--public-base-url", media]
                    async with Workers(scoped, data_dir, "", processes, *instagram) as workers:
                        await _all_due_now(app)
                        started = time.perf_counter()
                        tally = await _until_done(app, give_up_after=600)
                        elapsed = time.perf_counter() - started
        rss = {f"worker {n + 1}": s["peak_rss_mb"] for n, s in enumerate(workers.summaries)}
        rss["benchmark (seeding, media server)"] = peak_rss_mb()
        return _report(setup, count, elapsed, tally, graph, rss)
    finally:
        await _drop_schema(url, schema)


async def _until_done(app: App, *, give_up_after: float) -> dict[str, int]:
    """Poll the deliveries table until none is open (a benchmark waits for real time)."""
    deadline = time.perf_counter() + give_up_after
    while True:
        tally = await _tally(app)
        if tally.get("pending", 0) + tally.get("publishing", 0) == 0:
            return tally
        if time.perf_counter() > deadline:
            return tally
        await asyncio.sleep(0.1)


async def main_async(count: int, concurrency: int, setups: list[str]) -> list[Result]:
    results = await on_sqlite(count, concurrency) if "sqlite" in setups else []
    url = os.environ.get("FLYERBOT_BENCH_DATABASE_URL")
    if url and "postgresql" in setups:
        results += await on_postgresql(url, count, 4)
    elif "postgresql" in setups:
        print("instagram: set FLYERBOT_BENCH_DATABASE_URL for the PostgreSQL row", file=sys.stderr)
    return results


def main() -> None:
    parser = arguments(argparse.ArgumentParser(description=__doc__))
    parser.add_argument("--deliveries", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=64, help="SQLite, in flight")
    parser.add_argument(
        "--setups", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    args = parser.parse_args()
    if args.quick:
        args.deliveries = 500
    write(asyncio.run(main_async(args.deliveries, args.concurrency, args.setups)), args.json)


if __name__ == "__main__":
    main()
