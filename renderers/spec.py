"""What a renderer is asked to draw: plain values, no I/O, no knowledge of chats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Template(StrEnum):
    ANNOUNCEMENT = "announcement"
    LINEUP = "lineup"
    COUNTDOWN = "countdown"
    DAY_OF = "day_of"


class Layout(StrEnum):
    SQUARE = "square"
    PORTRAIT = "portrait"
    STORY = "story"

    @property
    def size(self) -> tuple[int, int]:
        return _LAYOUT_SIZES[self]


_LAYOUT_SIZES = {
    Layout.SQUARE: (1080, 1080),
    Layout.PORTRAIT: (1080, 1350),
    Layout.STORY: (1080, 1920),
}


class Theme(StrEnum):
    DARK = "dark"
    NEON = "neon"
    MINIMAL = "minimal"
    DUOTONE = "duotone"  # the photo in two colours; without a photo, a tinted dark ground

    @property
    def needs_photo(self) -> bool:
        """Offered only for posters with a photo (it is a way of showing the photo)."""
        return self is Theme.DUOTONE


class AccentSource(StrEnum):
    """Where the accent comes from when the brand sets none."""

    PHOTO = "photo"  # the photo's most vivid colour (the genre's when there is no photo)
    GENRE = "genre"  # the genre's colour, even with a photo


@dataclass(frozen=True)
class Slot:
    """One act of the lineup, times already resolved against the event start."""

    name: str
    starts_at: datetime | None = None
    ends_at: datetime | None = None


@dataclass(frozen=True)
class Brand:
    """A workspace's identity: an accent colour (#RRGGBB) and a logo (PNG with alpha)."""

    color: str | None = None
    logo_png: bytes | None = None


@dataclass(frozen=True)
class Poster:
    """Everything a promo image may show. `starts_at` is aware, in the event's timezone."""

    title: str
    starts_at: datetime
    venue: str
    city: str | None = None
    genre: str | None = None
    lineup: tuple[Slot, ...] = ()
    ticket_url: str | None = None
    price: str | None = None
    photo: bytes | None = None
    locale: str = "ko"
    brand: Brand | None = None


@dataclass(frozen=True)
class Rendering:
    """JPEG slides (more than one only for a lineup carousel) and their pixel size."""

    slides: tuple[bytes, ...]
    width: int
    height: int
    template: Template
    layout: Layout
    theme: Theme


@dataclass(frozen=True)
class RenderRequest:
    poster: Poster
    template: Template
    layout: Layout
    theme: Theme
    posted_on: date
    accent: AccentSource = AccentSource.PHOTO
