"""Chat-report rows: add once, claim with a lease, mark sent, or put back for later.

Like deliveries, every change is one conditional statement. A claim records who took
the report and when; once its lease has run out the report is claimable again, so a
process that died between claiming and sending cannot keep it from the chat.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import upsert_insert
from storage.models import ChatReport

PENDING, SENT = "pending", "sent"


@dataclass(frozen=True)
class ClaimedReport:
    id: int
    platform: str
    chat_id: str
    kind: str
    payload: Mapping[str, Any]
    attempts: int


async def add(
    session: AsyncSession,
    *,
    platform: str,
    chat_id: str,
    kind: str,
    payload: Mapping[str, Any],
    now: datetime,
    dedup_key: str | None = None,
) -> bool:
    """Add a pending report; False when one with the same `dedup_key` already exists."""
    values = {
        "platform": platform,
        "chat_id": chat_id,
        "kind": kind,
        "payload": dict(payload),
        "dedup_key": dedup_key,
        "status": PENDING,
        "due_at": now,
        "attempts": 0,
        "created_at": now,
    }
    statement = (
        upsert_insert(session, ChatReport)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedup_key"])
        .returning(ChatReport.id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def add_many(
    session: AsyncSession, reports: Sequence[Mapping[str, Any]], now: datetime
) -> None:
    """Add pending reports (platform, chat_id, kind, payload each) in one statement."""
    if reports:
        rows = [
            {
                "platform": report["platform"],
                "chat_id": report["chat_id"],
                "kind": report["kind"],
                "payload": dict(report["payload"]),
                "dedup_key": None,
                "status": PENDING,
                "due_at": now,
                "attempts": 0,
                "created_at": now,
            }
            for report in reports
        ]
        await session.execute(insert(ChatReport), rows)


def _claimable(now: datetime, platforms: Collection[str], kinds: Collection[str]) -> Any:
    return and_(
        ChatReport.status == PENDING,
        ChatReport.due_at <= now,
        or_(ChatReport.lease_expires_at.is_(None), ChatReport.lease_expires_at < now),
        ChatReport.platform.in_(sorted(platforms)),
        ChatReport.kind.in_(sorted(kinds)),
    )


async def claim(
    session: AsyncSession,
    *,
    owner: str,
    now: datetime,
    lease_until: datetime,
    platforms: Collection[str],
    kinds: Collection[str],
    limit: int,
) -> list[ClaimedReport]:
    """Take up to `limit` due reports this process can compose and send, oldest first.

    A report whose earlier claim ran out is taken over: its owner died or hung.
    """
    if not platforms or not kinds:
        return []
    picked = (
        select(ChatReport.id)
        .where(_claimable(now, platforms, kinds))
        .order_by(ChatReport.due_at, ChatReport.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    statement = (
        update(ChatReport)
        .where(ChatReport.id.in_(picked), _claimable(now, platforms, kinds))
        .values(
            lease_owner=owner[:64],
            claimed_at=now,
            lease_expires_at=lease_until,
            attempts=ChatReport.attempts + 1,
        )
        .returning(
            ChatReport.id,
            ChatReport.platform,
            ChatReport.chat_id,
            ChatReport.kind,
            ChatReport.payload,
            ChatReport.attempts,
        )
        .execution_options(synchronize_session=False)
    )
    claimed = [ClaimedReport(*row) for row in (await session.execute(statement)).all()]
    return sorted(claimed, key=lambda report: report.id)


async def mark_sent(session: AsyncSession, report_ids: Collection[int], now: datetime) -> None:
    """The platform accepted these: never send them again.

    Whoever holds the claim now does not matter; the chat has the message either way.
    """
    if report_ids:
        await session.execute(
            update(ChatReport)
            .where(ChatReport.id.in_(sorted(report_ids)), ChatReport.status == PENDING)
            .values(status=SENT, sent_at=now, lease_owner=None, lease_expires_at=None)
            .execution_options(synchronize_session=False)
        )


async def put_back(
    session: AsyncSession, report_id: int, *, owner: str, due_at: datetime, error: str
) -> None:
    """Sending failed: release the claim and try again at `due_at`."""
    await session.execute(
        update(ChatReport)
        .where(
            ChatReport.id == report_id,
            ChatReport.status == PENDING,
            ChatReport.lease_owner == owner[:64],
        )
        .values(lease_owner=None, lease_expires_at=None, due_at=due_at, last_error=error[:500])
        .execution_options(synchronize_session=False)
    )


async def next_due(
    session: AsyncSession, platforms: Collection[str], kinds: Collection[str]
) -> datetime | None:
    """When the next report this process can send becomes claimable."""
    if not platforms or not kinds:
        return None
    mine = and_(
        ChatReport.status == PENDING,
        ChatReport.platform.in_(sorted(platforms)),
        ChatReport.kind.in_(sorted(kinds)),
    )
    free = await session.scalar(
        select(func.min(ChatReport.due_at)).where(mine, ChatReport.lease_expires_at.is_(None))
    )
    held = await session.scalar(
        select(func.min(ChatReport.lease_expires_at)).where(
            mine, ChatReport.lease_expires_at.is_not(None)
        )
    )
    moments = [moment for moment in (free, held) if moment is not None]
    return min(moments) if moments else None


async def forget_sent(session: AsyncSession, before: datetime) -> None:
    """Drop reports sent before `before`; owed ones stay, however old."""
    await session.execute(
        delete(ChatReport)
        .where(ChatReport.status == SENT, ChatReport.sent_at < before)
        .execution_options(synchronize_session=False)
    )
