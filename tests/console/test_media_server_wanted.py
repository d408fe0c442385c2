"""The console starts the media server only when Instagram may download from it."""

from __future__ import annotations

from datetime import datetime

from bot.media_service import wanted_in_console
from core.app import App
from core.clock import ManualClock
from core.crypto import TokenCipher
from core.publishers.instagram_factory import INSTAGRAM
from core.targets import store
from core.targets.checks import SANDBOX
from core.targets.ports import CheckedTarget
from storage import repositories
from storage.models import Target


async def _connect(app: App, now: datetime, kind: str, address: str) -> int:
    async with app.sessions.begin() as session:
        workspace = await repositories.workspace_for_chat(
            session, "test", "chat-1", title=None, timezone="Asia/Seoul", locale="en", now=now
        )
        cipher = TokenCipher(app.settings.resolved_secret_key)
        checked = CheckedTarget(kind, address, f"{kind} {address}", secret="token")
        target = await store.connect(session, workspace.id, checked, cipher=cipher, now=now)
        return target.id


async def _set_status(app: App, target_id: int, status: str, now: datetime) -> None:
    async with app.sessions.begin() as session:
        target = await session.get_one(Target, target_id)
        target.status = status
        target.updated_at = now


async def test_only_an_active_instagram_target_wants_the_media_server(
    app: App, clock: ManualClock
) -> None:
    assert not await wanted_in_console(app)  # no targets at all

    await _connect(app, clock.now, SANDBOX, "outbox")
    assert not await wanted_in_console(app)  # other kinds download nothing

    instagram = await _connect(app, clock.now, INSTAGRAM, "17841400000000001")
    assert await wanted_in_console(app)

    await _set_status(app, instagram, store.NEEDS_RECONNECT, clock.now)
    assert not await wanted_in_console(app)  # it cannot publish until reconnected

    await _set_status(app, instagram, store.ACTIVE, clock.now)
    await _connect(app, clock.now, INSTAGRAM, "17841400000000002")
    assert await wanted_in_console(app)  # two active ones: still one answer


async def test_a_public_base_url_always_wants_it(app: App) -> None:
    app.settings.public_base_url = "https://flyers.example.com"
    assert await wanted_in_console(app)
