"""Events described in TOML files: the examples, `flyerbot render`, tests and benchmarks.

Format (strings unless noted; only title, starts_at and venue are required)::

    title = "서울 테크노 나이트 Vol.3"
    starts_at = "2026-12-20T22:00"   # ISO 8601, with an offset or with `timezone`
    timezone = "Asia/Seoul"          # IANA name; wins over an offset
    venue = "Cakeshop"
    city = "이태원"
    genre = "techno"                 # techno/house/hiphop/disco/ambient/other or free text
    ticket_url = "https://..."
    price = "₩30,000"
    locale = "ko"                    # ko (default) or en: the language on the image
    photo = "crowd.jpg"              # optional background, relative to this file

    [brand]                          # optional
    color = "#FF3344"
    logo = "logo.png"                # PNG with alpha, relative to this file

    [[lineup]]                       # in running order
    name = "DJ Soulscape"
    start = "22:00"                  # optional HH:MM; after-midnight times belong to the night
    end = "23:30"

Values go through the same parsers as the chat (`apply_text`, core.parsing), so a file
and a conversation agree; a value the chat would refuse raises its FieldError.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from core.conversation.draft_fields import apply_text
from core.parsing.dates import parse_time_of_day
from core.parsing.lineup import LineupEntry, resolve_lineup
from renderers.spec import Brand, Poster, Slot
from storage.models import Event


class EventFileError(ValueError):
    """The file cannot describe an event; the message names the key at fault."""


def load_event_file(path: Path) -> Poster:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise EventFileError(f"{path}: {error}") from error
    for key in ("title", "starts_at", "venue"):
        if not data.get(key):
            raise EventFileError(f"{path}: '{key}' is required")
    starts_at = _start(str(data["starts_at"]), data.get("timezone"))
    entries = tuple(_entry(row) for row in data.get("lineup", []))
    slots = tuple(
        Slot(name=name, starts_at=start, ends_at=end)
        for name, start, end in resolve_lineup(entries, starts_at)
    )
    event = _typed_fields(data, starts_at)
    return Poster(
        title=event.title or "",
        starts_at=starts_at,
        venue=event.venue or "",
        city=event.city,
        genre=event.genre,
        lineup=slots,
        ticket_url=event.ticket_url,
        price=event.price,
        photo=_read(path, data.get("photo")),
        locale=str(data.get("locale", "ko")),
        brand=_brand(path, data.get("brand")),
    )


def _typed_fields(data: dict[str, Any], starts_at: datetime) -> Event:
    """The fields a chat types, parsed as the chat parses them (raises FieldError)."""
    event = Event(lineup=[])  # never stored: it only holds the parsed values
    venue = str(data["venue"])
    typed = {
        "title": str(data["title"]),
        # The chat takes the area after a comma: `Cakeshop, 이태원`.
        "venue": f"{venue}, {data['city']}" if data.get("city") else venue,
        "genre": data.get("genre"),
        "ticket_url": data.get("ticket_url"),
        "price": data.get("price"),
    }
    for field, text in typed.items():
        if text:
            apply_text(event, field, str(text), now=starts_at)
    return event


def _start(raw: str, zone: str | None) -> datetime:
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError as error:
        raise EventFileError(f"starts_at: {raw!r} is not ISO 8601") from error
    if zone:
        return (
            moment.replace(tzinfo=ZoneInfo(zone))
            if moment.tzinfo is None
            else (moment.astimezone(ZoneInfo(zone)))
        )
    if moment.tzinfo is None:
        raise EventFileError("starts_at needs an offset or a `timezone`")
    return moment


def _entry(row: dict[str, Any]) -> LineupEntry:
    start, end = row.get("start"), row.get("end")
    return LineupEntry(
        name=str(row["name"]),
        start=parse_time_of_day(str(start)) if start else None,
        end=parse_time_of_day(str(end)) if end else None,
    )


def _read(base: Path, relative: str | None) -> bytes | None:
    return (base.parent / relative).read_bytes() if relative else None


def _brand(base: Path, raw: dict[str, Any] | None) -> Brand | None:
    if not raw:
        return None
    return Brand(color=raw.get("color"), logo_png=_read(base, raw.get("logo")))
