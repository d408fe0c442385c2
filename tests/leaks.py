"""Secrets the test suite hands out, and a watch for them where they must never appear.

Fakes and fixtures `remember` every token, key and secret URL they use. The autouse
fixture in `tests/conftest.py` reads every log record of every test (message, arguments
and traceback) and fails the test when one of them holds a remembered secret; the fake
platforms report the texts the bot sends to chats through `check_sent` as well.
Remembered secrets stay remembered for the rest of the session, so a secret used by one
test is watched for in all later ones.
"""

from __future__ import annotations

import logging

# Long enough for the settings' minimum; every Settings built by the suite uses it.
TEST_SECRET_KEY = "flyerbot-test-secret-key-0123456789abcdef"

_SHORTEST = 8  # shorter strings would match ordinary text
_known: set[str] = {TEST_SECRET_KEY}
_found: list[str] = []


def remember(*secrets: str | bytes | None) -> None:
    for secret in secrets:
        text = secret.decode(errors="replace") if isinstance(secret, bytes) else secret
        if text and len(text) >= _SHORTEST:
            _known.add(text)


def leaked_in(text: str) -> list[str]:
    """The remembered secrets that occur in `text`."""
    return sorted(secret for secret in _known if secret in text)


def check_sent(text: str | None, where: str) -> None:
    """A fake platform received `text` from the bot: note any secret in it."""
    if text:
        _found.extend(f"{where}: {_masked(secret)}" for secret in leaked_in(text))


def take_found() -> list[str]:
    found = list(_found)
    _found.clear()
    return found


class LeakWatch(logging.Handler):
    """Sees every record; remembers where a secret appeared."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self._formatter = logging.Formatter()

    def emit(self, record: logging.LogRecord) -> None:
        parts = [record.getMessage()]
        if record.exc_info:
            parts.append(self._formatter.formatException(record.exc_info))
        elif record.exc_text:
            parts.append(record.exc_text)
        if record.stack_info:
            parts.append(record.stack_info)
        for secret in leaked_in("\n".join(parts)):
            _found.append(f"log {record.name} {record.levelname}: {_masked(secret)}")


def _masked(secret: str) -> str:
    """Enough of the secret to tell which one it was, not enough to use it."""
    return f"{secret[:4]}…({len(secret)} chars)"
