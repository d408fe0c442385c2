"""Load a Poster from a small TOML file: example events, golden tests, the benchmark.

Format (all strings unless noted; only title, starts_at and venue are required)::

    title = "서울 테크노 나이트 Vol.3"
    starts_at = "2025-12-20T22:00"   # ISO 8601; with an offset ("...T22:00+09:00"), or
    timezone = "Asia/Seoul"          # local time plus an IANA `timezone` (wins if both)
    venue = "Cakeshop"
    city = "이태원"
    genre = "techno"                 # techno/house/hiphop/disco/ambient, else "other"
    ticket_url = "https://..."
    price = "₩30,000"
    locale = "ko"                    # "ko" (default) or "en": language of image labels
    photo = "crowd.jpg"              # background photo, relative to this file

    [brand]                          # optional
    color = "#FF3344"
    logo = "logo.png"                # PNG with alpha, relative to this file

    [[lineup]]                       # zero or more, in running order
    name = "DJ Soulscape"
    start = "22:00"                  # optional "HH:MM" wall-clock times
    end = "23:30"

Set times are placed on the event's night: a time more than 3 h before the event's
start time of day is after midnight (next calendar day), a slot never starts before
the previous one, and an end is the first such time after its start.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from renderers.spec import Brand, Poster, Slot

AFTER_MIDNIGHT_SLACK = timedelta(hours=3)


def load_poster(path: Path) -> Poster:
    """Read and validate one event file; relative photo/logo paths resolve next to it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    base = path.parent
    for key in ("title", "starts_at", "venue"):
        if key not in data:
            raise ValueError(f"{path}: missing required key {key!r}")
    starts_at = _start(data["starts_at"], data.get("timezone"))
    lineup = tuple(_slots(data.get("lineup", []), starts_at))
    photo = (base / data["photo"]).read_bytes() if data.get("photo") else None
    return Poster(
        title=str(data["title"]),
        starts_at=starts_at,
        venue=str(data["venue"]),
        city=_opt(data, "city"),
        genre=_opt(data, "genre"),
        lineup=lineup,
        ticket_url=_opt(data, "ticket_url"),
        price=_opt(data, "price"),
        photo=photo,
        locale=str(data.get("locale", "ko")),
        brand=_brand(data.get("brand"), base),
    )


def _opt(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return str(value) if value not in (None, "") else None


def _start(raw: Any, zone: str | None) -> datetime:
    moment = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    if zone:
        tz = ZoneInfo(zone)
        return moment.astimezone(tz) if moment.tzinfo else moment.replace(tzinfo=tz)
    if moment.tzinfo is None:
        raise ValueError("starts_at needs a UTC offset or a `timezone` key")
    return moment


def _clock(raw: Any) -> time | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, time):
        return raw
    hours, _, minutes = str(raw).strip().partition(":")
    return time(int(hours) % 24, int(minutes or 0))


def _on_night(clock: time, start: datetime) -> datetime:
    tz: tzinfo | None = start.tzinfo
    night = start.date()
    wall_start = datetime.combine(night, start.time())
    wall = datetime.combine(night, clock)
    if wall < wall_start - AFTER_MIDNIGHT_SLACK:
        night += timedelta(days=1)
    return datetime.combine(night, clock, tzinfo=tz)


def _not_before(clock: time, floor: datetime) -> datetime:
    moment = datetime.combine(floor.date(), clock, tzinfo=floor.tzinfo)
    return moment if moment >= floor else moment + timedelta(days=1)


def _slots(entries: list[dict[str, Any]], start: datetime):
    previous: datetime | None = None
    for entry in entries:
        begin_clock, end_clock = _clock(entry.get("start")), _clock(entry.get("end"))
        begin = end = None
        if begin_clock is not None:
            begin = _on_night(begin_clock, start)
            if previous is not None and begin < previous:
                begin = _not_before(begin_clock, previous)
            previous = begin
        if end_clock is not None:
            end = _not_before(end_clock, begin) if begin else _on_night(end_clock, start)
        yield Slot(name=str(entry["name"]), starts_at=begin, ends_at=end)


def _brand(raw: dict[str, Any] | None, base: Path) -> Brand | None:
    if not raw:
        return None
    logo = (base / raw["logo"]).read_bytes() if raw.get("logo") else None
    return Brand(color=raw.get("color"), logo_png=logo)
