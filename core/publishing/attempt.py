"""One attempt at one delivery: verify when it may be live already, publish, and decide
what happens next. No database writes here except the journal (through `persist`), so
many attempts can run at once while their results are recorded together.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from core.clock import Clock
from core.publishers.base import (
    ErrorKind,
    Journal,
    Publication,
    Published,
    PublishError,
    TargetInfo,
)
from core.publishers.reasons import Reason
from core.publishing.jobs import Job
from core.publishing.journal_writer import JournalUnavailable
from core.publishing.registry import Publishers
from core.publishing.retry import RetryPolicy
from storage import deliveries as rows
from storage.media import MediaStore

log = logging.getLogger(__name__)

ACTIVE = "active"
STORY_LAYOUT = "story"  # a 9:16 image: Instagram takes it only as a story
HANDED_BACK = "handed_back"  # the journal could not be stored: due again, verified first
Persist = Callable[[Job, dict[str, str]], Awaitable[None]]
# Adds what a target's audience gets beyond the approved post (RSVP buttons, a counted
# ticket link): (post id, target, publication) -> the publication to send.
Extras = Callable[[int, TargetInfo, Publication], Awaitable[Publication]]


class LeaseLost(Exception):
    """Another worker took this delivery over; stop before doing anything irreversible."""


@dataclass
class Outcome:
    """The delivery's next state, and the word for the job log.

    An attempt handed back unfinished (a shutdown, a journal that could not be stored) is
    not `spent`: it gives its number back, so it does not count toward the attempts a
    delivery may use. Only attempts that ran to an answer do.
    """

    status: str
    label: str
    values: dict[str, Any] = field(default_factory=dict)
    error: PublishError | None = None
    spent: bool = True

    @property
    def final(self) -> bool:
        return self.status in rows.DONE_STATUSES


@dataclass(frozen=True)
class Finished:
    job: Job
    outcome: Outcome
    facts: dict[str, str]
    started: datetime
    duration_ms: int


class Attempts:
    def __init__(
        self,
        *,
        media: MediaStore,
        publishers: Publishers,
        clock: Clock,
        retry: RetryPolicy,
        grace_seconds: float,
        rng: random.Random,
        persist: Persist,
        extras: Extras | None = None,
    ) -> None:
        self._media = media
        self._extras = extras
        self._publishers = publishers
        self._clock = clock
        self._retry = retry
        self._grace = grace_seconds
        self._rng = rng
        self._persist = persist

    def journal_for(self, job: Job) -> Journal:
        """The job's journal, stored (with the lease renewed) whenever a fact is added."""

        async def persist(facts: dict[str, str]) -> None:
            await self._persist(job, facts)

        return Journal(dict(job.journal), persist=persist)

    async def run(self, job: Job, journal: Journal | None = None) -> Finished:
        started, clock_started = self._clock(), time.perf_counter()
        journal = journal if journal is not None else self.journal_for(job)
        try:
            outcome = await self._attempt(job, journal)
        except LeaseLost:
            outcome = Outcome(rows.PUBLISHING, "lease_lost")
        except JournalUnavailable:
            # A passing local problem, never the post's fault: whatever was sent may be
            # live, so the next attempt looks before it publishes.
            log.warning("delivery %s: journal not stored; handed back", job.delivery_id)
            outcome = Outcome(
                rows.PENDING,
                HANDED_BACK,
                {"due_at": self._clock(), "verify_first": True},
                spent=False,
            )
        except Exception:  # a bug must not take the worker down, nor publish twice
            log.exception("delivery %s: attempt crashed", job.delivery_id)
            error = PublishError(
                ErrorKind.UNKNOWN_OUTCOME,
                "internal error",
                code="internal",
                message_key=Reason.INTERNAL,
            )
            outcome = self._after_error(job, error)
        duration_ms = round((time.perf_counter() - clock_started) * 1000)
        return Finished(job, outcome, dict(journal.facts), started, duration_ms)

    async def _attempt(self, job: Job, journal: Journal) -> Outcome:
        if job.post_status == rows.CANCELLED:
            return Outcome(rows.CANCELLED, "cancelled")
        if job.target_status != ACTIVE or job.secret_unreadable:
            message = f"{job.target.name} is not connected any more."
            return _failed(
                PublishError(
                    ErrorKind.AUTH,
                    message,
                    code="target-disconnected",
                    message_key=Reason.TARGET_DISCONNECTED,
                    message_params={"target": job.target.name},
                )
            )
        if not job.image_sha256s:
            return _failed(
                PublishError(
                    ErrorKind.PERMANENT,
                    "the post has no image.",
                    code="no-image",
                    message_key=Reason.NO_IMAGE,
                )
            )
        try:
            publisher = self._publishers.create(job.target)
        except Exception:
            log.exception("delivery %s: could not set up %s", job.delivery_id, job.target.kind)
            message = f"the settings stored for {job.target.name} are not usable."
            return _failed(
                PublishError(
                    ErrorKind.AUTH,
                    message,
                    code="bad-target",
                    message_key=Reason.TARGET_SETTINGS,
                    message_params={"target": job.target.name},
                )
            )
        if publisher is None:
            message = f"this flyerbot is not set up to publish to {job.target.kind}."
            return _failed(
                PublishError(
                    ErrorKind.PERMANENT,
                    message,
                    code="no-publisher",
                    message_key=Reason.NO_PUBLISHER,
                    message_params={"kind": job.target.kind},
                )
            )
        publication = Publication(
            delivery_id=job.delivery_id,
            images=tuple(self._media.read(sha) for sha in job.image_sha256s),
            image_sha256s=job.image_sha256s,
            caption=job.caption,
            alt_text=job.alt_text,
            placement="story" if job.layout == STORY_LAYOUT else "feed",
        )
        publication = await self._with_extras(job, publication)
        if job.verify_first and (job.journal or job.last_error_kind == ErrorKind.UNKNOWN_OUTCOME):
            try:
                found = await publisher.verify(publication, journal)
            except PublishError as error:
                if error.kind is ErrorKind.UNKNOWN_OUTCOME:
                    return _failed(error)  # nobody can tell: the chat decides
                return self._after_error(job, error, verify_again=True)
            if found is not None:
                return self._published(found, "verified")
        if (self._clock() - job.due_at).total_seconds() > self._grace:
            return Outcome(rows.MISSED, "missed", {"verify_first": False})
        try:
            published = await publisher.publish(publication, journal)
        except PublishError as error:
            return self._after_error(job, error)
        return self._published(published, "published")

    async def _with_extras(self, job: Job, publication: Publication) -> Publication:
        """The extras, or the plain post when they cannot be had: the post matters more."""
        if self._extras is None:
            return publication
        try:
            return await self._extras(job.post_id, job.target, publication)
        except Exception:
            log.exception("delivery %s: extras left out", job.delivery_id)
            return publication

    def _published(self, published: Published, label: str) -> Outcome:
        values = {
            "external_id": published.external_id,
            "url": published.url,
            "published_at": self._clock(),
            "verify_first": False,
            "last_error_kind": None,
            "last_error_code": None,
            "last_error_message": None,
            "last_error_key": None,
            "last_error_params": None,
        }
        return Outcome(rows.PUBLISHED, label, values)

    def _after_error(self, job: Job, error: PublishError, *, verify_again: bool = False) -> Outcome:
        if not self._retry.should_retry(error, job.attempt):
            return _failed(error)
        delay = self._retry.delay(error, job.attempt, self._rng)
        values = {
            "due_at": self._clock() + delay,
            "verify_first": verify_again or error.kind is ErrorKind.UNKNOWN_OUTCOME,
            **error_values(error),
        }
        return Outcome(rows.PENDING, "retry", values, error)


def _failed(error: PublishError) -> Outcome:
    return Outcome(rows.FAILED, "failed", error_values(error), error)


def error_code(error: PublishError | None) -> str | None:
    return (error.code or "")[:80] or None if error is not None else None


def error_values(error: PublishError) -> dict[str, Any]:
    return {
        "last_error_kind": error.kind.value,
        "last_error_code": error_code(error),
        "last_error_message": error.user_message[:2000],
        "last_error_key": (error.message_key or "")[:80] or None,
        "last_error_params": _json_params(error) if error.message_key else None,
    }


def _json_params(error: PublishError) -> dict[str, Any]:
    """The params as JSON can store them: numbers and booleans stay, the rest is text."""
    return {
        str(name): value if isinstance(value, int | float | bool | None) else str(value)
        for name, value in error.message_params.items()
    }
