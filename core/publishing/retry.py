"""When to try again: exponential backoff with jitter, bounded by a number of attempts."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from core.publishers.base import ErrorKind, PublishError

RETRYABLE = frozenset({ErrorKind.TRANSIENT, ErrorKind.RATE_LIMITED, ErrorKind.UNKNOWN_OUTCOME})


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 4
    base_seconds: float = 30.0
    cap_seconds: float = 30 * 60.0

    def should_retry(self, error: PublishError, attempt: int) -> bool:
        return error.kind in RETRYABLE and attempt < self.max_attempts

    def delay(self, error: PublishError, attempt: int, rng: random.Random) -> timedelta:
        """The platform's own window when it named one; otherwise backoff with jitter.

        Jitter keeps many deliveries that failed together (a platform outage) from all
        coming back in the same second.
        """
        if error.kind is ErrorKind.RATE_LIMITED and error.retry_after is not None:
            return timedelta(seconds=error.retry_after + rng.uniform(0, 1))
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** max(0, attempt - 1))
        return timedelta(seconds=ceiling * rng.uniform(0.5, 1.0))
