"""Captions, hashtags and alt text for a creative, per template and locale."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

MAX_CAPTION_CHARS = 2200
MAX_HASHTAGS = 30

_WEEKDAYS = {
    "ko": ("월", "화", "수", "목", "금", "토", "일"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_GENRE_TAGS = {
    "techno": ("techno", "테크노"),
    "house": ("house", "하우스"),
    "hiphop": ("hiphop", "힙합"),
    "disco": ("disco", "디스코"),
    "ambient": ("ambient", "앰비언트"),
}
_BASE_TAGS = {"ko": ("서울파티", "seoulnightlife"), "en": ("nightlife", "livemusic")}


@dataclass(frozen=True)
class CaptionInput:
    title: str
    starts_at: datetime
    venue: str
    city: str | None
    genre: str | None
    artists: Sequence[tuple[str, datetime | None]]
    ticket_url: str | None
    price: str | None
    description: str | None
    locale: str
    template: str
    posted_on: date | None = None


@dataclass(frozen=True)
class Caption:
    text: str
    hashtags: tuple[str, ...]


def hashtag(raw: str) -> str | None:
    """A tag from free text: letters and digits only (Hangul included), lower-cased Latin."""
    normalized = unicodedata.normalize("NFKC", raw).casefold()
    tag = "".join(ch for ch in normalized if ch.isalnum() or ch == "_")
    return tag or None


def hashtags_for(item: CaptionInput) -> tuple[str, ...]:
    """Genre, city, venue and artists, deduplicated, at most MAX_HASHTAGS."""
    candidates: list[str] = []
    if item.genre:
        candidates.extend(_GENRE_TAGS.get(item.genre, (item.genre,)))
    for place in (item.city, item.venue):
        if place:
            candidates.extend(part for part in re.split(r"[,/]", place) if part.strip())
    candidates.extend(name for name, _ in item.artists)
    candidates.extend(_BASE_TAGS.get(item.locale, _BASE_TAGS["en"]))
    return _unique_tags(candidates)


def _unique_tags(candidates: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for candidate in candidates:
        tag = hashtag(candidate)
        if tag and 2 <= len(tag) <= 60 and tag not in seen:
            seen[tag] = None
        if len(seen) == MAX_HASHTAGS:
            break
    return tuple(seen)


def format_when(moment: datetime, locale: str) -> str:
    weekday = _WEEKDAYS.get(locale, _WEEKDAYS["en"])[moment.weekday()]
    if locale == "ko":
        return f"{moment.month}월 {moment.day}일 ({weekday}) {moment:%H:%M}"
    return f"{weekday} {moment:%b} {moment.day}, {moment:%H:%M}"


def build_caption(item: CaptionInput) -> Caption:
    """The post text: a headline for the template, the facts, the lineup, then the tags."""
    tags = hashtags_for(item)
    ko = item.locale == "ko"
    place = item.venue + (f", {item.city}" if item.city else "")
    lines = [_headline(item), "", f"📅 {format_when(item.starts_at, item.locale)}", f"📍 {place}"]
    if item.price:
        lines.append(f"🎟 {item.price}")
    if item.artists:
        lines += ["", "LINEUP"]
        lines += [f"{when:%H:%M} {name}" if when else name for name, when in item.artists]
    if item.description:
        lines += ["", item.description]
    if item.ticket_url:
        lines += ["", ("티켓 👉 " if ko else "Tickets 👉 ") + item.ticket_url]
    tag_line = " ".join(f"#{tag}" for tag in tags)
    body = "\n".join(lines)
    room = MAX_CAPTION_CHARS - len(tag_line) - 2
    if len(body) > room:
        body = body[: max(room - 1, 0)].rstrip() + "…"
    return Caption(text=f"{body}\n\n{tag_line}", hashtags=tags)


def _headline(item: CaptionInput) -> str:
    ko = item.locale == "ko"
    days = (item.starts_at.date() - item.posted_on).days if item.posted_on else None
    if item.template == "countdown" and days is not None and days > 0:
        return f"D-{days} · {item.title}"
    if item.template in ("day_of", "countdown"):
        return f"{'오늘 밤' if ko else 'TONIGHT'} · {item.title}"
    if item.template == "lineup":
        return f"{item.title} — {'라인업 공개' if ko else 'lineup'}"
    return item.title


def alt_text(item: CaptionInput) -> str:
    """A plain description of the image for screen readers, in the workspace's language."""
    when = format_when(item.starts_at, item.locale)
    names = ", ".join(name for name, _ in item.artists[:12])
    if item.locale == "ko":
        text = f"'{item.title}' 이벤트 포스터. {when}, {item.venue}."
        if names:
            text += f" 라인업: {names}."
    else:
        text = f"Poster for '{item.title}'. {when} at {item.venue}."
        if names:
            text += f" Lineup: {names}."
    return text[:1000]
