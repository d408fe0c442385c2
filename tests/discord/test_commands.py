"""Application commands: core's list, synced once, with Korean names and descriptions."""

from __future__ import annotations

from core.commands import COMMANDS
from tests.discord.conftest import GUILD, DiscordHarness


async def test_commands_are_synced_to_the_configured_guild_in_korean_too(
    discord_bot: DiscordHarness,
) -> None:
    synced = {command["name"]: command for command in discord_bot.fake.commands[GUILD]}
    assert list(synced) == list(COMMANDS)
    assert None not in discord_bot.fake.commands  # nothing global while developing
    newevent = synced["newevent"]
    assert newevent["name_localizations"] == {"ko": "새이벤트"}
    assert newevent["description_localizations"]["ko"] == "새 이벤트 만들기"
    [photo] = newevent["options"]
    assert (photo["type"], photo["required"]) == (11, False)  # an optional attachment
    assert photo["name_localizations"] == {"ko": "사진"}


async def test_without_guild_ids_commands_are_synced_globally(
    discord_bot: DiscordHarness,
) -> None:
    await discord_bot.restart(guild_ids=())
    assert [command["name"] for command in discord_bot.fake.commands[None]] == list(COMMANDS)


async def test_the_gateway_address_comes_from_the_api_and_no_privileged_intent_is_asked(
    discord_bot: DiscordHarness,
) -> None:
    assert discord_bot.fake.calls_to("get_gateway")
    [identify] = discord_bot.fake.gateway.identified
    privileged = (1 << 1) | (1 << 8) | (1 << 15)  # members, presences, message content
    assert identify["intents"] & privileged == 0
    assert identify["token"] == discord_bot.fake.bot_token
