"""What this process last read of each account's publishing quota, and what it posted since.

Reading `content_publishing_limit` before every post costs a Graph call per post, and
every call counts against the app's call-rate allowance. A recent reading with room to
spare answers just as well: usage only falls as old posts leave the rolling window, so
the reading plus this process's own posts since is an upper bound, except for posts made
elsewhere (another worker, another app). Those are covered by keeping a margin and by
re-reading after a few minutes; and Meta's refusal at `media_publish` (9/2207042) stays
the final word, which drops the reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from core.publishers.instagram_quota import Quota

MAX_AGE = timedelta(minutes=5)
MARGIN = 5  # posts others may have made since the reading


@dataclass
class _Reading:
    quota: Quota
    read_at: datetime
    posted_since: int = 0


class QuotaMemory:
    """Per IG user id: the last quota reading this process trusts, if any."""

    def __init__(self, *, max_age: timedelta = MAX_AGE, margin: int = MARGIN) -> None:
        self._max_age = max_age
        self._margin = margin
        self._readings: dict[str, _Reading] = {}

    def has_room(self, account: str, now: datetime) -> bool:
        """True when a fresh reading leaves room for this post and the margin."""
        reading = self._readings.get(account)
        if reading is None or not timedelta(0) <= now - reading.read_at < self._max_age:
            return False
        used = reading.quota.usage + reading.posted_since
        return used + self._margin < reading.quota.total

    def remember(self, account: str, quota: Quota, now: datetime) -> None:
        self._readings[account] = _Reading(quota, now)

    def posted(self, account: str) -> None:
        if reading := self._readings.get(account):
            reading.posted_since += 1

    def forget(self, account: str) -> None:
        self._readings.pop(account, None)
