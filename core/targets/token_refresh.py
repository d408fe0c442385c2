"""Keeping Instagram-Login tokens alive: refreshed weeks before their 60 days run out.

Run periodically (bot/instagram_service.py schedules it; tests call `run` directly). A
token whose expiry is not known yet (Instagram Login has no debug_token) is refreshed as
soon as Meta allows, a day after it was connected, which makes its expiry known. A token
Meta no longer accepts marks the target for reconnection; publishing then tells the chat.
While at it, tokens sealed with a previous SECRET_KEY are sealed again with the current one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.crypto import DecryptionError, TokenCipher
from core.publishers.base import ErrorKind, PublishError
from core.publishers.instagram_accounts import MIN_TOKEN_AGE, refresh_due, refresh_long_lived_token
from core.publishers.instagram_factory import INSTAGRAM, INSTAGRAM_LOGIN
from core.targets import store
from core.targets.instagram import LOGIN, TOKEN_EXPIRES_AT, TOKEN_ISSUED_AT
from storage import targets as target_rows
from storage.models import Target

log = logging.getLogger(__name__)


@dataclass
class RefreshReport:
    refreshed: int = 0
    failed: int = 0
    disconnected: int = 0
    resealed: int = 0


class TokenRefresher:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        http: httpx.AsyncClient,
        cipher: TokenCipher,
        clock: Clock,
        login_url: str,
    ) -> None:
        self._sessions = sessions
        self._http = http
        self._cipher = cipher
        self._clock = clock
        self._login_url = login_url

    async def run(self) -> RefreshReport:
        report = RefreshReport()
        async with self._sessions() as session:
            target_ids = await target_rows.ids_of_kind(session, INSTAGRAM, store.ACTIVE)
        for target_id in target_ids:
            await self._one(target_id, report)
        return report

    async def _one(self, target_id: int, report: RefreshReport) -> None:
        async with self._sessions() as session:
            target = await session.get(Target, target_id)
            if target is None or not target.credentials_encrypted:
                return
            sealed, config = target.credentials_encrypted, dict(target.config or {})
        try:
            token = self._cipher.decrypt(sealed, bound_to=store.secret_binding(target_id))
        except DecryptionError:
            return  # publishing reports it as disconnected
        now = self._clock()
        if config.get(LOGIN, INSTAGRAM_LOGIN) != INSTAGRAM_LOGIN or not _due(config, now):
            if self._cipher.needs_reseal(sealed):
                await self._save(target_id, self._seal(target_id, token), config, now)
                report.resealed += 1
            return
        try:
            fresh = await refresh_long_lived_token(
                self._http, token, base_url=self._login_url, clock=self._clock
            )
        except PublishError as error:
            if error.kind is ErrorKind.AUTH:
                await self._disconnect(target_id, now)
                report.disconnected += 1
            else:
                log.warning("instagram target %s: token refresh failed: %s", target_id, error)
                report.failed += 1
            return
        config[TOKEN_ISSUED_AT] = now.isoformat()
        config[TOKEN_EXPIRES_AT] = fresh.expires_at.isoformat()
        await self._save(target_id, self._seal(target_id, fresh.access_token), config, now)
        report.refreshed += 1
        log.info("instagram target %s: token refreshed until %s", target_id, fresh.expires_at)

    def _seal(self, target_id: int, token: str) -> str:
        return self._cipher.encrypt(token, bound_to=store.secret_binding(target_id))

    async def _save(
        self, target_id: int, sealed: str, config: dict[str, object], now: datetime
    ) -> None:
        async with self._sessions.begin() as session:
            target = await session.get(Target, target_id)
            if target is not None and target.status == store.ACTIVE:
                target.credentials_encrypted, target.config = sealed, config
                target.updated_at = now

    async def _disconnect(self, target_id: int, now: datetime) -> None:
        async with self._sessions.begin() as session:
            target = await session.get(Target, target_id)
            if target is not None and target.status == store.ACTIVE:
                target.status, target.updated_at = store.NEEDS_RECONNECT, now


def _due(config: dict[str, object], now: datetime) -> bool:
    issued = _moment(config.get(TOKEN_ISSUED_AT))
    if issued is None:
        return True  # connected before flyerbot kept dates: refreshing makes them known
    expires = _moment(config.get(TOKEN_EXPIRES_AT))
    if expires is None:
        return now - issued >= MIN_TOKEN_AGE
    return refresh_due(issued, expires, now)


def _moment(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
