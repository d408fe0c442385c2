"""Every kind of button id, declared once: its prefix, what it is for, who may press it.

A button id is a short, stable string (`rv:42:approve`) so a button keeps working after a
restart: frontends send it as the platform's callback data and hand it back untouched.
Its first segment names the kind; everything after the first `:` belongs to the kind.
An id only one person may press carries that person's platform user id in its first
segment (`nv@1234:cancel`); core refuses a press by anyone else, so no frontend has to
know who asked what.

Builders and parsers of each kind live next to the flow that answers it, but they take
their prefix from here, and nothing outside core reads an id's text.
"""

from __future__ import annotations

from dataclasses import dataclass

OWNER_MARK = "@"


@dataclass(frozen=True)
class ButtonKind:
    """One prefix. `spent`: once pressed, the message it sits on has done its job (unless
    the answer shows something new on that very message), so frontends take its buttons
    away. `owner_only`: ids of this kind carry their owner and refuse anyone else."""

    prefix: str
    what: str
    spent: bool = False
    owner_only: bool = False

    def id(self, *parts: str | int, owner: str | None = None) -> str:
        """`<prefix>[@<owner>]:<part>:<part>…`."""
        if self.owner_only and not owner:
            raise ValueError(f"{self.prefix} buttons need an owner")
        head = f"{self.prefix}{OWNER_MARK}{owner}" if owner else self.prefix
        return ":".join((head, *(str(part) for part in parts)))


WIZARD = ButtonKind(
    "nv", "the presser's own /newevent question: nv:<verb>[:<arg>]", spent=True, owner_only=True
)
REVIEW = ButtonKind("rv", "an event's preview and its pickers: rv:<event>:<verb>[:<arg>]", True)
CAMPAIGN = ButtonKind("cp", "an approved event's campaign: cp:<event>:<verb>[:<arg>]")
POST = ButtonKind("pp", "one planned post: pp:<post>:<verb>")
DELIVERY = ButtonKind("pb", "one delivery of a post to a target (retry): pb:<delivery>:<verb>")
TARGET = ButtonKind("tc", "a connected target: tc:<target>:<verb>")
SETTINGS = ButtonKind("st", "the chat's /settings: st:<setting>[:<value>]")
EVENT = ButtonKind("ev", "open an event's preview from /events: ev:<event>")
DELETION = ButtonKind("dd", "/deletemydata's answer: dd:<verb>:<user>", spent=True)
GO = ButtonKind("go", "run a command, e.g. ➕ New event: go:<command>")
RSVP = ButtonKind("rsvp", "an audience's answer under a channel post: rsvp:<event>:<answer>")

KINDS: tuple[ButtonKind, ...] = (
    WIZARD,
    REVIEW,
    CAMPAIGN,
    POST,
    DELIVERY,
    TARGET,
    SETTINGS,
    EVENT,
    DELETION,
    GO,
    RSVP,
)
_BY_PREFIX = {kind.prefix: kind for kind in KINDS}


@dataclass(frozen=True)
class ButtonId:
    """An id taken apart: its kind, its owner (if it has one) and the segments after it."""

    kind: ButtonKind
    owner: str | None
    parts: tuple[str, ...]


def parse(action_id: str) -> ButtonId | None:
    """The id's kind, owner and segments; None for an id of no declared kind."""
    head, *parts = action_id.split(":")
    prefix, marked, owner = head.partition(OWNER_MARK)
    kind = _BY_PREFIX.get(prefix)
    if kind is None:
        return None
    return ButtonId(kind, owner if marked and owner else None, tuple(parts))


def kind_of(action_id: str) -> ButtonKind | None:
    parsed = parse(action_id)
    return parsed.kind if parsed is not None else None


def owner_of(action_id: str) -> str | None:
    """Who alone may press this button, if anyone in particular."""
    parsed = parse(action_id)
    return parsed.owner if parsed is not None else None


def is_spent_by_press(action_id: str) -> bool:
    kind = kind_of(action_id)
    return kind is not None and kind.spent


def rest(action_id: str, kind: ButtonKind) -> str | None:
    """Everything after the first segment of an id of `kind` (its owner left out), or None
    for an id of another kind."""
    parsed = parse(action_id)
    if parsed is None or parsed.kind is not kind:
        return None
    return ":".join(parsed.parts)


@dataclass(frozen=True)
class Pressed:
    """A numbered id taken apart: `<prefix>:<number>:<verb>[:<arg>]`."""

    prefix: str
    id: int
    verb: str
    arg: str | None = None


def numbered(kind: ButtonKind, number: int, verb: str, arg: str | int | None = None) -> str:
    return kind.id(number, verb) if arg is None else kind.id(number, verb, arg)


def parse_numbered(action_id: str, *kinds: ButtonKind) -> Pressed | None:
    """A numbered id of one of `kinds`; its last segment keeps any further `:`."""
    tail = None
    for kind in kinds:
        tail = rest(action_id, kind)
        if tail is not None:
            break
    else:
        return None
    parts = tail.split(":", 2)
    if len(parts) < 2 or not parts[0].isdigit():
        return None
    return Pressed(kind.prefix, int(parts[0]), parts[1], parts[2] if len(parts) == 3 else None)


def target(target_id: int, verb: str) -> str:
    """A connected target's button (/connect lists them with a remove button each)."""
    return numbered(TARGET, target_id, verb)
