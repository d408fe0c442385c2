"""Short ticket links: `/t/<code>` on the media server, 302 to the event's ticket page.

A code names one delivery (one post on one target) and carries an HMAC over it, so it
needs no table of its own and nobody can mint one: an unknown or forged code is 404, and
the destination always comes from the event as stored, never from the request, so the
server is not an open redirect. The destination is the event's current ticket URL with
`utm_source` / `utm_medium` / `utm_campaign` / `utm_content` naming the platform, the
kind of target, the event and the post, so a ticket shop's analytics can tell them apart.

A click is one row with its time, nothing about who clicked (no address, no user agent).
Link-preview crawlers fetch every link posted to a chat; they still get the redirect (so
the preview works) but are not counted, and neither are HEAD requests.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.captions import hashtag
from core.clock import Clock
from core.crypto import derive_key
from storage.models import TicketClick
from storage.ticket_links import link_of_delivery

LINK_PREFIX = "/t/"
LINK_PURPOSE = "flyerbot/ticket-link/v1"
# Targets whose captions carry the short link: the chat platforms where flyerbot can count.
LINKED_KINDS = frozenset({"telegram_channel", "discord_channel", "discord_webhook"})
_MAC_BYTES = 6
_CODE = re.compile(r"^(?P<id>[0-9a-z]{1,12})(?P<mac>[A-Za-z0-9_-]{8})$")
# Substrings (lower case) of the user agents of link-preview and search crawlers.
CRAWLER_MARKERS = (
    "telegrambot",
    "discordbot",
    "facebookexternalhit",
    "facebookcatalog",
    "facebot",
    "slackbot",
    "twitterbot",
    "linkedinbot",
    "whatsapp",
    "skypeuripreview",
    "kakaotalk-scrap",
    "yeti",  # Naver
    "daumoa",
    "googlebot",
    "bingbot",
    "applebot",
    "embedly",
    "redditbot",
    "iframely",
    "pinterest",
    "vkshare",
    "mastodon",
    "bot/",
    "crawler",
    "spider",
)
_UTM = ("utm_source", "utm_medium", "utm_campaign", "utm_content")


def is_link_preview_crawler(user_agent: str | None) -> bool:
    """A fetch made to draw a preview or index a page, not a person opening the link."""
    if not user_agent:
        return True  # browsers always say who they are
    agent = user_agent.lower()
    return any(marker in agent for marker in CRAWLER_MARKERS)


def with_utm(url: str, *, source: str, medium: str, campaign: str, content: str) -> str:
    """`url` with our UTM parameters, replacing any it had; the rest of the query kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in _UTM]
    query += list(zip(_UTM, (source, medium, campaign, content), strict=True))
    return urlunsplit(parts._replace(query=urlencode(query)))


@dataclass(frozen=True)
class Destination:
    delivery_id: int
    url: str


class TicketLinks:
    """Mints short links for deliveries and follows them, counting people's clicks."""

    def __init__(
        self,
        secret_key: bytes,
        *,
        public_base_url: str | None,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        enabled: bool = True,
    ) -> None:
        self._key = derive_key(secret_key, LINK_PURPOSE)
        self._base = (public_base_url or "").rstrip("/")
        self._sessions = sessions
        self._clock = clock
        self.enabled = enabled and bool(self._base)

    def __repr__(self) -> str:
        return f"<TicketLinks {'on' if self.enabled else 'off'}>"

    def code_for(self, delivery_id: int) -> str:
        return _base36(delivery_id) + self._mac(delivery_id)

    def url_for(self, delivery_id: int) -> str:
        return f"{self._base}{LINK_PREFIX}{self.code_for(delivery_id)}"

    def delivery_of(self, code: str) -> int | None:
        """The delivery a code names, or None when it is not one of ours."""
        match = _CODE.fullmatch(code)
        if match is None:
            return None
        delivery_id = int(match["id"], 36)
        if not hmac.compare_digest(match["mac"], self._mac(delivery_id)):
            return None
        return delivery_id

    def shorten(self, caption: str, ticket_url: str | None, delivery_id: int) -> str:
        """The caption with the ticket URL replaced by this delivery's short link."""
        if not self.enabled or not ticket_url or ticket_url not in caption:
            return caption
        return caption.replace(ticket_url, self.url_for(delivery_id))

    async def follow(self, code: str, *, user_agent: str | None, count: bool = True) -> str | None:
        """Where the link leads (None: 404), counting the click when a person made it."""
        destination = await self.destination(code)
        if destination is None:
            return None
        if count and self.enabled and not is_link_preview_crawler(user_agent):
            async with self._sessions.begin() as session:
                session.add(
                    TicketClick(delivery_id=destination.delivery_id, clicked_at=self._clock())
                )
        return destination.url

    async def destination(self, code: str) -> Destination | None:
        delivery_id = self.delivery_of(code)
        if delivery_id is None:
            return None
        async with self._sessions() as session:
            row = await link_of_delivery(session, delivery_id)
        if row is None:
            return None
        ticket_url, title, event_id, slot, kind = row
        if not ticket_url or urlsplit(ticket_url).scheme not in ("http", "https"):
            return None
        platform, _, medium = str(kind).partition("_")
        url = with_utm(
            ticket_url,
            source=platform,
            medium=medium or "post",
            campaign=hashtag(title or "") or f"event{event_id}",
            content=slot,
        )
        return Destination(delivery_id, url)

    def _mac(self, delivery_id: int) -> str:
        digest = hmac.new(self._key, f"delivery:{delivery_id}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:_MAC_BYTES]).decode()


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if number == 0:
            return text
