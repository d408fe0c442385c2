"""The rolling publishing quota: is there room for one more post, and if not, when.

Meta's pages disagree on the size of the quota (50 or 100 posts per 24 h), so the size
and the window are always read from `content_publishing_limit`, never assumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

DEFAULT_WINDOW = 86400.0
MIN_WAIT = 60.0


@dataclass(frozen=True)
class Quota:
    usage: int
    total: int
    window: float  # seconds

    @property
    def exhausted(self) -> bool:
        return self.usage >= self.total


def parse_quota(body: Any) -> Quota | None:
    """The quota from a content_publishing_limit answer, or None if it says nothing usable."""
    try:
        entry = body["data"][0]
        config = entry["config"]
        return Quota(
            usage=int(entry["quota_usage"]),
            total=int(config["quota_total"]),
            window=float(config.get("quota_duration") or DEFAULT_WINDOW),
        )
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def seconds_until_room(quota: Quota, post_times: Sequence[datetime], now: datetime) -> float:
    """When the oldest posts leave the rolling window far enough to allow one more.

    `post_times` are the account's recent posts as Instagram lists them. When they do not
    account for the whole usage (stories and deleted posts are not listed), the only safe
    answer is a full window.
    """
    needed = quota.usage - quota.total + 1
    in_window = sorted(t for t in post_times if (now - t).total_seconds() < quota.window)
    if needed <= 0:
        return 0.0
    if len(in_window) < quota.usage:
        return quota.window
    frees_at = (in_window[needed - 1] - now).total_seconds() + quota.window
    return min(quota.window, max(MIN_WAIT, frees_at))
