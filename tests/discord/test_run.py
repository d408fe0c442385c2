"""`flyerbot run` as a real process with a Discord token and the fake's address: from
/newevent to a post in a connected channel, the way an organiser would go."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.discord.conftest import ADMIN, ANNOUNCEMENTS, CHANNEL, FORM, GUILD, option_value
from tests.fakes.discord_api import BOT_TOKEN, FakeDiscordAPI
from tests.fakes.discord_interactions import FakeInteraction, buttons

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


async def test_flyerbot_run_goes_from_newevent_to_a_post_in_a_connected_channel(
    tmp_path: Path,
) -> None:
    async with FakeDiscordAPI() as fake:
        fake.add_guild(GUILD, owner_id="1")
        fake.add_channel(CHANNEL, GUILD, name="events")
        fake.add_channel(ANNOUNCEMENTS, GUILD, name="announcements")
        fake.add_member(GUILD, fake.bot_user_id)
        fake.add_member(GUILD, ADMIN.id)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            cwd=REPO,
            env=os.environ
            | {
                "FLYERBOT_DISCORD_TOKEN": BOT_TOKEN,
                "FLYERBOT_DISCORD_API_URL": fake.api_url,
                "FLYERBOT_DISCORD_GUILD_IDS": GUILD,
                "FLYERBOT_DATA_DIR": str(tmp_path / "data"),
                "FLYERBOT_SECRET_KEY": "run-test-secret-key-0123456789abcdef",
                "FLYERBOT_HTTP_PORT": "0",
            },
            stdin=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await fake.wait_for(lambda: bool(fake.commands.get(GUILD)))
            await organiser_goes_through(fake)
        finally:
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        assert process.returncode == 0, stderr.decode()
        assert "started: discord" in stderr.decode()
        assert BOT_TOKEN not in stderr.decode()


async def organiser_goes_through(fake: FakeDiscordAPI) -> None:
    opened = await fake.slash("newevent", ADMIN, channel_id=CHANNEL)
    submitted = await fake.submit(opened, FORM, ADMIN)
    question = await message_of(fake, submitted)
    chosen = await fake.choose(question, "menu:pick", [option_value(question, "Techno")], ADMIN)
    await fake.wait_for(lambda: bool(previews(fake)))
    [preview] = previews(fake)
    assert chosen.callbacks

    offered = await fake.slash(
        "connect",
        ADMIN,
        channel_id=CHANNEL,
        options=[{"name": "target", "type": 3, "value": "discord"}],
    )
    menu = await message_of(fake, offered)
    picked = await fake.choose(
        menu,
        "menu:channel",
        [ANNOUNCEMENTS],
        ADMIN,
        channels={ANNOUNCEMENTS: fake.channels[ANNOUNCEMENTS]},
    )
    await fake.wait_for(lambda: any("#announcements" in m["content"] for m in picked.followups))

    approved = await fake.press(preview, labelled(preview, "Approve"), ADMIN)
    notice = await message_of(fake, approved)
    await fake.press(notice, labelled(notice, "Post now"), ADMIN)
    await fake.wait_for(lambda: bool(fake.channel_messages(ANNOUNCEMENTS)))
    [post] = fake.channel_messages(ANNOUNCEMENTS)
    assert post["attachments"] and "서울 테크노 나이트 Vol.3" in post["content"]


async def message_of(fake: FakeDiscordAPI, interaction: FakeInteraction) -> dict[str, Any]:
    await fake.wait_for(lambda: interaction.original_message_id is not None)
    assert interaction.original_message_id is not None
    return fake.message(interaction.original_message_id)


def previews(fake: FakeDiscordAPI) -> list[dict[str, Any]]:
    return [m for m in fake.channel_messages(CHANNEL) if m["attachments"]]


def labelled(message: dict[str, Any], label: str) -> str:
    return next(str(b["custom_id"]) for b in buttons(message) if label in b.get("label", ""))
