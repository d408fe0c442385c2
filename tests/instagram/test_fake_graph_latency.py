"""The fake's latency knob: each call is answered only after that many real seconds."""

from __future__ import annotations

import time

import httpx

from core.clock import system_clock
from tests.fakes.graph_api import IG_USER_ID, TOKEN, FakeGraphApi

AUTH = {"Authorization": f"Bearer {TOKEN}"}


async def test_a_call_waits_for_the_latency_before_its_answer(
    client: httpx.AsyncClient, graph: FakeGraphApi
) -> None:
    graph.latency = 0.5
    started = time.perf_counter()

    response = await client.get(f"{graph.url}/{IG_USER_ID}", headers=AUTH)

    # A lower bound only: the sleep happens before the answer, however loaded the machine.
    assert time.perf_counter() - started >= 0.45
    assert response.status_code == 200
    assert [call.endpoint for call in graph.calls] == ["read_user"]


async def test_latency_is_off_unless_asked_for(
    client: httpx.AsyncClient, graph: FakeGraphApi
) -> None:
    response = await client.get(f"{graph.url}/{IG_USER_ID}", headers=AUTH)

    assert graph.latency == 0
    assert response.status_code == 200


async def test_latency_given_to_the_constructor_is_kept() -> None:
    async with FakeGraphApi(clock=system_clock, latency=0.02) as graph:
        assert graph.latency == 0.02
