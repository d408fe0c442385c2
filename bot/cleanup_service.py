"""`flyerbot run` starter for the daily image cleanup (core/retention.py).

APScheduler runs it at start and then once a day; what is old is decided from the rows'
own dates, so a restart or a missed day loses nothing.
"""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from core.app import App
from core.media_hosting.s3_host import s3_image_host_from
from core.retention import ImageCleanup, Retention

log = logging.getLogger(__name__)

JOB_ID = "flyerbot-image-cleanup"


def image_cleanup(app: App) -> ImageCleanup:
    settings = app.settings
    return ImageCleanup(
        sessions=app.sessions,
        media=app.media,
        clock=app.clock,
        retention=Retention(
            superseded_previews=timedelta(days=settings.preview_retention_days),
            published_images=timedelta(days=settings.published_image_retention_days),
        ),
        objects=s3_image_host_from(settings, app.publishing.http, app.clock),
    )


async def start_image_cleanup(app: App, stack: AsyncExitStack) -> str | None:
    cleanup = image_cleanup(app)

    async def job() -> None:
        try:
            await cleanup.run()
        except Exception:
            log.exception("image cleanup failed; it runs again tomorrow")

    scheduler = AsyncIOScheduler(
        timezone=UTC, job_defaults={"misfire_grace_time": None, "coalesce": True}
    )
    scheduler.add_job(job, "interval", days=1, id=JOB_ID, next_run_time=datetime.now(UTC))
    scheduler.start()
    stack.callback(scheduler.shutdown, wait=False)
    days = (app.settings.preview_retention_days, app.settings.published_image_retention_days)
    return "image cleanup: daily (superseded previews after {} d, published after {} d)".format(
        *days
    )
