"""Reading Meta's call-rate usage headers, to stop before Instagram starts refusing calls.

`X-Business-Use-Case-Usage` (or `X-App-Usage`) reports percentages of the allowance;
at 100 the app is throttled, and `estimated_time_to_regain_access` says for how many
minutes. Either header may be absent or malformed: then we know nothing and go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

BUSINESS_USE_CASE_HEADER = "X-Business-Use-Case-Usage"
APP_USAGE_HEADER = "X-App-Usage"
# Meta gives no regain time when only the percentage hits 100; waiting a few minutes
# and asking again costs one call.
DEFAULT_THROTTLE_WAIT = 300.0
_PERCENT_FIELDS = ("call_count", "total_cputime", "total_time")


def throttle_wait(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait before the next call if the headers say we are throttled, else None."""
    percent, regain_minutes = 0.0, 0.0
    for entry in _entries(headers):
        for name in _PERCENT_FIELDS:
            percent = max(percent, _number(entry.get(name)))
        regain_minutes = max(regain_minutes, _number(entry.get("estimated_time_to_regain_access")))
    if regain_minutes > 0:
        return regain_minutes * 60
    if percent >= 100:
        return DEFAULT_THROTTLE_WAIT
    return None


def _entries(headers: Mapping[str, str]) -> Iterator[Mapping[str, Any]]:
    business = _json(headers.get(BUSINESS_USE_CASE_HEADER))
    if isinstance(business, dict):
        for per_id in business.values():
            if isinstance(per_id, list):
                yield from (entry for entry in per_id if isinstance(entry, dict))
    app = _json(headers.get(APP_USAGE_HEADER))
    if isinstance(app, dict):
        yield app


def _json(raw: str | None) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)
