"""Recording finished attempts in one transaction per batch (a group commit).

SQLite has one writer, so recording each attempt on its own would make the database the
bottleneck. A batch locks its posts first (in id order, FOR UPDATE on PostgreSQL), keeps
only the deliveries whose lease this worker still holds, writes their new state and the
job-log rows, then settles the posts whose deliveries are all done: whoever records the
last delivery of a post sees every other one, and owes the chat its notice exactly once,
in the same transaction (the chat outbox then sends it at least once).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core import limits
from core.limits import Usage
from core.publishers.base import ErrorKind
from core.publishing import post_reports
from core.publishing.attempt import Finished, error_code
from core.publishing.outcome import TOLD, post_status
from storage import deliveries as rows
from storage import recording, targets

NEEDS_RECONNECT = "needs_reconnect"


@dataclass
class Recorded:
    kept: list[Finished] = field(default_factory=list)
    notices: list[tuple[int, str]] = field(default_factory=list)  # (post, notice)


async def record(
    session: AsyncSession, batch: Sequence[Finished], *, owner: str, now: datetime
) -> Recorded:
    recorded = Recorded()
    await lock_posts(session, {item.job.post_id for item in batch})
    candidates = [
        rows.Lease(item.job.delivery_id, owner, item.job.attempt)
        for item in batch
        if item.outcome.label != "lease_lost"
    ]
    held = await rows.still_held(session, candidates)
    updates = []
    for item in batch:
        if item.job.delivery_id in held:
            recorded.kept.append(item)
            updates.append(_row(item, now))
    await recording.update_deliveries(session, updates)
    logs = [_log_row(item, owner, item.job.delivery_id in held) for item in batch]
    await recording.log_attempts(session, logs)
    for item in recorded.kept:
        await _side_effects(session, item, now)
    finals = {item.job.post_id for item in recorded.kept if item.outcome.final}
    recorded.notices = await settle(session, finals, now)
    return recorded


async def lock_posts(session: AsyncSession, post_ids: set[int]) -> None:
    """Serialise the settling of these posts (no-op on SQLite, which has one writer)."""
    await recording.lock_posts(session, post_ids)


async def settle(session: AsyncSession, post_ids: set[int], now: datetime) -> list[tuple[int, str]]:
    """Give posts whose deliveries are all done their status, and owe their chats a notice."""
    if not post_ids:
        return []
    statuses: dict[int, list[str]] = defaultdict(list)
    for post_id, delivery_status in await recording.delivery_statuses(session, post_ids):
        statuses[post_id].append(delivery_status)
    current = await recording.post_statuses(session, post_ids)
    notices: list[tuple[int, str]] = []
    changes: list[dict[str, Any]] = []
    for post_id, (status_now, told) in sorted(current.items()):
        status = post_status(statuses.get(post_id, []))
        if status is None:
            continue
        if status in TOLD and told != status:
            told = status
            notices.append((post_id, status))
        elif status == status_now:
            continue
        changes.append(
            {"b_id": post_id, "status": status, "notified_status": told, "updated_at": now}
        )
    await recording.update_posts(session, changes)
    await post_reports.owe(session, notices, now)
    return notices


def _row(item: Finished, now: datetime) -> dict[str, Any]:
    """Every column a recorded attempt may set, so all rows share one UPDATE statement."""
    job, outcome = item.job, item.outcome
    refund = _refund(item)
    row: dict[str, Any] = {
        "b_id": job.delivery_id,
        "status": outcome.status,
        # The claim counted this attempt; one handed back unfinished gives it back.
        "attempts": job.attempt if outcome.spent else job.attempt - 1,
        "lease_owner": None,
        "lease_expires_at": None,
        "updated_at": now,
        "journal": item.facts,
        "due_at": job.due_at,
        "verify_first": job.verify_first,
        "counted_on": None if refund else job.counted_on,
        "external_id": None,
        "url": None,
        "published_at": None,
        "last_error_kind": job.last_error_kind,
        "last_error_code": None,
        "last_error_message": None,
        "last_error_key": None,
        "last_error_params": None,
    }
    row.update(outcome.values)
    return row


def _refund(item: Finished) -> date | None:
    """The day whose unit comes back: the post was counted but did not go out."""
    outcome = item.outcome
    if outcome.final and outcome.status != rows.PUBLISHED:
        return item.job.counted_on
    return None


async def _side_effects(session: AsyncSession, item: Finished, now: datetime) -> None:
    day = _refund(item)
    if day is not None:
        await limits.give_back(session, Usage.POST, workspace_id=item.job.workspace_id, day=day)
    error = item.outcome.error
    if error is not None and error.kind is ErrorKind.AUTH:
        await targets.change_status_if(
            session, item.job.target.id, current="active", new=NEEDS_RECONNECT, now=now
        )


def _log_row(item: Finished, owner: str, kept: bool) -> dict[str, Any]:
    error = item.outcome.error
    return {
        "delivery_id": item.job.delivery_id,
        "target_id": item.job.target.id,
        "number": item.job.attempt,
        "worker": owner[:64],
        "started_at": item.started,
        "duration_ms": item.duration_ms,
        "outcome": item.outcome.label if kept else "lease_lost",
        "error_kind": error.kind.value if error else None,
        "error_code": error_code(error),
    }
