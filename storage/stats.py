"""Deployment-wide numbers for health checks and /metrics, read straight from the tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.deliveries import PENDING
from storage.models import Delivery, DeliveryAttempt


async def ping(session: AsyncSession) -> None:
    """Raises when the database does not answer."""
    await session.execute(text("SELECT 1"))


async def deliveries_by_status(session: AsyncSession) -> dict[str, int]:
    query = select(Delivery.status, func.count()).group_by(Delivery.status)
    return {status: count for status, count in (await session.execute(query)).all()}


async def attempts_by_outcome(session: AsyncSession) -> dict[str, int]:
    query = select(DeliveryAttempt.outcome, func.count()).group_by(DeliveryAttempt.outcome)
    return {outcome: count for outcome, count in (await session.execute(query)).all()}


async def queue_depth(session: AsyncSession, now: datetime) -> int:
    """Deliveries due now and not yet claimed: work waiting for a worker."""
    query = select(func.count()).where(Delivery.status == PENDING, Delivery.due_at <= now)
    return int((await session.execute(query)).scalar_one())
