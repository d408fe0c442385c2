"""Insights under load, on a SQLite file, in one process (the fake Graph API included).

Run: python -m tests.benchmarks.insights [--chats 100] [--posts 1000] [--daily-chats 500]

1. Sync: `--posts` published Instagram posts across `--chats` chats (one account each),
   read through the fake Graph API answering every call after 20 ms. Prints the time of
   the run that reads them all, calls made, snapshots written and peak RSS.
   Targets: <= 30 s, peak RSS <= 200 MB.
2. Daily: `--daily-chats` chats with two days of snapshots; the daily message with its
   chart composed for each. Prints the total and the chart render p50.
   Targets: <= 20 s for 500 chats, chart p50 <= 40 ms.
Numbers only; the tests assert behaviour.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import func, insert, select

import core.insights.report as report_module
from core.app import App, open_app
from core.clock import ManualClock
from core.crypto import TokenCipher
from core.insights.collector import InsightCollector
from core.insights.daily import compose_daily
from core.settings import Settings
from core.targets.store import secret_binding
from storage.models import Delivery, Event, InsightSnapshot, Post, Target, User, Workspace
from tests.benchmarks.results import Result, arguments, peak_rss_mb, percentile, write
from tests.fakes.graph_api import IG_USER_ID, TOKEN, FakeGraphApi

LATENCY = 0.020
BATCH = 64
START = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


async def seed(
    app: App, graph: FakeGraphApi, *, chats: int, posts: int, published_at: datetime
) -> None:
    """`chats` workspaces with an Instagram account each and `posts` published posts."""
    now = app.clock()
    cipher = TokenCipher(app.settings.resolved_secret_key)
    async with app.sessions.begin() as session:
        first = ((await session.scalar(select(func.max(Workspace.id)))) or 0) + 1
        ids = range(first, first + chats)
        common = {"created_at": now}
        await session.execute(
            insert(Workspace),
            [
                {"id": n, "platform": "bench", "chat_id": f"c{n}", "title": f"Crew {n}",
                 "timezone": "Asia/Seoul", "locale": "ko" if n % 2 else "en",
                 "default_theme": "dark", "insights_time": "10:00", **common}
                for n in ids
            ],
        )  # fmt: skip
        await session.execute(
            insert(User),
            [{"id": n, "platform": "bench", "platform_user_id": f"u{n}", **common} for n in ids],
        )
        await session.execute(
            insert(Event),
            [
                {"id": n, "workspace_id": n, "author_id": n, "status": "approved",
                 "title": f"서울 테크노 나이트 Vol.{n}", "starts_at": now + timedelta(days=9),
                 "timezone": "Asia/Seoul", "lineup": [], "updated_at": now, **common}
                for n in ids
            ],
        )  # fmt: skip
        await session.execute(
            insert(Target),
            [
                {"id": n, "workspace_id": n, "kind": "instagram", "address": IG_USER_ID,
                 "name": f"Instagram @crew{n}", "config": {"login": "facebook"},
                 "credentials_encrypted": cipher.encrypt(TOKEN, bound_to=secret_binding(n)),
                 "status": "active", "updated_at": now,
                 **common}
                for n in ids
            ],
        )  # fmt: skip
        post_base = (await session.scalar(select(func.max(Post.id)))) or 0
        rows = []
        for k in range(posts):
            chat = first + k % chats
            media = graph.seed_post(published_at, f"post {k}")
            rows.append((post_base + k + 1, chat, media))
        await session.execute(
            insert(Post),
            [
                {"id": post_id, "event_id": chat, "slot": "announcement",
                 "template": "announcement", "layout": "square", "theme": "dark",
                 "scheduled_at": published_at, "image_sha256s": [], "caption": "c",
                 "alt_text": "", "status": "published", "updated_at": now, **common}
                for post_id, chat, _ in rows
            ],
        )  # fmt: skip
        await session.execute(
            insert(Delivery),
            [
                {"post_id": post_id, "target_id": chat, "workspace_id": chat,
                 "status": "published", "due_at": published_at, "attempts": 1,
                 "verify_first": False, "journal": {}, "external_id": media.id,
                 "url": media.permalink, "published_at": published_at, "updated_at": now,
                 **common}
                for post_id, chat, media in rows
            ],
        )  # fmt: skip


def timed(function: Callable[..., Any], samples: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            samples.append(time.perf_counter() - started)

    return wrapper


async def snapshot_count(app: App) -> int:
    async with app.sessions() as session:
        return (await session.scalar(select(func.count(InsightSnapshot.id)))) or 0


async def main(chats: int, posts: int, daily_chats: int) -> list[Result]:
    clock = ManualClock(START)
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeGraphApi(clock=clock) as graph:
            graph.latency = LATENCY
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                data_dir=Path(tmp) / "data",
                database_url=f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}",
                secret_key=SecretStr("benchmark-secret-key-0123456789abcdef"),
                instagram_graph_url=graph.url,
                instagram_login_url=graph.root_url,
            )
            async with open_app(settings, clock=clock) as app:
                collector = InsightCollector(
                    sessions=app.sessions,
                    http=app.publishing.http,
                    settings=settings,
                    cipher=TokenCipher(settings.resolved_secret_key),
                    clock=clock,
                )
                await seed(app, graph, chats=chats, posts=posts, published_at=START)
                calls_before = len(graph.calls)
                started = time.perf_counter()
                run = await collector.run_due()
                elapsed = time.perf_counter() - started
                print(
                    f"sync: {posts} posts across {chats} chats, {LATENCY * 1000:.0f} ms per call: "
                    f"{elapsed:.2f} s (target <= 30 s); read {run.read}, failed {run.failed}, "
                    f"calls {len(graph.calls) - calls_before}, "
                    f"snapshots {await snapshot_count(app)}; peak RSS {peak_rss_mb():.0f} MB "
                    "(target <= 200 MB)"
                )
                sys.stdout.flush()
                setup = f"SQLite, 1 process, Graph API {LATENCY * 1000:.0f} ms per call"
                results = [
                    Result(
                        "insights", setup, f"sync {posts:,} posts, {chats} chats", elapsed, "s", 30
                    ),
                    Result("insights", setup, "peak RSS after the sync", peak_rss_mb(), "MB", 200),
                ]
                results += await daily(
                    app, graph, collector, clock, chats=chats, daily_chats=daily_chats
                )
                print(f"peak RSS of the whole run: {peak_rss_mb():.0f} MB")
                return results


async def daily(
    app: App,
    graph: FakeGraphApi,
    collector: InsightCollector,
    clock: ManualClock,
    *,
    chats: int,
    daily_chats: int,
) -> list[Result]:
    graph.latency = 0.0  # the daily phase measures composing, not the Graph API
    if daily_chats > chats:
        await seed(app, graph, chats=daily_chats - chats, posts=2 * (daily_chats - chats),
                   published_at=START)  # fmt: skip
        await collector.run_due()
    for _ in range(2):  # two more days of readings, so there is growth to compare
        clock.advance(timedelta(days=1))
        await collector.run_due()
    clock.now = datetime(2026, 11, 22, 1, 5, tzinfo=UTC)  # 10:05 in Seoul
    day = date(2026, 11, 22)
    renders: list[float] = []
    report_module.render_chart = timed(report_module.render_chart, renders)  # type: ignore[assignment]
    started = time.perf_counter()
    sent = 0
    async with app.sessions() as session:
        ids = list((await session.execute(select(Workspace.id).order_by(Workspace.id))).scalars())
        chosen = ids[:daily_chats]
        for start in range(0, len(chosen), BATCH):  # the outbox hands composers batches
            owed = [(workspace_id, day) for workspace_id in chosen[start : start + BATCH]]
            notices = await compose_daily(session, owed, now=clock())
            sent += sum(1 for notice in notices if notice is not None and notice.image)
    elapsed = time.perf_counter() - started
    print(
        f"daily: {sent} messages with their chart for {min(daily_chats, len(ids))} chats: "
        f"{elapsed:.2f} s (target <= 20 s); chart render p50 "
        f"{percentile(renders, 0.5) * 1000:.1f} ms, p95 {percentile(renders, 0.95) * 1000:.1f} ms "
        "(target p50 <= 40 ms)"
    )
    setup = "SQLite, 1 process"
    return [
        Result("insights", setup, f"daily messages with chart, {sent} chats", elapsed, "s", 20),
        Result("insights", setup, "chart render p50", percentile(renders, 0.5) * 1000, "ms", 40),
    ]


if __name__ == "__main__":
    parser = arguments(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--daily-chats", type=int, default=500)
    given = parser.parse_args()
    if given.quick:
        given.chats, given.posts, given.daily_chats = 20, 100, 50
    write(asyncio.run(main(given.chats, given.posts, given.daily_chats)), given.json)
