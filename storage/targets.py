"""Target rows: the places a workspace publishes to, looked up by address, status or kind."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Target


async def target_at(
    session: AsyncSession, workspace_id: int, kind: str, address: str
) -> Target | None:
    """The workspace's target of this kind at this address, whatever its status."""
    query = select(Target).where(
        Target.workspace_id == workspace_id, Target.kind == kind, Target.address == address
    )
    return (await session.execute(query)).scalar_one_or_none()


async def targets_in(
    session: AsyncSession, workspace_id: int, statuses: Sequence[str]
) -> list[Target]:
    """The workspace's targets in these statuses, oldest first."""
    query = (
        select(Target)
        .where(Target.workspace_id == workspace_id, Target.status.in_(statuses))
        .order_by(Target.id)
    )
    return list((await session.execute(query)).scalars())


async def ids_with_secrets(session: AsyncSession) -> list[int]:
    """Every target that holds a sealed secret, in id order."""
    query = select(Target.id).where(Target.credentials_encrypted.is_not(None)).order_by(Target.id)
    return list((await session.execute(query)).scalars())


async def ids_of_kind(session: AsyncSession, kind: str, status: str) -> list[int]:
    """Every target of one kind in one status, across workspaces."""
    query = select(Target.id).where(Target.kind == kind, Target.status == status)
    return list((await session.execute(query)).scalars())


async def any_of_kind(session: AsyncSession, kind: str, status: str) -> bool:
    """Whether any workspace has a target of this kind in this status (one row read)."""
    query = select(Target.id).where(Target.kind == kind, Target.status == status).limit(1)
    return (await session.execute(query)).first() is not None


async def targets_by_id(session: AsyncSession, ids: Collection[int]) -> dict[int, Target]:
    """Id -> target, for those of `ids` that exist; no query for no ids."""
    if not ids:
        return {}
    rows = await session.execute(select(Target).where(Target.id.in_(ids)))
    return {target.id: target for target in rows.scalars()}


async def targets_of_workspaces(
    session: AsyncSession, workspace_ids: Sequence[int]
) -> list[Target]:
    query = select(Target).where(Target.workspace_id.in_(workspace_ids)).order_by(Target.id)
    return list((await session.execute(query)).scalars())


async def change_status_if(
    session: AsyncSession, target_id: int, *, current: str, new: str, now: datetime
) -> None:
    """Move the target from `current` to `new`; a target in another status stays as it is."""
    await session.execute(
        update(Target)
        .where(Target.id == target_id, Target.status == current)
        .values(status=new, updated_at=now)
    )
