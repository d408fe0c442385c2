"""Finding the post that went live when `media_publish`'s answer was lost.

Instagram does not link a media back to its container, so the post is recognised in the
account's recent media by what we know of it: posted after we asked, of the right type,
with our caption. The first item of the list is never taken on trust: the organiser may
have posted by hand in the meantime.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

# Meta's clock and ours may disagree by a little.
CLOCK_SKEW = timedelta(minutes=2)
_TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def parse_timestamp(text: str) -> datetime | None:
    """Instagram writes `2026-12-20T13:00:00+0000`."""
    try:
        return datetime.strptime(text, _TIMESTAMP_FORMAT)
    except (TypeError, ValueError):
        return None


def pick_published(
    items: Iterable[Mapping[str, Any]],
    *,
    since: datetime,
    media_type: str,
    caption: str | None,
) -> str | None:
    """The id of our post among `items`, or None. `caption=None` skips the caption test (stories).

    Of several matches the earliest after `since` wins: it is the one our request made.
    """
    wanted = _normal(caption) if caption is not None else None
    matches: list[tuple[datetime, str]] = []
    for item in items:
        posted_at = parse_timestamp(str(item.get("timestamp", "")))
        if posted_at is None or posted_at < since - CLOCK_SKEW:
            continue
        if item.get("media_type") != media_type:
            continue
        if wanted is not None and _normal(str(item.get("caption") or "")) != wanted:
            continue
        matches.append((posted_at, str(item["id"])))
    return min(matches)[1] if matches else None


def _normal(caption: str) -> str:
    """Instagram may rewrite line endings and trailing spaces; the words stay."""
    return " ".join(caption.split())
