"""A worker process reaches Discord without joining the gateway.

The frontend (the harness's client, on the gateway) takes "Post now"; a second app on
the same database — a worker process's worth — publishes the post and reports back
through a client that only logged in to the REST API.
"""

from __future__ import annotations

from contextlib import AsyncExitStack

from pydantic import SecretStr

from bot.discord.starter import start_discord_without_gateway
from core.app import App, open_app
from core.clock import ManualClock
from core.settings import Settings
from tests.discord.conftest import (
    ADMIN,
    ANNOUNCEMENTS,
    CHANNEL,
    DiscordHarness,
    button_id,
    make_preview,
)
from tests.discord.test_publishing import connect_announcements
from tests.fakes.discord_api import BOT_TOKEN, FakeDiscordAPI


async def test_a_worker_publishes_to_discord_over_rest_alone(
    discord_bot: DiscordHarness,
    fake: FakeDiscordAPI,
    app: App,
    settings: Settings,
    clock: ManualClock,
) -> None:
    await connect_announcements(discord_bot)
    preview = await make_preview(discord_bot)
    # An admin approves: publishing to the server's channels needs one.
    approved = await discord_bot.press(preview, button_id(preview, "Approve"), ADMIN)
    notice = discord_bot.answer_message(approved)
    await discord_bot.press(notice, button_id(notice, "Post now"), ADMIN)
    sessions = fake.gateway.sessions

    worker_settings = settings.model_copy(
        update={"discord_token": SecretStr(BOT_TOKEN), "discord_api_url": fake.api_url}
    )
    async with open_app(worker_settings, clock=clock) as worker, AsyncExitStack() as stack:
        started = await start_discord_without_gateway(worker, stack)
        await worker.publishing.run_now()

    assert started is not None and "no gateway" in started
    assert fake.gateway.sessions == sessions  # the worker never identified on the gateway
    [post] = fake.channel_messages(ANNOUNCEMENTS)
    assert "서울 테크노 나이트 Vol.3" in post["content"]
    reports = [m for m in fake.channel_messages(CHANNEL) if post["id"] in m["content"]]
    assert reports, "no report with the post's link in the event's channel"


async def test_without_a_discord_token_a_worker_starts_no_discord_client(app: App) -> None:
    async with AsyncExitStack() as stack:
        assert await start_discord_without_gateway(app, stack) is None
