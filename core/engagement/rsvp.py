"""RSVP answers: one per person and event, toggled by buttons under published posts.

Pressing your current answer again takes it back; pressing the other one moves you.
Button ids are `rsvp:<event>:going` / `rsvp:<event>:interested`, so they keep working
after a restart and on any platform.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from core import i18n
from core.buttons import RSVP, rest
from core.conversation.messages import Choice
from storage import rsvps
from storage.models import Rsvp
from storage.statuses import CLOSED_EVENT

GOING: Literal["going"] = "going"
INTERESTED: Literal["interested"] = "interested"
Answer = Literal["going", "interested"]
ANSWERS: tuple[Answer, ...] = (GOING, INTERESTED)
CLOSED_EVENT_STATUSES = CLOSED_EVENT


@dataclass(frozen=True)
class RsvpCounts:
    going: int = 0
    interested: int = 0


@dataclass(frozen=True)
class Press:
    event_id: int
    answer: Answer


def button_id(event_id: int, answer: Answer) -> str:
    return RSVP.id(event_id, answer)


def parse(action_id: str) -> Press | None:
    event, _, answer = (rest(action_id, RSVP) or "").partition(":")
    if not event.isdigit():
        return None
    for known in ANSWERS:
        if answer == known:
            return Press(int(event), known)
    return None


def buttons(event_id: int, counts: RsvpCounts, locale: str) -> tuple[Choice, ...]:
    """The two buttons, each with its count once somebody has pressed it."""

    def label(answer: Answer, count: int) -> str:
        text = i18n.text(f"rsvp.{answer}", locale)
        return f"{text} {count}" if count else text

    return (
        Choice(button_id(event_id, GOING), label(GOING, counts.going)),
        Choice(button_id(event_id, INTERESTED), label(INTERESTED, counts.interested)),
    )


async def toggle(
    session: AsyncSession,
    *,
    event_id: int,
    platform: str,
    user_id: str,
    answer: Answer,
    now: datetime,
) -> Answer | None:
    """Apply one press; the person's answer afterwards (None: no answer any more)."""
    existing = await rsvps.answer_to_change(session, event_id, platform, user_id)
    if existing is None:
        session.add(
            Rsvp(
                event_id=event_id, platform=platform, user_id=user_id, answer=answer, updated_at=now
            )
        )
        return answer
    if existing.answer == answer:
        await session.delete(existing)
        return None
    existing.answer = answer
    existing.updated_at = now
    return answer


async def counts(session: AsyncSession, event_id: int) -> RsvpCounts:
    """How many people answered each way, now."""
    tally = await rsvps.tally(session, event_id)
    return RsvpCounts(going=tally.get(GOING, 0), interested=tally.get(INTERESTED, 0))


async def open_event_locale(session: AsyncSession, event_id: int) -> str | None:
    """The event's chat language if the event still takes answers, else None."""
    found = await rsvps.event_status_and_locale(session, event_id)
    if found is None or found[0] in CLOSED_EVENT_STATUSES:
        return None
    return found[1]


async def forget_person(session: AsyncSession, platform: str, user_id: str) -> int:
    """Remove every answer this person gave (their data, on request)."""
    return await rsvps.forget_person(session, platform, user_id)
