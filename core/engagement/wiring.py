"""The audience's side of published posts, wired once per process: RSVP answers, the
buttons that show them, and counted ticket links.

Frontends register a `ButtonEditor` for the target kinds whose messages they can change
(`editors.register(kind, editor)`); posts to those targets then carry RSVP buttons. A
`ReactionReader` (`reaction_sync.register(kind, reader)`) makes that kind's reaction
counts read on the insights cadence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.crypto import TokenCipher
from core.engagement.boards import ButtonEditors
from core.engagement.extras import PostExtras
from core.engagement.reaction_sync import ReactionSync
from core.engagement.reactions import ReactionCounts
from core.engagement.rsvp_desk import RsvpDesk
from core.engagement.ticket_links import TicketLinks
from core.settings import Settings


@dataclass
class Engagement:
    editors: ButtonEditors
    rsvps: RsvpDesk
    links: TicketLinks
    extras: PostExtras
    reactions: ReactionCounts
    reaction_sync: ReactionSync

    async def aclose(self) -> None:
        await self.reaction_sync.stop()
        await self.rsvps.aclose()


def build_engagement(
    settings: Settings,
    *,
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    cipher: TokenCipher,
) -> Engagement:
    editors = ButtonEditors()
    links = TicketLinks(
        settings.resolved_secret_key,
        public_base_url=settings.public_base_url,
        sessions=sessions,
        clock=clock,
        enabled=settings.ticket_links,
    )
    rsvps = RsvpDesk(
        sessions=sessions,
        clock=clock,
        editors=editors,
        edit_interval=timedelta(seconds=settings.rsvp_edit_seconds),
        cipher=cipher,
        default_locale=settings.default_locale,
    )
    extras = PostExtras(sessions=sessions, links=links, editors=editors)
    reactions = ReactionCounts(sessions, clock)
    reaction_sync = ReactionSync(sessions=sessions, clock=clock, cipher=cipher)
    return Engagement(
        editors=editors,
        rsvps=rsvps,
        links=links,
        extras=extras,
        reactions=reactions,
        reaction_sync=reaction_sync,
    )
