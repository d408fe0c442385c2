"""Connecting a Discord channel, posting to it now, and the report in the event's channel.

Everything goes through the one discord.py client of the frontend, against the fake.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.publishers.discord_channel import DiscordChannelPublisher
from core.app import App
from core.publishers.base import ErrorKind, Journal, Publication, PublishError
from storage.models import InsightSnapshot, Target
from tests.discord.conftest import (
    ADMIN,
    ANNOUNCEMENTS,
    CHANNEL,
    GUILD,
    ORGANISER,
    STRANGER,
    DiscordHarness,
    button_id,
    make_preview,
)
from tests.fakes.discord_interactions import EPHEMERAL, buttons


async def connect_announcements(bot: DiscordHarness) -> dict[str, Any]:
    """/connect discord, then the channel menu; returns the answer to the choice."""
    offered = await bot.slash(
        "connect", ADMIN, options=[{"name": "target", "type": 3, "value": "discord"}]
    )
    menu = bot.answer_message(offered)
    assert menu["flags"] & EPHEMERAL
    resolved = {ANNOUNCEMENTS: bot.fake.channels[ANNOUNCEMENTS] | {"permissions": "3072"}}
    chosen = await bot.choose(menu, ANNOUNCEMENTS, ADMIN, channels=resolved)
    assert not bot.answer_message(chosen)["components"]  # the menu is used up
    [answer] = chosen.followups
    return answer


async def test_post_now_reaches_the_connected_channel_and_the_report_comes_back(
    discord_bot: DiscordHarness, app: App
) -> None:
    connected = await connect_announcements(discord_bot)
    assert "#announcements" in connected["content"]
    preview = await make_preview(discord_bot)
    approved = await discord_bot.press(preview, button_id(preview, "Approve"), ADMIN)
    notice = discord_bot.answer_message(approved)
    await discord_bot.press(notice, button_id(notice, "Post now"), ADMIN)

    await app.publishing.run_now()

    [post] = discord_bot.fake.channel_messages(ANNOUNCEMENTS)
    assert post["attachments"][0]["filename"].startswith("fb-")
    assert "서울 테크노 나이트 Vol.3" in post["content"]
    assert post["nonce"]
    reports = [m for m in discord_bot.fake.channel_messages(CHANNEL) if post["id"] in m["content"]]
    assert reports, "no report with the post's link in the event's channel"


async def test_the_audience_answers_with_rsvp_buttons_under_the_post(
    discord_bot: DiscordHarness, app: App
) -> None:
    await connect_announcements(discord_bot)
    preview = await make_preview(discord_bot)
    approved = await discord_bot.press(preview, button_id(preview, "Approve"), ADMIN)
    notice = discord_bot.answer_message(approved)
    await discord_bot.press(notice, button_id(notice, "Post now"), ADMIN)
    await app.publishing.run_now()
    [post] = discord_bot.fake.channel_messages(ANNOUNCEMENTS)
    going = buttons(post)[0]

    answered = await discord_bot.press(post, going["custom_id"], STRANGER)
    toast = discord_bot.answer_message(answered)
    assert toast["flags"] & EPHEMERAL  # only the presser sees it
    edited = discord_bot.fake.message(post["id"])
    assert buttons(edited)[0]["label"].endswith(" 1")  # the count, in place
    assert len(discord_bot.fake.channel_messages(ANNOUNCEMENTS)) == 1


async def test_a_channel_where_the_bot_cannot_attach_files_is_refused(
    discord_bot: DiscordHarness, app: App
) -> None:
    no_files = [{"id": GUILD, "type": 0, "allow": "0", "deny": str(1 << 15)}]
    discord_bot.fake.add_channel("100000000000000002", GUILD, name="text-only", overwrites=no_files)
    refused = await discord_bot.slash(
        "connect",
        ADMIN,
        options=[{"name": "target", "type": 3, "value": "discord <#100000000000000002>"}],
    )
    assert "Attach Files" in discord_bot.answer_message(refused)["content"]
    async with app.sessions() as session:
        assert (await session.execute(select(Target))).first() is None


async def test_a_channel_the_member_cannot_post_in_is_refused(
    discord_bot: DiscordHarness,
) -> None:
    bot_only = [
        {"id": GUILD, "type": 0, "allow": "0", "deny": str(1 << 11)},
        {"id": discord_bot.fake.bot_user_id, "type": 1, "allow": str(1 << 11), "deny": "0"},
    ]
    discord_bot.fake.add_channel("100000000000000003", GUILD, name="news", overwrites=bot_only)
    refused = await discord_bot.slash(
        "connect",
        ORGANISER,  # may connect (Manage Events), may not post in that channel
        options=[{"name": "target", "type": 3, "value": "discord 100000000000000003"}],
    )
    assert "post in yourself" in discord_bot.answer_message(refused)["content"]


def publication(delivery_id: int = 77) -> Publication:
    return Publication(delivery_id, (b"\xff\xd8jpeg",), ("ab" * 32,), "Caption", "alt")


def publisher(bot: DiscordHarness) -> DiscordChannelPublisher:
    assert bot.running is not None
    return DiscordChannelPublisher(bot.running.client, channel_id=ANNOUNCEMENTS, guild_id=GUILD)


async def test_a_quick_resend_with_the_same_nonce_is_not_a_duplicate(
    discord_bot: DiscordHarness,
) -> None:
    first = await publisher(discord_bot).publish(publication(), Journal())
    again = await publisher(discord_bot).publish(publication(), Journal())
    assert first.external_id == again.external_id
    assert len(discord_bot.fake.channel_messages(ANNOUNCEMENTS)) == 1


async def test_a_post_whose_reply_was_lost_is_found_by_verify(
    discord_bot: DiscordHarness,
) -> None:
    discord_bot.fake.lose_reply_next("create_message")
    journal = Journal()
    try:
        await publisher(discord_bot).publish(publication(), journal)
    except PublishError as error:
        assert error.kind is ErrorKind.UNKNOWN_OUTCOME
    found = await publisher(discord_bot).verify(publication(), journal)
    assert found is not None
    [message] = discord_bot.fake.channel_messages(ANNOUNCEMENTS)
    assert found.external_id == message["id"]


async def test_a_channel_without_permission_is_an_auth_problem(
    discord_bot: DiscordHarness,
) -> None:
    discord_bot.fake.fail_next(
        "create_message", 403, {"message": "Missing Permissions", "code": 50013}
    )
    try:
        await publisher(discord_bot).publish(publication(), Journal())
    except PublishError as error:
        assert error.kind is ErrorKind.AUTH
    else:
        raise AssertionError("published without permission")


async def test_a_process_that_died_before_sending_sends_once_after_verify_found_nothing(
    discord_bot: DiscordHarness,
) -> None:
    journal = Journal()
    await journal.record(sending="1")  # the journal a process left as it died, before the send
    assert await publisher(discord_bot).verify(publication(), journal) is None
    await publisher(discord_bot).publish(publication(), journal)
    assert len(discord_bot.fake.channel_messages(ANNOUNCEMENTS)) == 1


async def test_reactions_to_a_post_are_counted_as_insight_readings(
    discord_bot: DiscordHarness, app: App
) -> None:
    await connect_announcements(discord_bot)
    preview = await make_preview(discord_bot)
    approved = await discord_bot.press(preview, button_id(preview, "Approve"), ADMIN)
    notice = discord_bot.answer_message(approved)
    await discord_bot.press(notice, button_id(notice, "Post now"), ADMIN)
    await app.publishing.run_now()
    [post] = discord_bot.fake.channel_messages(ANNOUNCEMENTS)

    fake = discord_bot.fake

    async def react(message: dict[str, Any], emoji: str, *, add: bool = True, reads: int) -> None:
        await fake.react(message, emoji, STRANGER, add=add)
        await fake.wait_for(lambda: len(fake.calls_to("get_message")) == reads)
        await discord_bot.settle()

    await react(notice, "👍", reads=1)  # the bot's message, but not a post: not counted
    await react(post, "🔥", reads=2)
    await react(post, "🎧", reads=3)
    await react(post, "🔥", add=False, reads=4)
    await fake.react(notice, "👍", STRANGER, add=False)  # not a post: not even read
    await react(post, "🎧", add=False, reads=5)

    async with app.sessions() as session:
        readings = (
            await session.execute(
                select(InsightSnapshot.value)
                .where(InsightSnapshot.metric == "reactions")
                .order_by(InsightSnapshot.id)
            )
        ).scalars()
        assert list(readings) == [1, 2, 1, 0]
    reads = [call.path for call in discord_bot.fake.calls_to("get_message")]
    assert [post["id"] in path for path in reads] == [False, True, True, True, True]
