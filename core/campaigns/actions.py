"""Button ids of campaigns and publishing: short, stable, parsed in one place.

`cp:<event>:<verb>[:<arg>]` acts on an event's campaign, `pp:<post>:<verb>` on one post,
`pb:<delivery>:<verb>` on one delivery (retry), `tc:<target>:<verb>` on a target.
"""

from __future__ import annotations

from dataclasses import dataclass

CAMPAIGN, POST, DELIVERY, TARGET = "cp", "pp", "pb", "tc"
PREFIXES = frozenset({CAMPAIGN, POST, DELIVERY, TARGET})


@dataclass(frozen=True)
class Pressed:
    prefix: str
    id: int
    verb: str
    arg: str | None = None


def campaign(event_id: int, verb: str, arg: str | None = None) -> str:
    return _join(CAMPAIGN, event_id, verb, arg)


def post(post_id: int, verb: str) -> str:
    return _join(POST, post_id, verb, None)


def delivery(delivery_id: int, verb: str) -> str:
    return _join(DELIVERY, delivery_id, verb, None)


def target(target_id: int, verb: str) -> str:
    return _join(TARGET, target_id, verb, None)


def parse(action_id: str) -> Pressed | None:
    parts = action_id.split(":", 3)
    if len(parts) < 3 or parts[0] not in PREFIXES or not parts[1].isdigit():
        return None
    return Pressed(parts[0], int(parts[1]), parts[2], parts[3] if len(parts) == 4 else None)


def _join(prefix: str, number: int, verb: str, arg: str | None) -> str:
    return f"{prefix}:{number}:{verb}" + (f":{arg}" if arg is not None else "")
