"""What the wire alone costs one Instagram delivery: the lower bound under the publisher.

Run: python -m tests.benchmarks.instagram_wire [--deliveries 2000] [--quick] [--json FILE]

Each delivery here is only the HTTP an Instagram post needs, with nothing of flyerbot
around it: no database, no journal, no chat report. Container (the fake downloads the
image from the in-process media server), status poll, media_publish and the permalink
read, against the same fake Graph API process as the instagram benchmark (20 ms per
call). It runs over the engine's publishing client (httpx on the aiohttp transport, as
the publisher sends) and, for comparison, over bare aiohttp. Blocks of deliveries
alternate between the two and the median block is kept, since the machine is shared.

The CPU per delivery of this process bounds the one-process drain from below: 10,000
deliveries cannot take less than 10,000 times it on one core. The fake's CPU per
delivery is printed too: on a machine whose cores are shared with Meta's stand-in, the
two together bound every multi-process set-up.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp

from core.aiohttp_transport import pooled_session, publishing_client
from core.media_urls import SignedImageHost
from storage.media import MediaStore
from tests.benchmarks.cpu import process_seconds
from tests.benchmarks.dispatch import IMAGE
from tests.benchmarks.instagram import LATENCY, GraphServer, media_server
from tests.benchmarks.results import Result, arguments, write
from tests.benchmarks.scale import SECRET
from tests.fakes.graph_api import IG_USER_ID, TOKEN

BLOCKS = 5
CONCURRENCY = 64  # the instagram benchmark's deliveries in flight
DRAIN = 10_000  # the size of the drain whose floor is printed
TARGET_SECONDS = 60  # the one-process drain target

Call = Callable[[str, str, dict[str, str]], Awaitable[dict[str, Any]]]


def over_httpx(client: Any, headers: dict[str, str]) -> Call:
    async def call(method: str, url: str, fields: dict[str, str]) -> dict[str, Any]:
        if method == "GET":
            response = await client.get(url, params=fields, headers=headers)
        else:
            response = await client.post(url, data=fields, headers=headers)
        return dict(response.json())

    return call


def over_aiohttp(session: aiohttp.ClientSession, headers: dict[str, str]) -> Call:
    async def call(method: str, url: str, fields: dict[str, str]) -> dict[str, Any]:
        if method == "GET":
            answer = session.get(url, params=fields, headers=headers)
        else:
            answer = session.post(url, data=fields, headers=headers)
        async with answer as response:
            return dict(json.loads(await response.read()))

    return call


async def deliver(call: Call, graph_url: str, image_url: str, number: int) -> None:
    """The four calls of one single-image post, as the publisher makes them."""
    base = graph_url.rstrip("/")
    caption = f"Night #{number}"
    container = await call(
        "POST", f"{base}/{IG_USER_ID}/media", {"image_url": image_url, "caption": caption}
    )
    status = await call("GET", f"{base}/{container['id']}", {"fields": "status_code,status"})
    assert status["status_code"] == "FINISHED", status
    media = await call(
        "POST", f"{base}/{IG_USER_ID}/media_publish", {"creation_id": container["id"]}
    )
    fields = "id,permalink,timestamp,media_type,media_product_type"
    await call("GET", f"{base}/{media['id']}", {"fields": fields})  # fmt: skip


async def block(call: Call, graph_url: str, image_url: str, first: int, count: int) -> None:
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(number: int) -> None:
        async with gate:
            await deliver(call, graph_url, image_url, number)

    await asyncio.gather(*(one(number) for number in range(first, first + count)))


async def measure(per_block: int) -> dict[str, dict[str, float]]:
    """Median CPU per delivery (ms) of this process and of the fake, per client."""
    own: dict[str, list[float]] = {"httpx": [], "aiohttp": []}
    fake: dict[str, list[float]] = {"httpx": [], "aiohttp": []}
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        sha256 = MediaStore(data_dir / "media").write_file(IMAGE)
        async with (
            GraphServer(LATENCY, quota=4 * BLOCKS * per_block) as graph,
            media_server(data_dir) as media,
        ):
            image_url = SignedImageHost(media, SECRET.encode()).url_for(sha256)
            headers = {"Authorization": f"Bearer {TOKEN}"}
            client, session = publishing_client(CONCURRENCY), pooled_session(CONCURRENCY)
            calls = {
                "httpx": over_httpx(client, headers),
                "aiohttp": over_aiohttp(session, headers),
            }
            for call in calls.values():  # warm both pools and code paths
                await block(call, graph.url, image_url, 0, CONCURRENCY)
            for number in range(BLOCKS):
                for name, call in calls.items():
                    cpu, fake_cpu = time.process_time(), process_seconds(graph.pid)
                    await block(call, graph.url, image_url, (number + 1) * per_block, per_block)
                    own[name].append((time.process_time() - cpu) / per_block * 1000)
                    fake[name].append((process_seconds(graph.pid) - fake_cpu) / per_block * 1000)
            await client.aclose()
            await session.close()
    return {
        name: {"own": statistics.median(own[name]), "fake": statistics.median(fake[name])}
        for name in own
    }


def report(per_block: int, costs: dict[str, dict[str, float]]) -> list[Result]:
    print(f"The wire of one Instagram delivery ({BLOCKS} blocks of {per_block:,} per client)")
    print("  4 Graph calls and one image download; no database, no journal, no chat report")
    for name, cost in costs.items():
        floor = cost["own"] * DRAIN / 1000
        print(
            f"  {name:8} CPU per delivery {cost['own']:5.2f} ms here, {cost['fake']:5.2f} ms in "
            f"the fake; {DRAIN:,} take at least {floor:5.1f} s on one core"
        )
    setup, ours, bare = "wire only, 1 process", costs["httpx"], costs["aiohttp"]
    return [
        Result("instagram_wire", setup, "CPU per delivery, publishing client", ours["own"], "ms"),
        Result("instagram_wire", setup, "CPU per delivery, bare aiohttp", bare["own"], "ms"),
        Result("instagram_wire", setup, "CPU per delivery in the fake", ours["fake"], "ms"),
        Result(
            "instagram_wire", setup, f"floor of {DRAIN:,} on one core", ours["own"] * DRAIN / 1000,
            "s", TARGET_SECONDS,
        ),
    ]  # fmt: skip


def main() -> None:
    parser = arguments(argparse.ArgumentParser(description=__doc__))
    parser.add_argument("--deliveries", type=int, default=2_000, help="per client, in all blocks")
    args = parser.parse_args()
    if args.quick:
        args.deliveries = 250
    per_block = max(CONCURRENCY, args.deliveries // BLOCKS)
    write(report(per_block, asyncio.run(measure(per_block))), args.json)


if __name__ == "__main__":
    main()
