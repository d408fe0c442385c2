"""From a stored event to what renderers and captions need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from core.captions import Caption, CaptionInput, alt_text, build_caption
from core.parsing.lineup import lineup_from_json, resolve_lineup
from renderers.spec import Brand, Poster, Slot
from storage.models import Event, Workspace


@dataclass(frozen=True)
class Artwork:
    """A poster plus the words that go with it."""

    poster: Poster
    caption: Caption
    alt_text: str


def local_start(event: Event) -> datetime:
    if event.starts_at is None:
        raise ValueError(f"event {event.id} has no start yet")
    return event.starts_at.astimezone(ZoneInfo(event.timezone))


def artwork_for(
    event: Event,
    workspace: Workspace,
    *,
    template: str,
    posted_on: date,
    photo: bytes | None,
    logo: bytes | None,
) -> Artwork:
    starts_at = local_start(event)
    slots = tuple(
        Slot(name=name, starts_at=start, ends_at=end)
        for name, start, end in resolve_lineup(lineup_from_json(event.lineup), starts_at)
    )
    brand = (
        Brand(color=workspace.brand_color, logo_png=logo)
        if (workspace.brand_color or logo)
        else None
    )
    poster = Poster(
        title=event.title or "",
        starts_at=starts_at,
        venue=event.venue or "",
        city=event.city,
        genre=event.genre,
        lineup=slots,
        ticket_url=event.ticket_url,
        price=event.price,
        photo=photo,
        locale=workspace.locale,
        brand=brand,
    )
    words = CaptionInput(
        title=poster.title,
        starts_at=starts_at,
        venue=poster.venue,
        city=event.city,
        genre=event.genre,
        artists=tuple((slot.name, slot.starts_at) for slot in slots),
        ticket_url=event.ticket_url,
        price=event.price,
        description=event.description,
        locale=workspace.locale,
        template=template,
        posted_on=posted_on,
    )
    return Artwork(poster=poster, caption=build_caption(words), alt_text=alt_text(words))
