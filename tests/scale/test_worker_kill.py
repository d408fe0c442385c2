"""Four worker processes on one PostgreSQL database, one of them SIGKILLed mid-run.

The receiving end counts: every delivery must arrive exactly once, although a worker
died holding claims (some of them possibly sent, not yet recorded). Its leases expire,
the others take those deliveries over, verify with the target first, and send only what
never arrived.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from core.app import App
from storage.models import Delivery
from tests.benchmarks.dispatch import seed as seed_many
from tests.conftest import POSTGRES_URL
from tests.fakes.counting_target import CountingTarget

ROOT = Path(__file__).resolve().parents[2]
DELIVERIES = 5_000
WORKERS = 4

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(POSTGRES_URL is None, reason="needs PostgreSQL"),
]


async def _start_worker(
    database_url: str, data_dir: Path, target: str
) -> asyncio.subprocess.Process:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FLYERBOT_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.scale.worker",
        "--database-url",
        database_url,
        "--data-dir",
        str(data_dir),
        "--target-url",
        target,
        cwd=ROOT,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    ready = json.loads(await asyncio.wait_for(process.stdout.readline(), 60))
    assert "ready" in ready
    return process


async def _published(app: App) -> int:
    async with app.sessions() as session:
        query = select(func.count()).where(Delivery.status == "published")
        return int((await session.execute(query)).scalar_one())


async def test_every_delivery_arrives_once_when_a_worker_is_killed_mid_run(
    app: App, database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several worker processes need PostgreSQL")
    ids = await seed_many(
        app, deliveries=DELIVERIES, workspaces=100, due_at=datetime.now(UTC) + timedelta(days=1)
    )
    data_dir = app.settings.data_dir
    async with CountingTarget(latency=0.005) as target:
        workers = [await _start_worker(database_url, data_dir, target.url) for _ in range(WORKERS)]
        async with app.sessions.begin() as session:  # everything falls due at once
            await session.execute(update(Delivery).values(due_at=datetime.now(UTC)))
        try:
            async with asyncio.timeout(600):  # a guard against a hang, not a speed check
                await target.until_received(DELIVERIES // 4)
                victim = workers[1]
                victim.send_signal(signal.SIGKILL)
                await victim.wait()
                killed_at = len(target.received)
                workers[1] = await _start_worker(database_url, data_dir, target.url)
                await target.until_received(DELIVERIES)
                # The rows are written by other processes: nothing here can signal them.
                while await _published(app) < DELIVERIES:  # noqa: ASYNC110
                    await asyncio.sleep(0.2)
        finally:
            summaries = []
            for process in workers:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                    out, _ = await asyncio.wait_for(process.communicate(), 60)
                    summaries.append(json.loads(out.decode().splitlines()[-1]))
        missing = [n for n in ids if n not in target.received]
        duplicates = target.duplicates()
        print(
            f"\nmulti-worker kill: {DELIVERIES} deliveries, {WORKERS} workers on PostgreSQL, "
            f"one SIGKILLed after {killed_at} arrivals and restarted; "
            f"arrived {len(target.received)}, duplicates {duplicates}, missing {len(missing)}, "
            f"published per surviving worker {[s['published'] for s in summaries]}"
        )
    assert missing == [] and duplicates == 0
    assert sorted(target.received) == sorted(ids)
    assert all(count == 1 for count in target.received.values())
