"""The publishing engine on PostgreSQL: one worker process against four, and a deep queue.

Run: python -m tests.benchmarks.scale [--deliveries 10000] [--pending 100000]
     [--drained 2000] [--parts drain lone deep] [--quick] [--json FILE]
     (needs FLYERBOT_BENCH_DATABASE_URL: a PostgreSQL URL)

1. Drain: N deliveries fall due at once; 1, then 4 worker processes (tests/scale/worker.py:
   the real engine and APScheduler) publish them to a counting HTTP target that takes
   20 ms per post. Each worker has 64 deliveries in flight, as the one-process SQLite
   rows do (FLYERBOT_PUBLISH_CONCURRENCY=64), and keeps 12 pooled connections
   (FLYERBOT_DATABASE_POOL_SIZE=12), so four of them stay under PostgreSQL's default of
   100 connections. Prints the drain time, duplicates counted at the target, and each
   worker's peak RSS.
2. Lone deliveries with 4 workers: single deliveries due a moment apart; how late each
   arrived at the target.
3. A deep queue: 100,000 pending due deliveries in the table (bulk-inserted); how long
   one claim of a batch of 64 takes, and the peak RSS of one worker process claiming
   and draining a slice of them.
Targets: 4 workers drain 10,000 within 15 s; lone p99 <= 1 s; claim <= 20 ms; RSS <= 200 MB.
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
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import create_async_engine

from core.app import App, open_app
from core.settings import Settings
from storage import deliveries
from storage.models import Delivery
from tests.benchmarks.dispatch import seed
from tests.benchmarks.results import Result, arguments, percentile, write
from tests.fakes.counting_target import CountingTarget

ROOT = Path(__file__).resolve().parents[2]
SECRET = "benchmark-secret-key-0123456789abcdef0123"
LATENCY = 0.020
CLAIM_BATCH = 64
IN_FLIGHT = 64  # deliveries each worker publishes at once
POOL_SIZE = 12  # each worker's pooled connections: 4 workers stay within 100 in all


async def _fresh_schema(url: str) -> tuple[str, str]:
    name = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(url)
    async with admin.begin() as connection:
        await connection.execute(text(f'CREATE SCHEMA "{name}"'))
    await admin.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}search_path={name}", name


async def _drop_schema(url: str, name: str) -> None:
    admin = create_async_engine(url)
    async with admin.begin() as connection:
        await connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    await admin.dispose()


class Workers:
    """Worker processes publishing to one counting target; stopped with SIGTERM."""

    def __init__(
        self, database_url: str, data_dir: Path, target: str, count: int, *extra: str
    ) -> None:
        self._arguments = [
            "--database-url", database_url, "--data-dir", str(data_dir), "--target-url", target,
            "--secret-key", SECRET, "--concurrency", str(IN_FLIGHT),
            "--pool-size", str(POOL_SIZE), *extra,
        ]  # fmt: skip
        self.count = count
        self.processes: list[asyncio.subprocess.Process] = []

    async def __aenter__(self) -> Workers:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("FLYERBOT_")}
        for _ in range(self.count):
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tests.scale.worker", *self._arguments,
                cwd=ROOT, env=environment, stdout=asyncio.subprocess.PIPE,
            )  # fmt: skip
            assert process.stdout is not None
            json.loads(await process.stdout.readline())  # {"ready": ...}
            self.processes.append(process)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.summaries: list[dict[str, float]] = []
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
            out, _ = await process.communicate()
            self.summaries.append(json.loads(out.decode().splitlines()[-1]))


def _settings(database_url: str, data_dir: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=data_dir, database_url=database_url, secret_key=SECRET
    )


async def drain(url: str, processes: int, count: int) -> list[Result]:
    scoped, schema = await _fresh_schema(url)
    setup = f"PostgreSQL, {processes} worker process{'es' if processes > 1 else ''}"
    try:
        with tempfile.TemporaryDirectory() as scratch:
            data_dir = Path(scratch)
            async with open_app(_settings(scoped, data_dir), apply_migrations=True) as app:
                later = datetime.now(UTC) + timedelta(days=1)
                ids = await seed(app, deliveries=count, workspaces=500, due_at=later)
                async with CountingTarget(latency=LATENCY) as target:
                    async with Workers(scoped, data_dir, target.url, processes) as workers:
                        async with app.sessions.begin() as session:
                            due = datetime.now(UTC)
                            await session.execute(update(Delivery).values(due_at=due))
                        started = time.perf_counter()
                        await asyncio.wait_for(target.until_received(len(ids)), 600)
                        elapsed = time.perf_counter() - started
                    duplicates = target.duplicates()
        rss = max(summary["peak_rss_mb"] for summary in workers.summaries)
        print(
            f"{setup}: drained {count:,} deliveries in {elapsed:.2f} s "
            f"({count / elapsed:,.0f}/s), duplicates {duplicates}, peak RSS per worker "
            f"{rss:.0f} MB",
            flush=True,
        )
        target_seconds = 15 if processes == 4 else None
        return [
            Result("scale", setup, f"drain {count:,} (20 ms target)", elapsed, "s", target_seconds),
            Result("scale", setup, "duplicates", duplicates, "", 0),
            Result("scale", setup, "peak RSS per worker", rss, "MB", 200),
        ]
    finally:
        await _drop_schema(url, schema)


async def lone(url: str, processes: int, count: int) -> list[Result]:
    scoped, schema = await _fresh_schema(url)
    setup = f"PostgreSQL, {processes} worker processes"
    try:
        with tempfile.TemporaryDirectory() as scratch:
            data_dir = Path(scratch)
            async with (
                open_app(_settings(scoped, data_dir), apply_migrations=True) as app,
                CountingTarget() as target,
            ):
                async with Workers(scoped, data_dir, target.url, processes):
                    # Scheduled a few seconds ahead, as posts are: each worker finds them
                    # at its next sweep and wakes for the due moment itself.
                    start = datetime.now(UTC) + timedelta(seconds=3)
                    moments = [start + timedelta(seconds=0.3 * k) for k in range(count)]
                    ids: list[int] = []
                    for moment in moments:
                        ids += await seed(app, deliveries=1, workspaces=1, due_at=moment)
                    await asyncio.wait_for(target.until_received(len(ids)), 120)
                arrived = dict(target.first_arrival)
        lateness = [
            (arrived[n] - moment).total_seconds() * 1000
            for n, moment in zip(ids, moments, strict=True)
        ]
        p50, p99 = percentile(lateness, 0.5), percentile(lateness, 0.99)
        print(f"{setup}: lone deliveries late by p50 {p50:.0f} ms, p99 {p99:.0f} ms", flush=True)
        return [Result("scale", setup, "lone delivery lateness p99", p99, "ms", 1000)]
    finally:
        await _drop_schema(url, schema)


async def deep_queue(url: str, pending: int, drained: int) -> list[Result]:
    """Claims against `pending` due deliveries, then a worker process draining a slice.

    The claims are timed in this process, each in a transaction rolled back, so every
    round faces the full queue; the worker's peak RSS is what it reports on SIGTERM,
    after it published `drained` of the deliveries with the rest still pending.
    """
    scoped, schema = await _fresh_schema(url)
    setup = f"PostgreSQL, {pending:,} pending"
    try:
        with tempfile.TemporaryDirectory() as scratch:
            data_dir = Path(scratch)
            async with open_app(_settings(scoped, data_dir), apply_migrations=True) as app:
                due = datetime.now(UTC) - timedelta(minutes=1)
                started = time.perf_counter()
                await bulk_pending(app, pending, due_at=due)
                seeded = time.perf_counter() - started
                samples = await _claims(app, rounds=200)
                # A worker's first run publishes all that is due before it heeds SIGTERM,
                # so all but the slice move an hour on: still pending, not yet due.
                async with app.sessions.begin() as session:
                    later = select(Delivery.id).order_by(Delivery.id).offset(drained)
                    await session.execute(
                        update(Delivery)
                        .where(Delivery.id.in_(later.scalar_subquery()))
                        .values(due_at=due + timedelta(hours=1))
                    )
                async with (
                    CountingTarget(latency=LATENCY) as target,
                    Workers(scoped, data_dir, target.url, 1) as worker,
                ):
                    await asyncio.wait_for(target.until_received(drained), 600)
        p50, p99 = percentile(samples, 0.5), percentile(samples, 0.99)
        rss = worker.summaries[0]["peak_rss_mb"]
        print(
            f"{setup} (seeded in {seeded:.1f} s): claim of {CLAIM_BATCH} p50 {p50:.1f} ms, "
            f"p99 {p99:.1f} ms; worker draining {drained:,} of them peaked at {rss:.0f} MB",
            flush=True,
        )
        return [
            Result("scale", setup, f"claim of {CLAIM_BATCH}, p50", p50, "ms"),
            Result("scale", setup, f"claim of {CLAIM_BATCH}, p99", p99, "ms", 20),
            Result("scale", setup, f"worker peak RSS, draining {drained:,}", rss, "MB", 200),
        ]
    finally:
        await _drop_schema(url, schema)


async def bulk_pending(app: App, count: int, *, due_at: datetime) -> None:
    """`count` pending deliveries due at `due_at`, spread over 500 workspaces, in two
    INSERT ... SELECT statements: the ORM would take minutes for 100,000 rows."""
    workspaces = min(count, 500)
    await seed(app, deliveries=workspaces, workspaces=workspaces, due_at=due_at)
    rest = count - workspaces
    if rest <= 0:
        return
    values = {"due": due_at, "now": datetime.now(UTC), "rest": rest, "spread": workspaces}
    async with app.sessions.begin() as session:
        await session.execute(
            text(
                "INSERT INTO posts (id, event_id, slot, template, layout, theme, scheduled_at,"
                " image_sha256s, caption, alt_text, status, created_at, updated_at)"
                " SELECT last.id + n, first.event_id + n % :spread, 'announcement',"
                " 'announcement', 'square', 'dark', :due, first.image_sha256s, 'c', '',"
                " 'pending', :now, :now"
                " FROM generate_series(1, :rest) AS n,"
                " (SELECT max(id) AS id FROM posts) AS last,"
                " (SELECT event_id, image_sha256s FROM posts ORDER BY id LIMIT 1) AS first"
            ),
            values,
        )
        await session.execute(
            text(
                "INSERT INTO deliveries (post_id, target_id, workspace_id, status, due_at,"
                " attempts, verify_first, journal, created_at, updated_at)"
                " SELECT posts.id, events.id, events.workspace_id, 'pending', :due, 0, false,"
                " '{}', :now, :now"
                " FROM posts JOIN events ON events.id = posts.event_id"
                " WHERE NOT EXISTS (SELECT 1 FROM deliveries WHERE deliveries.post_id = posts.id)"
            ),
            {"due": due_at, "now": values["now"]},
        )
        await session.execute(text("ANALYZE deliveries"))


async def _claims(app: App, *, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        now = datetime.now(UTC)
        async with app.sessions() as session:
            started = time.perf_counter()
            await deliveries.claim_due(
                session, owner="bench", now=now, lease_seconds=300, limit=CLAIM_BATCH
            )
            samples.append((time.perf_counter() - started) * 1000)
            await session.rollback()
    return samples


PARTS = ("drain", "lone", "deep")


async def main_async(
    parts: Sequence[str], count: int, pending: int, drained: int, lone_count: int
) -> list[Result]:
    url = os.environ.get("FLYERBOT_BENCH_DATABASE_URL")
    if not url:
        print("scale: set FLYERBOT_BENCH_DATABASE_URL to a PostgreSQL URL", file=sys.stderr)
        return []
    results = []
    if "drain" in parts:
        results += await drain(url, 1, count)
        results += await drain(url, 4, count)
    if "lone" in parts:
        results += await lone(url, 4, lone_count)
    if "deep" in parts:
        results += await deep_queue(url, pending, drained)
    return results


def main() -> None:
    parser = arguments(argparse.ArgumentParser(description=__doc__))
    parser.add_argument("--deliveries", type=int, default=10_000)
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--drained", type=int, default=2_000, help="of the pending, by 1 worker")
    parser.add_argument("--lone", type=int, default=20)
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=PARTS)
    args = parser.parse_args()
    if args.quick:
        args.deliveries, args.pending, args.drained, args.lone = 1_000, 20_000, 500, 5
    results = main_async(args.parts, args.deliveries, args.pending, args.drained, args.lone)
    write(asyncio.run(results), args.json)


if __name__ == "__main__":
    main()
