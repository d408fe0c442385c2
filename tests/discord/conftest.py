"""The real discord.py client against the fake Discord (REST and gateway) over sockets."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import pytest

from bot.discord.config import DiscordConfig
from bot.discord.starter import RunningDiscord, run_discord
from core.app import App
from tests.fakes.discord_api import BOT_TOKEN, FakeDiscordAPI
from tests.fakes.discord_interactions import (
    ADMINISTRATOR,
    MANAGE_EVENTS,
    MEMBER_PERMISSIONS,
    FakeInteraction,
    FakeMember,
)

GUILD = "200000000000000001"
CHANNEL = "100000000000000001"
ANNOUNCEMENTS = "100000000000000002"
AUTHOR = FakeMember("501", "mina", locale="ko")
ADMIN = FakeMember("502", "jun", permissions=MEMBER_PERMISSIONS | ADMINISTRATOR)
ORGANISER = FakeMember("503", "seo", permissions=MEMBER_PERMISSIONS | MANAGE_EVENTS)
STRANGER = FakeMember("504", "alex", locale="en-US")
STRANGER_KO = FakeMember("505", "hana", locale="ko")

FORM = {
    "title": "서울 테크노 나이트 Vol.3",
    "starts_at": "2026-12-20 22:00",
    "venue": "Cakeshop, 이태원",
    "lineup": "22:00-23:30 DJ Soma\n23:30 Yetsuby",
    "ticket_url": "https://tickets.example.com/seoul-techno",
}


class DiscordHarness:
    """Starts and restarts the frontend, and waits until it has answered completely."""

    def __init__(self, app: App, fake: FakeDiscordAPI) -> None:
        self.app = app
        self.fake = fake
        self.running: RunningDiscord | None = None
        self._stack: AsyncExitStack | None = None

    def config(self, **changes: Any) -> DiscordConfig:
        values: dict[str, Any] = {
            "token": BOT_TOKEN,
            "api_url": self.fake.api_url,
            "guild_ids": (int(GUILD),),
            "max_photo_bytes": self.app.settings.max_photo_bytes,
            "guild_ready_timeout": 0.05,
        }
        return DiscordConfig(**(values | changes))

    async def start(self, **changes: Any) -> RunningDiscord:
        self._stack = AsyncExitStack()
        self.running = await run_discord(self.app, self._stack, self.config(**changes))
        await self.running.client.commands_synced.wait()
        return self.running

    async def stop(self) -> None:
        if self._stack is not None:
            await self._stack.aclose()
            self._stack = None

    async def restart(self, **changes: Any) -> None:
        await self.stop()
        await self.start(**changes)

    async def settle(self) -> None:
        assert self.running is not None
        await self.running.frontend.idle()

    # -- acting as users, waiting for complete answers --------------------------------------

    async def slash(self, name: str, member: FakeMember, **kwargs: Any) -> FakeInteraction:
        interaction = await self.fake.slash(name, member, channel_id=CHANNEL, **kwargs)
        await self.settle()
        return interaction

    async def press(
        self, message: dict[str, Any], custom_id: str, member: FakeMember
    ) -> FakeInteraction:
        interaction = await self.fake.press(message, custom_id, member)
        await self.settle()
        return interaction

    async def choose(
        self, message: dict[str, Any], value: str, member: FakeMember, **kwargs: Any
    ) -> FakeInteraction:
        menu = next(
            component
            for row in message["components"]
            for component in row["components"]
            if component["type"] in (3, 8)
        )
        interaction = await self.fake.choose(message, menu["custom_id"], [value], member, **kwargs)
        await self.settle()
        return interaction

    async def submit(
        self, opened: FakeInteraction, values: dict[str, str], member: FakeMember
    ) -> FakeInteraction:
        interaction = await self.fake.submit(opened, values, member)
        await self.settle()
        return interaction

    def answer_message(self, interaction: FakeInteraction) -> dict[str, Any]:
        """The message the interaction's answer created or changed."""
        assert interaction.original_message_id is not None, interaction.callbacks
        return self.fake.message(interaction.original_message_id)

    def previews(self) -> list[dict[str, Any]]:
        return [m for m in self.fake.channel_messages(CHANNEL) if m["attachments"]]


def option_value(message: dict[str, Any], label: str) -> str:
    """The value (core's id) of the select option labelled `label`."""
    for row in message["components"]:
        for component in row["components"]:
            for option in component.get("options") or []:
                if option["label"] == label:
                    return str(option["value"])
    raise AssertionError(f"no option {label!r} in {message['components']}")


def button_id(message: dict[str, Any], label_part: str) -> str:
    for row in message["components"]:
        for component in row["components"]:
            if component.get("type") == 2 and label_part in component.get("label", ""):
                return str(component["custom_id"])
    raise AssertionError(f"no button with {label_part!r} in {message['components']}")


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscordAPI]:
    async with FakeDiscordAPI() as api:
        api.add_guild(GUILD, owner_id="1")
        api.add_channel(CHANNEL, GUILD, name="events")
        api.add_channel(ANNOUNCEMENTS, GUILD, name="announcements")
        api.add_member(GUILD, api.bot_user_id)
        for member in (AUTHOR, ADMIN, ORGANISER, STRANGER, STRANGER_KO):
            api.add_member(GUILD, member.id)
        yield api


@pytest.fixture
async def discord_bot(app: App, fake: FakeDiscordAPI) -> AsyncIterator[DiscordHarness]:
    harness = DiscordHarness(app, fake)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()


async def make_preview(bot: DiscordHarness, member: FakeMember = AUTHOR) -> dict[str, Any]:
    """/newevent through to the preview; returns the preview message."""
    opened = await bot.slash("newevent", member)
    submitted = await bot.submit(opened, FORM, member)
    question = bot.answer_message(submitted)
    await bot.choose(question, option_value(question, "Techno"), member)
    [preview] = bot.previews()
    return preview
