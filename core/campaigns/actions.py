"""Button ids of campaigns and publishing (prefixes: core.buttons), parsed in one place.

`cp:<event>:<verb>[:<arg>]` acts on an event's campaign, `pp:<post>:<verb>` on one post,
`pb:<delivery>:<verb>` on one delivery (retry), `tc:<target>:<verb>` on a target (its
builder is core.buttons.target, so core.targets needs nothing from here).
"""

from __future__ import annotations

from core import buttons
from core.buttons import Pressed

__all__ = [
    "CAMPAIGN",
    "DELIVERY",
    "POST",
    "TARGET",
    "Pressed",
    "campaign",
    "delivery",
    "parse",
    "post",
]

_KINDS = (buttons.CAMPAIGN, buttons.POST, buttons.DELIVERY, buttons.TARGET)
CAMPAIGN, POST, DELIVERY, TARGET = (kind.prefix for kind in _KINDS)


def campaign(event_id: int, verb: str, arg: str | None = None) -> str:
    return buttons.numbered(buttons.CAMPAIGN, event_id, verb, arg)


def post(post_id: int, verb: str) -> str:
    return buttons.numbered(buttons.POST, post_id, verb)


def delivery(delivery_id: int, verb: str) -> str:
    return buttons.numbered(buttons.DELIVERY, delivery_id, verb)


def parse(action_id: str) -> Pressed | None:
    return buttons.parse_numbered(action_id, *_KINDS)
