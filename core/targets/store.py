"""Target rows: connect (insert or reactivate), list, remove. Secrets are sealed at rest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import TokenCipher
from core.targets.checks import SANDBOX
from core.targets.ports import CheckedTarget
from storage import targets as target_rows
from storage.models import Target

ACTIVE, NEEDS_RECONNECT, REMOVED = "active", "needs_reconnect", "removed"


async def connect(
    session: AsyncSession,
    workspace_id: int,
    checked: CheckedTarget,
    *,
    cipher: TokenCipher,
    now: datetime,
) -> Target:
    """Keep the target, or bring an earlier one with the same address back to life."""
    target = await target_rows.target_at(session, workspace_id, checked.kind, checked.address)
    if target is None:
        target = Target(
            workspace_id=workspace_id,
            kind=checked.kind,
            address=checked.address,
            created_at=now,
        )
        session.add(target)
    target.name = checked.name
    target.config = dict(checked.config)
    target.status = ACTIVE
    target.updated_at = now
    await session.flush()  # the id, which the secret is bound to
    target.credentials_encrypted = (
        cipher.encrypt(checked.secret, bound_to=secret_binding(target.id))
        if checked.secret
        else None
    )
    await session.flush()
    return target


def secret_binding(target_id: int) -> str:
    """What a target's sealed secret is bound to: it opens in this row only."""
    return f"targets/{target_id}"


async def targets_of(
    session: AsyncSession, workspace_id: int, *, statuses: tuple[str, ...] = (ACTIVE,)
) -> list[Target]:
    return await target_rows.targets_in(session, workspace_id, statuses)


async def ensure_sandbox(session: AsyncSession, workspace_id: int, now: datetime) -> Target:
    """The sandbox target, for places (the console) where it is the natural default."""
    checked = CheckedTarget(SANDBOX, "outbox", "sandbox (DATA_DIR/outbox)")
    existing = await target_rows.target_at(session, workspace_id, SANDBOX, "outbox")
    if existing is not None and existing.status == ACTIVE:
        return existing
    target = existing or Target(
        workspace_id=workspace_id, kind=SANDBOX, address="outbox", created_at=now
    )
    target.name, target.config, target.status, target.updated_at = checked.name, {}, ACTIVE, now
    session.add(target)
    await session.flush()
    return target
