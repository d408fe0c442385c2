"""Target rows: connect (insert or reactivate), list, remove. Secrets are sealed at rest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import TokenCipher
from core.targets.checks import SANDBOX
from core.targets.ports import CheckedTarget
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
    query = select(Target).where(
        Target.workspace_id == workspace_id,
        Target.kind == checked.kind,
        Target.address == checked.address,
    )
    target = (await session.execute(query)).scalar_one_or_none()
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
    query = (
        select(Target)
        .where(Target.workspace_id == workspace_id, Target.status.in_(statuses))
        .order_by(Target.id)
    )
    return list((await session.execute(query)).scalars())


async def ensure_sandbox(session: AsyncSession, workspace_id: int, now: datetime) -> Target:
    """The sandbox target, for places (the console) where it is the natural default."""
    checked = CheckedTarget(SANDBOX, "outbox", "sandbox (DATA_DIR/outbox)")
    query = select(Target).where(
        Target.workspace_id == workspace_id, Target.kind == SANDBOX, Target.address == "outbox"
    )
    existing = (await session.execute(query)).scalar_one_or_none()
    if existing is not None and existing.status == ACTIVE:
        return existing
    target = existing or Target(
        workspace_id=workspace_id, kind=SANDBOX, address="outbox", created_at=now
    )
    target.name, target.config, target.status, target.updated_at = checked.name, {}, ACTIVE, now
    session.add(target)
    await session.flush()
    return target
