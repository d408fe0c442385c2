"""Configuration from the environment (prefix FLYERBOT_) and an optional `.env` file."""

from __future__ import annotations

import secrets
from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

SECRET_KEY_FILE = "secret_key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FLYERBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("./data")
    database_url: str | None = None
    default_timezone: str = "Asia/Seoul"
    default_locale: str = Field(default="ko", pattern="^(ko|en)$")
    secret_key: SecretStr | None = None

    telegram_token: SecretStr | None = None
    discord_token: SecretStr | None = None

    max_photo_bytes: int = 10 * 1024 * 1024
    max_photo_pixels: int = 40_000_000

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
