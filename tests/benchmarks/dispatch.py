"""The publishing engine under load, on a SQLite file, in one process.

Run: python -m tests.benchmarks.dispatch [--deliveries 10000] [--workspaces 500] [--quick]
     [--json FILE]

1. Drain: N deliveries due at once across W workspaces, published to a local fake target
   that takes 20 ms per post. Prints the time to drain, deliveries per second, duplicates
   and lateness (published_at - due_at).
2. Lone deliveries: with the real APScheduler running, single deliveries due a moment
   apart; prints how late each went out (what one organiser's post experiences).
Peak RSS of the whole run comes last. Targets: drain <= 60 s, lone p99 <= 1 s,
RSS <= 200 MB. Numbers only; the tests assert behaviour.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, update

from core.app import App, open_app
from core.publishers.base import Journal, Publication, Published
from core.settings import Settings
from storage.models import Delivery, Event, Post, Target, User, Workspace
from tests.benchmarks.results import Result, arguments, peak_rss_mb, percentile, write

LATENCY = 0.020
IMAGE = b"\xff\xd8\xff benchmark image"


class SlowTarget:
    """A fake platform: 20 ms per post, and a record of every post it received."""

    kind = "bench"

    def __init__(self) -> None:
        self.received: Counter[int] = Counter()
        self.at: dict[int, datetime] = {}
        self._arrived = asyncio.Event()

    async def all_of(self, ids: list[int]) -> None:
        while not all(n in self.at for n in ids):
            self._arrived.clear()
            await self._arrived.wait()

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        await asyncio.sleep(LATENCY)
        self.received[publication.delivery_id] += 1
        self.at.setdefault(publication.delivery_id, datetime.now(UTC))
        self._arrived.set()
        return Published(f"m{publication.delivery_id}")

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        return (
            Published(f"m{publication.delivery_id}") if publication.delivery_id in self.at else None
        )


class QuietChats:
    async def notify(self, platform: str, chat_id: str, output: object) -> None:
        return None


async def seed(app: App, *, deliveries: int, workspaces: int, due_at: datetime) -> list[int]:
    """Workspaces, one event and one target each, and one post + delivery per delivery."""
    now = datetime.now(UTC)
    async with app.sessions.begin() as session:
        sha = await app.media.put(session, IMAGE, mime="image/jpeg", now=now)
        base = await session.scalar(select(Workspace.id).order_by(Workspace.id.desc()).limit(1))
        first = (base or 0) + 1
        ids = range(first, first + workspaces)
        await session.execute(
            insert(Workspace),
            [
                {
                    "id": n,
                    "platform": "bench",
                    "chat_id": f"c{n}",
                    "timezone": "Asia/Seoul",
                    "locale": "en",
                    "default_theme": "dark",
                    "created_at": now,
                }
                for n in ids
            ],
        )
        await session.execute(
            insert(User),
            [
                {"id": n, "platform": "bench", "platform_user_id": f"u{n}", "created_at": now}
                for n in ids
            ],
        )
        await session.execute(
            insert(Event),
            [
                {
                    "id": n,
                    "workspace_id": n,
                    "author_id": n,
                    "status": "approved",
                    "title": "Night",
                    "starts_at": due_at + timedelta(days=7),
                    "timezone": "Asia/Seoul",
                    "lineup": [],
                    "created_at": now,
                    "updated_at": now,
                }
                for n in ids
            ],
        )
        await session.execute(
            insert(Target),
            [
                {
                    "id": n,
                    "workspace_id": n,
                    "kind": "bench",
                    "address": "a",
                    "name": "bench",
                    "config": {},
                    "status": "active",
                    "created_at": now,
                    "updated_at": now,
                }
                for n in ids
            ],
        )
        post_base = (await session.scalar(select(Post.id).order_by(Post.id.desc()).limit(1))) or 0
        posts = [
            {
                "id": post_base + k + 1,
                "event_id": first + k % workspaces,
                "slot": "announcement",
                "template": "announcement",
                "layout": "square",
                "theme": "dark",
                "scheduled_at": due_at,
                "image_sha256s": [sha],
                "caption": "c",
                "alt_text": "",
                "status": "pending",
                "created_at": now,
                "updated_at": now,
            }
            for k in range(deliveries)
        ]
        await session.execute(insert(Post), posts)
        await session.execute(
            insert(Delivery),
            [
                {
                    "post_id": post["id"],
                    "target_id": post["event_id"],
                    "workspace_id": post["event_id"],
                    "status": "pending",
                    "due_at": due_at,
                    "attempts": 0,
                    "verify_first": False,
                    "journal": {},
                    "created_at": now,
                    "updated_at": now,
                }
                for post in posts
            ],
        )
        query = select(Delivery.id).where(Delivery.post_id > post_base).order_by(Delivery.id)
        return list((await session.execute(query)).scalars())


SETUP = "SQLite, 1 process, fake target 20 ms"


async def drain(app: App, target: SlowTarget, deliveries: int, workspaces: int) -> list[Result]:
    ids = await seed(
        app,
        deliveries=deliveries,
        workspaces=workspaces,
        due_at=datetime.now(UTC) + timedelta(hours=1),
    )
    due_at = datetime.now(UTC)  # all of them fall due at this moment
    async with app.sessions.begin() as session:
        await session.execute(update(Delivery).values(due_at=due_at))
    async with app.engine.connect() as connection:
        await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    started = time.perf_counter()
    report = await app.publishing.dispatcher.run_due()
    elapsed = time.perf_counter() - started
    lateness = [(target.at[n] - due_at).total_seconds() for n in ids if n in target.at]
    duplicates = sum(count - 1 for count in target.received.values() if count > 1)
    concurrency = app.publishing.dispatcher.policy.concurrency
    print(
        f"drain: {deliveries} deliveries across {workspaces} workspaces, "
        f"{LATENCY * 1000:.0f} ms per post, concurrency {concurrency}"
    )
    print(
        f"  drained in      {elapsed:8.2f} s   (published {report.published}, "
        f"missing {deliveries - len(lateness)})"
    )
    print(f"  throughput      {report.published / elapsed:8.0f} deliveries/s")
    print(f"  duplicates      {duplicates:8d}")
    print(f"  lateness p50    {percentile(lateness, 0.50):8.2f} s")
    print(f"  lateness p99    {percentile(lateness, 0.99):8.2f} s")
    return [
        Result("dispatch", SETUP, f"drain {deliveries:,} deliveries", elapsed, "s", 60),
        Result("dispatch", SETUP, "duplicates", duplicates, "", 0),
        Result("dispatch", SETUP, "missing", deliveries - len(lateness), "", 0),
    ]


async def lone(app: App, target: SlowTarget, count: int) -> list[Result]:
    """Single deliveries a moment apart, woken by the real scheduler."""
    scheduler = await app.publishing.start()
    try:
        moments = [datetime.now(UTC) + timedelta(seconds=0.5 + 0.3 * k) for k in range(count)]
        ids: list[int] = []
        for moment in moments:
            ids += await seed(app, deliveries=1, workspaces=1, due_at=moment)
        await scheduler.plan_next()
        with contextlib.suppress(TimeoutError):  # a benchmark waits for real time to pass
            await asyncio.wait_for(target.all_of(ids), timeout=0.5 + 0.3 * count + 10)
        lateness = [
            (target.at[n] - m).total_seconds()
            for n, m in zip(ids, moments, strict=True)
            if n in target.at
        ]
    finally:
        await app.publishing.stop()
    print(f"lone deliveries via the scheduler: {len(lateness)}/{count} published")
    print(f"  lateness p50    {percentile(lateness, 0.50) * 1000:8.0f} ms")
    print(f"  lateness p99    {percentile(lateness, 0.99) * 1000:8.0f} ms")
    p99 = percentile(lateness, 0.99) * 1000
    return [Result("dispatch", SETUP, "lone delivery lateness p99", p99, "ms", 1000)]


async def main_async(
    deliveries: int, workspaces: int, concurrency: int, lone_count: int
) -> list[Result]:
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            data_dir=Path(scratch),
            secret_key="benchmark-only-secret-key-0123456789",
            publish_concurrency=concurrency,
        )
        async with open_app(settings) as app:
            target = SlowTarget()
            app.publishing.publishers.register("bench", lambda _target: target)
            app.publishing.notifiers.register("bench", QuietChats())
            results = await drain(app, target, deliveries, workspaces)
            results += await lone(app, target, lone_count)
    peak_mb = peak_rss_mb()
    print(f"peak RSS          {peak_mb:8.0f} MB")
    return [*results, Result("dispatch", SETUP, "peak RSS", peak_mb, "MB", 200)]


def main() -> None:
    parser = arguments(argparse.ArgumentParser(description=__doc__))
    parser.add_argument("--deliveries", type=int, default=10_000)
    parser.add_argument("--workspaces", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--lone", type=int, default=20)
    args = parser.parse_args()
    if args.quick:
        args.deliveries, args.workspaces, args.lone = 500, 50, 5
    results = asyncio.run(main_async(args.deliveries, args.workspaces, args.concurrency, args.lone))
    write(results, args.json)


if __name__ == "__main__":
    main()
