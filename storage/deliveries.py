"""Delivery rows: atomic claims with a lease, and compare-and-set state changes.

Every change of a delivery's state is one conditional UPDATE, never read-modify-write,
so two workers (or two processes on one SQLite file) can race without publishing a
delivery twice: the claim picks due rows and marks them in the same statement
(`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer at a time), and later
updates only apply while the worker still holds the lease.

A lease is (owner, attempt number): each claim counts the attempt up, so the number is
the lease token. A worker that lost its lease, even to a later attempt of its own
process, can no longer write. Leases expire by the database's clock (`db_clock`).
A claim given back without using up its attempt (a daily limit refused it, an attempt
was handed back unfinished) counts the number down again, and the next claim reuses it.
Only a claim whose attempt has ended and been recorded gives its number back, so nothing
of that attempt can write any more, bar a lease renewal already on its way: that one
only pushes out the lease of the same worker's next claim, if it took the same number.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db_clock import db_now, db_now_plus
from storage.models import Delivery, Post

PENDING, PUBLISHING, PUBLISHED = "pending", "publishing", "published"
FAILED, MISSED, SKIPPED, CANCELLED = "failed", "missed", "skipped", "cancelled"
OPEN_STATUSES = (PENDING, PUBLISHING)
DONE_STATUSES = (PUBLISHED, FAILED, MISSED, SKIPPED, CANCELLED)


@dataclass(frozen=True, order=True)
class Lease:
    """The right to change one delivery: its owner and the attempt number it claimed."""

    delivery_id: int
    owner: str
    attempt: int


_DELIVERIES = cast(Table, Delivery.__table__)
# Core, not ORM: an executemany of many rows, each by its id.
_WRITE_JOURNAL = (
    update(_DELIVERIES)
    .where(_DELIVERIES.c.id == bindparam("b_id"))
    .values(journal=bindparam("journal", type_=_DELIVERIES.c.journal.type))
)


def _pending_due(now: datetime) -> Any:
    """Pending and due by `now`: what the (status, due_at, id) index finds in due order."""
    return and_(Delivery.status == PENDING, Delivery.due_at <= now)


def _lease_expired() -> Any:
    return and_(Delivery.status == PUBLISHING, Delivery.lease_expires_at < db_now())


def _due(now: datetime) -> Any:
    return or_(_pending_due(now), _lease_expired())


def claimable_in_due_order(now: datetime, *, limit: int, in_flight: Collection[int] = ()) -> Any:
    """The ids of the first `limit` claimable deliveries, earliest due first, locked.

    On PostgreSQL rows another transaction holds are skipped (`SKIP LOCKED`), so workers
    claiming at the same moment take different deliveries instead of waiting.
    """
    both = (
        _pick(_pending_due(now), in_flight, limit)
        .union_all(_pick(_lease_expired(), in_flight, limit))
        .subquery()
    )
    return select(both.c.id).order_by(both.c.due_at, both.c.id).limit(limit)


def _pick(condition: Any, in_flight: Collection[int], limit: int) -> Any:
    """The first `limit` rows meeting `condition` in due order, locked, skipping locked ones.

    One index range per condition, read in index order and stopped at `limit`: the two
    are asked apart because an OR of them makes PostgreSQL read and sort every due row.
    """
    query = select(Delivery.id, Delivery.due_at).where(condition)
    if in_flight:
        query = query.where(Delivery.id.not_in(sorted(in_flight)))
    query = query.order_by(Delivery.due_at, Delivery.id).limit(limit)
    return select(query.with_for_update(skip_locked=True).subquery())


def _held(lease: Lease) -> Any:
    return and_(
        Delivery.id == lease.delivery_id,
        Delivery.status == PUBLISHING,
        Delivery.lease_owner == lease.owner,
        Delivery.attempts == lease.attempt,
    )


async def claim_due(
    session: AsyncSession,
    *,
    owner: str,
    now: datetime,
    lease_seconds: float,
    limit: int,
    in_flight: Collection[int] = (),
) -> list[Lease]:
    """Take up to `limit` due deliveries (or ones whose lease expired) for `owner`.

    A delivery taken over from an expired lease gets `verify_first`: its worker died
    mid-attempt, so the post may be live already. `in_flight` are deliveries this
    process is still attempting: never claimed again, whatever their lease says.
    """
    due = _due(now)
    if in_flight:
        due = and_(due, Delivery.id.not_in(sorted(in_flight)))
    picked: Any = claimable_in_due_order(now, limit=limit, in_flight=in_flight)
    if session.get_bind().dialect.name == "postgresql":
        # Locked and listed first: as a subquery of the UPDATE, PostgreSQL may run the
        # pick again for each row and claim more than `limit`.
        picked = list((await session.execute(picked)).scalars())
        if not picked:
            return []
    else:  # SQLite has one writer: one statement, no window between pick and update
        picked = picked.scalar_subquery()
    statement = (
        update(Delivery)
        .where(Delivery.id.in_(picked), due)
        .values(
            verify_first=case((Delivery.status == PUBLISHING, True), else_=Delivery.verify_first),
            status=PUBLISHING,
            lease_owner=owner,
            lease_expires_at=db_now_plus(lease_seconds),
            attempts=Delivery.attempts + 1,
            updated_at=now,
        )
        .returning(Delivery.id, Delivery.attempts)
        .execution_options(synchronize_session=False)
    )
    claimed = (await session.execute(statement)).all()
    return sorted(Lease(delivery_id, owner, attempt) for delivery_id, attempt in claimed)


async def update_leased(session: AsyncSession, lease: Lease, **values: Any) -> bool:
    """Change a delivery under `lease`; False when the lease was lost (or taken over)."""
    statement = (
        update(Delivery)
        .where(_held(lease))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0) == 1)


@dataclass(frozen=True)
class LeasedWrite:
    """A journal to store under a lease (None: only push the lease out)."""

    lease: Lease
    journal: dict[str, str] | None = None


async def write_leased(
    session: AsyncSession, writes: Sequence[LeasedWrite], *, lease_seconds: float, now: datetime
) -> set[Lease]:
    """Store many journals and push their leases out, in a few statements; returns the
    leases that held (the deliveries of the others are left untouched)."""
    query = select(Delivery.id, Delivery.status, Delivery.lease_owner, Delivery.attempts).where(
        Delivery.id.in_(sorted({write.lease.delivery_id for write in writes}))
    )
    current = {
        delivery_id: Lease(delivery_id, owner, attempt)
        for delivery_id, status, owner, attempt in await session.execute(query.with_for_update())
        if status == PUBLISHING
    }
    kept = [write for write in writes if current.get(write.lease.delivery_id) == write.lease]
    expires = db_now_plus(lease_seconds)
    journals = [
        {"b_id": write.lease.delivery_id, "journal": write.journal}
        for write in sorted(kept, key=lambda write: write.lease)
        if write.journal is not None
    ]
    if journals:
        statement = _WRITE_JOURNAL.values(lease_expires_at=expires, updated_at=now)
        await session.execute(statement, journals)
    renewed = sorted({write.lease.delivery_id for write in kept if write.journal is None})
    if renewed:
        statement = (
            update(Delivery)
            .where(Delivery.id.in_(renewed))
            .values(lease_expires_at=expires)
            .execution_options(synchronize_session=False)
        )
        await session.execute(statement)
    return {write.lease for write in kept}


async def renew_lease(session: AsyncSession, lease: Lease, lease_seconds: float) -> bool:
    """Push the lease's end `lease_seconds` past the database's now; False when lost."""
    return await update_leased(session, lease, lease_expires_at=db_now_plus(lease_seconds))


async def still_held(session: AsyncSession, leases: Sequence[Lease]) -> set[int]:
    """The deliveries among `leases` whose lease is unchanged, locked for this transaction."""
    if not leases:
        return set()
    wanted = {lease.delivery_id: lease for lease in leases}
    query = select(Delivery.id, Delivery.status, Delivery.lease_owner, Delivery.attempts).where(
        Delivery.id.in_(sorted(wanted))
    )
    held = set()
    for delivery_id, status, owner, attempt in await session.execute(query.with_for_update()):
        lease = wanted[delivery_id]
        if status == PUBLISHING and (owner, attempt) == (lease.owner, lease.attempt):
            held.add(delivery_id)
    return held


async def release(session: AsyncSession, lease: Lease, *, now: datetime) -> bool:
    """Give an untouched claim back: due again at once, as if it had not been claimed.

    Used at shutdown for attempts that had not started anything irreversible; the
    attempt number is not counted and nothing is to be verified.
    """
    return await update_leased(
        session,
        lease,
        status=PENDING,
        lease_owner=None,
        lease_expires_at=None,
        attempts=Delivery.attempts - 1,
        updated_at=now,
    )


async def postpone(session: AsyncSession, lease: Lease, *, due_at: datetime, now: datetime) -> bool:
    """Give a claim back until `due_at` without using an attempt (a daily limit refused it)."""
    return await update_leased(
        session,
        lease,
        status=PENDING,
        due_at=due_at,
        attempts=Delivery.attempts - 1,
        lease_owner=None,
        lease_expires_at=None,
        updated_at=now,
    )


async def move_status(
    session: AsyncSession,
    delivery_ids: Sequence[int],
    *,
    from_statuses: Sequence[str],
    **values: Any,
) -> list[int]:
    """Move deliveries that are still in one of `from_statuses`; returns the ids moved."""
    if not delivery_ids:
        return []
    statement = (
        update(Delivery)
        .where(Delivery.id.in_(delivery_ids), Delivery.status.in_(from_statuses))
        .values(**values)
        .returning(Delivery.id)
        .execution_options(synchronize_session=False)
    )
    return sorted((await session.execute(statement)).scalars())


async def mark_missed(session: AsyncSession, *, late_before: datetime, now: datetime) -> list[int]:
    """Pending deliveries due before `late_before` become missed; returns their post ids.

    One whose last attempt may have published is left for a worker to verify first.
    """
    statement = (
        update(Delivery)
        .where(
            Delivery.status == PENDING,
            Delivery.due_at < late_before,
            Delivery.verify_first.is_(False),
        )
        .values(status=MISSED, updated_at=now)
        .returning(Delivery.post_id)
        .execution_options(synchronize_session=False)
    )
    return sorted(set((await session.execute(statement)).scalars()))


async def next_wake(session: AsyncSession, now: datetime) -> datetime | None:
    """The earliest moment something becomes due: a pending delivery or an expiring lease.

    Leases run on the database's clock; the one that ends first is placed on the caller's
    clock by how long it has left.
    """
    due = await session.scalar(select(func.min(Delivery.due_at)).where(Delivery.status == PENDING))
    lease, db_time = (
        await session.execute(
            select(func.min(Delivery.lease_expires_at), db_now()).where(
                Delivery.status == PUBLISHING
            )
        )
    ).one()
    moments = [due] if due is not None else []
    if lease is not None and db_time is not None:
        moments.append(now + (_utc(lease) - _utc(db_time)))
    return min(moments) if moments else None


def _utc(moment: datetime | str) -> datetime:
    """A moment as the database gave it back; SQLite may hand back its text form."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


async def statuses_of_post(session: AsyncSession, post_id: int) -> list[str]:
    query = select(Delivery.status).where(Delivery.post_id == post_id)
    return list((await session.execute(query)).scalars())


async def claim_post_notice(
    session: AsyncSession, post_id: int, notice: str, now: datetime, *, set_status: bool = True
) -> bool:
    """Note, once, that the chat is owed `notice` about a post (and set its status).

    The caller writes the report into the chat outbox in the same transaction.
    """
    values: dict[str, Any] = {"notified_status": notice, "updated_at": now}
    if set_status:
        values["status"] = notice
    statement = (
        update(Post)
        .where(
            Post.id == post_id,
            or_(Post.notified_status.is_(None), Post.notified_status != notice),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(statement)
    return bool(getattr(result, "rowcount", 0) == 1)
