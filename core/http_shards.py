"""An HTTP transport made of several small connection pools, taken in turn.

httpcore's pool looks at every one of its connections, several times, for each request
it starts or finishes, so its cost per request grows with the square of its size. Many
attempts in flight (dozens of concurrent Graph API calls) then spend more time in the
pool's bookkeeping than in the calls. Small pools keep that work constant per request.
"""

from __future__ import annotations

import itertools

import httpx

CONNECTIONS_PER_SHARD = 8


class ShardedTransport(httpx.AsyncBaseTransport):
    def __init__(self, concurrency: int, *, per_shard: int = CONNECTIONS_PER_SHARD) -> None:
        shards = max(1, -(-concurrency // per_shard))
        limits = httpx.Limits(max_connections=per_shard, max_keepalive_connections=per_shard)
        self._shards = [httpx.AsyncHTTPTransport(limits=limits) for _ in range(shards)]
        self._turns = itertools.cycle(self._shards)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await next(self._turns).handle_async_request(request)

    async def aclose(self) -> None:
        for shard in self._shards:
            await shard.aclose()
