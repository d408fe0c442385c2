"""`flyerbot run` starter for the job that refreshes Instagram-Login tokens.

APScheduler calls it at start and then every few hours; what is due is decided from the
targets' stored dates (core/targets/token_refresh.py), so a restart loses nothing.
"""

from __future__ import annotations

import logging
from contextlib import AsyncExitStack
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from core.app import App
from core.crypto import TokenCipher
from core.targets.token_refresh import TokenRefresher

log = logging.getLogger(__name__)

EVERY_HOURS = 6
JOB_ID = "flyerbot-instagram-token-refresh"


async def start_token_refresh(app: App, stack: AsyncExitStack) -> str | None:
    settings = app.settings
    refresher = TokenRefresher(
        sessions=app.sessions,
        http=app.publishing.http,
        cipher=TokenCipher(settings.resolved_secret_key, settings.resolved_previous_secret_keys),
        clock=app.clock,
        login_url=settings.instagram_login_url,
    )

    async def job() -> None:
        try:
            report = await refresher.run()
        except Exception:
            log.exception("instagram token refresh failed; it runs again later")
            return
        if report.refreshed or report.disconnected or report.failed:
            log.info("instagram tokens: %s", report)

    scheduler = AsyncIOScheduler(
        timezone=UTC, job_defaults={"misfire_grace_time": None, "coalesce": True}
    )
    scheduler.add_job(
        job, "interval", hours=EVERY_HOURS, id=JOB_ID, next_run_time=datetime.now(UTC)
    )
    scheduler.start()
    stack.callback(scheduler.shutdown, wait=False)
    return f"instagram token refresh: every {EVERY_HOURS} h"
