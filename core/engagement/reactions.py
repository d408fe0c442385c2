"""Reaction counts of published posts, kept as insight snapshots with metric "reactions".

Platforms report the current total of a message (Telegram pushes it for channel posts,
Discord is read on the insights cadence); each report is appended as a reading of the
delivery whose published message it is, so growth can be drawn like any other metric.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from storage.insight_snapshots import record_snapshot
from storage.published import published_as

REACTIONS = "reactions"


async def record_reaction_count(
    session: AsyncSession, *, kind: str, address: str, message_id: str, total: int, now: datetime
) -> bool:
    """Append a reading for the post published as `message_id` on that target; False when
    the message is not one of flyerbot's published posts (nothing is stored)."""
    delivery = await published_as(session, kind, address, message_id)
    if delivery is None:
        return False
    record_snapshot(session, delivery, REACTIONS, total, now)
    return True


class ReactionCounts:
    """The entry point frontends call when a platform tells them a message's count."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def counted(self, *, kind: str, address: str, message_id: str, total: int) -> bool:
        async with self._sessions.begin() as session:
            return await record_reaction_count(
                session,
                kind=kind,
                address=address,
                message_id=message_id,
                total=total,
                now=self._clock(),
            )
