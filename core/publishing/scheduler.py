"""APScheduler 3 wakes the dispatcher; the deliveries table decides what is due.

Two jobs: a date job at the next moment something becomes due (one id, replaced each
time) and a short interval sweep as a safety net (another process added work, a wake-up
was lost). At start the wake-up is rebuilt from the table, so a restart needs no state.
That first run goes on in the background: a backlog of thousands of due deliveries must
not keep the rest of the process (health endpoint, chat frontends) from starting.
APScheduler runs on wall-clock time; the app clock may be shifted (the console's
`/clock`), so the next wake-up is placed by its distance from the app's "now".
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import UTC, datetime, timedelta

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from core.clock import Clock
from core.publishing.dispatcher import Dispatcher

log = logging.getLogger(__name__)

NEXT_JOB, SWEEP_JOB = "flyerbot-publish-next", "flyerbot-publish-sweep"


class PublishingScheduler:
    def __init__(self, dispatcher: Dispatcher, *, clock: Clock, sweep_seconds: float = 30) -> None:
        self._dispatcher = dispatcher
        self._clock = clock
        self._sweep_seconds = sweep_seconds
        self._scheduler = AsyncIOScheduler(
            timezone=UTC,
            # Late is better than never: a busy loop must not silently drop a wake-up.
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
        self._running = asyncio.Lock()
        self._again = False
        self._stopped = False
        self._last_run_at: float | None = None  # time.monotonic() when a run last ended
        self._first: asyncio.Task[None] | None = None  # the run `start` began

    async def start(self) -> None:
        """Start the jobs, and begin publishing what is due (then plan the next wake-up)
        without waiting for it: `run_now` waits for that first run."""
        self._scheduler.add_job(
            self.wake, "interval", seconds=self._sweep_seconds, id=SWEEP_JOB, replace_existing=True
        )
        self._scheduler.start()
        self._first = asyncio.create_task(self._first_run(), name="flyerbot-publish-first")

    async def _first_run(self) -> None:
        try:
            await self.wake()
        except Exception:  # planning failed: the sweep runs again soon
            log.exception("first publishing run failed; the sweep will try again")

    async def stop(self) -> None:
        """Stop waking, and wait for a run under way: the app may close the database next."""
        self._stopped = True
        await self._first_done()
        async with self._running:  # shutting APScheduler down would cancel that run
            if self._scheduler.running:
                self._scheduler.shutdown(wait=False)

    async def _first_done(self) -> None:
        """Wait for the first run; a caller cancelled meanwhile leaves it running."""
        if self._first is not None and not self._first.done():
            await asyncio.wait({self._first})

    async def wake(self) -> None:
        """Run the dispatcher; a wake-up asked for meanwhile runs it once more."""
        if self._stopped:
            return
        if self._running.locked():
            self._again = True
            return
        async with self._running:
            self._again = False
            await self._run_logged()
            await self._settle()

    async def run_now(self) -> None:
        """Like `wake`, but waits for a run already under way (the first run, too) and then
        runs once more."""
        await self._first_done()
        async with self._running:
            self._again = False
            await self._dispatcher.run_due()
            self._last_run_at = time.monotonic()
            await self._settle()

    async def _run_logged(self) -> None:
        try:
            await self._dispatcher.run_due()
        except Exception:
            log.exception("publishing run failed; the sweep will try again")
        self._last_run_at = time.monotonic()

    async def _settle(self) -> None:
        """Plan the next wake-up, first running again while wake-ups arrive: one that comes
        during a run, or during the planning itself, is never dropped."""
        while not self._stopped:
            if self._again:
                self._again = False
                await self._run_logged()
                continue
            await self.plan_next()
            if not self._again:
                return

    async def plan_next(self) -> datetime | None:
        """Put the date job at the next due moment (or remove it); returns that moment."""
        moment = await self._dispatcher.next_wake()
        if moment is None:
            with contextlib.suppress(JobLookupError):
                self._scheduler.remove_job(NEXT_JOB)
            return None
        delay = max(0.0, (moment - self._clock()).total_seconds())
        self._scheduler.add_job(
            self.wake,
            "date",
            run_date=datetime.now(UTC) + timedelta(seconds=delay),
            id=NEXT_JOB,
            replace_existing=True,
        )
        return moment

    def poke(self) -> None:
        """Something new may be due now (a post was scheduled or retried): wake up soon."""
        if self._running.locked():
            self._again = True
        elif self._scheduler.running:
            self._scheduler.add_job(
                self.wake, "date", run_date=datetime.now(UTC), id=NEXT_JOB, replace_existing=True
            )

    def alive(self) -> bool:
        """Running, and either busy now (the first run counts from `start` on) or done with
        a run within three sweep periods."""
        if self._stopped or not self._scheduler.running:
            return False
        if self._running.locked() or (self._first is not None and not self._first.done()):
            return True
        last = self._last_run_at
        return last is not None and time.monotonic() - last <= 3 * self._sweep_seconds

    def next_run_time(self) -> datetime | None:
        """When the date job will fire (wall-clock time), for tests and status lines."""
        job = self._scheduler.get_job(NEXT_JOB)
        return job.next_run_time if job is not None else None
