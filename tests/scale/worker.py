"""A publishing worker in a process of its own, for multi-process tests and benchmarks.

    python -m tests.scale.worker --database-url URL --data-dir DIR --target-url URL

It runs the real engine (settings, app, dispatcher and APScheduler, as `flyerbot run
--role worker` does) against deliveries of kind "bench", which it publishes to a
`CountingTarget` over HTTP. With `--instagram-graph-url` and `--public-base-url` it also
publishes Instagram targets with the app's own Instagram publisher (polling without pause).
On SIGTERM it stops cleanly and prints one JSON line with
what it published and its peak memory; SIGKILL is the crash it is there to suffer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
from pathlib import Path
from typing import Any

import httpx

from core.app import open_app
from core.publishers.base import ErrorKind, Journal, Publication, Published, PublishError
from core.publishing.dispatcher import Dispatcher
from core.settings import Settings
from tests.benchmarks.results import peak_rss_mb

KIND = "bench"


class CountingPublisher:
    """Publishes to the counting target; verifies there before any second send."""

    kind = KIND

    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self._http = http
        self._url = url
        self.published = 0

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        await journal.record(sending="1")
        try:
            response = await self._http.post(
                f"{self._url}/posts", json={"delivery_id": publication.delivery_id}
            )
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise PublishError(ErrorKind.UNKNOWN_OUTCOME, str(error), code="http") from error
        self.published += 1
        return Published(response.json()["id"])

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        response = await self._http.get(f"{self._url}/posts/{publication.delivery_id}")
        return Published(response.json()["id"]) if response.status_code == 200 else None


class QuietChats:
    async def notify(self, platform: str, chat_id: str, output: object) -> None:
        return None


async def work(args: argparse.Namespace) -> dict[str, float]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=args.data_dir,
        database_url=args.database_url,
        secret_key=args.secret_key,
        publish_concurrency=args.concurrency,
        database_pool_size=args.pool_size,
        publish_sweep_seconds=args.sweep,
        publish_lease_seconds=args.lease,
        posts_per_day=0,
        **_instagram_settings(args),
    )
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopped.set)
    async with open_app(settings) as app:
        # The engine's own client, as the app's publishers use it (aiohttp on the wire).
        publisher = CountingPublisher(app.publishing.http, args.target_url or "")
        if args.target_url:
            app.publishing.publishers.register(KIND, lambda _target: publisher)
        app.publishing.notifiers.register(KIND, QuietChats())
        dispatcher: Dispatcher = app.publishing.dispatcher
        print(json.dumps({"ready": dispatcher.worker_id}), flush=True)
        await app.publishing.start()
        await stopped.wait()
        await app.publishing.stop()
    return {"published": publisher.published, "peak_rss_mb": peak_rss_mb()}


def _instagram_settings(args: argparse.Namespace) -> dict[str, Any]:
    if not args.instagram_graph_url:
        return {}
    return {
        "instagram_graph_url": args.instagram_graph_url,
        "public_base_url": args.public_base_url,
        "instagram_poll_interval_seconds": 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--target-url", help="the CountingTarget for deliveries of kind bench")
    parser.add_argument("--instagram-graph-url", help="the (fake) Graph API, versioned")
    parser.add_argument("--public-base-url", help="where the Graph API downloads images")
    parser.add_argument("--secret-key", default="multi-process-test-secret-key-0123456789")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--pool-size", type=int, default=0, help="0: derived from concurrency")
    parser.add_argument("--sweep", type=int, default=1)
    # Long enough that a worker starved of CPU or connections keeps its claims while it
    # lives; a dead one is taken over after this many seconds.
    parser.add_argument("--lease", type=int, default=60)
    # A sweep that finds a long run under way is skipped; with a 1 s sweep that is routine.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    summary = asyncio.run(work(parser.parse_args()))
    print(json.dumps(summary), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
