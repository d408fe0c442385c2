"""How a post is named in the chat: "Countdown D-3", "Lineup", with its local time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from core import i18n
from core.captions import format_when


def post_label(
    template: str, scheduled_at: datetime, starts_at: datetime | None, zone: ZoneInfo, locale: str
) -> str:
    name = i18n.text(f"template.{template}", locale)
    if template == "countdown" and starts_at is not None:
        days = (starts_at.astimezone(zone).date() - scheduled_at.astimezone(zone).date()).days
        if days > 0:
            return f"{name} D-{days}"
    return name


def when_label(moment: datetime, zone: ZoneInfo, locale: str) -> str:
    return format_when(moment.astimezone(zone), locale)
