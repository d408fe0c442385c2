"""/connect: targets checked on their platform before they are kept; secrets sealed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from sqlalchemy import select

from bot.discord.connection import use_api
from bot.publishers.discord_webhook import serve_webhooks
from core.app import App, open_app
from core.chat_service import ChatService
from core.clock import ManualClock
from core.conversation.messages import Action, Command, Notice, Problem, Sender, Withdraw
from core.settings import Settings
from storage.models import Target
from tests.campaigns.helpers import ADMIN, press
from tests.conversation.helpers import AUTHOR, action_id, only, preview_of_full_event, say
from tests.fakes.discord_api import VIEW_SEND_ATTACH, FakeDiscordAPI
from tests.instagram_flow.helpers import ADMIN_DM

GUILD, CHANNEL = "200000000000000001", "100000000000000001"
DISCORD_USER = Sender("discord", "guild-chat", "4242", user_name="Mina")


@pytest.fixture
async def discord() -> AsyncIterator[FakeDiscordAPI]:
    async with FakeDiscordAPI() as fake:
        fake.add_guild(GUILD, everyone=VIEW_SEND_ATTACH)
        fake.add_channel(CHANNEL, GUILD, name="flyers")
        fake.add_member(GUILD, fake.bot_user_id)
        fake.add_member(GUILD, DISCORD_USER.user_id)
        yield fake


@pytest.fixture
async def with_discord(
    settings: Settings, clock: ManualClock, discord: FakeDiscordAPI
) -> AsyncIterator[App]:
    """The app with Discord webhooks served the way `flyerbot run` serves them."""
    configured = settings.model_copy(update={"discord_api_url": discord.api_url})
    async with (
        open_app(configured, clock=clock, apply_migrations=True) as app,
        aiohttp.ClientSession() as session,
    ):
        use_api(discord.api_url)
        serve_webhooks(app.publishing, session, discord.api_url)
        yield app


async def _connect_webhook(app: App, url: str) -> Notice:
    """`/connect discord-webhook` in the group; the URL itself only in the admin's DM."""
    asked = only(await say(app, ADMIN, Command("connect", "discord-webhook")), Notice)
    assert "1:1" in asked.text
    return only(await say(app, ADMIN_DM, Command("connect", f"discord-webhook {url}")), Notice)


async def _targets(app: App) -> list[Target]:
    async with app.sessions() as session:
        return list((await session.execute(select(Target).order_by(Target.id))).scalars())


async def test_connect_lists_targets_and_how_to_add_one(app: App) -> None:
    overview = only(await say(app, ADMIN, Command("connect")), Notice)
    assert "/connect telegram @채널" in overview.text
    only(await say(app, ADMIN, Command("connect", "sandbox")), Notice)
    overview = only(await say(app, ADMIN, Command("connect")), Notice)
    assert "sandbox" in overview.text
    [target] = await _targets(app)
    assert [choice.id for choice in overview.choices] == [f"tc:{target.id}:remove"]
    only(await say(app, ADMIN, Action(f"tc:{target.id}:remove")), Notice)
    assert [t.status for t in await _targets(app)] == ["removed"]


async def test_in_a_group_only_admins_connect(app: App) -> None:
    refused = only(await say(app, AUTHOR, Command("connect", "sandbox")), Problem)
    assert "관리자" in refused.message
    assert await _targets(app) == []


async def test_an_unknown_kind_says_what_is_available(with_discord: App) -> None:
    refused = only(await say(with_discord, ADMIN, Command("connect", "myspace")), Problem)
    assert "discord-webhook" in refused.message and "sandbox" in refused.message


async def test_a_discord_webhook_is_checked_kept_sealed_and_published_to(
    with_discord: App, discord: FakeDiscordAPI
) -> None:
    app = with_discord
    hook = discord.add_webhook(channel_id=CHANNEL, guild_id=GUILD, name="flyers")
    url = discord.webhook_url(hook)
    connected = await _connect_webhook(app, url)
    assert "flyers" in connected.text and "chat-1" in connected.text
    [target] = await _targets(app)
    assert target.kind == "discord_webhook" and target.address == hook
    assert target.credentials_encrypted and discord.webhooks[hook]["token"] not in (
        target.credentials_encrypted
    )

    preview = await preview_of_full_event(app)
    await say(app, AUTHOR, Action(action_id(preview, "approve")))
    await press(app, f"cp:{preview.event_id}:now")
    assert (await app.publishing.dispatcher.run_due()).published == 1
    [message] = discord.messages[CHANNEL]
    assert message["webhook_id"] == hook and "서울 테크노 나이트" in message["content"]


async def test_a_webhook_url_pasted_in_a_group_is_refused_and_taken_down(
    with_discord: App, discord: FakeDiscordAPI
) -> None:
    url = discord.webhook_url(discord.add_webhook(channel_id=CHANNEL, guild_id=GUILD))
    chat = ChatService(with_discord)
    outputs = await chat.handle(ADMIN, Command("connect", f"discord-webhook {url}"))
    assert isinstance(outputs[0], Withdraw)  # the message goes first, then the words
    assert "그룹에 올리면 안 돼요" in only(outputs, Problem).message
    assert "1:1" in only(outputs, Notice).text  # where to send it instead
    assert await _targets(with_discord) == []
    assert discord.calls_to("get_webhook") == []  # not even tried


async def test_a_deleted_or_foreign_webhook_is_refused(
    with_discord: App, discord: FakeDiscordAPI
) -> None:
    hook = discord.add_webhook(channel_id=CHANNEL, guild_id=GUILD)
    url = discord.webhook_url(hook)
    discord.delete_webhook(hook)
    gone = only(
        await say(with_discord, ADMIN_DM, Command("connect", f"discord-webhook {url}")), Problem
    )
    assert "삭제" in gone.message
    foreign = "https://example.com/api/webhooks/123456789012/" + "a" * 40
    bad = only(
        await say(with_discord, ADMIN_DM, Command("connect", f"discord-webhook {foreign}")),
        Problem,
    )
    assert "웹훅 주소가 아니에요" in bad.message
    assert await _targets(with_discord) == []
