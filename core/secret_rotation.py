"""Re-sealing every stored secret with the current SECRET_KEY, bound to its row.

`flyerbot rotate-key` runs it after a new SECRET_KEY is set and the old one moved to
PREVIOUS_SECRET_KEYS; the database migration that bound secrets to their rows runs the
same re-seal on each row. Each row is its own short transaction, so an interrupted run
is simply run again: rows already current are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.crypto import DecryptionError, TokenCipher
from core.targets.store import secret_binding
from storage import targets as target_rows
from storage.models import Target


@dataclass
class RotationReport:
    resealed: int = 0
    current: int = 0  # already sealed by the current key and bound
    unreadable: list[int] = field(default_factory=list)  # target ids no configured key opens


def resealer(cipher: TokenCipher) -> Callable[[int, str], str]:
    """(target id, stored ciphertext) -> the same secret sealed now and bound to the target."""

    def reseal(target_id: int, sealed: str) -> str:
        return cipher.reseal(sealed, bound_to=secret_binding(target_id))

    return reseal


async def reseal_all(
    sessions: async_sessionmaker[AsyncSession], cipher: TokenCipher
) -> RotationReport:
    report = RotationReport()
    async with sessions() as session:
        target_ids = await target_rows.ids_with_secrets(session)
    reseal = resealer(cipher)
    for target_id in target_ids:
        async with sessions.begin() as session:
            target = await session.get(Target, target_id)
            if target is None or not target.credentials_encrypted:
                continue
            if not cipher.needs_reseal(target.credentials_encrypted):
                report.current += 1
                continue
            try:
                target.credentials_encrypted = reseal(target_id, target.credentials_encrypted)
            except DecryptionError:
                report.unreadable.append(target_id)
                continue
            report.resealed += 1
    return report
