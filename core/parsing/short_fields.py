"""Parsers for the short text fields of an event, and the words that steer the conversation.

Each parser returns the cleaned value or raises FieldError with a catalogue key; none
of them knows which chat or frontend the text came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from core.parsing.errors import FieldError
from core.parsing.text import find_invisible, for_matching, has_control, one_line

MAX_TITLE = 80
MAX_VENUE_NAME = 60
MAX_CITY = 60
MAX_GENRE = 30
MAX_URL = 500
MAX_PRICE = 60
MAX_DESCRIPTION = 1000


# ---------------------------------------------------------------------------- commands

SKIP_WORDS = frozenset({"skip", "/skip", "건너뛰기", "넘어가기", "스킵", "패스", "pass", "-"})
BACK_WORDS = frozenset({"back", "/back", "뒤로", "이전", "뒤로가기", "이전으로"})
CANCEL_WORDS = frozenset({"cancel", "/cancel", "취소", "그만"})


def command_word(text: str) -> Literal["skip", "back", "cancel"] | None:
    """Which conversation command `text` is, if it is one (`/skip@MyBot` counts too)."""
    word = for_matching(text)
    word = re.sub(r"^(/\w+)@\w+$", r"\1", word)  # Telegram adds the bot's name in groups
    for candidate in (word, word.replace(" ", "")):
        if candidate in SKIP_WORDS:
            return "skip"
        if candidate in BACK_WORDS:
            return "back"
        if candidate in CANCEL_WORDS:
            return "cancel"
    return None


# ---------------------------------------------------------------------------- short text


def _single_line(text: str, field: str) -> str:
    cleaned = one_line(text)
    if has_control(cleaned):
        raise FieldError(f"{field}.control_chars")
    refuse_invisible(cleaned, field)
    return cleaned


def refuse_invisible(text: str, field: str) -> None:
    """A FieldError `<field>.invisible` naming the first invisible character, if any."""
    found = find_invisible(text)
    if found is not None:
        raise FieldError(f"{field}.invisible", code=found.code, name=found.name, text=found.marked)


def parse_title(text: str) -> str:
    """The event title: one line of 1..MAX_TITLE characters; emoji welcome."""
    title = _single_line(text, "title")
    if not title:
        raise FieldError("title.empty")
    if len(title) > MAX_TITLE:
        raise FieldError("title.too_long", length=len(title), max=MAX_TITLE)
    return title


@dataclass(frozen=True)
class Venue:
    name: str
    city: str | None


def parse_venue(text: str) -> Venue:
    """`Cakeshop, 이태원` -> name and area; everything after the first comma is the area."""
    cleaned = _single_line(text, "venue").replace("，", ",").replace("、", ",")
    name, _, city = (part.strip() for part in cleaned.partition(","))
    if not name:
        raise FieldError("venue.empty")
    if len(name) > MAX_VENUE_NAME:
        raise FieldError("venue.name_too_long", length=len(name), max=MAX_VENUE_NAME)
    if len(city) > MAX_CITY:
        raise FieldError("venue.city_too_long", length=len(city), max=MAX_CITY)
    return Venue(name, city or None)


GENRES = ("techno", "house", "hiphop", "disco", "ambient", "other")
_GENRE_NAMES = {
    "techno": "techno", "테크노": "techno",
    "house": "house", "하우스": "house",
    "hiphop": "hiphop", "힙합": "hiphop",
    "disco": "disco", "디스코": "disco",
    "ambient": "ambient", "앰비언트": "ambient", "엠비언트": "ambient",
    "other": "other", "others": "other", "etc": "other", "기타": "other",
}  # fmt: skip


def parse_genre(text: str) -> str:
    """One of GENRES when recognised (`Hip-Hop`, `힙합`), else the user's own words."""
    cleaned = _single_line(text, "genre").lstrip("#").strip()
    if not cleaned:
        raise FieldError("genre.empty")
    known = _GENRE_NAMES.get(re.sub(r"[\s\-_.·/]", "", for_matching(cleaned)))
    if known:
        return known
    if len(cleaned) > MAX_GENRE:
        raise FieldError("genre.too_long", length=len(cleaned), max=MAX_GENRE)
    return cleaned


# ---------------------------------------------------------------------------- ticket link

_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
_PORT_AFTER_HOST = re.compile(r"\d+(?:[/?#]|$)")
_HOST = re.compile(r"[\w\-]+(?:\.[\w\-]+)*\.?")
_UNSAFE_IN_URL = frozenset('<>"`\\')


def _with_scheme(url: str) -> str:
    """`url` with https:// added when the user typed a bare host such as `example.com/x`."""
    if url.startswith("//"):
        return "https:" + url
    match = _SCHEME.match(url)
    # `localhost:8000/x` is a host and port, not a scheme called localhost.
    if match and not _PORT_AFTER_HOST.match(url[match.end() :]):
        scheme = match[1].lower()
        if scheme not in ("http", "https"):
            raise FieldError("ticket_url.scheme", scheme=scheme)
        return url
    return "https://" + url


def parse_ticket_url(text: str) -> str:
    """An http(s) link, normalised: lower-case scheme and host, https:// when missing."""
    url = unicodedata.normalize("NFC", text).strip()
    if not url or has_control(url):
        raise FieldError("ticket_url.invalid")
    if len(url) > MAX_URL:
        raise FieldError("ticket_url.too_long", length=len(url), max=MAX_URL)
    if any(char.isspace() for char in url):
        raise FieldError("ticket_url.spaces")
    if any(char in _UNSAFE_IN_URL for char in url):
        raise FieldError("ticket_url.invalid")
    full = _with_scheme(url)  # outside the try: its FieldError is a ValueError too
    try:
        parts = urlsplit(full)
        host, port = parts.hostname or "", parts.port
    except ValueError:  # a broken IPv6 literal or a port out of range
        raise FieldError("ticket_url.invalid") from None
    if "@" in parts.netloc:  # `https://good.com@evil.com` hides the real host
        raise FieldError("ticket_url.invalid")
    if not host or not _HOST.fullmatch(host):
        raise FieldError("ticket_url.invalid")
    if "." not in host.rstrip(".") and host != "localhost":
        raise FieldError("ticket_url.host", host=host)
    netloc = host if port is None else f"{host}:{port}"
    normalised = urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment))
    if len(normalised) > MAX_URL:
        raise FieldError("ticket_url.too_long", length=len(normalised), max=MAX_URL)
    return normalised


# ---------------------------------------------------------------------------- price

_WON_PLAIN = re.compile(
    r"(?:₩|krw)?\s*(?P<amount>\d{1,3}(?:,\d{3})+|\d+)\s*(?:원|won|krw)?", re.IGNORECASE
)
_WON_KOREAN = re.compile(r"(?:(?P<man>\d+(?:\.\d+)?)\s*만)?\s*(?:(?P<cheon>\d)\s*천)?\s*원?")


def _won_amount(folded: str) -> int | None:
    """The amount in won for `30000`, `30,000원`, `₩30000`, `3만원`, `2만 5천원`; else None."""
    plain = _WON_PLAIN.fullmatch(folded)
    if plain:
        return int(plain["amount"].replace(",", ""))
    korean = _WON_KOREAN.fullmatch(folded)
    if not korean or not (korean["man"] or korean["cheon"]):
        return None
    try:
        amount = Decimal(korean["man"] or 0) * 10_000 + int(korean["cheon"] or 0) * 1_000
    except InvalidOperation:
        return None
    return int(amount) if amount == amount.to_integral_value() else None


def parse_price(text: str) -> str:
    """Won amounts become `₩30,000`; anything else (`무료`, `$20`, `25 EUR`) stays as typed."""
    price = _single_line(text, "price")
    if not price:
        raise FieldError("price.empty")
    if len(price) > MAX_PRICE:
        raise FieldError("price.too_long", length=len(price), max=MAX_PRICE)
    amount = _won_amount(for_matching(price))
    return price if amount is None else f"₩{amount:,}"


# ---------------------------------------------------------------------------- description


def parse_description(text: str) -> str:
    """Free text of 1..MAX_DESCRIPTION characters; line breaks are kept, edges trimmed."""
    description = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    description = description.strip()
    if has_control(description, allow_newlines=True):
        raise FieldError("description.control_chars")
    refuse_invisible(description, "description")
    if not description:
        raise FieldError("description.empty")
    if len(description) > MAX_DESCRIPTION:
        raise FieldError("description.too_long", length=len(description), max=MAX_DESCRIPTION)
    return description
