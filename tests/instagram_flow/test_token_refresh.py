"""Instagram-Login tokens are refreshed weeks before they expire, by a job called directly."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.app import App
from core.clock import ManualClock
from core.conversation.messages import Command
from core.crypto import TokenCipher
from core.targets.store import secret_binding
from core.targets.token_refresh import TokenRefresher
from storage.models import Target
from tests.conversation.helpers import say
from tests.fakes.graph_api import IG_USER_ID, TOKEN, FakeGraphApi
from tests.instagram_flow.helpers import (
    ADMIN_DM,
    approved_with_instagram,
    connect_instagram,
    instagram_targets,
    press,
)


def refresher(app: App, clock: ManualClock) -> TokenRefresher:
    return TokenRefresher(
        sessions=app.sessions,
        http=app.publishing.http,
        cipher=cipher(app),
        clock=clock,
        login_url=app.settings.instagram_login_url,
    )


def cipher(app: App) -> TokenCipher:
    return TokenCipher(app.settings.resolved_secret_key)


def token_of(app: App, target: Target) -> str:
    sealed = target.credentials_encrypted or ""
    return cipher(app).decrypt(sealed, bound_to=secret_binding(target.id))


async def test_a_token_is_refreshed_once_old_enough_and_again_before_it_expires(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    await connect_instagram(app)
    job = refresher(app, clock)

    clock.advance(timedelta(hours=23))
    assert (await job.run()).refreshed == 0  # Meta refreshes only day-old tokens
    assert graph.calls_to("refresh_token") == []

    clock.advance(timedelta(hours=2))
    assert (await job.run()).refreshed == 1
    [target] = await instagram_targets(app)
    first = token_of(app, target)
    assert first != TOKEN and first.startswith("IGAAT-refreshed-")
    expires = datetime.fromisoformat(target.config["token_expires_at"])
    assert expires == clock() + timedelta(days=60)

    clock.advance(timedelta(days=30))
    assert (await job.run()).refreshed == 0  # 30 days left: not yet
    clock.now = expires - timedelta(days=14)
    assert (await job.run()).refreshed == 1  # well before the end
    [target] = await instagram_targets(app)
    assert token_of(app, target) not in (TOKEN, first)
    [call, _] = graph.calls_to("refresh_token")
    assert call.bearer and call.params["grant_type"] == "ig_refresh_token"


async def test_the_refreshed_token_is_the_one_that_publishes(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    event_id, _ = await approved_with_instagram(app)
    clock.advance(timedelta(days=2))
    await refresher(app, clock).run()
    graph.expire_token(TOKEN)  # the old token stops working

    await press(app, f"cp:{event_id}:now")
    clock.advance(timedelta(seconds=1))
    assert (await app.publishing.dispatcher.run_due()).published == 1


async def test_a_token_meta_no_longer_accepts_asks_for_reconnection(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    await connect_instagram(app)
    graph.expire_token()
    clock.advance(timedelta(days=2))

    report = await refresher(app, clock).run()

    assert report.disconnected == 1
    [target] = await instagram_targets(app)
    assert target.status == "needs_reconnect"


async def test_facebook_login_tokens_are_not_refreshed(
    app: App, graph: FakeGraphApi, clock: ManualClock
) -> None:
    await say(app, ADMIN_DM, Command("connect", f"instagram {IG_USER_ID} {TOKEN}"))
    clock.advance(timedelta(days=50))
    assert (await refresher(app, clock).run()).refreshed == 0
    assert graph.calls_to("refresh_token") == []
