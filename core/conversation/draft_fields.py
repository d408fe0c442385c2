"""The draft's fields: their order in the wizard, and how typed text becomes a value.

Every frontend goes through `apply_text`, so a rule about a field lives here once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

from core.captions import format_when
from core.parsing.dates import parse_starts_at
from core.parsing.lineup import lineup_from_json, lineup_line, lineup_to_json, parse_lineup
from core.parsing.short_fields import (
    parse_description,
    parse_genre,
    parse_price,
    parse_ticket_url,
    parse_title,
    parse_venue,
)
from storage.models import Event

WIZARD_FIELDS: Final = ("title", "starts_at", "venue", "lineup", "genre", "ticket_url", "photo")
EDITABLE_FIELDS: Final = (*WIZARD_FIELDS, "price", "description")
OPTIONAL_FIELDS: Final = frozenset({"lineup", "ticket_url", "photo", "price", "description"})
GENRE_CHOICES: Final = ("techno", "house", "hiphop", "disco", "ambient", "other")


def apply_text(event: Event, field: str, text: str, *, now: datetime) -> None:
    """Parse `text` for `field` and store it on the draft; raises FieldError when refused."""
    match field:
        case "title":
            event.title = parse_title(text)
        case "starts_at":
            event.starts_at = parse_starts_at(text, now=now, tz=ZoneInfo(event.timezone))
        case "venue":
            venue = parse_venue(text)
            event.venue, event.city = venue.name, venue.city
        case "lineup":
            event.lineup = [lineup_to_json(entry) for entry in parse_lineup(text)]
        case "genre":
            event.genre = parse_genre(text)
        case "ticket_url":
            event.ticket_url = parse_ticket_url(text)
        case "price":
            event.price = parse_price(text)
        case "description":
            event.description = parse_description(text)
        case _:
            raise KeyError(field)


def clear(event: Event, field: str) -> None:
    """Forget an optional field's value (the user chose to skip it)."""
    if field == "lineup":
        event.lineup = []
    elif field == "photo":
        event.photo_sha256 = None
    else:
        setattr(event, field, None)


def is_filled(event: Event, field: str) -> bool:
    if field == "venue":
        return bool(event.venue)
    if field == "photo":
        return event.photo_sha256 is not None
    return bool(getattr(event, field))


def current_value(event: Event, field: str, locale: str) -> str | None:
    """The value as the user would recognise it, to show while editing."""
    if field == "starts_at" and event.starts_at is not None:
        return format_when(event.starts_at.astimezone(ZoneInfo(event.timezone)), locale)
    if field == "venue" and event.venue:
        return event.venue + (f", {event.city}" if event.city else "")
    if field == "lineup" and event.lineup:
        return "; ".join(lineup_line(entry) for entry in lineup_from_json(event.lineup))
    if field == "photo":
        return "✓" if event.photo_sha256 else None
    value = getattr(event, field)
    return str(value) if value else None
