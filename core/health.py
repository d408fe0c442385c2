"""What `/healthz` and `/metrics` say: is this process able to work, and how is the queue.

The database is checked with a round trip; the scheduler only where this process runs
one (a frontend-only process has none, and that is healthy).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from core.app import App
from core.metrics import gauge
from storage import stats

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Health:
    database: bool
    scheduler: bool | None  # None: this process runs no scheduler

    @property
    def ok(self) -> bool:
        return self.database and self.scheduler is not False

    def as_json(self) -> dict[str, Any]:
        scheduler = "not run here" if self.scheduler is None else _word(self.scheduler)
        return {
            "status": "ok" if self.ok else "failing",
            "database": _word(self.database),
            "scheduler": scheduler,
        }


def _word(alive: bool) -> str:
    return "ok" if alive else "failing"


async def check(app: App) -> Health:
    try:
        async with app.sessions() as session:
            await stats.ping(session)
        database = True
    except Exception as error:  # the reason goes to the log; the URL never does
        log.warning("health check: database unreachable (%s)", type(error).__name__)
        database = False
    scheduler = app.publishing.scheduler
    return Health(database, None if scheduler is None else scheduler.alive())


async def metrics_text(app: App) -> str:
    async with app.sessions() as session:
        deliveries = await stats.deliveries_by_status(session)
        attempts = await stats.attempts_by_outcome(session)
        depth = await stats.queue_depth(session, app.clock())
    return app.metrics.render(
        [
            gauge(
                "flyerbot_deliveries",
                "Deliveries in the database by status.",
                deliveries,
                label="status",
            ),
            gauge(
                "flyerbot_publish_attempts_total",
                "Publish attempts in the job log by outcome.",
                attempts,
                label="outcome",
                kind="counter",
            ),
            gauge(
                "flyerbot_queue_depth",
                "Deliveries due now and not yet claimed by a worker.",
                {"due": depth},
                label="queue",
            ),
        ]
    )
