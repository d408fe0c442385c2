"""/insights on Discord: core's message in the channel, with the chart attached."""

from __future__ import annotations

from tests.discord.conftest import AUTHOR, DiscordHarness


async def test_insights_answers_in_the_channel_with_the_chart(
    discord_bot: DiscordHarness,
) -> None:
    asked = await discord_bot.slash("insights", AUTHOR)
    message = discord_bot.answer_message(asked)
    assert message["content"].startswith("📊")
    [chart] = message["attachments"]
    assert chart["filename"] == "insights.jpg"
