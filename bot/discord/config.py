"""The Discord frontend's settings, read once from core's Settings."""

from __future__ import annotations

from dataclasses import dataclass

from core.settings import Settings


@dataclass(frozen=True)
class DiscordConfig:
    token: str
    api_url: str
    guild_ids: tuple[int, ...] = ()  # sync commands to these guilds only (instant)
    max_photo_bytes: int = 10 * 1024 * 1024
    default_locale: str = "ko"
    # Longer than this and an interaction is deferred before core answers it.
    quick_seconds: float = 1.5
    # How long discord.py waits for more GUILD_CREATEs before it calls the client ready.
    guild_ready_timeout: float = 2.0

    @classmethod
    def from_settings(cls, settings: Settings) -> DiscordConfig | None:
        if settings.discord_token is None:
            return None
        return cls(
            token=settings.discord_token.get_secret_value(),
            api_url=settings.discord_api_url.rstrip("/"),
            guild_ids=parse_guild_ids(settings.discord_guild_ids),
            max_photo_bytes=settings.max_photo_bytes,
            default_locale=settings.default_locale,
        )


def parse_guild_ids(text: str) -> tuple[int, ...]:
    """`123, 456` -> (123, 456); anything that is not a number is a mistake worth stopping for."""
    ids = []
    for part in text.replace(";", ",").split(","):
        if part.strip():
            if not part.strip().isdigit():
                raise ValueError(f"FLYERBOT_DISCORD_GUILD_IDS: not a guild id: {part.strip()!r}")
            ids.append(int(part.strip()))
    return tuple(ids)
