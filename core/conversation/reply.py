"""What a step of any flow answers: what to say now, and what to run once the turn commits."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from core.conversation.messages import Output


@dataclass
class Reply:
    """What a flow says, and whether a preview should follow once the turn commits."""

    outputs: list[Output] = field(default_factory=list)
    render_event_id: int | None = None
    show_event_id: int | None = None
    look: dict[str, str] = field(default_factory=dict)


Later = Callable[[], Awaitable[list[Output]]]


@dataclass
class Step:
    reply: Reply
    later: Later | None = None


def both(first: Later | None, second: Later | None) -> Later | None:
    """Run `first` then `second`, keeping what each says."""
    if first is None or second is None:
        return first or second

    async def run() -> list[Output]:
        return [*await first(), *await second()]

    return run
