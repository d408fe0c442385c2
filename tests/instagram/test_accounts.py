"""The /connect check of a pasted token, and refreshing Instagram-Login tokens."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from core.clock import ManualClock
from core.publishers.base import ErrorKind, PublishError
from core.publishers.instagram import (
    Account,
    fetch_account,
    refresh_long_lived_token,
)
from core.publishers.instagram_accounts import refresh_due
from tests.fakes.graph_api import IG_USER_ID, TOKEN, USERNAME, FakeGraphApi


async def test_fetch_account_with_instagram_login_uses_the_account_id(
    client: httpx.AsyncClient, graph: FakeGraphApi
) -> None:
    account = await fetch_account(client, graph.url, TOKEN)

    assert account == Account(id=IG_USER_ID, username=USERNAME)
    [call] = graph.calls
    assert call.path.endswith("/me") and call.bearer


async def test_fetch_account_by_ig_user_id(client: httpx.AsyncClient, graph: FakeGraphApi) -> None:
    account = await fetch_account(client, graph.url, TOKEN, ig_user_id=IG_USER_ID)

    assert account == Account(id=IG_USER_ID, username=USERNAME)


async def test_fetch_account_with_a_bad_token_is_auth(
    client: httpx.AsyncClient, graph: FakeGraphApi
) -> None:
    with pytest.raises(PublishError) as caught:
        await fetch_account(client, graph.url, "pasted-garbage")

    assert caught.value.kind is ErrorKind.AUTH and caught.value.code == "190/467"


async def test_refresh_gives_a_new_token_valid_for_sixty_days(
    client: httpx.AsyncClient, graph: FakeGraphApi, clock: ManualClock
) -> None:
    fresh = await refresh_long_lived_token(client, TOKEN, base_url=graph.root_url, clock=clock)

    assert fresh.access_token in graph.valid_tokens and fresh.access_token != TOKEN
    assert fresh.expires_at == clock() + timedelta(days=60)
    assert fresh.access_token not in repr(fresh)
    [call] = graph.calls
    assert call.params == {"grant_type": "ig_refresh_token"} and call.bearer


async def test_refresh_of_an_expired_token_is_auth(
    client: httpx.AsyncClient, graph: FakeGraphApi, clock: ManualClock
) -> None:
    graph.expire_token()

    with pytest.raises(PublishError) as caught:
        await refresh_long_lived_token(client, TOKEN, base_url=graph.root_url, clock=clock)

    assert caught.value.kind is ErrorKind.AUTH


def test_refresh_is_due_when_old_enough_and_near_expiry(clock: ManualClock) -> None:
    now = clock()
    day = timedelta(days=1)
    assert refresh_due(now - 50 * day, now + 10 * day, now)
    assert not refresh_due(now - 5 * day, now + 55 * day, now)  # plenty of time left
    assert not refresh_due(now - timedelta(hours=2), now + 10 * day, now)  # too young for Meta
