"""A campaign step's answer: what to say now, and what to run once the turn has committed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.conversation.io import Output
from core.conversation.wizard import Reply

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
