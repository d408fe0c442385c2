"""Button ids: short, stable strings that survive restarts (never pickled objects).

`nv:<verb>[:<arg>]` drives the sender's own wizard; `rv:<event>:<verb>[:<arg>]` acts on
an event's review, whoever presses it (permissions are checked by the review flow).
"""

from __future__ import annotations

from dataclasses import dataclass

WIZARD_PREFIX = "nv"
REVIEW_PREFIX = "rv"


def wizard(verb: str, arg: str | None = None) -> str:
    return f"{WIZARD_PREFIX}:{verb}" + (f":{arg}" if arg is not None else "")


def review(event_id: int, verb: str, arg: str | int | None = None) -> str:
    return f"{REVIEW_PREFIX}:{event_id}:{verb}" + (f":{arg}" if arg is not None else "")


@dataclass(frozen=True)
class ReviewAction:
    event_id: int
    verb: str
    arg: str | None


def parse_review(action_id: str) -> ReviewAction | None:
    parts = action_id.split(":", 3)
    if len(parts) < 3 or parts[0] != REVIEW_PREFIX or not parts[1].isdigit():
        return None
    return ReviewAction(int(parts[1]), parts[2], parts[3] if len(parts) == 4 else None)


def parse_wizard(action_id: str) -> tuple[str, str | None] | None:
    parts = action_id.split(":", 2)
    if len(parts) < 2 or parts[0] != WIZARD_PREFIX:
        return None
    return parts[1], parts[2] if len(parts) == 3 else None
