"""The one message catalogue: every sentence a user reads, in Korean and English.

Entries are split by topic across the modules of this package; `text()` is the only
way to read them, so a missing key or locale fails loudly in tests, not in a chat.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.i18n import (
    campaigns,
    chat,
    conversation,
    engagement,
    field_errors,
    insights,
    instagram,
    permissions,
    privacy,
    publishing_errors,
)

Locale = str  # "ko" or "en"
LOCALES: tuple[Locale, ...] = ("ko", "en")

CATALOGUE: Mapping[str, Mapping[Locale, str]] = {
    **conversation.MESSAGES,
    **field_errors.MESSAGES,
    **chat.MESSAGES,
    **campaigns.MESSAGES,
    **instagram.MESSAGES,
    **publishing_errors.MESSAGES,
    **engagement.MESSAGES,
    **insights.MESSAGES,
    **permissions.MESSAGES,
    **privacy.MESSAGES,
}


def text(key: str, locale: Locale, /, **params: object) -> str:
    """The message `key` in `locale` (falling back to Korean), with `params` filled in."""
    entry = CATALOGUE[key]
    template = entry.get(locale) or entry["ko"]
    return template.format(**params) if params else template
