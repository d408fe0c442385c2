"""The fake Graph API in a process of its own, so its work is not counted as flyerbot's.

    python -m tests.benchmarks.graph_server --latency 0.02 --quota 20000

Prints one JSON line {"url": ..., "root_url": ...} once it listens; on SIGTERM it stops
and prints one JSON line with what it saw: posts published, duplicates (the same caption
published more than once), calls by endpoint, image downloads that failed, and its RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
from collections import Counter
from typing import Any

from core.clock import system_clock
from tests.benchmarks.results import peak_rss_mb
from tests.fakes.graph_api import FakeGraphApi


def summary(graph: FakeGraphApi) -> dict[str, Any]:
    captions = Counter(media.caption for media in graph.published)
    return {
        "published": len(graph.published),
        "duplicates": sum(count - 1 for count in captions.values()),
        "calls": dict(Counter(call.endpoint for call in graph.calls)),
        "failed_fetches": sum(1 for fetch in graph.fetches if not fetch.ok),
        "peak_rss_mb": peak_rss_mb(),
    }


async def serve(latency: float, quota: int) -> dict[str, Any]:
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopped.set)
    async with FakeGraphApi(clock=system_clock, latency=latency, quota_total=quota) as graph:
        print(json.dumps({"url": graph.url, "root_url": graph.root_url}), flush=True)
        await stopped.wait()
        return summary(graph)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--latency", type=float, default=0.020)
    parser.add_argument("--quota", type=int, default=50)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(serve(args.latency, args.quota))), flush=True)


if __name__ == "__main__":
    main()
