"""“📅 Create Discord event”: the event listed on the chat platform's own calendar.

Offered after approval where the frontend can make one (a Discord server's scheduled
events). It is a one-off beside the campaign: made per press, after the turn commits
(it calls the platform), with the approved announcement image as its cover.
"""

from __future__ import annotations

from datetime import timedelta

from core import i18n
from core.campaigns import actions, posts
from core.conversation.messages import Choice, Notice, Output, Problem
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.event_pages import EventPage, EventPages, PageRefused
from storage.media import MediaStore
from storage.models import Event

VERB = "page"
DEFAULT_LENGTH = timedelta(hours=6)  # an event without an end is listed this long


def page_choice(turn: Turn, event_id: int, pages: EventPages) -> tuple[Choice, ...]:
    if pages.get(turn.sender.platform) is None or not turn.sender.is_group:
        return ()
    return (Choice(actions.campaign(event_id, VERB), turn.t("button.event_page")),)


async def create_page(turn: Turn, event: Event, pages: EventPages, media: MediaStore) -> Reply:
    maker = pages.get(turn.sender.platform)
    creative = await posts.approved_creative(turn.session, event.id)
    if maker is None or creative is None or event.starts_at is None:
        return Reply([Problem(turn.t("campaign.not_approved"))])
    starts_at = event.starts_at
    page = EventPage(
        chat_id=turn.sender.chat_id,
        name=event.title or "",
        starts_at=starts_at,
        ends_at=event.ends_at or starts_at + DEFAULT_LENGTH,
        location=", ".join(part for part in (event.venue, event.city) if part),
        description=creative.caption,
        cover=media.read(creative.image_sha256s[0]) if creative.image_sha256s else None,
    )
    locale = turn.sender.locale or turn.locale

    async def later() -> list[Output]:
        try:
            link = await maker.create(page)
        except PageRefused as refused:
            return [Problem(i18n.text(refused.key, locale, **refused.params))]
        return [Notice(i18n.text("event_page.created", locale, link=link))]

    return Reply(later=later)
