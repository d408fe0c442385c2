"""Old images go on a schedule: superseded previews after a week, published images after a month.

A preview replaced by another look is kept `superseded_previews` (7 days by default) in
case someone scrolls back to it, then its row and images go. A published post's images
are kept `published_images` (30 days) after publication, then its bytes go; the post row
stays, with the hashes of what went out, as the record. Bytes that anything still needs
are never removed: an event's photo, a chat's logo, posts not yet sent or published less
than a month ago, and the latest look of an event (what opening it shows) until every post
of the event is long published or was left out.

Files, and their S3 copies, are removed before the rows that name them, so a process
that dies halfway leaves rows behind that the next run finds again; nothing is forgotten.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.data_deletion import ObjectStore
from storage import deliveries as rows
from storage import image_retention as kept_images
from storage import media
from storage.media import MediaStore
from storage.statuses import CreativeStatus

log = logging.getLogger(__name__)

# Posts that will never be sent; any other post that is not long published needs its bytes.
_LEFT_OUT = (rows.CANCELLED, rows.SKIPPED)


@dataclass(frozen=True)
class Retention:
    superseded_previews: timedelta = timedelta(days=7)
    published_images: timedelta = timedelta(days=30)


@dataclass(frozen=True)
class CleanupReport:
    previews: int  # superseded preview rows removed
    files: int  # image files removed


class ImageCleanup:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        media: MediaStore,
        clock: Clock,
        retention: Retention,
        objects: ObjectStore | None = None,
    ) -> None:
        self._sessions = sessions
        self._media = media
        self._clock = clock
        self._retention = retention
        self._objects = objects

    async def run(self) -> CleanupReport:
        now = self._clock()
        async with self._sessions() as session:
            previews = await _old_superseded(session, now - self._retention.superseded_previews)
            published = await _long_published(session, now - self._retention.published_images)
            candidates = _flatten(hashes for _, hashes in previews) | _flatten(published)
            going = {creative for creative, _ in previews}
            kept = await _still_needed(session, going, now - self._retention.published_images)
        doomed = sorted(candidates - kept)
        for sha in doomed:
            if self._objects is not None:
                await self._objects.remove(sha)
            self._media.path_for(sha).unlink(missing_ok=True)
        async with self._sessions.begin() as session:
            if previews:
                ids = [creative for creative, _ in previews]
                await kept_images.delete_creatives(session, ids)
            if doomed:
                await media.forget_rows(session, doomed)
        report = CleanupReport(previews=len(previews), files=len(doomed))
        if doomed or previews:
            log.info("image cleanup: %s", report)
        return report


async def _old_superseded(session: AsyncSession, before: datetime) -> list[tuple[int, list[str]]]:
    return await kept_images.previews_created_before(session, CreativeStatus.SUPERSEDED, before)


async def _long_published(session: AsyncSession, before: datetime) -> list[list[str]]:
    return await kept_images.post_images_settled_before(session, rows.PUBLISHED, before)


async def _still_needed(session: AsyncSession, going: set[int], before: datetime) -> set[str]:
    """Every hash a row that stays may still read (`before`: the published-images cutoff)."""
    needed = set(await kept_images.photo_and_logo_hashes(session))
    finished: dict[int, bool] = {}  # event -> every post of it is long done
    for event_id, status, updated_at, hashes in await kept_images.post_images(session):
        done = status in _LEFT_OUT or (status == rows.PUBLISHED and updated_at < before)
        finished[event_id] = finished.get(event_id, True) and done
        if not done:
            needed.update(hashes or ())
    # The look an event shows when opened again: kept until all its posts are long done.
    for creative_id, event_id, hashes in await kept_images.latest_looks(session):
        if creative_id not in going and not finished.get(event_id, False):
            needed.update(hashes or ())
    return needed


def _flatten(lists: Iterable[list[str]]) -> set[str]:
    return {sha for hashes in lists for sha in hashes}
