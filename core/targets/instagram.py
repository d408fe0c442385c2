"""Checking a pasted Instagram token before keeping it: which account, may it publish.

One word is an Instagram-Login token (the account is `/me` on graph.instagram.com); two
words are `<ig-user-id> <token>` from Facebook Login (graph.facebook.com). Facebook tokens
are also read with `debug_token` for their expiry and scopes; Instagram Login has no such
endpoint, so its expiry becomes known at the first refresh (core/targets/token_refresh.py).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

import httpx

from core.clock import Clock
from core.publishers.base import ErrorKind, PublishError
from core.publishers.instagram import fetch_account
from core.publishers.instagram_errors import GraphError
from core.publishers.instagram_factory import (
    FACEBOOK_LOGIN,
    INSTAGRAM,
    INSTAGRAM_LOGIN,
    graph_url_for,
)
from core.publishers.instagram_http import GraphApi
from core.settings import Settings
from core.targets.ports import CheckedTarget, ConnectRefused, ConnectRequest

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"[A-Za-z0-9_\-.|]{20,1000}")
_PUBLISH_SCOPES = frozenset({"instagram_content_publish", "instagram_business_content_publish"})

# Target config keys.
LOGIN, USERNAME = "login", "username"
TOKEN_ISSUED_AT, TOKEN_EXPIRES_AT = "token_issued_at", "token_expires_at"
# Said after connecting when the media server has no public address (nothing can post yet).
NO_PUBLIC_URL_WARNING = "connect.instagram_no_public_url"


def parse_token(argument: str) -> tuple[str, str, str] | None:
    """(login, ig user id or "me", token), or None when it does not look like a token."""
    words = argument.split()
    if len(words) == 1 and _TOKEN.fullmatch(words[0]):
        return INSTAGRAM_LOGIN, "me", words[0]
    if len(words) == 2 and words[0].isdigit() and _TOKEN.fullmatch(words[1]):
        return FACEBOOK_LOGIN, words[0], words[1]
    return None


def looks_like_token(text: str) -> bool:
    return parse_token(text) is not None


class InstagramCheck:
    def __init__(self, client: httpx.AsyncClient, settings: Settings, clock: Clock) -> None:
        self._client = client
        self._settings = settings
        self._clock = clock

    async def check(self, request: ConnectRequest) -> CheckedTarget:
        parsed = parse_token(request.argument)
        if parsed is None:
            raise ConnectRefused("connect.instagram_bad_token")
        login, ig_user_id, token = parsed
        graph_url = graph_url_for(self._settings, login)
        try:
            account = await fetch_account(self._client, graph_url, token, ig_user_id=ig_user_id)
        except PublishError as error:
            raise _refused(error) from None
        now = self._clock()
        config: dict[str, Any] = {
            LOGIN: login,
            USERNAME: account.username,
            TOKEN_ISSUED_AT: now.isoformat(),
        }
        if login == FACEBOOK_LOGIN:
            expires_at = await self._debug_token(graph_url, token)
            if expires_at is not None:
                config[TOKEN_EXPIRES_AT] = expires_at.isoformat()
        return CheckedTarget(
            INSTAGRAM,
            account.id,
            f"Instagram @{account.username or account.id}",
            config=config,
            secret=token,
        )

    async def _debug_token(self, graph_url: str, token: str) -> datetime | None:
        """Expiry and scopes where Meta answers; a refusal here is not the token's fault."""
        api = GraphApi(self._client, graph_url, token)
        try:
            body = await api.get("/debug_token", {"input_token": token})
        except (GraphError, PublishError) as error:
            log.info("debug_token unavailable: %s", error)
            return None
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        assert isinstance(data, dict)
        if data.get("is_valid") is False:
            raise ConnectRefused("connect.instagram_refused")
        scopes = data.get("scopes")
        if isinstance(scopes, list) and scopes and not _PUBLISH_SCOPES & set(map(str, scopes)):
            raise ConnectRefused("connect.instagram_no_publish")
        expires = data.get("expires_at")
        if isinstance(expires, int) and expires > 0:
            return datetime.fromtimestamp(expires, UTC)
        return None


def _refused(error: PublishError) -> ConnectRefused:
    if error.kind is ErrorKind.AUTH:
        return ConnectRefused("connect.instagram_refused")
    if error.kind is ErrorKind.PERMANENT and error.message_key:
        return ConnectRefused(error.message_key, **error.message_params)
    if error.kind is ErrorKind.PERMANENT:
        return ConnectRefused("connect.instagram_no_account", reason=error.user_message)
    return ConnectRefused("connect.unreachable", platform="Instagram")
