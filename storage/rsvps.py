"""RSVP rows: one answer per person and event."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Event, Rsvp, Workspace


async def answer_to_change(
    session: AsyncSession, event_id: int, platform: str, user_id: str
) -> Rsvp | None:
    """The person's answer, locked until the transaction ends so two presses take turns."""
    return await session.scalar(
        select(Rsvp)
        .where(Rsvp.event_id == event_id, Rsvp.platform == platform, Rsvp.user_id == user_id)
        .with_for_update()
    )


async def tally(session: AsyncSession, event_id: int) -> dict[str, int]:
    """Answer -> how many people gave it, for one event."""
    rows = await session.execute(
        select(Rsvp.answer, func.count()).where(Rsvp.event_id == event_id).group_by(Rsvp.answer)
    )
    return {answer: int(number) for answer, number in rows.all()}


async def event_status_and_locale(session: AsyncSession, event_id: int) -> tuple[str, str] | None:
    """The event's status and its chat's language, or None when the event is gone."""
    row = (
        await session.execute(
            select(Event.status, Workspace.locale)
            .join(Workspace, Workspace.id == Event.workspace_id)
            .where(Event.id == event_id)
        )
    ).first()
    return None if row is None else (str(row[0]), str(row[1]))


async def forget_person(session: AsyncSession, platform: str, user_id: str) -> int:
    """Remove every answer this person gave; how many went."""
    result = await session.execute(
        delete(Rsvp).where(Rsvp.platform == platform, Rsvp.user_id == user_id)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
