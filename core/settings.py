"""Configuration from the environment (prefix FLYERBOT_) and an optional `.env` file."""

from __future__ import annotations

import re
import secrets
from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_KEY_FILE = "secret_key"
SECRET_KEY_MIN_BYTES = 32
SECRET_KEY_HOW_TO = "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FLYERBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        # A refused value may be a secret: errors name the setting, never what it held.
        hide_input_in_errors=True,
    )

    data_dir: Path = Path("./data")
    database_url: str | None = None
    default_timezone: str = "Asia/Seoul"
    default_locale: Literal["ko", "en"] = "ko"
    secret_key: SecretStr | None = None

    telegram_token: SecretStr | None = None
    discord_token: SecretStr | None = None
    # Telegram: Bot API endpoints (the part before the token; a local Bot API server or a
    # test fake may stand in), and webhook mode when a public URL is set.
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_file_base_url: str = "https://api.telegram.org/file/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_listen: str = "0.0.0.0"
    telegram_webhook_port: int = Field(default=8443, ge=0, le=65535)
    telegram_webhook_secret: SecretStr | None = None

    max_photo_bytes: int = 10 * 1024 * 1024
    max_photo_pixels: int = 40_000_000

    # Campaigns and publishing.
    grace_minutes: int = Field(default=10, ge=0)
    publish_max_attempts: int = Field(default=4, ge=1)
    publish_concurrency: int = Field(default=16, ge=1)
    publish_sweep_seconds: int = Field(default=30, ge=1)
    publish_lease_seconds: int = Field(default=300, ge=1)
    publish_shutdown_grace_seconds: float = Field(default=20, ge=0)
    publish_retry_seconds: float = Field(default=30.0, gt=0)
    # Database connections per process; 0 derives it from publish_concurrency (see
    # core.database_pool). A caller waits at most database_pool_timeout_seconds for one.
    database_pool_size: int = Field(default=0, ge=0)
    database_pool_timeout_seconds: float = Field(default=10.0, gt=0)
    # How long a claimed chat message may stay unsent before another process sends it.
    notice_lease_seconds: int = Field(default=60, ge=5, le=3600)
    posts_per_day: int = Field(default=25, ge=0)
    renders_per_day: int = Field(default=100, ge=0)
    posts_per_person_per_day: int = Field(default=15, ge=0)
    renders_per_person_per_day: int = Field(default=60, ge=0)
    # More than flood_max_inputs messages or presses in flood_window_seconds: one notice,
    # then that person is ignored for flood_quiet_seconds (0 turns the limit off).
    flood_max_inputs: int = Field(default=20, ge=0)
    flood_window_seconds: float = Field(default=10.0, gt=0)
    flood_quiet_seconds: float = Field(default=60.0, ge=0)
    countdown_hour: int = Field(default=19, ge=0, le=23)
    day_of_hour: int = Field(default=12, ge=0, le=23)
    discord_api_url: str = "https://discord.com/api/v10"
    # Comma-separated guild ids: application commands are synced to these guilds only
    # (instant, for development) instead of globally.
    discord_guild_ids: str = ""

    # Instagram: Graph API hosts (Facebook Login, versioned; Instagram Login, unversioned:
    # the version is taken from the Graph URL), and container status polling.
    instagram_graph_url: str = "https://graph.facebook.com/v25.0"
    instagram_login_url: str = "https://graph.instagram.com"
    instagram_poll_interval_seconds: float = Field(default=2.0, ge=0)
    instagram_max_polls: int = Field(default=30, ge=1)
    # The media server Instagram downloads approved images from (signed, expiring URLs).
    # PUBLIC_BASE_URL is how the internet reaches it; unset, Instagram publishing refuses.
    http_host: str = "127.0.0.1"
    http_port: int = Field(default=8080, ge=0, le=65535)
    public_base_url: str | None = None
    media_url_ttl_seconds: int = Field(default=6 * 3600, ge=60)
    # S3-compatible storage for Instagram's images instead of the media server: used when
    # the bucket and both keys are set (core/media_hosting). Path-style URLs, SigV4.
    s3_endpoint_url: str = "https://s3.amazonaws.com"
    s3_bucket: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    s3_prefix: str = "flyerbot/"
    # Ticket links in Telegram and Discord captions become counted short links on the
    # media server (`/t/<code>`) when PUBLIC_BASE_URL is set; false keeps the plain URL.
    ticket_links: bool = True
    # RSVP buttons: the least time between two edits of one message's counts.
    rsvp_edit_seconds: float = Field(default=5.0, gt=0)
    # Old images (core/retention.py): superseded previews, then published posts' images.
    preview_retention_days: int = Field(default=7, ge=1)
    published_image_retention_days: int = Field(default=30, ge=1)
    # Earlier SECRET_KEYs, comma-separated: tokens sealed with them still open (rotation).
    previous_secret_keys: SecretStr | None = None

    # Rules a value must follow; start-up prints each broken one as a line (config_problems).
    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("an IANA time zone such as Asia/Seoul or Europe/Berlin") from None
        return value

    @field_validator("telegram_webhook_secret")
    @classmethod
    def _telegram_secret_token(cls, value: SecretStr | None) -> SecretStr | None:
        given = value.get_secret_value() if value is not None else ""
        if given and not _SECRET_TOKEN.fullmatch(given):  # empty: derived from SECRET_KEY
            raise ValueError(
                "1 to 256 characters: letters A-Z a-z, digits, _ and - (Telegram's rule)"
            )
        return value

    @model_validator(mode="after")
    def _webhook_needs_token(self) -> Settings:
        if self.telegram_webhook_url and not self.telegram_token:
            raise ValueError(
                "FLYERBOT_TELEGRAM_WEBHOOK_URL is set but FLYERBOT_TELEGRAM_TOKEN is not: "
                "set the token, or unset the webhook URL"
            )
        return self

    @field_validator("secret_key")
    @classmethod
    def _secret_key_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        """A short key can be guessed offline from any token it sealed."""
        if value is not None and len(value.get_secret_value().encode()) < SECRET_KEY_MIN_BYTES:
            raise ValueError(
                f"must be at least {SECRET_KEY_MIN_BYTES} bytes; generate one with "
                f"{SECRET_KEY_HOW_TO} (or unset it to have one generated into DATA_DIR)"
            )
        return value

    @property
    def resolved_database_url(self) -> str:
        """The configured URL, or a SQLite file under DATA_DIR."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'flyerbot.sqlite3').resolve()}"

    @cached_property
    def resolved_secret_key(self) -> bytes:
        """SECRET_KEY, or one generated once into DATA_DIR (mode 0600) and reused."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value().encode()
        path = self.data_dir / SECRET_KEY_FILE
        if not path.exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(48))
        return path.read_text().strip().encode()

    @property
    def resolved_previous_secret_keys(self) -> tuple[bytes, ...]:
        if self.previous_secret_keys is None:
            return ()
        raw = self.previous_secret_keys.get_secret_value()
        return tuple(key.strip().encode() for key in raw.split(",") if key.strip())

    @property
    def s3_configured(self) -> bool:
        """Instagram's images go to S3 only when all three are set; half a setup is ignored."""
        return bool(self.s3_bucket and self.s3_access_key_id and self.s3_secret_access_key)

    @property
    def instagram_login_graph_url(self) -> str:
        """The Instagram-Login host with the Graph URL's API version, for publishing."""
        version = self.instagram_graph_url.rstrip("/").rsplit("/", 1)[-1]
        base = self.instagram_login_url.rstrip("/")
        return f"{base}/{version}" if version.startswith("v") else base
