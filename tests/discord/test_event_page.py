"""“📅 Create Discord event”: the approved event as a guild scheduled event."""

from __future__ import annotations

from tests.discord.conftest import ORGANISER, DiscordHarness, button_id, make_preview


async def approved_notice(bot: DiscordHarness) -> dict[str, object]:
    preview = await make_preview(bot)
    approved = await bot.press(preview, button_id(preview, "승인"), ORGANISER)
    return bot.answer_message(approved)


async def test_an_approved_event_becomes_a_discord_event_with_its_cover(
    discord_bot: DiscordHarness,
) -> None:
    notice = await approved_notice(discord_bot)
    created = await discord_bot.press(notice, button_id(notice, "디스코드 이벤트"), ORGANISER)
    [event] = discord_bot.fake.scheduled_events
    assert event["name"] == "서울 테크노 나이트 Vol.3"
    assert event["entity_type"] == 3  # external
    assert event["entity_metadata"] == {"location": "Cakeshop, 이태원"}
    assert event["scheduled_start_time"].startswith("2026-12-20T13:00:00")  # 22:00 KST
    assert event["scheduled_end_time"].startswith("2026-12-20T19:00:00")
    assert event["image"].startswith("data:image/jpeg;base64,")
    said = [m["content"] for m in [discord_bot.answer_message(created), *created.followups]]
    assert any(f"discord.com/events/{event['guild_id']}/{event['id']}" in text for text in said)


async def test_without_manage_events_the_bot_says_what_it_needs(
    discord_bot: DiscordHarness,
) -> None:
    notice = await approved_notice(discord_bot)
    discord_bot.fake.fail_next(
        "create_scheduled_event", 403, {"message": "Missing Permissions", "code": 50013}
    )
    refused = await discord_bot.press(notice, button_id(notice, "디스코드 이벤트"), ORGANISER)
    said = [m["content"] for m in [discord_bot.answer_message(refused), *refused.followups]]
    assert any("Manage Events" in text for text in said)
    assert discord_bot.fake.scheduled_events == []


async def test_pressing_again_gives_the_same_event_not_a_second_one(
    discord_bot: DiscordHarness,
) -> None:
    notice = await approved_notice(discord_bot)
    first = await discord_bot.press(notice, button_id(notice, "디스코드 이벤트"), ORGANISER)
    await discord_bot.restart()  # as if the process died before the answer was read
    again = await discord_bot.press(notice, button_id(notice, "디스코드 이벤트"), ORGANISER)
    [event] = discord_bot.fake.scheduled_events
    link = f"discord.com/events/{event['guild_id']}/{event['id']}"
    for pressed in (first, again):
        said = [m["content"] for m in [discord_bot.answer_message(pressed), *pressed.followups]]
        assert any(link in text for text in said)
