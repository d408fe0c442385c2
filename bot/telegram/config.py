"""What the Telegram frontend needs from settings, with the token kept out of reprs."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from core.settings import Settings


@dataclass(frozen=True)
class TelegramConfig:
    token: str = field(repr=False)
    api_base_url: str = "https://api.telegram.org/bot"
    file_base_url: str = "https://api.telegram.org/file/bot"
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str = field(default="", repr=False)
    poll_timeout: float = 30.0  # seconds a getUpdates long poll may wait
    default_locale: str = "ko"
    max_photo_bytes: int = 10 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: Settings) -> TelegramConfig | None:
        """None when no token is configured (the frontend then stays off)."""
        if settings.telegram_token is None or not settings.telegram_token.get_secret_value():
            return None
        secret = settings.telegram_webhook_secret
        return cls(
            token=settings.telegram_token.get_secret_value(),
            api_base_url=settings.telegram_api_base_url,
            file_base_url=settings.telegram_file_base_url,
            webhook_url=settings.telegram_webhook_url or None,
            webhook_listen=settings.telegram_webhook_listen,
            webhook_port=settings.telegram_webhook_port,
            webhook_secret=(
                secret.get_secret_value()
                if secret
                else derived_secret(settings.resolved_secret_key)
            ),
            default_locale=settings.default_locale,
            max_photo_bytes=settings.max_photo_bytes,
        )

    @property
    def webhook_path(self) -> str:
        return (urlsplit(self.webhook_url).path if self.webhook_url else "") or "/telegram"


def derived_secret(key: bytes) -> str:
    """A stable webhook secret from SECRET_KEY, in the characters Telegram allows."""
    return hmac.new(key, b"flyerbot telegram webhook", hashlib.sha256).hexdigest()
