"""Reaction counts of Discord webhook posts, read through discord.py's `Webhook` against
the fake on the insights cadence, with no bot at all; a deleted post is read no more.
(The bot's own channel posts are counted from gateway events: test_publishing.py.)"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import select, update

from bot.discord.connection import use_api
from bot.publishers import discord_webhook
from bot.publishers.discord_reactions import DiscordWebhookReactions
from bot.publishers.discord_webhook import allowed_hosts, serve_webhooks
from core.app import App
from core.clock import ManualClock
from core.crypto import TokenCipher
from core.engagement.reactions import REACTIONS
from core.engagement.totals import event_engagement
from core.targets.store import secret_binding
from storage.models import InsightSnapshot, Target
from tests.discord.conftest import ANNOUNCEMENTS, GUILD
from tests.fakes.discord_api import FakeDiscordAPI
from tests.publishing.helpers import Seeded, seed


@pytest.fixture
async def session(fake: FakeDiscordAPI) -> AsyncIterator[aiohttp.ClientSession]:
    use_api(fake.api_url)
    async with aiohttp.ClientSession() as opened:
        yield opened


async def readings(app: App) -> list[int | None]:
    async with app.sessions() as session:
        query = (
            select(InsightSnapshot.value)
            .where(InsightSnapshot.metric == REACTIONS)
            .order_by(InsightSnapshot.id)
        )
        return list(await session.scalars(query))


async def total(app: App, seeded: Seeded) -> int:
    async with app.sessions() as session:
        return (await event_engagement(session, seeded.event_id)).reactions


async def published_through_webhook(
    app: App, fake: FakeDiscordAPI, session: aiohttp.ClientSession
) -> tuple[Seeded, str]:
    """What `flyerbot run` sets up for webhooks, with no Discord bot token; the post's id."""
    serve_webhooks(app.publishing, session, fake.api_url)
    reader = DiscordWebhookReactions(session, allowed_hosts=allowed_hosts(fake.api_url))
    app.engagement.reaction_sync.register(discord_webhook.KIND, reader)
    hook = fake.add_webhook(channel_id=ANNOUNCEMENTS, guild_id=GUILD)
    seeded = await seed(app, due_at=app.clock(), kind=discord_webhook.KIND, addresses=(hook,))
    cipher = TokenCipher(app.settings.resolved_secret_key)
    async with app.sessions.begin() as opened:
        for target_id in seeded.target_ids:
            sealed = cipher.encrypt(fake.webhook_url(hook), bound_to=secret_binding(target_id))
            await opened.execute(
                update(Target).where(Target.id == target_id).values(credentials_encrypted=sealed)
            )
    await app.publishing.dispatcher.run_due()
    [post] = fake.channel_messages(ANNOUNCEMENTS)
    assert post["webhook_id"] == hook
    return seeded, str(post["id"])


async def test_a_webhook_post_is_read_often_while_new_and_not_after_it_is_deleted(
    app: App, clock: ManualClock, fake: FakeDiscordAPI, session: aiohttp.ClientSession
) -> None:
    seeded, post_id = await published_through_webhook(app, fake, session)
    sync = app.engagement.reaction_sync

    assert (await sync.run_due()).read == 1  # just published: read at once
    fake.set_reactions(post_id, {"🔥": 4, "👀": 1})
    clock.advance(timedelta(minutes=10))
    assert (await sync.run_due()).read == 0  # every 15 minutes in the first day
    clock.advance(timedelta(minutes=5))
    assert (await sync.run_due()).read == 1
    assert await total(app, seeded) == 5

    clock.advance(timedelta(days=2))
    fake.set_reactions(post_id, {"🔥": 6, "👀": 1})
    assert (await sync.run_due()).read == 1
    clock.advance(timedelta(minutes=30))
    assert (await sync.run_due()).read == 0  # hourly after the first day

    fake.delete_message(post_id)
    clock.advance(timedelta(hours=1))
    assert (await sync.run_due()).gone == 1
    clock.advance(timedelta(days=1))
    run = await sync.run_due()
    assert (run.read, run.gone) == (0, 0)
    assert await readings(app) == [0, 5, 7, None]
    reads = fake.calls_to("get_followup")
    assert len(reads) == 4 and all(post_id in call.path for call in reads)
    assert not fake.calls_to("get_message")  # the webhook's URL, not a bot
