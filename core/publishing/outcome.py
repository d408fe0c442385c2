"""A post's status from its deliveries' statuses: done, partly done, or waiting on the chat."""

from __future__ import annotations

from collections.abc import Iterable

from storage.deliveries import (
    CANCELLED,
    FAILED,
    MISSED,
    OPEN_STATUSES,
    PUBLISHED,
    SKIPPED,
)

PARTIAL = "partial"
DEFERRED = "deferred"  # a notice only: the daily post limit moved the post to tomorrow
TOLD = frozenset({PUBLISHED, PARTIAL, FAILED, MISSED})  # the statuses the chat hears about


def post_status(delivery_statuses: Iterable[str]) -> str | None:
    """None while any delivery is still open (or there are none)."""
    statuses = list(delivery_statuses)
    if not statuses or any(status in OPEN_STATUSES for status in statuses):
        return None
    live = [status for status in statuses if status not in (CANCELLED, SKIPPED)]
    if not live:
        return SKIPPED if SKIPPED in statuses else CANCELLED
    if MISSED in live:
        return MISSED
    published = live.count(PUBLISHED)
    if published == len(live):
        return PUBLISHED
    return PARTIAL if published else FAILED
