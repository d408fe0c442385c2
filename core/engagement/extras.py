"""What a post gains on its way to a chat platform: RSVP buttons and a counted ticket link.

Applied by the publishing engine to each publication just before it is published (or
verified), so the post's stored caption stays the one the organiser approved and each
target gets its own link. Only reads the database.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import i18n
from core.engagement import rsvp
from core.engagement.boards import ButtonEditors
from core.engagement.ticket_links import LINKED_KINDS, TicketLinks
from core.publishers.base import Buttons, Publication, TargetInfo
from storage.posts import event_link_and_locale


class PostExtras:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        links: TicketLinks,
        editors: ButtonEditors,
    ) -> None:
        self._sessions = sessions
        self._links = links
        self._editors = editors

    async def apply(
        self, post_id: int, target: TargetInfo, publication: Publication
    ) -> Publication:
        wants_buttons = target.kind in self._editors.kinds
        wants_link = self._links.enabled and target.kind in LINKED_KINDS
        if not (wants_buttons or wants_link):
            return publication
        async with self._sessions() as session:
            row = await event_link_and_locale(session, post_id)
            if row is None:
                return publication
            event_id, ticket_url, locale = row
            counts = await rsvp.counts(session, event_id) if wants_buttons else None
        changes: dict[str, object] = {}
        if wants_link:
            changes["caption"] = self._links.shorten(
                publication.caption, ticket_url, publication.delivery_id
            )
        if counts is not None:
            changes["buttons"] = Buttons(
                prompt=i18n.text("rsvp.prompt", locale),
                choices=rsvp.buttons(event_id, counts, locale),
            )
        return dataclasses.replace(publication, **changes)  # type: ignore[arg-type]
