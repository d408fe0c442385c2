"""The rolling publishing quota: is there room for one more post, and if not, when.

Meta's pages disagree on the size of the quota (50 or 100 posts per 24 h), so the size
and the window are always read from `content_publishing_limit`, never assumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from core.publishers.base import ErrorKind, PublishError
from core.publishers.instagram_errors import GraphError
from core.publishers.instagram_http import GraphApi, items
from core.publishers.instagram_recovery import parse_timestamp
from core.publishers.reasons import Reason

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


async def read_quota(api: GraphApi, ig_user_id: str) -> Quota | None:
    body = await api.get(
        f"/{ig_user_id}/content_publishing_limit", {"fields": "quota_usage,config"}
    )
    return parse_quota(body)


async def quota_error(
    api: GraphApi, ig_user_id: str, now: datetime, quota: Quota | None = None
) -> PublishError:
    """RATE_LIMITED until the window has room, judged from the account's recent posts."""
    try:
        quota = quota or await read_quota(api, ig_user_id)
        if quota is None:
            raise LookupError("no quota in the answer")
        since = now - timedelta(seconds=quota.window)
        body = await api.get(
            f"/{ig_user_id}/media",
            {"fields": "id,timestamp", "since": str(int(since.timestamp())), "limit": "100"},
        )
        stamps = [parse_timestamp(str(item.get("timestamp", ""))) for item in items(body)]
        wait = max(MIN_WAIT, seconds_until_room(quota, [t for t in stamps if t], now))
    except (GraphError, PublishError, LookupError):
        wait = quota.window if quota is not None else DEFAULT_WINDOW
    allowance = f"{quota.total} posts per {_duration(quota.window)}" if quota else "posts per day"
    minutes = max(1, round(wait / 60))
    key, params = Reason.IG_QUOTA_MINUTES, {"minutes": minutes}
    if minutes >= 90:
        key, params = Reason.IG_QUOTA_HOURS, {"hours": round(minutes / 60)}
    return PublishError(
        ErrorKind.RATE_LIMITED,
        f"This Instagram account has used its publishing allowance ({allowance}). flyerbot "
        f"will post in about {_duration(wait)}.",
        code="9/2207042",
        retry_after=wait,
        message_key=key,
        message_params=params,
    )


def _duration(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    if minutes < 90:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{round(minutes / 60)} hours"
