"""The port for listing an event on a chat platform's own calendar (a Discord server's
scheduled events): frontends register a maker per platform; core decides when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class EventPage:
    """What a platform's event listing is made from."""

    chat_id: str
    name: str
    starts_at: datetime
    ends_at: datetime
    location: str
    description: str
    cover: bytes | None


class PageRefused(Exception):
    """The platform would not list it; `key` names the plain-words reason in core.i18n."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class EventPageMaker(Protocol):
    async def create(self, page: EventPage) -> str:
        """The listing's link; raise PageRefused with the reason otherwise."""
        ...


class EventPages:
    """Who can list events, by platform; filled by frontends at start."""

    def __init__(self) -> None:
        self._makers: dict[str, EventPageMaker] = {}

    def register(self, platform: str, maker: EventPageMaker) -> None:
        self._makers[platform] = maker

    def get(self, platform: str) -> EventPageMaker | None:
        return self._makers.get(platform)
