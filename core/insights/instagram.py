"""Reading Instagram insights of one post or one account through the Graph API.

Meta answers code 100 for the whole request when one metric does not apply to this
media, so on a 100 the metrics are asked one by one and the refused ones are left out
(and remembered, so the next reading does not ask again). An empty `data` list means
Meta has no numbers yet: every metric is recorded as "no data", never as zero. A post
deleted on Instagram answers 100 with subcode 33.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from core.insights.metrics import ACCOUNT_METRICS, FEED_METRICS, FOLLOWERS, STORY_METRICS
from core.publishers.instagram_errors import GraphError, as_publish_error
from core.publishers.instagram_http import GraphApi, items

INVALID_PARAMETER = 100
NO_SUCH_OBJECT = 33

Values = dict[str, int | None]


class MediaGone(Exception):
    """The post no longer exists on Instagram (deleted by its owner)."""


class InstagramInsights:
    """Insights of one account's posts.

    `refused` remembers (is_story, metric) pairs Meta would not give for this account, so
    one refused metric costs extra calls once, not on every reading.
    """

    def __init__(self, api: GraphApi, *, refused: set[tuple[bool, str]] | None = None) -> None:
        self._api = api
        self.refused = refused if refused is not None else set()

    async def media(self, media_id: str, *, story: bool) -> Values:
        """The lifetime values of a post's metrics; raises MediaGone or PublishError."""
        metrics = STORY_METRICS if story else FEED_METRICS
        wanted = [m for m in metrics if (story, m) not in self.refused]
        try:
            return await self._ask(media_id, wanted)
        except GraphError as error:
            if _gone(error):
                raise MediaGone(media_id) from None
            if error.code != INVALID_PARAMETER:
                raise as_publish_error(error) from None
        return await self._one_by_one(media_id, wanted, story=story)

    async def account(self, ig_user_id: str, *, day_end: datetime) -> Values:
        """Followers now, and the account's reach and views over the day ending `day_end`."""
        try:
            user = await self._api.get(f"/{ig_user_id}", {"fields": "followers_count"})
            since = day_end - timedelta(days=1)
            body = await self._api.get(
                f"/{ig_user_id}/insights",
                {
                    "metric": ",".join(ACCOUNT_METRICS),
                    "period": "day",
                    "metric_type": "total_value",
                    "since": str(int(since.timestamp())),
                    "until": str(int(day_end.timestamp())),
                },
            )
        except GraphError as error:
            raise as_publish_error(error) from None
        values: Values = dict.fromkeys(ACCOUNT_METRICS)
        for entry in items(body):
            total = entry.get("total_value")
            if entry.get("name") in values and isinstance(total, dict):
                values[str(entry["name"])] = _number(total.get("value"))
        values[FOLLOWERS] = _number(user.get("followers_count"))
        return values

    async def _ask(self, media_id: str, metrics: Sequence[str]) -> Values:
        if not metrics:
            return {}
        body = await self._api.get(f"/{media_id}/insights", {"metric": ",".join(metrics)})
        return _values(body, metrics)

    async def _one_by_one(self, media_id: str, metrics: Iterable[str], *, story: bool) -> Values:
        """Each metric on its own; the ones Meta refuses are dropped from now on."""

        async def one(metric: str) -> Values:
            try:
                return await self._ask(media_id, [metric])
            except GraphError as error:
                if _gone(error):
                    raise MediaGone(media_id) from None
                if error.code == INVALID_PARAMETER:
                    self.refused.add((story, metric))
                    return {}
                raise as_publish_error(error) from None

        values: Values = {}
        for part in await asyncio.gather(*(one(metric) for metric in metrics)):
            values |= part
        return values


def _values(body: dict[str, Any], metrics: Sequence[str]) -> Values:
    """Each asked metric's value; None for "no data" (an empty list, or a missing entry)."""
    values: Values = dict.fromkeys(metrics)
    for entry in items(body):
        name = entry.get("name")
        readings = entry.get("values")
        if name in values and isinstance(readings, list) and readings:
            last = readings[-1]
            values[str(name)] = _number(last.get("value")) if isinstance(last, dict) else None
    return values


def _number(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _gone(error: GraphError) -> bool:
    return error.code == INVALID_PARAMETER and error.subcode == NO_SUCH_OBJECT
