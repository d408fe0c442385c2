"""Secrets out of log lines that libraries write on their own.

httpx logs every request's full URL at INFO level, and some URLs carry a secret: the Bot
API puts the bot token in the path (`/bot<token>/getMe`, which python-telegram-bot also
logs at DEBUG when a bot is built), a Discord webhook URL ends with its token (discord.py
logs it at DEBUG), and the Graph API's `debug_token` must be sent the token it inspects in
the query. At DEBUG, python-telegram-bot also logs every update it receives, with
whatever a user pasted.
`redact_http_logs` puts a filter on those loggers that rewrites such parts, and anything
shaped like a platform token (core.pasted_secrets), before any handler sees the record.
A logger's filters do not apply to its children, so each logger is named. Every process
installs it (bot/cli.py, and `open_app` through the publishing engine) before the first
client is built.
"""

from __future__ import annotations

import logging
import re

from core.pasted_secrets import SHAPES

REDACTED = "[redacted]"

_PATTERNS = (
    # Bot API and its file downloads: .../bot<token>/method, .../file/bot<token>/path
    (re.compile(r"/bot\d+:[^/\s?\"]+"), f"/bot{REDACTED}"),
    # Discord webhooks: .../webhooks/<id>/<token>
    (re.compile(r"(/webhooks/\d+/)[^/?\s\"]+"), rf"\g<1>{REDACTED}"),
    # Query parameters that hold a token, a client secret or a request signature.
    (
        re.compile(
            r"((?:access_token|input_token|fb_exchange_token|client_secret|"
            r"X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=)[^&\s\"]+",
            re.IGNORECASE,
        ),
        rf"\g<1>{REDACTED}",
    ),
)
_LOGGERS = (
    "httpx",
    "telegram.Bot",
    "telegram.ext.ExtBot",
    "telegram.ext.Application",
    "telegram.ext.Updater",
    "discord.webhook.async_",
    "discord.webhook.sync",
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    for shape in SHAPES:
        text = shape.sub(REDACTED, text)
    return text


class _RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # Formatted once here; handlers then read the redacted text as it is.
        record.msg, record.args = redact(record.getMessage()), None
        return True


def redact_http_logs() -> None:
    """Install the filter on the HTTP libraries' loggers (once; calling again is harmless)."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactingFilter) for f in logger.filters):
            logger.addFilter(_RedactingFilter())
