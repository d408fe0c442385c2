"""Checking a pasted token and keeping Instagram-Login tokens alive.

Used by the /connect flow (is this token good, and which account is it?) and by a
periodic job that refreshes long-lived Instagram-Login tokens before their 60 days run
out. Facebook-Login tokens cannot be refreshed: their owner logs in again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import httpx

from core.clock import Clock, system_clock
from core.publishers.base import ErrorKind, PublishError
from core.publishers.instagram_errors import GraphError, as_publish_error
from core.publishers.instagram_http import GraphApi
from core.publishers.reasons import Reason

INSTAGRAM_LOGIN_URL = "https://graph.instagram.com"
# Meta refreshes only tokens at least a day old; refreshing weeks early leaves room for
# outages without ever letting a token lapse.
MIN_TOKEN_AGE = timedelta(hours=24)
REFRESH_MARGIN = timedelta(days=15)


@dataclass(frozen=True)
class Account:
    id: str
    username: str


@dataclass(frozen=True)
class LongLivedToken:
    access_token: str = field(repr=False)
    expires_at: datetime


async def fetch_account(
    client: httpx.AsyncClient, graph_url: str, token: str, *, ig_user_id: str = "me"
) -> Account:
    """The professional account behind `token`; raises a classified PublishError if refused.

    With Instagram Login, `/me` answers with an app-scoped `id` and the account's real
    `user_id` (the one publishing needs). With Facebook Login pass the IG user id.
    """
    fields = "user_id,username" if ig_user_id == "me" else "id,username"
    body = await _call(GraphApi(client, graph_url, token), f"/{ig_user_id}", {"fields": fields})
    account_id = body.get("user_id") or body.get("id")
    if not account_id:
        raise PublishError(
            ErrorKind.PERMANENT,
            "Instagram did not say which account this is.",
            message_key=Reason.IG_NO_ACCOUNT_ID,
        )
    return Account(id=str(account_id), username=str(body.get("username", "")))


async def refresh_long_lived_token(
    client: httpx.AsyncClient,
    token: str,
    *,
    base_url: str = INSTAGRAM_LOGIN_URL,
    clock: Clock = system_clock,
) -> LongLivedToken:
    """A fresh 60-day token in exchange for a long-lived one (Instagram Login only)."""
    api = GraphApi(client, base_url, token)
    body = await _call(api, "/refresh_access_token", {"grant_type": "ig_refresh_token"})
    try:
        new_token = str(body["access_token"])
        lifetime = timedelta(seconds=int(body["expires_in"]))
    except (KeyError, TypeError, ValueError):
        raise PublishError(
            ErrorKind.TRANSIENT,
            "Instagram answered the token refresh without a new token.",
            message_key=Reason.IG_REFRESH_FAILED,
        ) from None
    return LongLivedToken(access_token=new_token, expires_at=clock() + lifetime)


def refresh_due(issued_at: datetime, expires_at: datetime, now: datetime) -> bool:
    """Time to refresh: old enough for Meta to accept, and close enough to expiry to bother."""
    return now - issued_at >= MIN_TOKEN_AGE and expires_at - now <= REFRESH_MARGIN


async def _call(api: GraphApi, path: str, params: dict[str, str]) -> dict[str, Any]:
    try:
        return await api.get(path, params)
    except GraphError as error:
        raise as_publish_error(error) from None
