"""`/settings` → "Reports go to": the engine's reports arrive in another channel of the
server, and back in the event's channel when asked (or when the chosen one is gone).

The real discord.py client against the fake Discord; posting goes to #announcements.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.app import App
from storage.models import Workspace
from tests.discord.conftest import (
    ADMIN,
    ANNOUNCEMENTS,
    CHANNEL,
    GUILD,
    STRANGER,
    DiscordHarness,
    button_id,
    make_preview,
)
from tests.discord.test_publishing import connect_announcements
from tests.fakes.discord_interactions import EPHEMERAL

REPORTS = "100000000000000007"
SEND_MESSAGES = 1 << 11


async def pick_report_channel(
    bot: DiscordHarness, channel_id: str, member: Any = ADMIN
) -> dict[str, Any]:
    """/settings → "Reports go to" → the channel menu; returns the answer to the choice."""
    settings = bot.answer_message(await bot.slash("settings", member))
    asked = bot.answer_message(await bot.press(settings, button_id(settings, "Reports"), member))
    assert asked["flags"] & EPHEMERAL
    resolved = {channel_id: bot.fake.channels[channel_id] | {"permissions": "3072"}}
    chosen = await bot.choose(asked, channel_id, member, channels=resolved)
    return answer_to(bot, chosen)


def answer_to(bot: DiscordHarness, interaction: Any) -> dict[str, Any]:
    """A channel message follows the private question; a private answer replaces it."""
    if interaction.followups:
        return dict(interaction.followups[-1])
    return bot.answer_message(interaction)


async def post_now(bot: DiscordHarness, app: App) -> str:
    """An event from the event's channel posted now to #announcements; the post's id."""
    preview = await make_preview(bot)
    approved = await bot.press(preview, button_id(preview, "Approve"), ADMIN)
    notice = bot.answer_message(approved)
    await bot.press(notice, button_id(notice, "Post now"), ADMIN)
    await app.publishing.run_now()
    [post] = bot.fake.channel_messages(ANNOUNCEMENTS)
    return str(post["id"])


def reports_of(bot: DiscordHarness, channel_id: str, post_id: str) -> list[dict[str, Any]]:
    return [m for m in bot.fake.channel_messages(channel_id) if post_id in m["content"]]


async def chosen_report_chat(app: App) -> str | None:
    async with app.sessions() as session:
        return await session.scalar(
            select(Workspace.report_chat_id).where(Workspace.chat_id == CHANNEL)
        )


async def test_reports_go_to_the_channel_settings_names(
    discord_bot: DiscordHarness, app: App
) -> None:
    discord_bot.fake.add_channel(REPORTS, GUILD, name="bot-reports")
    await connect_announcements(discord_bot)

    saved = await pick_report_channel(discord_bot, REPORTS)

    assert "Saved" in saved["content"] and f"<#{REPORTS}>" in saved["content"]
    assert await chosen_report_chat(app) == REPORTS
    post_id = await post_now(discord_bot, app)
    assert reports_of(discord_bot, REPORTS, post_id), "no report in the chosen channel"
    assert not reports_of(discord_bot, CHANNEL, post_id)


async def test_this_channel_brings_the_reports_back(discord_bot: DiscordHarness, app: App) -> None:
    discord_bot.fake.add_channel(REPORTS, GUILD, name="bot-reports")
    await connect_announcements(discord_bot)
    await pick_report_channel(discord_bot, REPORTS)

    settings = discord_bot.answer_message(await discord_bot.slash("settings", ADMIN))
    asked = discord_bot.answer_message(
        await discord_bot.press(settings, button_id(settings, "Reports"), ADMIN)
    )
    back = answer_to(
        discord_bot, await discord_bot.press(asked, button_id(asked, "This channel"), ADMIN)
    )

    assert "Reports go to: this channel" in back["content"]
    assert await chosen_report_chat(app) is None
    post_id = await post_now(discord_bot, app)
    assert reports_of(discord_bot, CHANNEL, post_id)
    assert not reports_of(discord_bot, REPORTS, post_id)


async def test_a_channel_the_bot_cannot_send_to_is_refused(
    discord_bot: DiscordHarness, app: App
) -> None:
    mute = [{"id": GUILD, "type": 0, "allow": "0", "deny": str(SEND_MESSAGES)}]
    discord_bot.fake.add_channel(REPORTS, GUILD, name="read-only", overwrites=mute)

    refused = await pick_report_channel(discord_bot, REPORTS)

    assert refused["flags"] & EPHEMERAL  # only the admin who picked it sees why
    assert "cannot send reports there" in refused["content"]
    assert "Send Messages" in refused["content"]
    assert await chosen_report_chat(app) is None


async def test_only_admins_choose_where_reports_go(discord_bot: DiscordHarness, app: App) -> None:
    settings = discord_bot.answer_message(await discord_bot.slash("settings", STRANGER))
    pressed = await discord_bot.press(settings, button_id(settings, "Reports"), STRANGER)

    answer = discord_bot.answer_message(pressed)
    assert answer["flags"] & EPHEMERAL and "admins" in answer["content"]
    assert await chosen_report_chat(app) is None


async def test_a_chosen_channel_deleted_later_hands_the_report_to_the_events_channel(
    discord_bot: DiscordHarness, app: App
) -> None:
    """The report is not lost: the chosen channel refuses it, the event's channel gets it
    in the same run; the choice stays, so reports go there again if it is restored."""
    discord_bot.fake.add_channel(REPORTS, GUILD, name="bot-reports")
    await connect_announcements(discord_bot)
    await pick_report_channel(discord_bot, REPORTS)
    del discord_bot.fake.channels[REPORTS]

    post_id = await post_now(discord_bot, app)

    assert reports_of(discord_bot, CHANNEL, post_id)
    assert await chosen_report_chat(app) == REPORTS
