"""A Discord server's scheduled event for an approved flyerbot event (external, at the
venue, the announcement image as its cover). The bot needs Manage Events.

Creating is not repeated: the server's events are read first, and one with the same name
and start is the answer. A press again after a lost answer, or after the process died
between creating and telling, gives the same event, not a second one.
"""

from __future__ import annotations

import discord

from core.event_pages import EventPage, PageRefused

MAX_NAME = 100
MAX_LOCATION = 100
MAX_DESCRIPTION = 1000


class DiscordEventPages:
    def __init__(self, client: discord.Client) -> None:
        self._client = client

    async def create(self, page: EventPage) -> str:
        channel = self._client.get_channel(int(page.chat_id))
        guild = getattr(channel, "guild", None)
        if not isinstance(guild, discord.Guild):
            raise PageRefused("event_page.guild_only")
        try:
            for existing in await guild.fetch_scheduled_events(with_counts=False):
                if existing.name == page.name[:MAX_NAME] and existing.start_time == page.starts_at:
                    return existing.url
            event = await guild.create_scheduled_event(
                name=page.name[:MAX_NAME],
                start_time=page.starts_at,
                end_time=page.ends_at,
                entity_type=discord.EntityType.external,
                privacy_level=discord.PrivacyLevel.guild_only,
                location=page.location[:MAX_LOCATION] or "—",
                description=page.description[:MAX_DESCRIPTION],
                image=page.cover or discord.utils.MISSING,
            )
        except discord.Forbidden:
            raise PageRefused("event_page.no_permission") from None
        except discord.HTTPException as error:
            raise PageRefused("event_page.failed", detail=error.text or str(error.status)) from None
        return event.url
