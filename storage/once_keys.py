"""Once-keys: a post that must exist at most once claims its key in the same transaction.

The claim is an INSERT that does nothing on a conflict (SQLite and PostgreSQL both have
it), so a race between two presses ends with one post and one "already" answer, never
with an error or a second post. A key is given back when its post is cancelled or
skipped, so the same image can be sent again on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PostOnceKey


async def holder(session: AsyncSession, key: str) -> int | None:
    """The post holding `key`, if any."""
    return await session.scalar(select(PostOnceKey.post_id).where(PostOnceKey.key == key))


async def claim(session: AsyncSession, key: str, post_id: int) -> int | None:
    """Give `key` to `post_id`; returns None when it did, else the post that holds it."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(PostOnceKey)
        .values(key=key, post_id=post_id)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    result = await session.execute(statement)
    if getattr(result, "rowcount", 0) == 1:
        return None
    return await holder(session, key)


async def release(session: AsyncSession, post_ids: Sequence[int]) -> None:
    """These posts will not go out: their keys are free again."""
    if post_ids:
        await session.execute(delete(PostOnceKey).where(PostOnceKey.post_id.in_(post_ids)))
