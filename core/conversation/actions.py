"""Button ids of the /newevent wizard and of an event's review (prefixes: core.buttons).

`nv@<owner>:<verb>[:<arg>]` drives the owner's own wizard, and only the owner may press
it; `rv:<event>:<verb>[:<arg>]` acts on an event's review, whoever presses it
(permissions are checked by the review flow).
"""

from __future__ import annotations

from dataclasses import dataclass

from core import buttons
from core.buttons import REVIEW, WIZARD


def wizard(owner: str, verb: str, arg: str | None = None) -> str:
    return WIZARD.id(verb, owner=owner) if arg is None else WIZARD.id(verb, arg, owner=owner)


def review(event_id: int, verb: str, arg: str | int | None = None) -> str:
    return buttons.numbered(REVIEW, event_id, verb, arg)


def is_review(action_id: str) -> bool:
    return buttons.kind_of(action_id) is REVIEW


@dataclass(frozen=True)
class ReviewAction:
    event_id: int
    verb: str
    arg: str | None


def parse_review(action_id: str) -> ReviewAction | None:
    pressed = buttons.parse_numbered(action_id, REVIEW)
    if pressed is None:
        return None
    return ReviewAction(pressed.id, pressed.verb, pressed.arg)


def parse_wizard(action_id: str) -> tuple[str, str | None] | None:
    """(verb, arg) of a wizard id, with or without its owner."""
    tail = buttons.rest(action_id, WIZARD)
    if not tail:
        return None
    verb, separator, arg = tail.partition(":")
    return verb, (arg if separator else None)
